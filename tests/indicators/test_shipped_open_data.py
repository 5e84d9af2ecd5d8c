"""The real CBS extracts load as they are, keep their source, and load only once."""

from sqlmodel import Session

from indicators.areas import load_areas
from indicators.catalogue import load_catalogue
from indicators.observations import observations_frame
from indicators.population import population_frame
from indicators.shipped_open_data import crime_2015_rows, load_shipped_open_data


def _load(db: Session) -> None:
    load_catalogue(db=db)
    load_areas(db=db)


def test_bergen_op_zoom_real_figures(db: Session) -> None:
    _load(db)
    counts = load_shipped_open_data(db=db)
    assert counts.crime_rows > 700
    assert counts.population_rows > 700
    crime = observations_frame(db=db, indicator_codes=["AV-C01"], area_codes=["GM0748"])
    assert dict(zip(crime["year"], crime["value"], strict=True)) == {2015: 4135.0, 2022: 3120.0}
    assert set(crime["source"]) == {"CBS StatLine 83648NED Geregistreerde criminaliteit"}
    assert not crime["is_demo"].any()
    population = population_frame(db=db, area_codes=["GM0748"])
    assert dict(zip(population["year"], population["population"], strict=True)) == {2015: 66320, 2022: 67894}


def test_same_files_twice_change_nothing(db: Session) -> None:
    _load(db)
    load_shipped_open_data(db=db)
    before = observations_frame(db=db)
    again = load_shipped_open_data(db=db)
    assert (again.crime_rows, again.population_rows, again.skipped_files) == (0, 0, 4)
    assert len(observations_frame(db=db)) == len(before)


def test_missing_cbs_value_is_not_zero() -> None:
    rows = {row.area_code: row for row in crime_2015_rows()}
    assert rows["GM0305"].value is None  # Abcoude: "" in the 2015 file (no longer a municipality)
    assert rows["GM0305"].missing_reason
