"""The one spreadsheet writer: CSV as Dutch Excel opens it, XLSX with heading, header, notes and highlights."""

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from core.spreadsheet import Sheet, excel_csv, frame_csv, xlsx


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_csv_has_bom_semicolons_decimal_comma_and_no_live_formula() -> None:
    data = excel_csv(
        ["naam", "waarde", "aantal"],
        [["=HYPERLINK(1)", 12.5, 3], ["regel\r\ntwee", float("nan"), None], ["-1", -0.25, 0]],
        notes=["fictieve demodata"],
    )
    assert _rows(data) == [
        ["naam", "waarde", "aantal"],
        ["'=HYPERLINK(1)", "12,5", "3"],
        ["regel\ntwee", "", ""],
        ["'-1", "-0,25", "0"],
        ["fictieve demodata"],
    ]


def test_frame_csv_uses_the_column_names() -> None:
    frame = pd.DataFrame({"tijd": ["01-12-2026 10:00:00"], "actie": ["@SUM(A1)"]})
    assert _rows(frame_csv(frame)) == [["tijd", "actie"], ["01-12-2026 10:00:00", "'@SUM(A1)"]]


def test_xlsx_sheets_with_heading_header_highlight_widths_and_notes() -> None:
    data = xlsx(
        [
            Sheet(
                "Uw cijfers",
                ["code", "waarde"],
                [["VB-E01", 4.5], ["+cmd", float("nan")]],
                heading="Terugkoppeling",
                notes=["fictieve demodata"],
                widths=[12, 30],
                highlight=["waarde"],
            ),
            Sheet("Toelichting", rows=[["Vul de kolom waarde in."]], heading="Uitleg", heading_size=13),
        ]
    )
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Uw cijfers", "Toelichting"]
    first = workbook["Uw cijfers"]
    values = [[cell.value for cell in row] for row in first.iter_rows()]
    assert values == [
        ["Terugkoppeling", None],
        ["code", "waarde"],
        ["VB-E01", 4.5],
        ["'+cmd", None],
        [None, None],
        ["fictieve demodata", None],
    ]
    assert first["A1"].font.b
    assert first["B2"].font.b
    assert first.freeze_panes == "A3"
    assert first["B3"].fill.fgColor.rgb.endswith("FFF2CC")
    assert not first["A3"].fill.fgColor.rgb.endswith("FFF2CC")
    assert first.column_dimensions["B"].width == 30
    second = workbook["Toelichting"]
    assert second["A1"].font.sz == 13
    assert second.freeze_panes is None
    assert second["A2"].value == "Vul de kolom waarde in."
