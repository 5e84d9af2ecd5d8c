"""What data is loaded: editions, years, areas and the share of demo data."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from indicators.models import Area, Delivery, Indicator, Observation, Population
from indicators.provenance import attributions
from indicators.vocabulary import IndicatorStatus


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


def data_summary(*, session: Session, district_code: str | None = None) -> DataSummary:
    """Summary of the catalogue and of the values stored (optionally only for one district)."""
    status_counts = dict(session.exec(select(Indicator.status, func.count()).group_by(col(Indicator.status))).all())
    editions = sorted(session.exec(select(Indicator.edition).distinct()).all())

    scope = select(Observation.id).join(Area, col(Area.id) == col(Observation.area_id))
    if district_code:
        scope = scope.where((col(Area.district_code) == district_code) | (col(Area.code) == district_code))
    ids = scope.subquery()
    in_scope = col(Observation.id).in_(select(ids.c.id))

    years = sorted(session.exec(select(Observation.year).where(in_scope).distinct()).all())
    total = session.exec(select(func.count()).select_from(Observation).where(in_scope)).one()
    demo = session.exec(select(func.count()).select_from(Observation).where(in_scope, col(Observation.is_demo))).one()
    names = session.exec(
        select(Area.name)
        .join(Observation, col(Observation.area_id) == col(Area.id))
        .where(in_scope, col(Area.kind) == "gemeente")
        .distinct()
        .order_by(col(Area.name))
    ).all()
    sources = session.exec(select(Observation.source, Observation.is_demo).where(in_scope).distinct()).all()
    return DataSummary(
        editions=list(editions),
        active_indicators=status_counts.get(IndicatorStatus.ACTIVE, 0),
        proposed_indicators=status_counts.get(IndicatorStatus.PROPOSED, 0),
        dropped_indicators=status_counts.get(IndicatorStatus.DROPPED, 0),
        years=list(years),
        municipalities_with_values=list(names),
        observations=int(total),
        demo_observations=int(demo),
        attributions=attributions(list(sources)),
    )


def data_version(*, session: Session) -> tuple[int, int, int]:
    """A cheap fingerprint of the stored values, to key caches: (deliveries, max value id, values)."""
    deliveries = session.exec(select(func.max(Delivery.id))).one() or 0
    latest = session.exec(select(func.max(Observation.id))).one() or 0
    count = session.exec(select(func.count()).select_from(Observation)).one()
    population = session.exec(select(func.count()).select_from(Population)).one()
    return int(deliveries), int(latest), int(count) + int(population)
