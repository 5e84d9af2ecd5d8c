from sqlmodel import Session

from indicators.areas import DEFAULT_DISTRICT
from indicators.summary import data_summary


def test_summary_of_demo_database(demo_db: Session) -> None:
    summary = data_summary(db=demo_db, district_code=DEFAULT_DISTRICT)
    assert summary.editions == [2020, 2022]
    assert summary.active_indicators >= 60
    assert summary.years[0] == 2015
    assert summary.years[-1] == 2022
    assert len(summary.municipalities_with_values) == 8
    assert 0.9 < summary.demo_share < 1
    assert summary.attributions == ["Bron: CBS", "fictieve demodata"]


def test_summary_of_empty_database(db: Session) -> None:
    summary = data_summary(db=db)
    assert summary.observations == 0
    assert summary.demo_share == 0
    assert summary.years == []
