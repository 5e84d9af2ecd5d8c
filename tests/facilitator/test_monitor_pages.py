"""Monitor, indicator and coverage pages, run with AppTest against the demo database."""

import pytest
from streamlit.testing.v1 import AppTest


def _open(app: AppTest, page: str, **params: str) -> AppTest:
    app.run()
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def _markdown(app: AppTest) -> str:
    return "\n".join(str(m.value) for m in app.markdown)


@pytest.mark.parametrize("theme", ["GCC", "ZV", "VB", "RO", "AV"])
def test_every_theme_page_renders_the_four_chain_steps(app: AppTest, theme: str) -> None:
    _open(app, "app_pages/monitor.py", thema=theme)
    assert [h.value for h in app.subheader][:4] == ["Preventie", "Signalen", "Interventies", "Effect"]
    assert app.segmented_control(key="thema").value == theme
    assert len(app.metric) >= 3
    assert any("fictieve demodata" in str(w.value) for w in app.warning)


def test_state_comes_from_the_url_and_goes_back_into_it(app: AppTest) -> None:
    _open(app, "app_pages/monitor.py", thema="AV", gebied="GM0748", per10k="1")
    assert app.selectbox(key="gebied").value == "GM0748"
    assert app.toggle(key="per10k").value is True
    values = [m.value for m in app.metric]
    assert "459,5" in values  # 3,120 crimes in 2022 per 10,000 of 67,894 inhabitants (Bron: CBS)
    app.toggle(key="per10k").set_value(False).run()
    assert "3.120" in [m.value for m in app.metric]
    assert "per10k" not in app.query_params
    app.selectbox(key="gebied").select("GM0716").run()
    assert app.query_params["gebied"] in ("GM0716", ["GM0716"])


def test_notables_list_and_rule_explained(app: AppTest) -> None:
    _open(app, "app_pages/monitor.py", thema="VB", gebied="GM0748")
    assert "Opvallendheden" in [h.value for h in app.subheader]
    assert any("opvallend" in str(e.label).lower() for e in app.expander)
    notables = next(d for d in app.dataframe if "Bron" in d.value.columns).value
    assert not notables.empty
    assert set(notables["Bron"]) == {"fictieve demodata"}  # every notable figure carries its mark


def test_indicator_page_compares_2015_with_population(app: AppTest) -> None:
    _open(app, "app_pages/indicator.py", indicator="AV-C01", gebied="GM0748", per10k="1")
    assert app.title[0].value == "Geregistreerde misdrijven, totaal"
    app.select_slider(key="comparison_year").set_value(2015).run()
    table = app.table[0].value
    assert table.loc["Bergen op Zoom", "Waarde"] == "623,5"
    assert table.loc["Bergen op Zoom", "Aantal"] == "4.135"
    assert table.loc["Bergen op Zoom", "Inwoners"] == "66.320"
    assert table.loc["Bergen op Zoom", "Bron"] == "Bron: CBS"
    assert any("Ontbrekende jaren" in str(e.label) for e in app.expander)


def test_indicator_page_with_breakdown(app: AppTest) -> None:
    _open(app, "app_pages/indicator.py", indicator="VB-S03", gebied="GM1674")
    assert "Uitsplitsing – Roosendaal" in [h.value for h in app.subheader]


def test_coverage_page_highlights_gaps_and_overlap(app: AppTest) -> None:
    _open(app, "app_pages/coverage.py")
    assert "Digitale veiligheid – Preventie" in _markdown(app)
    overlap = app.dataframe[1].value
    assert overlap["Indicator A"].str.startswith("ZV-S05").any()
