"""Which source gives an indicator's line when two sources deliver the same years: the administrator's choice.

CBS rounds counts to fives, Politie does not, so one indicator can hold two values for one year. Without a choice
the newest delivery gives the line (`series.one_source_per_series`); with one, the preferred source does wherever it
has values, and other sources only fill its gaps.
"""

from sqlmodel import Session, col, select

from core.access import Actor, Permission, require
from core.audit import record
from core.errors import UserError
from indicators.catalogue import get_indicator
from indicators.models import Indicator, Observation


class SourceChoiceRefused(UserError):
    """A preferred source that cannot be chosen (message in Dutch)."""


def indicator_sources(*, db: Session, code: str) -> list[str]:
    """The sources of the indicator's stored real values (demo values are never a choice), alphabetically."""
    statement = (
        select(Observation.source)
        .join(Indicator, col(Indicator.id) == col(Observation.indicator_id))
        .where(col(Indicator.code) == code, col(Observation.is_demo).is_(False))
        .distinct()
    )
    return sorted(db.exec(statement).all())


def set_preferred_source(*, db: Session, actor: Actor, code: str, source: str | None) -> Indicator:
    """Make `source` the one that gives the indicator's line (None: the newest delivery again)."""
    require(actor, Permission.MANAGE_CATALOGUE)
    indicator = get_indicator(db=db, code=code)
    if indicator is None:
        raise SourceChoiceRefused(f"Indicator {code} bestaat niet.")
    if source is not None and source not in indicator_sources(db=db, code=code):
        raise SourceChoiceRefused(f"Voor {code} zijn geen waarden uit de bron '{source}' opgeslagen.")
    before = indicator.preferred_source
    indicator.preferred_source = source
    db.add(indicator)
    db.flush()
    record(
        db=db,
        actor=actor,
        action="voorkeursbron gekozen",
        target=f"indicator {code}",
        detail=f"{before or 'nieuwste levering'} → {source or 'nieuwste levering'}",
    )
    return indicator
