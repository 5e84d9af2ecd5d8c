from sqlmodel import Session

from indicators.areas import DEFAULT_DISTRICT
from indicators.detail import NOT_DELIVERED, comparison, expected_years, indicator_breakdown, indicator_trend


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
