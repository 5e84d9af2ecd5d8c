"""Small hand-made datasets for domain tests (two municipalities in one district)."""

from sqlmodel import Session, col, select

from indicators.areas import load_areas
from indicators.catalogue import load_catalogue
from indicators.models import Area, Delivery
from indicators.observations import ObservationRow, store_observations
from indicators.population import PopulationRow, store_population

DISTRICT = "DIS-TEST"


def two_town_district(db: Session) -> None:
    """Catalogue plus district DIS-TEST with Bergen op Zoom (GM0748) and Tholen (GM0716)."""
    load_catalogue(db=db)
    load_areas(db=db)
    db.add(Area(code=DISTRICT, name="Testdistrict", kind="district"))
    for record in db.exec(select(Area).where(col(Area.code).in_(["GM0748", "GM0716"]))).all():
        record.district_code = DISTRICT
        db.add(record)
    db.flush()
    store_population(
        db=db,
        rows=[
            PopulationRow("GM0748", 2019, "totaal", 60_000),
            PopulationRow("GM0748", 2020, "totaal", 62_000),
            PopulationRow("GM0716", 2019, "totaal", 20_000),
            PopulationRow("GM0716", 2020, "totaal", 20_000),
            PopulationRow("GM0748", 2020, "jeugd_12_17", 4_000),
            PopulationRow("GM0716", 2020, "jeugd_12_17", 1_000),
        ],
        source="CBS testbevolking",
    )


def values(db: Session, rows: list[ObservationRow], *, source: str = "Politie test", demo: bool = False) -> None:
    delivery = Delivery(supplier="test", file_name="test.csv", content_hash=source, source=source, is_demo=demo)
    store_observations(db=db, rows=rows, delivery=delivery, is_demo=demo)
