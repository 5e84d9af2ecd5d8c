"""The one writer for spreadsheets that people open in Excel: CSV as Dutch Excel reads it, and XLSX.

CSV: semicolon-separated, UTF-8 with a byte order mark and CRLF line ends, decimal comma, so a double click in
Excel (Dutch settings) shows the columns and numbers right. Every text cell is made formula-safe
(`safe_cell`); numbers stay numbers. Machine-readable CSV for the command line (comma, no BOM) is pandas'
`to_csv` and is not written here.
"""

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from core.export_safety import safe_cell

BOM = "\ufeff"
HIGHLIGHT = PatternFill("solid", fgColor="FFF2CC")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _csv_value(value: object) -> object:
    if _missing(value):
        return ""
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return safe_cell(value)


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[object]], *, notes: Sequence[str] = ()) -> bytes:
    """Header, rows and closing note lines (e.g. "fictieve demodata") as Excel-style CSV bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    writer.writerows([_csv_value(value) for value in row] for row in rows)
    writer.writerows([safe_cell(line)] for line in notes)
    return (BOM + buffer.getvalue()).encode("utf-8")


def frame_csv(frame: pd.DataFrame, *, notes: Sequence[str] = ()) -> bytes:
    """A DataFrame (its column names as the header) as Excel-style CSV bytes."""
    return excel_csv([str(name) for name in frame.columns], frame.itertuples(index=False), notes=notes)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: an optional bold heading line, a bold header row (frozen), rows, closing notes."""

    title: str
    header: Sequence[str] = ()
    rows: Iterable[Sequence[object]] = ()
    heading: str | None = None
    heading_size: float | None = None
    notes: Sequence[str] = ()
    widths: Sequence[float] = ()
    highlight: Sequence[str] = field(default_factory=tuple)  # header names whose cells are filled in yellow


def _xlsx_value(value: object) -> object:
    return None if _missing(value) else safe_cell(value)


def _write_sheet(workbook: Workbook, spec: Sheet) -> None:
    sheet = workbook.create_sheet(spec.title)
    if spec.heading is not None:
        sheet.append([safe_cell(spec.heading)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=spec.heading_size)
    if spec.header:
        sheet.append([safe_cell(name) for name in spec.header])
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = f"A{header_row + 1}"
    filled = [spec.header.index(name) + 1 for name in spec.highlight]
    for row in spec.rows:
        sheet.append([_xlsx_value(value) for value in row])
        for column in filled:
            sheet.cell(row=sheet.max_row, column=column).fill = HIGHLIGHT
    if spec.notes:
        sheet.append([])
        for line in spec.notes:
            sheet.append([safe_cell(line)])
    for index, width in enumerate(spec.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with the given sheets, in order, as XLSX bytes."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    for spec in sheets:
        _write_sheet(workbook, spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
