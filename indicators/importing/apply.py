"""Writing an import plan in one transaction, and rolling a delivery back."""

from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, select

from core.access import Actor, Permission, require
from core.audit import record
from core.db import table_of
from core.errors import UserError
from indicators.importing.candidates import POPULATION
from indicators.importing.plan import CHANGED, NEW, ImportPlan, PlannedValue, ProgressCallback
from indicators.models import Delivery, Observation, Population, ValueHistory

ConflictPolicy = Literal["replace", "keep"]
CHUNK = 5_000


class RollbackRefused(UserError):
    """A delivery cannot be rolled back (message in Dutch)."""


def _chunks(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[start : start + CHUNK] for start in range(0, len(rows), CHUNK)]


def apply_plan(
    *,
    db: Session,
    plan: ImportPlan,
    conflicts: ConflictPolicy = "keep",
    user: str = "systeem",
    progress: ProgressCallback | None = None,
) -> Delivery | None:
    """Store the plan's new values (and changed ones when `conflicts='replace'`; a stored provisional value that the
    file gives definitively is always replaced); all in the caller's
    transaction, so a failure leaves nothing behind. Returns the Delivery, or None when nothing would be
    stored: no new values and no replaced ones (no empty deliveries), or a file imported before that
    changes nothing (a re-import with `conflicts='replace'` does replace values changed since)."""
    if plan.already_imported is not None and (conflicts == "keep" or not plan.conflicts):
        return None
    new = [v for v in plan.values if v.status == NEW]
    changed = [v for v in plan.values if v.status == CHANGED]
    replaced = changed if conflicts == "replace" else [v for v in changed if v.settles_provisional]
    kept = len(changed) - len(replaced)
    if not new and not replaced:
        return None
    delivery = Delivery(
        supplier=plan.supplier,
        file_name=plan.file_name,
        content_hash=plan.content_hash,
        source=plan.source,
        imported_by=user,
        file_format=plan.file_format,
        rows_skipped=len(plan.skipped),
        note="; ".join(filter(None, [plan.aggregation, *plan.notes])),
    )
    db.add(delivery)
    db.flush()
    assert delivery.id is not None
    _insert(db, new, plan.source, delivery.id)
    if progress:
        progress(0.9, "nieuwe waarden opgeslagen")
    _replace(db, replaced, plan.source, delivery.id)
    delivery.rows_added = len(new)
    delivery.rows_replaced = len(replaced)
    delivery.rows_unchanged = len(plan.values) - len(new) - len(plan.conflicts)
    delivery.row_count = len(new) + len(replaced)
    if kept:
        delivery.note = "; ".join(filter(None, [delivery.note, f"{kept} afwijkende waarden behouden"]))
    db.add(delivery)
    db.flush()
    return delivery


def _observation_row(value: PlannedValue, source: str, delivery_id: int) -> dict[str, Any]:
    c = value.candidate
    return {
        "indicator_id": c.indicator_id,
        "area_id": c.area_id,
        "year": c.year,
        "breakdown": c.breakdown,
        "value": c.value,
        "text_value": c.text_value,
        "missing_reason": c.missing_reason,
        "note": c.note,
        "provisional": c.provisional,
        "source": source,
        "is_demo": False,
        "delivery_id": delivery_id,
    }


def _population_row(value: PlannedValue, source: str, delivery_id: int) -> dict[str, Any]:
    c = value.candidate
    return {
        "area_id": c.area_id,
        "year": c.year,
        "population_group": c.breakdown,
        "value": int(c.value or 0),
        "source": source,
        "is_demo": False,
        "delivery_id": delivery_id,
    }


def _insert(db: Session, values: list[PlannedValue], source: str, delivery_id: int) -> None:
    observations = [_observation_row(v, source, delivery_id) for v in values if v.candidate.target != POPULATION]
    populations = [_population_row(v, source, delivery_id) for v in values if v.candidate.target == POPULATION]
    connection = db.connection()  # Core inserts: no ORM bookkeeping for thousands of rows
    for chunk in _chunks(observations):
        connection.execute(insert(table_of(Observation)), chunk)
    for chunk in _chunks(populations):
        connection.execute(insert(table_of(Population)), chunk)


def _replace(db: Session, values: list[PlannedValue], source: str, delivery_id: int) -> None:
    history = [
        {
            "target": v.candidate.target,
            "indicator_id": None if v.candidate.target == POPULATION else v.candidate.indicator_id,
            "area_id": v.candidate.area_id,
            "year": v.candidate.year,
            "breakdown": v.candidate.breakdown,
            "source": source,
            "old_value": v.old_value,
            "old_text_value": v.old_text_value,
            "old_missing_reason": v.old_missing_reason,
            "old_note": v.old_note,
            "old_is_demo": v.old_is_demo,
            "old_provisional": v.old_provisional,
            "old_delivery_id": v.old_delivery_id,
            "replaced_by_delivery_id": delivery_id,
            "replaced_at": datetime.now(UTC),
        }
        for v in values
    ]
    for chunk in _chunks(history):
        db.execute(insert(ValueHistory), chunk)
    observations = [
        {
            "id": v.existing_id,
            "value": v.candidate.value,
            "text_value": v.candidate.text_value,
            "missing_reason": v.candidate.missing_reason,
            "note": v.candidate.note,
            "provisional": v.candidate.provisional,
            "is_demo": False,
            "delivery_id": delivery_id,
        }
        for v in values
        if v.candidate.target != POPULATION
    ]
    populations = [
        {
            "id": v.existing_id,
            "value": int(v.candidate.value or 0),
            "source": source,
            "is_demo": False,
            "delivery_id": delivery_id,
        }
        for v in values
        if v.candidate.target == POPULATION
    ]
    for chunk in _chunks(observations):
        db.execute(update(Observation), chunk)
    for chunk in _chunks(populations):
        db.execute(update(Population), chunk)


def rollback_delivery(*, db: Session, delivery_id: int, actor: Actor) -> Delivery:
    """Remove a delivery's values and restore the values it replaced, in the caller's transaction."""
    require(actor, Permission.IMPORT_DATA)
    user = actor.username
    delivery = db.get(Delivery, delivery_id)
    if delivery is None:
        raise RollbackRefused(f"Levering {delivery_id} bestaat niet.")
    if delivery.rolled_back_at is not None:
        raise RollbackRefused(f"Levering {delivery_id} is al teruggedraaid.")
    if delivery.is_demo:
        raise RollbackRefused(
            "De demodata is geen levering; bouw de demodatabase opnieuw met 'veiligheidsdialoog demo'."
        )
    later = db.exec(
        select(ValueHistory.replaced_by_delivery_id)
        .join(Delivery, col(Delivery.id) == col(ValueHistory.replaced_by_delivery_id))
        .where(col(ValueHistory.old_delivery_id) == delivery_id, col(Delivery.rolled_back_at).is_(None))
    ).first()
    if later is not None:
        raise RollbackRefused(
            f"Levering {later} heeft waarden uit levering {delivery_id} vervangen; draai die eerst terug."
        )
    db.execute(delete(Observation).where(col(Observation.delivery_id) == delivery_id))
    db.execute(delete(Population).where(col(Population.delivery_id) == delivery_id))
    history = db.exec(select(ValueHistory).where(col(ValueHistory.replaced_by_delivery_id) == delivery_id)).all()
    restored_observations = [
        {
            "indicator_id": h.indicator_id,
            "area_id": h.area_id,
            "year": h.year,
            "breakdown": h.breakdown,
            "value": h.old_value,
            "text_value": h.old_text_value,
            "missing_reason": h.old_missing_reason,
            "note": h.old_note,
            "provisional": h.old_provisional,
            "source": h.source,
            "is_demo": h.old_is_demo,
            "delivery_id": h.old_delivery_id,
        }
        for h in history
        if h.target != POPULATION
    ]
    restored_population = [
        {
            "area_id": h.area_id,
            "year": h.year,
            "population_group": h.breakdown,
            "value": int(h.old_value or 0),
            "source": h.source,
            "is_demo": h.old_is_demo,
            "delivery_id": h.old_delivery_id,
        }
        for h in history
        if h.target == POPULATION
    ]
    for chunk in _chunks(restored_observations):
        db.execute(insert(Observation), chunk)
    for chunk in _chunks(restored_population):
        db.execute(insert(Population), chunk)
    delivery.rolled_back_at = datetime.now(UTC)
    delivery.rolled_back_by = user
    db.add(delivery)
    db.flush()
    record(db=db, actor=actor, action="levering teruggedraaid", target=f"levering {delivery_id}")
    return delivery
