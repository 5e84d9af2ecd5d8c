"""Wide sheets through a mapping, the data request templates, feedback to suppliers."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session

from indicators.areas import DEFAULT_DISTRICT
from indicators.importing.feedback import feedback_csv, feedback_xlsx, supplier_feedback
from indicators.importing.issues import ImportRejected
from indicators.importing.long_format import TEMPLATE_COLUMNS
from indicators.importing.templates import supplier_names, template_csv, template_rows, template_xlsx
from indicators.importing.wide_format import WideMapping
from indicators.normalisation import indicator_values

from .helpers import Importer, csv_bytes


def _values(engine: Engine, code: str) -> dict[tuple[str, int, str], float]:
    with Session(engine) as db:
        frame = indicator_values(db=db, code=code)
    return {(r.area_code, r.year, r.breakdown): r.value for r in frame.itertuples()}


def test_wide_sheet_with_years_as_columns(monitor: Engine, do_import: Importer) -> None:
    data = csv_bytes(["Gemeente;2018;2019;2020", "Bergen op Zoom;30;32;35", "Tholen;4;;6"])
    result = do_import(data, "halt_breed.csv", indicator="ZV-I01", supplier="Halt")
    assert result.plan is not None
    assert result.plan.file_format == "brede tabel"
    values = _values(monitor, "ZV-I01")
    assert values[("GM0748", 2019, "totaal")] == 32
    assert ("GM0716", 2019, "totaal") not in values  # empty cell: nothing delivered


def test_wide_sheet_with_breakdowns_needs_a_year(monitor: Engine, do_import: Importer) -> None:
    data = csv_bytes(["Gemeente;Totaal;Geld;Drugs", "GM0748;40;10;20"])
    with pytest.raises(ImportRejected, match="geef het jaar op"):
        do_import(data, "mma.csv", indicator="GCC-E01", supplier="Meld Misdaad Anoniem")
    do_import(data, "mma.csv", indicator="GCC-E01", supplier="Meld Misdaad Anoniem", year=2020)
    assert _values(monitor, "GCC-E01")[("GM0748", 2020, "drugs")] == 20


def test_wide_sheet_with_explicit_mapping_from_excel(monitor: Engine, do_import: Importer) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Overzicht brandweerincidenten 2020"])
    sheet.append(["Plaats", "Alle", "Brand", "Ongeval"])
    sheet.append(["Roosendaal", 812, 140, 95])
    buffer = io.BytesIO()
    workbook.save(buffer)
    columns: dict[int, tuple[int | None, str | None]] = {1: (None, "totaal"), 2: (None, "brand"), 3: (None, "ongeval")}
    mapping = WideMapping("RO-I01", area_column=0, value_columns=columns, year=2020, header_row=1)
    do_import(buffer.getvalue(), "brandweer.xlsx", wide_mapping=mapping, supplier="Brandweer")
    values = _values(monitor, "RO-I01")
    assert values[("GM1674", 2020, "brand")] == 140
    assert values[("GM1674", 2020, "totaal")] == 812


def test_template_for_a_supplier_round_trip(monitor: Engine, do_import: Importer) -> None:
    with Session(monitor) as db:
        assert "Halt" in supplier_names(db=db)
        rows = template_rows(db=db, supplier="Halt", district_code=DEFAULT_DISTRICT, year=2021)
    assert {r["indicator"] for r in rows} == {"ZV-P01", "ZV-I01"}
    assert len({r["gemeente"] for r in rows}) == 8
    data = template_csv(rows)
    assert data.startswith("\ufeff".encode())
    reader = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert reader[0][: len(TEMPLATE_COLUMNS)] == TEMPLATE_COLUMNS
    filled = [reader[0]] + [[*r[:4], "7", *r[5:]] if r[3] == "totaal" else r for r in reader[1:]]
    text = "\n".join(";".join(r) for r in filled)
    result = do_import(text.encode("utf-8"), "halt_ingevuld.csv")
    assert result.delivery is not None
    assert result.delivery.supplier == "Halt"
    assert result.delivery.rows_added == 16  # two indicators x eight municipalities, totals only
    workbook = load_workbook(io.BytesIO(template_xlsx(rows, supplier="Halt", year=2021)))
    assert workbook.sheetnames == ["Uitvraag", "Toelichting"]
    assert workbook["Uitvraag"].max_row == len(rows) + 1


def test_feedback_lists_what_was_processed_with_safe_cells(monitor: Engine, do_import: Importer) -> None:
    data = csv_bytes(
        ["indicator;gemeente;jaar;waarde;toelichting", 'ZV-I01;GM0748;2020;;=HYPERLINK("x")', "ZV-I01;GM0716;2020;6;"]
    )
    do_import(data, "halt.csv", supplier="Halt")
    with Session(monitor) as db:
        frame = supplier_feedback(db=db, supplier="Halt")
    assert list(frame["gemeente"]) == ["GM0716", "GM0748"]
    text = feedback_csv(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    sheet = load_workbook(io.BytesIO(feedback_xlsx(frame, supplier="Halt")))["Uw cijfers"]
    assert "dank" in str(sheet["A1"].value)
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not any(cell.startswith("=") for cell in cells)
