"""Bad files are refused with a Dutch message naming file, row and column; nothing is written.

Each case runs on SQLite and PostgreSQL, and the database is compared row by row (and, for
SQLite, byte by byte) before and after.
"""

import io

import pytest
from openpyxl import Workbook
from sqlalchemy.engine import Engine

from indicators.importing.issues import ImportRejected

from .helpers import Importer, csv_bytes, snapshot

HEADER = "indicator;gemeente;jaar;uitsplitsing;waarde;toelichting"
GOOD = "VB-S03;GM0748;2020;totaal;310;"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CORPUS = [
    (
        "onbekende_indicator.csv",
        csv_bytes([HEADER, GOOD, "XX-99;GM0748;2020;;5;"]),
        3,
        "indicator",
        "onbekende indicator 'XX-99'",
    ),
    (
        "onbekende_gemeente.csv",
        csv_bytes([HEADER, GOOD, "VB-S03;Atlantis;2020;;5;"]),
        3,
        "gemeente",
        "onbekende gemeente 'Atlantis'",
    ),
    ("onbekend_jaar.csv", csv_bytes([HEADER, GOOD, "VB-S03;GM0716;20x5;;5;"]), 3, "jaar", "onbekend jaar '20x5'"),
    ("jaar_te_vroeg.csv", csv_bytes([HEADER, "VB-S03;GM0716;1850;;5;"]), 2, "jaar", "onbekend jaar '1850'"),
    ("geen_getal.csv", csv_bytes([HEADER, GOOD, "VB-S03;GM0716;2020;;veel;"]), 3, "waarde", "geen getal: 'veel'"),
    ("negatief.csv", csv_bytes([HEADER, GOOD, "VB-S03;GM0716;2020;;-4;"]), 3, "waarde", "negatief aantal (-4)"),
    ("procent.csv", csv_bytes([HEADER, "AV-E02;GM0716;2019;;104,5;"]), 2, "waarde", "percentage boven 100 (104,5)"),
    ("rapportcijfer.csv", csv_bytes([HEADER, "AV-E01;GM0716;2019;;11;"]), 2, "waarde", "rapportcijfer buiten 1-10"),
    (
        "dubbel.csv",
        csv_bytes([HEADER, GOOD, "VB-S03;Bergen op Zoom;2020;totaal;311;"]),
        3,
        None,
        "dubbele regel: zelfde indicator, gemeente, jaar en uitsplitsing als rij 2",
    ),
    (
        "uitsplitsing.csv",
        csv_bytes([HEADER, "VB-S03;GM0716;2020;fietsendiefstal;5;"]),
        2,
        "uitsplitsing",
        "onbekende uitsplitsing 'fietsendiefstal'",
    ),
    ("vervallen.csv", csv_bytes([HEADER, "ZV-S90;GM0716;2020;;5;"]), 2, "indicator", "is vervallen"),
    ("halve_aantallen.csv", csv_bytes([HEADER, "VB-S03;GM0716;2020;;4,5;"]), 2, "waarde", "geheel getal"),
    ("leeg.csv", b"", None, None, "het bestand is leeg"),
    ("alleen_spaties.csv", b"  \n \n", None, None, "het bestand is leeg"),
    ("alleen_kop.csv", csv_bytes([HEADER]), None, None, "bevat geen waarden"),
    ("onbekende_opbouw.csv", csv_bytes(["a;b;c", "1;2;3"]), 1, None, "onbekende opbouw"),
    ("kapot.xlsx", b"PK\x03\x04 dit is geen echte werkmap", None, None, "geen leesbaar Excel-bestand"),
    (
        "fout_in_excel.xlsx",
        _xlsx(
            [
                HEADER.split(";"),
                ["VB-S03", "GM0748", 2020, "", 310, ""],
                ["VB-S03", "GM0716", 2020, "", "ongeveer 5", ""],
            ]
        ),
        3,
        "waarde",
        "geen getal",
    ),
    (
        "windows_1252.csv",
        csv_bytes([HEADER, GOOD, "VB-S03;GM0716;2020;;één;"], encoding="cp1252"),
        3,
        "waarde",
        "geen getal: 'één'",
    ),
]


@pytest.mark.parametrize(("file_name", "data", "row", "column", "message"), CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_file_is_rejected_and_database_unchanged(
    monitor: Engine,
    do_import: Importer,
    file_name: str,
    data: bytes,
    row: int | None,
    column: str | None,
    message: str,
) -> None:
    before = snapshot(monitor)
    with pytest.raises(ImportRejected) as rejected:
        do_import(data, file_name, supplier="Politie")
    text = str(rejected.value)
    assert text.startswith(file_name)
    assert message in text
    if row is not None:
        assert f"rij {row}" in text
    if column is not None:
        assert f"kolom '{column}'" in text
    assert snapshot(monitor) == before


def test_every_problem_of_a_file_is_reported_at_once(do_import: Importer) -> None:
    data = csv_bytes([HEADER, "XX-1;GM0748;2020;;1;", "VB-S03;Atlantis;2020;;1;", "VB-S03;GM0716;2020;;abc;"])
    with pytest.raises(ImportRejected) as rejected:
        do_import(data, "drie_fouten.csv", supplier="Politie")
    assert [issue.row for issue in rejected.value.issues] == [2, 3, 4]
