"""Demo values: plausible, clearly fictitious, never mixed into a series with real values."""

import pandas as pd
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from indicators.areas import DEFAULT_DISTRICT
from indicators.catalogue import catalogue_frame
from indicators.demo import DEMO_YEARS, SURVEY_YEARS, build_demo_values
from indicators.models import Delivery
from indicators.observations import observations_frame
from indicators.population import population_frame
from indicators.provenance import DEMO_LABEL

MARKIEZATEN = {"GM0748", "GM1674", "GM0873", "GM0851", "GM1655", "GM1709", "GM0840", "GM0716"}


def test_every_active_indicator_has_demo_values(demo_db: Session) -> None:
    active = catalogue_frame(db=demo_db, status="actief")
    values = observations_frame(db=demo_db)
    demo = values[values["is_demo"]]
    with_demo = set(demo["indicator_code"])
    expected = set(active["code"]) - {"AV-C01", "AV-C02"}  # real crime series; population lives in its own table
    assert expected <= with_demo
    municipal = demo[demo["area_code"].str.startswith("GM")]
    assert set(municipal["area_code"]) == MARKIEZATEN
    assert set(demo["year"]) <= set(DEMO_YEARS)
    assert set(demo["source"]) == {f"Veiligheidsdialoog – {DEMO_LABEL}"}


def test_real_series_is_not_filled_with_invented_values(demo_db: Session) -> None:
    crime = observations_frame(db=demo_db, indicator_codes=["AV-C01"], area_codes=sorted(MARKIEZATEN))
    assert not crime["is_demo"].any()
    assert set(crime["year"]) == {2015, 2022}  # 2016-2020 stay missing, never invented


def test_two_yearly_survey_indicators_only_in_survey_years(demo_db: Session) -> None:
    values = observations_frame(db=demo_db, indicator_codes=["AV-E01", "VB-E02"])
    assert set(values["year"]) <= SURVEY_YEARS


def test_values_are_plausible(demo_db: Session) -> None:
    values = observations_frame(db=demo_db, area_codes=sorted(MARKIEZATEN))
    demo = values[values["is_demo"] & values["value"].notna()]
    kinds = catalogue_frame(db=demo_db).set_index("code")["kind"]
    demo = demo.assign(kind=demo["indicator_code"].map(kinds))
    assert (demo["value"] >= 0).all()
    assert (demo.loc[demo["kind"] == "percentage", "value"] <= 100).all()
    marks = demo.loc[demo["kind"] == "rapportcijfer", "value"]
    assert marks.between(1, 10).all()
    counts = demo[(demo["kind"] == "aantal") & (demo["breakdown"] == "totaal")]
    assert (counts["value"] == counts["value"].round()).all()


def test_breakdowns_of_counts_add_up_to_the_total(demo_db: Session) -> None:
    values = observations_frame(db=demo_db, indicator_codes=["VB-S03"], area_codes=["GM0748"])
    totals = values[values["breakdown"] == "totaal"].set_index("year")["value"]
    parts = values[values["breakdown"] != "totaal"].groupby("year")["value"].sum()
    pd.testing.assert_series_equal(totals, parts, check_names=False)


def test_qualitative_indicator_has_marked_text(demo_db: Session) -> None:
    """GCC-I01 (qualitative, one example per municipality) gets a described action per municipality and year."""
    values = observations_frame(db=demo_db, indicator_codes=["GCC-I01"])
    expected = {(area, year) for area in MARKIEZATEN for year in DEMO_YEARS}
    assert len(values) == len(expected)
    assert set(zip(values["area_code"], values["year"], strict=True)) == expected
    assert values["value"].isna().all()
    assert values["is_demo"].all()
    texts = values["text_value"]
    assert texts.str.endswith(f" ({DEMO_LABEL})").all()
    assert (texts.str.len() > len(DEMO_LABEL) + 10).all()  # an example of an action, not only the label


def test_demo_population_fills_years_between_real_ones_and_says_so(demo_db: Session) -> None:
    population = population_frame(db=demo_db, area_codes=["GM0748"])
    totals = population[population["population_group"] == "totaal"].set_index("year")
    assert not totals.loc[2015, "is_demo"]
    assert totals.loc[2015, "population"] == 66320
    assert totals.loc[2018, "is_demo"]
    assert DEMO_LABEL in totals.loc[2018, "source"]
    assert 66320 < totals.loc[2018, "population"] < 67894
    youth = population[population["population_group"] == "jeugd_12_25"]
    assert youth["is_demo"].all()


def test_rebuilding_is_deterministic_and_replaces_old_demo_values(writable_demo: Engine) -> None:
    with Session(writable_demo) as db:
        built = observations_frame(db=db)  # as the demo build left them
        first = build_demo_values(db=db, district_code=DEFAULT_DISTRICT)
        values_first = observations_frame(db=db)
        second = build_demo_values(db=db, district_code=DEFAULT_DISTRICT)
        values_second = observations_frame(db=db)
        assert first == second
        pd.testing.assert_frame_equal(values_first, values_second)
        pd.testing.assert_frame_equal(built, values_first)
        assert len(db.exec(select(Delivery).where(Delivery.is_demo)).all()) == 1
