from streamlit.testing.v1 import AppTest


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def test_home_says_what_is_loaded_and_marks_demo_data(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "Veiligheidsdialoog"
    text = _text(app)
    assert "fictieve demodata" in text
    assert "Bron: CBS" in text
    assert "Bergen op Zoom" in text
    assert "Woensdrecht" in text
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Edities catalogus"] == "2020, 2022"
    assert metrics["Jaren met cijfers"] == "2015–2022"
    assert metrics["Actieve indicatoren"] == "64"


def test_catalogue_page_filters_and_shows_details(app: AppTest) -> None:
    app.run()
    app.switch_page("app_pages/catalogue.py").run()
    assert not app.exception
    assert app.title[0].value == "Indicatoren"
    table = app.dataframe[0].value
    assert len(table) == 64
    app.text_input(key="catalogue_search").input("Halt").run()
    codes = list(app.dataframe[0].value["code"])
    assert codes == ["ZV-P01", "ZV-I01"]
    app.selectbox(key="catalogue_detail").select("ZV-I01").run()
    assert any("Halt-verwijzingen" in m.value for m in app.markdown)
    assert "per 1.000 jongeren van 12 t/m 17 jaar" in app.table[0].value.to_string()


def test_catalogue_page_shows_dropped_indicators_with_reason(app: AppTest) -> None:
    app.run()
    app.switch_page("app_pages/catalogue.py").run()
    app.selectbox(key="catalogue_status").select("vervallen").run()
    table = app.dataframe[0].value
    assert "Vaccinatiegraad bij kinderen" in set(table["name"])
    app.selectbox(key="catalogue_detail").select("ZV-P90").run()
    assert "flankerend beleidsterrein" in app.table[0].value.to_string()
