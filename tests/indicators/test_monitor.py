"""The theme overview on the demo database, including the real CBS figures for Bergen op Zoom."""

import math

import pytest
from sqlmodel import Session

from indicators.areas import DEFAULT_DISTRICT
from indicators.catalogue import catalogue_frame
from indicators.detail import indicator_trend
from indicators.monitor import Scope, SkippedYears, theme_overview
from indicators.observations import ObservationRow as Row
from indicators.opendata import find_measure, read_statline_dataset, to_number
from indicators.population import PopulationRow, store_population
from indicators.shipped_open_data import CRIME_2015
from indicators.vocabulary import NATIONAL_CODE, PopulationGroup

from .builders import DISTRICT, two_town_district, values

STEP_ORDER = ["", "preventie", "signalen", "interventies", "effect"]


def test_every_active_indicator_of_the_theme_in_chain_step_order(demo_db: Session) -> None:
    for theme in ["GCC", "ZV", "VB", "RO", "AV"]:
        overview = theme_overview(db=demo_db, theme_code=theme, scope=Scope(DEFAULT_DISTRICT))
        active = catalogue_frame(db=demo_db, status="actief", theme_code=theme)
        assert sorted(overview["code"]) == sorted(active["code"])
        positions = [STEP_ORDER.index(step) for step in overview["chain_step_code"]]
        assert positions == sorted(positions)


def test_bergen_op_zoom_registered_crime_per_10000(demo_db: Session) -> None:
    overview = theme_overview(
        db=demo_db, theme_code="AV", scope=Scope(DEFAULT_DISTRICT, "GM0748", per_capita=True)
    ).set_index("code")
    crime = overview.loc["AV-C01"]
    assert crime["unit"] == "per 10.000 inwoners"
    assert crime["latest_year"] == 2022
    assert crime["latest_value"] == pytest.approx(3120 / 67894 * 10_000)
    assert (crime["previous_year"], round(crime["previous_value"], 1)) == (2015, 623.5)
    assert "67.894" in crime["population_note"]
    assert "Bron: CBS" in crime["population_note"]
    assert crime["attribution"] == "Bron: CBS"
    assert not crime["is_demo"]


def test_absolute_mode_and_non_count_indicators_stay_as_they_are(demo_db: Session) -> None:
    absolute = theme_overview(db=demo_db, theme_code="AV", scope=Scope(DEFAULT_DISTRICT, "GM0748")).set_index("code")
    assert absolute.loc["AV-C01", "latest_value"] == 3120
    normalised = theme_overview(
        db=demo_db, theme_code="AV", scope=Scope(DEFAULT_DISTRICT, "GM0748", per_capita=True)
    ).set_index("code")
    assert normalised.loc["AV-E01", "latest_value"] == absolute.loc["AV-E01", "latest_value"]
    assert not normalised.loc["AV-E01", "per_capita_applied"]


def test_district_level_indicator_is_marked_for_a_municipality(demo_db: Session) -> None:
    overview = theme_overview(db=demo_db, theme_code="ZV", scope=Scope(DEFAULT_DISTRICT, "GM0716"))
    row = overview.set_index("code").loc["ZV-I03"]
    assert row["scope_note"] == "districtscijfer"
    assert row["latest_value"] > 0


def test_demo_monitor_has_notable_changes_with_reasons(demo_db: Session) -> None:
    overview = theme_overview(db=demo_db, theme_code="VB", scope=Scope(DEFAULT_DISTRICT, "GM0748"))
    notable = overview[overview["notable"] != ""]
    assert not notable.empty
    assert (notable["notable_reasons"] != "").all()
    assert set(notable["notable"]) <= {"gunstig", "ongunstig", "opvallend"}


def test_per_10000_matches_cbs_per_1000_for_every_markiezaten_municipality(demo_db: Session) -> None:
    cbs = read_statline_dataset(CRIME_2015)
    cbs = cbs[cbs["SoortMisdrijf"] == "0000000"]
    per_1000 = dict(
        zip(cbs["RegioS"], to_number(cbs[find_measure(cbs, "GeregistreerdeMisdrijvenPer1000Inw")]), strict=True)
    )
    trend = indicator_trend(db=demo_db, code="AV-C01", district_code=DEFAULT_DISTRICT, per_capita=True)
    in_2015 = trend[(trend["year"] == 2015) & ~trend["is_district"]]
    assert len(in_2015) == 8
    for row in in_2015.itertuples():
        # CBS rounds the count to fives (±2.5) and the per-1,000 figure to one decimal (±0.5 per 10,000).
        tolerance = 2.5 / row.population * 10_000 + 0.5
        assert abs(row.value - 10 * per_1000[row.area_code]) <= tolerance, row.area_code
    assert PopulationGroup.TOTAL == "totaal"


def test_the_monitor_names_the_year_it_compares_with_and_why_years_were_skipped(db: Session) -> None:
    two_town_district(db)  # population for 2019 and 2020
    store_population(db=db, rows=[PopulationRow("GM0748", 2015, "totaal", 60_000)], source="CBS testbevolking")
    values(
        db,
        [
            Row("VB-S03", "GM0748", 2015, 200.0),
            Row("VB-S03", "GM0748", 2016, 250.0),
            Row("VB-S03", "GM0748", 2020, 310.0),
        ],
    )
    per_10000 = theme_overview(db=db, theme_code="VB", scope=Scope(DISTRICT, "GM0748", per_capita=True))
    row = per_10000.set_index("code").loc["VB-S03"]
    assert (row["latest_year"], row["previous_year"]) == (2020, 2015)
    assert row["skipped_years"] == [
        SkippedYears(2016, 2016, "bevolking ontbreekt"),
        SkippedYears(2017, 2019, "geen waarde"),
    ]
    assert "+50% t.o.v. 2015 (2016: bevolking ontbreekt; 2017–2019: geen waarde)" in row["notable_reasons"]

    absolute = theme_overview(db=db, theme_code="VB", scope=Scope(DISTRICT, "GM0748")).set_index("code").loc["VB-S03"]
    assert (absolute["latest_year"], absolute["previous_year"]) == (2020, 2016)
    assert absolute["skipped_years"] == [SkippedYears(2017, 2019, "geen waarde")]
    assert "+24% t.o.v. 2016 (2017–2019: geen waarde)" in absolute["notable_reasons"]


def test_a_comparison_with_the_year_before_names_that_year(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("VB-S03", "GM0748", 2019, 200.0), Row("VB-S03", "GM0748", 2020, 310.0)])
    row = theme_overview(db=db, theme_code="VB", scope=Scope(DISTRICT, "GM0748")).set_index("code").loc["VB-S03"]
    assert (row["previous_year"], row["skipped_years"]) == (2019, [])
    assert "+55% t.o.v. vorige meting (2019)" in row["notable_reasons"]


def test_nederland_stands_beside_the_district_per_10000_and_never_as_an_absolute_count(db: Session) -> None:
    two_town_district(db)
    store_population(db=db, rows=[PopulationRow(NATIONAL_CODE, 2020, "totaal", 17_400_000)], source="CBS test")
    values(db, [Row("VB-S03", "GM0748", 2020, 310.0), Row("VB-S03", "GM0716", 2020, 50.0)])
    values(db, [Row("VB-S03", NATIONAL_CODE, 2020, 69_600.0)], source="CBS landelijk")
    normalised = theme_overview(db=db, theme_code="VB", scope=Scope(DISTRICT, per_capita=True)).set_index("code")
    assert normalised.loc["VB-S03", "national_value"] == pytest.approx(40.0)
    assert normalised.loc["VB-S03", "national_attribution"] == "Bron: CBS"
    absolute = theme_overview(db=db, theme_code="VB", scope=Scope(DISTRICT)).set_index("code")
    assert math.isnan(absolute.loc["VB-S03", "national_value"])  # 69.600 beside 360 says nothing


def test_the_demo_monitor_shows_invented_national_figures_marked_as_demo(demo_db: Session) -> None:
    overview = theme_overview(
        db=demo_db, theme_code="VB", scope=Scope(DEFAULT_DISTRICT, "GM0748", per_capita=True)
    ).set_index("code")
    with_national = overview[overview["national_value"].notna()]
    assert not with_national.empty
    assert set(with_national["national_attribution"]) == {"fictieve demodata"}
