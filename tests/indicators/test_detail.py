import pytest
from sqlalchemy import update
from sqlmodel import Session, col

from indicators.areas import DEFAULT_DISTRICT
from indicators.detail import (
    NOT_DELIVERED,
    comparison,
    expected_years,
    indicator_breakdown,
    indicator_trend,
    mixed_source_lines,
    national_reference,
    provisional_years,
)
from indicators.models import Observation
from indicators.observations import ObservationRow as Row
from indicators.population import PopulationRow, store_population
from indicators.vocabulary import NATIONAL_CODE

from .builders import DISTRICT, two_town_district, values


def test_missing_years_are_gaps_with_a_reason(demo_db: Session) -> None:
    trend = indicator_trend(db=demo_db, code="AV-C01", district_code=DEFAULT_DISTRICT)
    bergen = trend[trend["area_code"] == "GM0748"].set_index("year")
    assert list(bergen.index) == list(range(2015, 2023))
    assert bergen.loc[2015, "value"] == 4135
    assert bergen.loc[2018, "value"] != bergen.loc[2018, "value"]  # NaN: a gap, never 0
    assert bergen.loc[2018, "missing_reason"] == NOT_DELIVERED


def test_expected_years_for_two_yearly_survey() -> None:
    assert expected_years([2017, 2021], "tweejaarlijks") == [2017, 2019, 2021]
    assert expected_years([2016, 2018], "jaarlijks") == [2016, 2017, 2018]
    assert expected_years([], "jaarlijks") == []


def test_comparison_sorted_with_district_last(demo_db: Session) -> None:
    trend = indicator_trend(db=demo_db, code="AV-C01", district_code=DEFAULT_DISTRICT, per_capita=True)
    compared = comparison(trend, 2015)
    assert list(compared["area_name"][:2]) == ["Roosendaal", "Bergen op Zoom"]
    assert compared.iloc[-1]["is_district"]
    assert list(compared["value"][:-1]) == sorted(compared["value"][:-1], reverse=True)


def test_breakdown_of_a_municipality_adds_up(demo_db: Session) -> None:
    parts = indicator_breakdown(db=demo_db, code="VB-S03", district_code=DEFAULT_DISTRICT, area_code="GM0748")
    assert set(parts["breakdown"]) == {"woninginbraak", "bedreiging", "mishandeling", "straatroof", "overval"}
    totals = indicator_trend(db=demo_db, code="VB-S03", district_code=DEFAULT_DISTRICT)
    bergen = totals[totals["area_code"] == "GM0748"].set_index("year")["value"]
    assert (parts.groupby("year")["value"].sum() == bergen).all()


def test_a_line_that_mixes_sources_says_which_years_come_from_where(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("AV-C01", "GM0748", 2015, 4135.0)], source="CBS StatLine 83648NED Geregistreerde criminaliteit")
    values(db, [Row("AV-C01", "GM0748", 2022, 3109.0), Row("AV-C01", "GM0716", 2022, 630.0)], source="Politie")
    trend = indicator_trend(db=db, code="AV-C01", district_code=DISTRICT)
    lines = mixed_source_lines(trend)
    assert len(lines) == 1
    assert lines[0].startswith("Bergen op Zoom: 2015 ")
    assert "2022 " in lines[0]


def test_per_capita_gap_names_the_missing_population_where_the_count_was_delivered(db: Session) -> None:
    two_town_district(db)  # population only for 2019 and 2020
    values(db, [Row("VB-S03", "GM0748", 2017, 290.0), Row("VB-S03", "GM0748", 2020, 310.0)])
    trend = indicator_trend(db=db, code="VB-S03", district_code=DISTRICT, per_capita=True)
    bergen = trend[trend["area_code"] == "GM0748"].set_index("year")
    assert bergen.loc[2017, "raw_value"] == 290
    assert bergen.loc[2017, "value"] != bergen.loc[2017, "value"]  # NaN: no population, no per-capita figure
    assert bergen.loc[2017, "missing_reason"] == "aantal geleverd, bevolking 2017 ontbreekt"
    assert bergen.loc[2018, "missing_reason"] == NOT_DELIVERED  # no count either
    assert bergen.loc[2020, "value"] == pytest.approx(310 / 62_000 * 10_000)
    absolute = indicator_trend(db=db, code="VB-S03", district_code=DISTRICT).set_index(["area_code", "year"])
    assert absolute.loc[("GM0748", 2017), "value"] == 290  # the count itself is not missing
    assert absolute.loc[("GM0748", 2018), "missing_reason"] == NOT_DELIVERED


def test_provisional_values_are_named_per_year_and_nederland_is_a_reference_per_year(db: Session) -> None:
    two_town_district(db)
    store_population(db=db, rows=[PopulationRow(NATIONAL_CODE, 2020, "totaal", 17_400_000)], source="CBS test")
    values(db, [Row("VB-S03", "GM0748", 2020, 310.0), Row("VB-S03", NATIONAL_CODE, 2020, 69_600.0)])
    with db.begin_nested():
        db.execute(update(Observation).where(col(Observation.value) == 310.0).values(provisional=True))
    trend = indicator_trend(db=db, code="VB-S03", district_code=DISTRICT, per_capita=True)
    assert provisional_years(trend) == ["2020 (Bergen op Zoom)"]
    reference = national_reference(db=db, code="VB-S03", per_capita=True)
    assert reference[["year", "value"]].to_dict("records") == [{"year": 2020, "value": pytest.approx(40.0)}]
    assert national_reference(db=db, code="VB-S03", per_capita=False).empty  # a national count is no yardstick
