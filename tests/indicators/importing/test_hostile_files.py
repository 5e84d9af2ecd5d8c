"""Hostile uploads are refused with a clear Dutch message before anything is unpacked or parsed."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from indicators.importing.issues import ImportRejected
from indicators.importing.tabular import MAX_FILE_BYTES, read_table

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


def _workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indicator", "gemeente", "jaar", "uitsplitsing", "waarde"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, content if item.filename == name else source.read(item.filename))
    return target.getvalue()


def _message(data: bytes, name: str) -> str:
    with pytest.raises(ImportRejected) as rejected:
        read_table(data, name)
    return rejected.value.summary()


def test_an_oversized_file_is_refused() -> None:
    message = _message(b"a;b\n" + b"1;2\n" * (MAX_FILE_BYTES // 4 + 1), "enorm.csv")
    assert "enorm.csv" in message
    assert "te groot (maximaal 50 MB)" in message


def test_a_zip_bomb_is_refused_before_unpacking() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    assert len(bomb.getvalue()) < 1024 * 1024  # small on the wire
    message = _message(bomb.getvalue(), "bom.xlsx")
    assert "bom.xlsx" in message
    assert "mogelijk een zipbom" in message


def test_an_xml_bomb_inside_a_real_workbook_is_refused() -> None:
    data = _replace_part(_workbook(), "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    message = _message(data, "lol.xlsx")
    assert "lol.xlsx" in message
    assert "XML-bom" in message


def test_an_ordinary_workbook_still_reads() -> None:
    table = read_table(_workbook(), "gewoon.xlsx")
    assert table.rows[0][:2] == ["indicator", "gemeente"]
