"""Population per area, year and group: the denominators of per-10,000 figures."""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from indicators.models import Area, Delivery, Population, code_to_id


@dataclass(frozen=True)
class PopulationRow:
    area_code: str
    year: int
    population_group: str
    value: int


def store_population(
    *,
    db: Session,
    rows: list[PopulationRow],
    source: str,
    delivery: Delivery | None = None,
    is_demo: bool = False,
) -> int:
    """Insert or replace population values; rows for unknown areas are skipped. Returns rows stored.

    Demo values never replace real ones.
    """
    area_ids = code_to_id(db, Area)
    keys = {(area_ids[r.area_code], r.year, r.population_group): r for r in rows if r.area_code in area_ids}
    if not keys:
        return 0
    years = sorted({year for _, year, _ in keys})
    existing = {
        (p.area_id, p.year, p.population_group): p
        for p in db.exec(select(Population).where(col(Population.year).in_(years))).all()
    }
    stored = 0
    for key, row in keys.items():
        if is_demo and key in existing and not existing[key].is_demo:
            continue
        record = existing.get(key) or Population(
            area_id=key[0], year=row.year, population_group=row.population_group, value=row.value, source=source
        )
        record.value = row.value
        record.source = source
        record.is_demo = is_demo
        record.delivery_id = delivery.id if delivery else None
        db.add(record)
        stored += 1
    db.flush()
    return stored


def population_frame(*, db: Session, area_codes: list[str] | None = None) -> pd.DataFrame:
    """Columns area_code, year, population_group, population, source, is_demo."""
    statement = sa_select(
        col(Area.code),
        col(Population.year),
        col(Population.population_group),
        col(Population.value),
        col(Population.source),
        col(Population.is_demo),
    ).join(Area, col(Area.id) == col(Population.area_id))
    if area_codes is not None:
        statement = statement.where(col(Area.code).in_(area_codes))
    records = db.execute(statement).all()
    return pd.DataFrame.from_records(
        records, columns=["area_code", "year", "population_group", "population", "source", "is_demo"]
    )
