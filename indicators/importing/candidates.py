"""Turning raw cells into validated candidate values; one mechanism for every file shape.

Every problem becomes an ImportIssue naming the file, row and column. Rows for regions that
exist but are not part of a configured district are skipped (listed, not errors).
"""

import datetime
from dataclasses import dataclass, field

from core.formatting import format_int
from indicators.importing.issues import ImportIssue
from indicators.importing.lookups import POPULATION_GROUP_ALIASES, AreaLookup, IndicatorLookup
from indicators.importing.numbers import parse_number
from indicators.models import NOTE_LENGTH
from indicators.opendata import period_year
from indicators.vocabulary import POPULATION_INDICATOR_CODE, ValueKind

MIN_YEAR = 1990
MISSING_REASON_LENGTH = 255
POPULATION = "population"
OBSERVATION = "observation"


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


@dataclass
class CandidateBuilder:
    file_name: str
    areas: AreaLookup
    indicators: IndicatorLookup
    decimal_comma: bool = True
    unknown_areas_are_errors: bool = True
    candidates: list[Candidate] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    _seen: dict[tuple[str, int, int, int, str], int] = field(default_factory=dict)
    _latest_year: int = field(default_factory=lambda: datetime.date.today().year + 1)

    def _issue(self, row: int, column: str | None, message: str) -> None:
        self.issues.append(ImportIssue(self.file_name, row, column, message))

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
            self.skipped.append(SkippedRow(row, area_ref.name, "hoort niet bij een ingericht district"))
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
        self.candidates.append(
            Candidate(
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
        )

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
