"""Observations: storing and reading indicator values with their source."""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, delete, select

from indicators.models import Area, Delivery, Indicator, Observation, code_to_id
from indicators.vocabulary import TOTAL_BREAKDOWN

OBSERVATION_COLUMNS = [
    "indicator_code",
    "area_code",
    "area_name",
    "year",
    "breakdown",
    "value",
    "text_value",
    "missing_reason",
    "source",
    "is_demo",
]


@dataclass(frozen=True)
class ObservationRow:
    indicator_code: str
    area_code: str
    year: int
    value: float | None
    breakdown: str = TOTAL_BREAKDOWN
    text_value: str | None = None
    missing_reason: str | None = None


def store_observations(*, db: Session, rows: list[ObservationRow], delivery: Delivery, is_demo: bool = False) -> int:
    """Insert or replace values from one delivery; the delivery's source becomes each value's source.

    Rows for areas that are not in the database are skipped (a national file keeps only
    configured areas). Unknown indicator codes raise KeyError. Returns the rows stored.
    """
    if delivery.id is None:
        db.add(delivery)
        db.flush()
    indicator_ids = code_to_id(db, Indicator)
    area_ids = code_to_id(db, Area)
    wanted: dict[tuple[int, int, int, str], ObservationRow] = {}
    for row in rows:
        if row.indicator_code not in indicator_ids:
            raise KeyError(f"Onbekende indicator '{row.indicator_code}'")
        if row.area_code not in area_ids:
            continue
        wanted[(indicator_ids[row.indicator_code], area_ids[row.area_code], row.year, row.breakdown)] = row
    if not wanted:
        return 0
    indicator_filter = sorted({key[0] for key in wanted})
    existing = {
        (o.indicator_id, o.area_id, o.year, o.breakdown): o
        for o in db.exec(
            select(Observation).where(
                col(Observation.indicator_id).in_(indicator_filter), col(Observation.source) == delivery.source
            )
        ).all()
    }
    for key, row in wanted.items():
        record = existing.get(key) or Observation(
            indicator_id=key[0], area_id=key[1], year=key[2], breakdown=key[3], source=delivery.source
        )
        record.value = row.value
        record.text_value = row.text_value
        record.missing_reason = row.missing_reason
        record.is_demo = is_demo
        record.delivery_id = delivery.id
        db.add(record)
    db.flush()
    return len(wanted)


def delete_delivery_values(*, db: Session, delivery_id: int) -> None:
    db.exec(delete(Observation).where(col(Observation.delivery_id) == delivery_id))


def observations_frame(
    *,
    db: Session,
    indicator_codes: list[str] | None = None,
    area_codes: list[str] | None = None,
    years: list[int] | None = None,
) -> pd.DataFrame:
    """Stored values as a table with the columns in OBSERVATION_COLUMNS."""
    statement = (
        sa_select(
            col(Indicator.code),
            col(Area.code),
            col(Area.name),
            col(Observation.year),
            col(Observation.breakdown),
            col(Observation.value),
            col(Observation.text_value),
            col(Observation.missing_reason),
            col(Observation.source),
            col(Observation.is_demo),
        )
        .join(Indicator, col(Indicator.id) == col(Observation.indicator_id))
        .join(Area, col(Area.id) == col(Observation.area_id))
    )
    if indicator_codes is not None:
        statement = statement.where(col(Indicator.code).in_(indicator_codes))
    if area_codes is not None:
        statement = statement.where(col(Area.code).in_(area_codes))
    if years is not None:
        statement = statement.where(col(Observation.year).in_(years))
    statement = statement.order_by(
        col(Indicator.code), col(Area.code), col(Observation.year), col(Observation.breakdown)
    )
    return pd.DataFrame.from_records(db.execute(statement).all(), columns=OBSERVATION_COLUMNS)
