"""District series: aggregation, per-capita normalisation and the choice between sources."""

import pandas as pd
import pytest
from sqlmodel import Session

from core.access import SYSTEM
from indicators.observations import ObservationRow as Row
from indicators.population import PopulationRow, store_population
from indicators.series import competing_sources, district_series, national_series
from indicators.source_choice import set_preferred_source
from indicators.vocabulary import NATIONAL_CODE

from .builders import DISTRICT, two_town_district, values


def _by(frame: pd.DataFrame, area: str, year: int, breakdown: str = "totaal") -> pd.Series:
    row = frame[(frame["area_code"] == area) & (frame["year"] == year) & (frame["breakdown"] == breakdown)]
    assert len(row) == 1, row
    return row.iloc[0]


def test_counts_are_summed_and_normalised_on_same_year_population(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("VB-S03", "GM0748", 2020, 310.0), Row("VB-S03", "GM0716", 2020, 50.0)])
    series = district_series(db=db, indicator_codes=["VB-S03"], district_code=DISTRICT)
    assert _by(series, "GM0748", 2020)["per_capita"] == pytest.approx(310 / 62_000 * 10_000)
    district = _by(series, DISTRICT, 2020)
    assert district["value"] == 360
    assert district["per_capita"] == pytest.approx(360 / 82_000 * 10_000)
    assert district["is_district"]


def test_youth_indicator_uses_youth_population_per_1000(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("ZV-I01", "GM0748", 2020, 40.0), Row("ZV-I01", "GM0716", 2020, 10.0)])
    series = district_series(db=db, indicator_codes=["ZV-I01"], district_code=DISTRICT)
    assert _by(series, "GM0748", 2020)["per_capita"] == pytest.approx(10.0)  # 40 per 4,000 youths = 10 per 1,000
    assert _by(series, DISTRICT, 2020)["per_capita"] == pytest.approx(10.0)


def test_percentages_are_population_weighted_and_never_normalised(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("AV-E02", "GM0748", 2019, 30.0), Row("AV-E02", "GM0716", 2019, 50.0)])
    series = district_series(db=db, indicator_codes=["AV-E02"], district_code=DISTRICT)
    assert _by(series, DISTRICT, 2019)["value"] == pytest.approx((30 * 60_000 + 50 * 20_000) / 80_000)
    assert series["per_capita"].isna().all()


def test_incomplete_year_has_no_district_aggregate(db: Session) -> None:
    two_town_district(db)
    values(
        db,
        [
            Row("VB-S03", "GM0748", 2019, 300.0),
            Row("VB-S03", "GM0748", 2020, 310.0),
            Row("VB-S03", "GM0716", 2020, 50.0),
        ],
    )
    series = district_series(db=db, indicator_codes=["VB-S03"], district_code=DISTRICT)
    district_years = set(series[series["is_district"]]["year"])
    assert district_years == {2020}


def test_missing_population_gives_no_per_capita_value(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("VB-S03", "GM0748", 2018, 300.0)])
    series = district_series(db=db, indicator_codes=["VB-S03"], district_code=DISTRICT)
    row = _by(series, "GM0748", 2018)
    assert row["value"] == 300
    assert row["per_capita"] != row["per_capita"]  # NaN, not 0


def test_real_value_is_preferred_over_demo_value(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("VB-S03", "GM0748", 2020, 999.0)], source="demo", demo=True)
    values(db, [Row("VB-S03", "GM0748", 2020, 310.0)], source="Politie echt")
    series = district_series(db=db, indicator_codes=["VB-S03"], district_code=DISTRICT)
    row = _by(series, "GM0748", 2020)
    assert (row["value"], row["source"], row["is_demo"]) == (310, "Politie echt", False)


def test_stored_district_value_and_breakdowns(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("ZV-I03", DISTRICT, 2020, 500.0), Row("ZV-I03", DISTRICT, 2020, 120.0, breakdown="politie")])
    series = district_series(db=db, indicator_codes=["ZV-I03"], district_code=DISTRICT, breakdown=None)
    assert _by(series, DISTRICT, 2020)["value"] == 500
    assert _by(series, DISTRICT, 2020, "politie")["value"] == 120


def test_population_indicator_comes_from_population_table(db: Session) -> None:
    two_town_district(db)
    series = district_series(db=db, indicator_codes=["AV-C02"], district_code=DISTRICT)
    assert _by(series, "GM0748", 2020)["value"] == 62_000
    assert _by(series, DISTRICT, 2020)["value"] == 82_000


def test_population_series_shows_no_interpolated_years_next_to_real_ones(demo_db: Session) -> None:
    from indicators.areas import DEFAULT_DISTRICT

    series = district_series(db=demo_db, indicator_codes=["AV-C02"], district_code=DEFAULT_DISTRICT)
    bergen = series[series["area_code"] == "GM0748"]
    assert set(bergen["year"]) == {2015, 2022}
    assert not bergen["is_demo"].any()


def test_real_values_push_demo_values_out_of_the_whole_series(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("VB-S03", "GM0748", 2018, 280.0), Row("VB-S03", "GM0748", 2019, 290.0)], source="demo", demo=True)
    values(db, [Row("VB-S03", "GM0748", 2020, 310.0)], source="Politie echt")
    series = district_series(db=db, indicator_codes=["VB-S03"], district_code=DISTRICT)
    bergen = series[series["area_code"] == "GM0748"]
    assert list(bergen["year"]) == [2020]
    assert not bergen["is_demo"].any()


def test_indicator_without_any_value_gives_an_empty_series(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("VB-S03", "GM0748", 2020, 310.0)])
    assert district_series(db=db, indicator_codes=["VB-S04"], district_code=DISTRICT).empty


def test_the_newest_delivery_gives_the_line_and_other_sources_only_fill_its_gaps(db: Session) -> None:
    """CBS rounds to fives, Politie does not (Bergen op Zoom 2022: CBS 3120, Politie 3109): after importing
    Politie 2022-2024 the monitor shows Politie's 2022, not CBS's because 'CBS' sorts first."""
    two_town_district(db)
    cbs = "CBS StatLine 83648NED Geregistreerde criminaliteit"
    politie = "Politie open data, geregistreerde misdrijven"
    values(db, [Row("AV-C01", "GM0748", 2015, 4135.0), Row("AV-C01", "GM0748", 2022, 3120.0)], source=cbs)
    values(db, [Row("AV-C01", "GM0748", year, v) for year, v in ((2022, 3109.0), (2023, 3050.0))], source=politie)
    series = district_series(db=db, indicator_codes=["AV-C01"], district_code=DISTRICT)
    line = {int(r.year): (r.value, r.source) for r in series[series["area_code"] == "GM0748"].itertuples()}
    assert line == {2015: (4135, cbs), 2022: (3109, politie), 2023: (3050, politie)}


def test_competing_sources_show_both_values_and_which_one_is_shown(db: Session) -> None:
    two_town_district(db)
    cbs, politie = "CBS test", "Politie test"
    values(db, [Row("AV-C01", "GM0748", 2022, 3120.0), Row("AV-C01", "GM0716", 2022, 630.0)], source=cbs)
    values(db, [Row("AV-C01", "GM0748", 2022, 3109.0)], source=politie)
    competing = competing_sources(db=db, code="AV-C01", district_code=DISTRICT)
    assert competing.to_dict("records") == [
        {
            "area_name": "Bergen op Zoom",
            "year": 2022,
            "shown_source": politie,
            "shown_value": 3109.0,
            "other_source": cbs,
            "other_value": 3120.0,
            "difference": -11.0,
        }
    ]


def test_the_preferred_source_gives_the_line_whatever_was_imported_last(db: Session) -> None:
    two_town_district(db)
    cbs = "CBS StatLine 83648NED Geregistreerde criminaliteit"
    politie = "Politie open data, geregistreerde misdrijven"
    values(db, [Row("AV-C01", "GM0748", 2015, 4135.0), Row("AV-C01", "GM0748", 2022, 3120.0)], source=cbs)
    values(db, [Row("AV-C01", "GM0748", year, v) for year, v in ((2022, 3109.0), (2023, 3050.0))], source=politie)
    set_preferred_source(db=db, actor=SYSTEM, code="AV-C01", source=cbs)
    series = district_series(db=db, indicator_codes=["AV-C01"], district_code=DISTRICT)
    line = {int(r.year): (r.value, r.source) for r in series[series["area_code"] == "GM0748"].itertuples()}
    assert line == {2015: (4135, cbs), 2022: (3120, cbs), 2023: (3050, politie)}  # Politie fills CBS's gap only
    shown = competing_sources(db=db, code="AV-C01", district_code=DISTRICT).iloc[0]
    assert (shown["shown_source"], shown["other_source"]) == (cbs, politie)


def test_nederland_is_kept_apart_from_the_district_with_its_own_population(db: Session) -> None:
    two_town_district(db)
    store_population(db=db, rows=[PopulationRow(NATIONAL_CODE, 2020, "totaal", 17_400_000)], source="CBS test")
    values(
        db,
        [
            Row("VB-S03", "GM0748", 2020, 310.0),
            Row("VB-S03", "GM0716", 2020, 50.0),
            Row("VB-S03", NATIONAL_CODE, 2020, 69600.0),
        ],
    )
    district = district_series(db=db, indicator_codes=["VB-S03"], district_code=DISTRICT)
    assert NATIONAL_CODE not in set(district["area_code"])
    assert _by(district, DISTRICT, 2020)["value"] == 360  # Nederland is not added to the district
    national = national_series(db=db, indicator_codes=["VB-S03"])
    assert national[["year", "value"]].to_dict("records") == [{"year": 2020, "value": 69_600.0}]
    assert national.iloc[0]["per_capita"] == pytest.approx(40.0)  # 69,600 per 17.4 million = 40 per 10,000
