"""Turning raw cells into validated candidate values; one mechanism for every file shape.

Every problem becomes an ImportIssue naming the file, row and column. Rows for regions that
exist but are not part of a configured district are skipped (listed, not errors).

A municipality that merged away keeps its figures for the years it existed (on 1 January). A figure for a later
year belongs to its successor: it is refused, naming the successor, or, when the user asks for it
(`former_municipalities="samenvoegen"`), a count is added to the successor's figure of that year.
"""

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from core.formatting import format_date, format_int
from indicators.areas import former_label
from indicators.importing.issues import ImportIssue
from indicators.importing.lookups import POPULATION_GROUP_ALIASES, AreaLookup, AreaRef, IndicatorLookup, IndicatorRef
from indicators.importing.numbers import parse_number
from indicators.models import NOTE_LENGTH
from indicators.opendata import period_year
from indicators.vocabulary import POPULATION_INDICATOR_CODE, AreaKind, ValueKind

MIN_YEAR = 1990
MISSING_REASON_LENGTH = 255
POPULATION = "population"
OBSERVATION = "observation"
FormerPolicy = Literal["weigeren", "samenvoegen"]
REFUSE_FORMER: FormerPolicy = "weigeren"
MERGE_FORMER: FormerPolicy = "samenvoegen"
MERGE_OPTION = "--voormalige-gemeenten samenvoegen"


@dataclass(frozen=True)
class Candidate:
    target: str  # OBSERVATION or POPULATION
    indicator_code: str
    indicator_id: int
    area_code: str
    area_id: int
    year: int
    breakdown: str  # for population: the population group
    value: float | None
    text_value: str | None
    missing_reason: str | None
    row: int
    note: str | None = None  # the supplier's toelichting, stored with the value
    provisional: bool = False  # marked provisional by the supplier (StatLine's `*`)

    @property
    def key(self) -> tuple[str, int, int, int, str]:
        return (self.target, self.indicator_id, self.area_id, self.year, self.breakdown)


@dataclass(frozen=True)
class SkippedRow:
    row: int
    region: str
    reason: str


@dataclass(frozen=True)
class Columns:
    """The column names to mention in messages (as they appear in the file)."""

    indicator: str = "indicator"
    area: str = "gemeente"
    year: str = "jaar"
    breakdown: str = "uitsplitsing"
    value: str = "waarde"
    note: str = "toelichting"


@dataclass(frozen=True)
class FormerPart:
    """A value of a former municipality for a year after it merged away, to be added to its successor."""

    candidate: Candidate
    former: AreaRef
    successor: AreaRef
    column: str


@dataclass
class CandidateBuilder:
    file_name: str
    areas: AreaLookup
    indicators: IndicatorLookup
    decimal_comma: bool = True
    unknown_areas_are_errors: bool = True
    former_municipalities: FormerPolicy = REFUSE_FORMER
    candidates: list[Candidate] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    merged_notes: list[str] = field(default_factory=list)
    merged_values: int = 0  # values of former municipalities added to their successor's
    _former_parts: list[FormerPart] = field(default_factory=list)
    _seen: dict[tuple[str, int, int, int, str], int] = field(default_factory=dict)
    _latest_year: int = field(default_factory=lambda: datetime.date.today().year + 1)

    def _issue(self, row: int, column: str | None, message: str, *, former: bool = False) -> None:
        self.issues.append(ImportIssue(self.file_name, row, column, message, former_municipality=former))

    def add(
        self,
        *,
        row: int,
        indicator: str,
        area: str,
        year: str,
        value: str,
        breakdown: str = "",
        note: str = "",
        columns: Columns = Columns(),
        provisional: bool = False,
    ) -> None:
        errors_before = len(self.issues)
        ref = self.indicators.resolve(indicator) if indicator.strip() else None
        if not indicator.strip():
            self._issue(row, columns.indicator, "indicator ontbreekt")
        elif ref is None:
            dropped = self.indicators.dropped.get(indicator.strip().upper())
            message = f"indicator '{dropped}' is vervallen" if dropped else f"onbekende indicator '{indicator}'"
            self._issue(row, columns.indicator, message)

        area_ref = self.areas.resolve(area) if area.strip() else None
        if not area.strip():
            self._issue(row, columns.area, "gemeente ontbreekt")
        elif area_ref is None:
            if self.unknown_areas_are_errors:
                self._issue(row, columns.area, f"onbekende gemeente '{area}' (gebruik de CBS-code, bijv. GM0748)")
            else:
                self.skipped.append(SkippedRow(row, area, "geen gemeente in de database"))
                return
        elif not area_ref.configured:
            self.skipped.append(SkippedRow(row, self._listed_name(area_ref), "hoort niet bij een ingericht district"))
            return

        year_number = self._year(row, year, columns.year)
        if ref is None or area_ref is None or year_number is None:
            return
        target = POPULATION if ref.code == POPULATION_INDICATOR_CODE else OBSERVATION
        if target == POPULATION:
            group = POPULATION_GROUP_ALIASES.get(breakdown.strip().lower())
            if group is None:
                choices = "totaal, 12-25, 12-17"
                self._issue(row, columns.breakdown, f"onbekende bevolkingsgroep '{breakdown}' (kies uit {choices})")
                return
            breakdown_name = str(group)
        else:
            known = ref.breakdown(breakdown)
            if known is None:
                choices = ", ".join(["totaal", *ref.breakdowns])
                self._issue(
                    row,
                    columns.breakdown,
                    f"onbekende uitsplitsing '{breakdown}' voor {ref.code} (kies uit: {choices})",
                )
                return
            breakdown_name = known
        number, text, reason = self._value(row, value, note, ref.value_kind, target, columns.value)
        explanation = note.strip() or None
        if explanation is not None and len(explanation) > NOTE_LENGTH:
            self._issue(row, columns.note, f"toelichting te lang (meer dan {format_int(NOTE_LENGTH)} tekens)")
        elif reason is not None and len(reason) > MISSING_REASON_LENGTH:
            self._issue(
                row,
                columns.note,
                f"toelichting bij een ontbrekende waarde te lang (meer dan {MISSING_REASON_LENGTH} tekens)",
            )
        if len(self.issues) > errors_before:
            return
        if number is None and text is None and reason is None:
            return  # an empty cell: nothing delivered, nothing stored
        key = (target, ref.id, area_ref.id, year_number, breakdown_name)
        if key in self._seen:
            self._issue(
                row, None, f"dubbele regel: zelfde indicator, gemeente, jaar en uitsplitsing als rij {self._seen[key]}"
            )
            return
        self._seen[key] = row
        candidate = Candidate(
            target,
            ref.code,
            ref.id,
            area_ref.code,
            area_ref.id,
            year_number,
            breakdown_name,
            number,
            text,
            reason,
            row,
            None if target == POPULATION else explanation,
            provisional and target != POPULATION,
        )
        successor = self.areas.successor(area_ref, year_number)
        if successor is None:
            self.candidates.append(candidate)
        else:
            self._former_value(candidate, ref, area_ref, successor, columns)

    def _listed_name(self, area: AreaRef) -> str:
        """A skipped area as lists show it: a former municipality says what became of it."""
        if area.active or area.kind != AreaKind.MUNICIPALITY:
            return area.name
        successor = self.areas.by_code.get(str(area.successor_code).upper())
        return former_label(area.name, successor.name if successor else None, area.ended_on)

    def _former_value(
        self, candidate: Candidate, ref: IndicatorRef, former: AreaRef, successor: AreaRef, columns: Columns
    ) -> None:
        """A value of a merged-away municipality for a year from the merger on: refused naming the successor, or
        (when asked) kept to be added to the successor's value of that year (`merge_former_values`)."""
        assert former.ended_on is not None
        merged = (
            f"{former.name} ({former.code}) is per {format_date(former.ended_on)} opgegaan in "
            f"{successor.name} ({successor.code})"
        )
        if self.former_municipalities != MERGE_FORMER:
            self._issue(
                candidate.row,
                columns.area,
                f"{merged}; een waarde voor {candidate.year} hoort bij {successor.name}. Lever die voor "
                f"{successor.name} aan, of laat aantallen optellen bij de opvolger ({MERGE_OPTION})",
                former=True,
            )
        elif candidate.target != POPULATION and ref.value_kind != ValueKind.COUNT:
            self._issue(
                candidate.row,
                columns.area,
                f"{merged}; alleen aantallen kunnen bij de opvolger worden opgeteld, {ref.code} is een "
                f"{ref.value_kind} (opgeteld over de delen is dat niet het cijfer van {successor.name}): lever de "
                f"waarde voor {successor.name} aan",
                former=True,
            )
        elif candidate.value is None:
            self._issue(
                candidate.row,
                columns.value,
                f"{merged}; zonder getal valt er niets op te tellen bij {successor.name} "
                f"(lever de waarde voor {successor.name} aan)",
                former=True,
            )
        else:
            self._former_parts.append(FormerPart(candidate, former, successor, columns.area))

    def merge_former_values(self) -> None:
        """Add the kept values of merged-away municipalities to their successor, per indicator, year and
        breakdown: the successor's own value in the file (a municipality that existed before, such as Amsterdam
        for Weesp) plus every municipality that merged into it on the same day, all of which must be there."""
        groups: defaultdict[tuple[str, int, int, int, str], list[FormerPart]] = defaultdict(list)
        for part in self._former_parts:
            c = part.candidate
            groups[(c.target, c.indicator_id, part.successor.id, c.year, c.breakdown)].append(part)
        own = {candidate.key: index for index, candidate in enumerate(self.candidates)}
        summary: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
        for key, parts in groups.items():
            successor, first = parts[0].successor, parts[0]  # parts come in file order
            index = own.get(key)
            base = self.candidates[index] if index is not None else None
            problem = self._incomplete(parts, base)
            if problem:
                self._issue(
                    first.candidate.row,
                    first.column,
                    f"{successor.name} ({successor.code}) {first.candidate.year} kan niet worden samengesteld voor "
                    f"{first.candidate.indicator_code}: {problem}",
                    former=True,
                )
                continue
            formers = ", ".join(f"{p.former.name} (rij {p.candidate.row})" for p in parts)
            origin = f"opgeteld: {successor.name} (rij {base.row}) + {formers}" if base else f"opgeteld uit {formers}"
            merged = dataclasses.replace(
                base or first.candidate,
                area_code=successor.code,
                area_id=successor.id,
                value=sum(p.candidate.value or 0 for p in parts) + (base.value or 0 if base else 0),
                row=min(base.row, first.candidate.row) if base else first.candidate.row,
                note=None if key[0] == POPULATION else _joined(base.note if base else None, origin),
            )
            if index is None:
                self.candidates.append(merged)
            else:
                self.candidates[index] = merged
            self.merged_values += len(parts)
            summary[(" + ".join(sorted(p.former.name for p in parts)), successor.name)].add(key[3])
        for (names, successor_name), years in sorted(summary.items()):
            self.merged_notes.append(f"{names} → {successor_name} ({', '.join(map(str, sorted(years)))})")

    def _incomplete(self, parts: list[FormerPart], base: Candidate | None) -> str | None:
        """Why the parts do not make the successor's value (None when they do)."""
        successor, year = parts[0].successor, parts[0].candidate.year
        if base is not None and base.value is None:
            return f"{successor.name} heeft in rij {base.row} zelf geen getal om bij op te tellen"
        present = {part.former.code for part in parts}
        days = {part.former.ended_on for part in parts}
        for area in sorted(self.areas.by_code.values(), key=lambda area: area.code):
            if area.code in present or area.ended_on is None or area.ended_on not in days:
                continue
            following = self.areas.successor(area, year)
            if following is not None and following.code == successor.code:
                return (
                    f"{area.name} ({area.code}) ontbreekt in het bestand; samenvoegen telt alle gemeenten op die per "
                    f"{format_date(area.ended_on)} zijn opgegaan in {successor.name}"
                )
        return None

    def _year(self, row: int, text: str, column: str) -> int | None:
        try:
            year = period_year(text) if text.strip() else None
        except ValueError:
            year = None
        latest = self._latest_year
        if year is None or not MIN_YEAR <= year <= latest or len(text.strip()) not in (4, 6, 8):
            self._issue(row, column, f"onbekend jaar '{text}' (verwacht een jaartal van {MIN_YEAR} t/m {latest})")
            return None
        return year

    def _value(
        self, row: int, text: str, note: str, kind: str, target: str, column: str
    ) -> tuple[float | None, str | None, str | None]:
        cleaned = text.strip()
        if kind == ValueKind.QUALITATIVE:
            return None, (cleaned or None), None
        if cleaned in ("", ".", "-", "x", "?"):
            return (None, None, note.strip()) if note.strip() else (None, None, None)
        try:
            number = parse_number(cleaned, decimal_comma=self.decimal_comma)
        except ValueError:
            self._issue(row, column, f"geen getal: '{text}'")
            return None, None, None
        if number < 0:
            label = "aantal" if kind == ValueKind.COUNT else "waarde"
            self._issue(row, column, f"negatief {label} ({text}) is niet mogelijk")
        elif kind == ValueKind.PERCENTAGE and number > 100:
            self._issue(row, column, f"percentage boven 100 ({text})")
        elif kind == ValueKind.REPORT_MARK and not 1 <= number <= 10:
            self._issue(row, column, f"rapportcijfer buiten 1-10 ({text})")
        elif (kind == ValueKind.COUNT or target == POPULATION) and not number.is_integer():
            self._issue(row, column, f"een aantal is een geheel getal ({text})")
        return number, None, None


def _joined(*notes: str | None) -> str:
    """Notes in one, within the length a stored note may have."""
    return "; ".join(note for note in notes if note)[:NOTE_LENGTH]
