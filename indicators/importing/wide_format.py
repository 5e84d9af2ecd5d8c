"""Wide sheets: one row per municipality, one column per year or per breakdown."""

import re
from dataclasses import dataclass, field

from indicators.importing.candidates import CandidateBuilder, Columns
from indicators.importing.issues import ImportIssue
from indicators.importing.lookups import IndicatorRef, normalise_name
from indicators.importing.tabular import Table

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


def suggest_mapping(table: Table, indicator: IndicatorRef, *, year: int | None = None) -> WideMapping | None:
    """Guess the mapping: a column of municipality names or codes, and year-like or breakdown-like headers."""
    for header_index, header in enumerate(table.rows[:10]):
        keys = [normalise_name(cell) for cell in header]
        area = next((i for i, key in enumerate(keys) if key in AREA_HEADERS), None)
        if area is None:
            continue
        mapping = WideMapping(indicator.code, area, year=year, header_row=header_index)
        for i, cell in enumerate(header):
            if i == area:
                continue
            match = YEAR.match(cell)
            if match:
                mapping.value_columns[i] = (int(match.group(1)), None)
            elif indicator.breakdown(cell) is not None and cell.strip():
                mapping.value_columns[i] = (None, indicator.breakdown(cell))
        if mapping.value_columns:
            return mapping
    return None


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
