"""Import and deliveries pages (AppTest) on a private copy of the demo database."""

from streamlit.testing.v1 import AppTest

from .apptest import show_page

BAD = b"indicator;gemeente;jaar;uitsplitsing;waarde\nVB-S03;GM0748;2021;;310\nVB-S03;Atlantis;2021;;5\n"
GOOD = b"indicator;gemeente;jaar;uitsplitsing;waarde\nVB-S03;GM0748;2021;;310\nVB-S03;GM0716;2021;;48\n"


def test_bad_file_shows_every_problem_and_no_import_button(writable_app: AppTest) -> None:
    app = show_page(writable_app, "app_pages/data_import.py")
    app.file_uploader(key="import_file").upload("levering.csv", BAD, "text/csv").run()
    assert not app.exception
    assert "afgewezen" in app.error[0].value
    problems = app.dataframe[0].value
    assert list(problems["rij"]) == [3]
    assert "onbekende gemeente 'Atlantis'" in problems["probleem"].iloc[0]
    assert not [b for b in app.button if b.key == "import_commit"]


def test_good_file_is_previewed_then_imported_then_rolled_back(writable_app: AppTest) -> None:
    app = show_page(writable_app, "app_pages/data_import.py")
    app.file_uploader(key="import_file").upload("politie.csv", GOOD, "text/csv").run()
    assert {m.label: m.value for m in app.metric}["Nieuw"] == "2"
    app.button(key="import_commit").click().run()
    assert "Opgeslagen als levering" in app.success[0].value
    app = show_page(app, "app_pages/deliveries.py")
    deliveries = app.dataframe[0].value
    newest = deliveries.iloc[0]
    assert (newest["bestand"], newest["leverancier"], newest["status"]) == ("politie.csv", "Politie", "actief")
    app.selectbox(key="rollback_id").select(int(newest["id"])).run()
    app.button(key="rollback_button").click().run()
    assert "teruggedraaid" in app.success[0].value
    assert app.dataframe[0].value.iloc[0]["status"].startswith("teruggedraaid")


def test_deliveries_page_offers_templates_per_supplier(writable_app: AppTest) -> None:
    app = show_page(writable_app, "app_pages/deliveries.py")
    app.selectbox(key="template_supplier").select("Halt").run()
    assert any(str(c.value).startswith("64 regels") for c in app.caption)  # (7 + 1 breakdowns) x 8 municipalities
    assert not app.exception
