"""What data is loaded: editions, years, areas and the share of demo data."""

import zlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, exists, func
from sqlmodel import Session, col, select

from indicators.models import Area, Delivery, Indicator, Observation, Population
from indicators.provenance import attributions
from indicators.vocabulary import AreaKind, IndicatorStatus


@dataclass(frozen=True)
class DataSummary:
    editions: list[int]
    active_indicators: int
    proposed_indicators: int
    dropped_indicators: int
    years: list[int]
    municipalities_with_values: list[str]
    observations: int
    demo_observations: int
    attributions: list[str]

    @property
    def demo_share(self) -> float:
        return self.demo_observations / self.observations if self.observations else 0.0


def data_summary(*, db: Session, district_code: str | None = None) -> DataSummary:
    """Summary of the catalogue and of the values stored (optionally only for one district)."""
    status_counts = dict(db.exec(select(Indicator.status, func.count()).group_by(col(Indicator.status))).all())
    editions = sorted(db.exec(select(Indicator.edition).distinct()).all())

    def scoped(statement: Any) -> Any:
        if district_code is None:
            return statement
        return statement.join(Area, col(Area.id) == col(Observation.area_id)).where(
            (col(Area.district_code) == district_code) | (col(Area.code) == district_code)
        )

    years = sorted(db.exec(scoped(select(Observation.year).distinct())).all())
    total, demo = db.exec(
        scoped(
            select(func.count(), func.coalesce(func.sum(case((col(Observation.is_demo), 1), else_=0)), 0))
        ).select_from(Observation)
    ).one()
    has_values = exists().where(col(Observation.area_id) == col(Area.id))
    names = select(Area.name).where(col(Area.kind) == AreaKind.MUNICIPALITY, has_values).order_by(col(Area.name))
    if district_code is not None:
        names = names.where(col(Area.district_code) == district_code)
    sources = db.exec(scoped(select(Observation.source, Observation.is_demo).distinct())).all()
    return DataSummary(
        editions=list(editions),
        active_indicators=status_counts.get(IndicatorStatus.ACTIVE, 0),
        proposed_indicators=status_counts.get(IndicatorStatus.PROPOSED, 0),
        dropped_indicators=status_counts.get(IndicatorStatus.DROPPED, 0),
        years=list(years),
        municipalities_with_values=list(db.exec(names).all()),
        observations=int(total),
        demo_observations=int(demo),
        attributions=attributions(list(sources)),
    )


def data_version(*, db: Session) -> tuple[int, int, int, int, int]:
    """A cheap fingerprint of the stored data, to key caches (index look-ups and the catalogue's few choices).

    Every change of values goes through a Delivery (an import, a rollback, the demo build), so
    the number and newest id of deliveries plus the newest value ids change with the data; the
    preferred sources chosen in the catalogue change which values are shown, so they count too.
    """
    deliveries, newest_delivery = db.exec(select(func.count(), func.max(Delivery.id)).select_from(Delivery)).one()
    newest_value = db.exec(select(func.max(Observation.id))).one()
    newest_population = db.exec(select(func.max(Population.id))).one()
    chosen = db.exec(
        select(Indicator.code, Indicator.preferred_source)
        .where(col(Indicator.preferred_source).is_not(None))
        .order_by(col(Indicator.code))
    ).all()
    sources = zlib.crc32(repr(chosen).encode())
    return int(deliveries), int(newest_delivery or 0), int(newest_value or 0), int(newest_population or 0), sources
