"""Wide sheets: one row per municipality, one column per year or per breakdown."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import Session

from indicators.importing.candidates import CandidateBuilder, Columns
from indicators.importing.issues import ImportIssue, ImportRejected
from indicators.importing.lookups import IndicatorLookup, IndicatorRef, normalise_name
from indicators.importing.tabular import Table, read_table
from indicators.vocabulary import TOTAL_BREAKDOWN

YEAR = re.compile(r"^\s*(\d{4})\s*$")
AREA_HEADERS = {"gemeente", "gemeentecode", "gemeentenaam", "regio", "regios", "gebied", "code", "naam"}


@dataclass
class WideMapping:
    """How a wide sheet maps onto the template: which column names the area, and per value column
    the year and/or breakdown it holds (missing ones come from `year` / `breakdown`)."""

    indicator: str
    area_column: int
    value_columns: dict[int, tuple[int | None, str | None]] = field(default_factory=dict)
    year: int | None = None
    breakdown: str = "totaal"
    header_row: int = 0


@dataclass(frozen=True)
class ColumnGuess:
    """What one header row suggests: the column naming the area (None: none recognised) and, per value
    column, the year (a four-digit header) or the breakdown (a header the catalogue knows) it holds."""

    area_column: int | None
    value_columns: dict[int, tuple[int | None, str | None]]


def guess_columns(header: Sequence[str], indicator: IndicatorRef) -> ColumnGuess:
    """The one rule for reading a wide sheet's header, used by the importer and the mapping editor."""
    keys = [normalise_name(cell) for cell in header]
    area = next((i for i, key in enumerate(keys) if key in AREA_HEADERS), None)
    value_columns: dict[int, tuple[int | None, str | None]] = {}
    for i, cell in enumerate(header):
        if i == area or not cell.strip():
            continue
        match = YEAR.match(cell)
        breakdown = indicator.breakdown(cell)
        if match:
            value_columns[i] = (int(match.group(1)), None)
        elif breakdown is not None:
            value_columns[i] = (None, breakdown)
    return ColumnGuess(area, value_columns)


def suggest_mapping(table: Table, indicator: IndicatorRef, *, year: int | None = None) -> WideMapping | None:
    """Guess the mapping: the first of the top ten rows that has an area column and year- or breakdown-like
    headers."""
    for header_index, header in enumerate(table.rows[:10]):
        guess = guess_columns(header, indicator)
        if guess.area_column is not None and guess.value_columns:
            return WideMapping(
                indicator.code, guess.area_column, dict(guess.value_columns), year=year, header_row=header_index
            )
    return None


@dataclass(frozen=True)
class WideSheetPreview:
    """What the mapping editor shows for one header row: the header, a few rows, the guess, the breakdowns."""

    header: list[str]
    sample: list[list[str]]
    guess: ColumnGuess
    breakdowns: list[str]


def preview_wide_sheet(*, db: Session, data: bytes, file_name: str, code: str, header_row: int) -> WideSheetPreview:
    """The sheet as the mapping editor needs it, with the importer's own guess for the chosen header row."""
    table = read_table(data, file_name)
    indicator = IndicatorLookup(db).resolve(code)
    if indicator is None:
        raise ImportRejected([ImportIssue(file_name, None, None, f"onbekende indicator '{code}'")])
    header = table.rows[header_row] if header_row < len(table.rows) else []
    return WideSheetPreview(
        header=header,
        sample=table.rows[header_row + 1 : header_row + 6],
        guess=guess_columns(header, indicator),
        breakdowns=[TOTAL_BREAKDOWN, *indicator.breakdowns],
    )


def parse_wide(table: Table, builder: CandidateBuilder, mapping: WideMapping) -> None:
    header = table.rows[mapping.header_row]
    needs_year = any(year is None for year, _ in mapping.value_columns.values())
    if needs_year and mapping.year is None:
        builder.issues.append(
            ImportIssue(
                table.file_name,
                table.row_numbers[mapping.header_row],
                None,
                "de kolommen zijn uitsplitsingen: geef het jaar op (--jaar)",
            )
        )
        return
    rows = zip(table.rows[mapping.header_row + 1 :], table.row_numbers[mapping.header_row + 1 :], strict=True)
    for row, number in rows:
        area = row[mapping.area_column] if mapping.area_column < len(row) else ""
        for column, (year, breakdown) in mapping.value_columns.items():
            builder.add(
                row=number,
                indicator=mapping.indicator,
                area=area,
                year=str(year if year is not None else mapping.year),
                value=row[column] if column < len(row) else "",
                breakdown=breakdown or mapping.breakdown,
                columns=Columns(
                    area=header[mapping.area_column],
                    value=header[column],
                    year=header[column],
                    breakdown=header[column],
                ),
            )
