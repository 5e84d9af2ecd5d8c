"""The duidingsverslag, the action list and the handouts, downloaded in Chromium and opened (issue 14, part 1).

The documents are made when a button is clicked, outside the page's run: the page keeps the actor it knew.
"""

import csv
import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlmodel import col, select

from indicators.themes import theme_name
from sessions.models import Action, Note
from tests.sessions.pdf_text import pdf_pages

from .browser import RunningApp, app_db, download, log_in, open_page

pytestmark = pytest.mark.browser


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _demo_note_and_action(app: RunningApp) -> tuple[str, str]:
    with app_db(app) as db:
        note = db.exec(
            select(Note)
            .where(Note.session_id == 1, col(Note.text).contains("fictieve demodata"))
            .order_by(col(Note.id))
        ).first()
        action = db.exec(select(Action).where(Action.session_id == 1).order_by(col(Action.id))).first()
    assert note is not None
    assert action is not None
    return note.text, action.title


def test_administrator_downloads_report_action_list_and_handouts(
    office: None, demo_app: RunningApp, page: Page, tmp_path: Path
) -> None:
    note, action = _demo_note_and_action(demo_app)
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/verslagen?sessie=1")

    name, data = download(page, page.get_by_role("button", name="Duidingsverslag (Word)"), tmp_path)
    assert name == "duidingsverslag.docx"
    text = _docx_text(data)
    assert note in text
    assert "fictieve demodata" in text

    name, data = download(page, page.get_by_role("button", name="Duidingsverslag (PDF)"), tmp_path)
    assert name == "duidingsverslag.pdf"
    pdf = " ".join(pdf_pages(data))
    assert "fictieve demodata" in pdf
    assert theme_name("VB") in pdf

    name, data = download(page, page.get_by_role("button", name="Duidingsverslag (Markdown)"), tmp_path)
    assert name == "duidingsverslag.md"
    assert f"## {theme_name('VB')}" in data.decode("utf-8")

    _, data = download(page, page.get_by_role("button", name="Actielijst (Excel)"), tmp_path)
    titles = [row[0].value for row in load_workbook(io.BytesIO(data))["Acties"].iter_rows(min_row=2)]
    assert action in titles

    _, data = download(page, page.get_by_role("button", name="Actielijst (CSV)"), tmp_path)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert any(action in row for row in rows[1:])

    themes = [None, "GCC", "ZV", "VB", "RO"]  # all themes, and one per theme of the demo session
    words = page.get_by_role("button", name="Word", exact=True).all()
    pdfs = page.get_by_role("button", name="PDF", exact=True).all()
    assert len(words) == len(pdfs) == len(themes)
    for theme, word, pdf_button in zip(themes, words, pdfs, strict=True):
        expected = [theme] if theme else themes[1:]
        name, data = download(page, word, tmp_path)
        assert name == f"handout_{theme or 'alle_themas'}.docx"
        text = _docx_text(data)
        assert all(f"Bestuurlijke dialoog: {theme_name(code)}" in text for code in expected)
        name, data = download(page, pdf_button, tmp_path)
        assert name == f"handout_{theme or 'alle_themas'}.pdf"
        pages = " ".join(pdf_pages(data))
        assert all(f"Bestuurlijke dialoog: {theme_name(code)}" in pages for code in expected)


def test_moderator_downloads_the_report_of_their_session(demo_app: RunningApp, page: Page, tmp_path: Path) -> None:
    note, _ = _demo_note_and_action(demo_app)
    log_in(page, demo_app, "gespreksleider")
    open_page(page, f"{demo_app.url}/verslagen?sessie=1")
    name, data = download(page, page.get_by_role("button", name="Duidingsverslag (Word)"), tmp_path)
    assert name == "duidingsverslag.docx"
    assert note in _docx_text(data)


def test_a_pdf_shows_progress_while_the_page_stays_usable(
    office: None, demo_app: RunningApp, page: Page, tmp_path: Path
) -> None:
    """LibreOffice takes seconds: the button turns into a spinner meanwhile, and the rest of the page answers."""
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/verslagen?sessie=1")
    button = page.get_by_role("button", name="Duidingsverslag (PDF)")
    names = page.get_by_role("checkbox", name="Namen van de aanwezigen opnemen")
    with page.expect_download(timeout=120_000) as info:
        button.click()
        expect(button).to_be_disabled()  # the spinner: busy, not clickable twice
        names.check(force=True)  # the page is not blocked while the document is made
        expect(names).to_be_checked()
    assert info.value.suggested_filename == "duidingsverslag.pdf"
    target = tmp_path / "verslag.pdf"
    info.value.save_as(target)
    assert "fictieve demodata" in " ".join(pdf_pages(target.read_bytes()))
    expect(button).to_be_enabled()
