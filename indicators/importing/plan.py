"""What an import would change: new values, changed values (conflicts), unchanged, skipped."""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from core.formatting import format_int, format_number
from indicators.importing.candidates import POPULATION, Candidate, SkippedRow
from indicators.models import Delivery, Observation, Population

NEW, CHANGED, UNCHANGED = "nieuw", "gewijzigd", "ongewijzigd"
ProgressCallback = Callable[[float, str], None]


@dataclass(frozen=True)
class PlannedValue:
    candidate: Candidate
    status: str
    existing_id: int | None = None
    old_value: float | None = None
    old_text_value: str | None = None
    old_missing_reason: str | None = None
    old_is_demo: bool = False
    old_delivery_id: int | None = None
    old_note: str | None = None
    old_provisional: bool = False

    @property
    def settles_provisional(self) -> bool:
        """A changed value that replaces a provisional one with a definitive one: replaced without asking, as
        provisional figures are published to be revised."""
        return self.status == CHANGED and self.old_provisional and not self.candidate.provisional


@dataclass
class ImportPlan:
    file_name: str
    file_format: str
    supplier: str
    source: str
    content_hash: str
    values: list[PlannedValue] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    # id of an earlier, not rolled back, delivery of this file: it changes nothing, unless values it holds have
    # been changed since and the import replaces them (`conflicts='replace'`)
    already_imported: int | None = None
    notes: list[str] = field(default_factory=list)
    aggregation: str = ""  # how values were made from the file's rows ("39 buurten opgeteld tot 2 gemeenten …")
    merged_from_former: int = 0  # values of merged-away municipalities added to their successor's

    def count(self, status: str) -> int:
        return sum(1 for value in self.values if value.status == status)

    @property
    def conflicts(self) -> list[PlannedValue]:
        return [value for value in self.values if value.status == CHANGED]

    @property
    def to_write(self) -> int:
        """How many values an import would store: new ones, and changed ones if they are replaced."""
        return self.count(NEW) + len(self.conflicts)

    def summary(self) -> str:
        if self.already_imported is not None:
            if not self.conflicts:
                return (
                    f"{self.file_name}: dit bestand is al geïmporteerd (levering {self.already_imported}); "
                    "er verandert niets."
                )
            return (
                f"{self.file_name}: dit bestand is al geïmporteerd (levering {self.already_imported}), maar "
                f"{format_int(len(self.conflicts))} waarden wijken nu af van wat er staat."
            )
        return (
            f"{self.file_name} ({self.file_format}, bron: {self.source}): {format_int(self.count(NEW))} nieuw, "
            f"{format_int(self.count(CHANGED))} gewijzigd, {format_int(self.count(UNCHANGED))} ongewijzigd, "
            f"{format_int(len(self.skipped))} regels overgeslagen."
            + (
                f" Waarvan {format_int(self.settled)} voorlopige cijfers die nu definitief zijn (die worden altijd "
                "vervangen)."
                if self.settled
                else ""
            )
        )

    @property
    def settled(self) -> int:
        """How many stored provisional values this file gives definitively."""
        return sum(1 for value in self.values if value.settles_provisional)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def build_plan(
    *,
    db: Session,
    candidates: list[Candidate],
    skipped: list[SkippedRow],
    file_name: str,
    file_format: str,
    supplier: str,
    source: str,
    content_hash: str,
    progress: ProgressCallback | None = None,
) -> ImportPlan:
    """Compare the candidates with what is stored under the same source, in a few bulk queries."""
    plan = ImportPlan(file_name, file_format, supplier, source, content_hash, skipped=skipped)
    earlier = db.exec(
        select(Delivery.id).where(col(Delivery.content_hash) == content_hash, col(Delivery.rolled_back_at).is_(None))
    ).first()
    plan.already_imported = earlier  # still compared: a replacing re-import may change values
    observations = [c for c in candidates if c.target != POPULATION]
    populations = [c for c in candidates if c.target == POPULATION]
    existing: dict[tuple[str, int, int, int, str], Observation | Population] = {}
    if observations:
        indicator_ids = sorted({c.indicator_id for c in observations})
        years = sorted({c.year for c in observations})
        for observation in db.exec(
            select(Observation).where(
                col(Observation.indicator_id).in_(indicator_ids),
                col(Observation.year).in_(years),
                col(Observation.source) == source,
            )
        ).all():
            key = (
                "observation",
                observation.indicator_id,
                observation.area_id,
                observation.year,
                observation.breakdown,
            )
            existing[key] = observation
    if populations:
        years = sorted({c.year for c in populations})
        for population in db.exec(select(Population).where(col(Population.year).in_(years))).all():
            existing[(POPULATION, 0, population.area_id, population.year, population.population_group)] = population
    total = max(1, len(candidates))
    for number, candidate in enumerate(candidates, start=1):
        key = (
            (POPULATION, 0, candidate.area_id, candidate.year, candidate.breakdown)
            if candidate.target == POPULATION
            else candidate.key
        )
        record = existing.get(key)
        if record is None:
            plan.values.append(PlannedValue(candidate, NEW))
        elif isinstance(record, Population):
            status = UNCHANGED if _same(float(record.value), candidate.value) else CHANGED
            plan.values.append(
                PlannedValue(
                    candidate, status, record.id, float(record.value), None, None, record.is_demo, record.delivery_id
                )
            )
        else:
            assert isinstance(record, Observation)
            same = (
                _same(record.value, candidate.value)
                and record.text_value == candidate.text_value
                and record.missing_reason == candidate.missing_reason
                and record.provisional == candidate.provisional
            )
            plan.values.append(
                PlannedValue(
                    candidate,
                    UNCHANGED if same else CHANGED,
                    record.id,
                    record.value,
                    record.text_value,
                    record.missing_reason,
                    record.is_demo,
                    record.delivery_id,
                    record.note,
                    record.provisional,
                )
            )
        if progress and number % 5000 == 0:
            progress(0.5 + 0.3 * number / total, f"vergelijken met opgeslagen cijfers: {number} van {total}")
    return plan


def _shown(value: float | None, text: str | None, reason: str | None) -> str:
    if value is not None:
        return format_number(value, 4).rstrip("0").rstrip(",")  # 4.135 / 32,5 / 0,0125
    if text is not None:
        return f"'{text}'"
    return f"geen waarde ({reason})" if reason else "geen waarde"


def conflict_lines(plan: ImportPlan, *, limit: int | None = None) -> list[str]:
    """Each changed value as 'indicator, gemeente, jaar[, uitsplitsing]: oud → nieuw', in Dutch number format."""
    lines = []
    for planned in plan.conflicts[:limit]:
        c = planned.candidate
        where = [c.indicator_code, c.area_code, str(c.year)]
        if c.breakdown != "totaal":
            where.append(c.breakdown)
        old = _shown(planned.old_value, planned.old_text_value, planned.old_missing_reason)
        new = _shown(c.value, c.text_value, c.missing_reason)
        old += " (voorlopig)" if planned.old_provisional else ""
        new += " (voorlopig)" if c.provisional else ""
        lines.append(f"{', '.join(where)}: {old} → {new}")
    if limit is not None and len(plan.conflicts) > limit:
        lines.append(f"… en nog {format_int(len(plan.conflicts) - limit)} afwijkende waarden")
    return lines
