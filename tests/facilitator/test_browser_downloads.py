"""Downloads as the people who use them click them in Chromium, each file opened and read.

The data coordinator: the data request per supplier (Excel and CSV), the feedback of a supplier's figures and
the audit log; the policy advisor: the jaarplan input of their municipality; the organiser: table lists, name
cards, briefings and a person's data. The report page's documents: test_browser_report.py.
"""

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlmodel import select

from indicators.importing.feedback import FEEDBACK_COLUMNS
from indicators.importing.long_format import TEMPLATE_COLUMNS
from indicators.themes import theme_name
from sessions.models import Participant
from tests.sessions.pdf_text import pdf_pages

from .browser import RunningApp, app_db, choose, download, log_in, open_page

pytestmark = pytest.mark.browser


def _excel_csv(data: bytes) -> list[list[str]]:
    """An Excel-style CSV as Dutch Excel reads it: BOM, semicolons, CRLF."""
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_data_coordinator_downloads_request_feedback_and_audit_log(
    demo_app: RunningApp, page: Page, tmp_path: Path
) -> None:
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/leveringen")
    choose(page, page.locator(".st-key-template_supplier"), "CBS")
    expect(page.get_by_text("de indicatoren van CBS voor de gemeenten van het district")).to_be_visible()
    expect(page.get_by_text("waarden van CBS, zoals verwerkt in de monitor")).to_be_visible()

    name, data = download(page, page.get_by_role("button", name="Sjabloon (Excel)"), tmp_path)
    assert re.fullmatch(r"uitvraag_CBS_\d{4}\.xlsx", name)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Uitvraag", "Toelichting"]
    header = [cell.value for cell in workbook["Uitvraag"][1]]
    assert header[: len(TEMPLATE_COLUMNS)] == TEMPLATE_COLUMNS
    assert workbook["Uitvraag"].max_row > 8  # a row per indicator and municipality of De Markiezaten
    assert str(workbook["Toelichting"]["A1"].value).startswith("Data-uitvraag Monitor Integrale Veiligheid")

    name, data = download(page, page.get_by_role("button", name="Sjabloon (CSV)"), tmp_path)
    rows = _excel_csv(data)
    assert rows[0][: len(TEMPLATE_COLUMNS)] == TEMPLATE_COLUMNS
    assert {row[1] for row in rows[1:]} >= {"GM0748", "GM0716"}  # Bergen op Zoom, Tholen

    name, data = download(page, page.get_by_role("button", name="Terugkoppeling (Excel)"), tmp_path)
    assert name == "terugkoppeling_CBS.xlsx"
    sheet = load_workbook(io.BytesIO(data))["Uw cijfers"]
    assert str(sheet["A1"].value).startswith("Terugkoppeling aan CBS")
    assert [cell.value for cell in sheet[2]] == FEEDBACK_COLUMNS
    assert sheet.max_row > 100  # the real CBS figures of the demo database

    _, data = download(page, page.get_by_role("button", name="Terugkoppeling (CSV)"), tmp_path)
    rows = _excel_csv(data)
    assert rows[0] == FEEDBACK_COLUMNS
    assert any(row[2] == "GM0748" and row[4] == "2022" for row in rows[1:])

    open_page(page, f"{demo_app.url}/beheer")
    page.get_by_role("tab", name="Auditlog").click()
    name, data = download(page, page.get_by_role("button", name="Auditlog (CSV)"), tmp_path)
    assert name == "auditlog.csv"
    rows = _excel_csv(data)
    assert rows[0][0] == "tijd"
    assert len(rows) > 1
    assert all(re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}", row[0]) for row in rows[1:])


def test_policy_advisor_downloads_the_jaarplan_input(demo_app: RunningApp, page: Page, tmp_path: Path) -> None:
    log_in(page, demo_app, "beleid")  # the demo policy advisor of Tholen
    open_page(page, f"{demo_app.url}/jaarplan?gemeente=GM0716")
    name, data = download(page, page.get_by_role("button", name="Jaarplaninput exporteren (CSV)"), tmp_path)
    assert name == "jaarplaninput_Tholen.csv"
    rows = _excel_csv(data)
    header = rows[0]
    assert "actie" in header
    assert "besluit" in header
    titles = [row[header.index("actie")] for row in rows[1:]]
    assert any("Buurtpreventie" in title for title in titles)
    assert all(row[header.index("fictief")] == "fictieve demodata" for row in rows[1:])


def test_organiser_downloads_the_printables_and_a_persons_data(
    office: None, demo_app: RunningApp, page: Page, tmp_path: Path
) -> None:
    with app_db(demo_app) as db:
        people = db.exec(select(Participant).where(Participant.session_id == 1)).all()
    names = {person.name for person in people}
    codes = {person.personal_code for person in people}
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/sessies?sessie=1")
    page.get_by_role("tab", name="Afdrukken").click()

    label = "Naambordjes met persoonlijke code en QR-code (HTML)"
    name, data = download(page, page.get_by_role("button", name=label), tmp_path)
    assert name == "naambordjes.html"
    cards = data.decode("utf-8")
    assert sum(html.escape(person) in cards for person in names) >= 30  # everyone but who declined
    assert any(code in cards for code in codes)
    assert cards.count('class="segno"') >= 30  # a QR code on every card

    name, data = download(page, page.get_by_role("button", name="Naambordjes met QR-code (Word)"), tmp_path)
    assert name == "naambordjes.docx"
    word = Document(io.BytesIO(data))
    assert len(word.inline_shapes) >= 30
    word_text = " ".join(p.text for t in word.tables for c in t._cells for p in c.paragraphs)
    assert sum(person in word_text for person in names) >= 30
    assert "/kiosk?code=" in word_text

    name, data = download(page, page.get_by_role("button", name="Naambordjes met QR-code (PDF)"), tmp_path)
    assert name == "naambordjes.pdf"
    pdf_text = re.sub(r"\s+", " ", " ".join(pdf_pages(data)))
    assert sum(person in pdf_text for person in names) >= 30
    # the printed address may wrap at its "?" (how far depends on the width of the personal code's letters)
    assert "/kiosk?code=" in re.sub(r"\s+", "", pdf_text)

    for round_number in (1, 2):
        label = f"Tafellijsten ronde {round_number} (HTML, afdrukbaar)"
        name, data = download(page, page.get_by_role("button", name=label), tmp_path)
        assert name == f"tafellijsten_ronde_{round_number}.html"
        lists = data.decode("utf-8")
        assert f"tafellijsten ronde {round_number}</h1>" in lists
        if round_number == 1:  # the demo session has its first round seated
            assert sum(html.escape(person) in lists for person in names) >= 30

    for theme in ("GCC", "ZV", "VB", "RO"):
        label = f"Briefing {theme_name(theme)} (Markdown)"
        name, data = download(page, page.get_by_role("button", name=label), tmp_path)
        assert name == f"briefing_{theme}.md"
        assert theme_name(theme) in data.decode("utf-8")

    open_page(page, f"{demo_app.url}/beheer")
    page.get_by_role("tab", name="Persoonsgegevens").click()
    name, data = download(page, page.get_by_role("button", name="Gegevens van deze persoon (JSON)"), tmp_path)
    assert name == "persoonsgegevens.json"
    exported = json.loads(data)
    assert exported["deelnemer"]["name"]
    assert "personal_code" not in exported["deelnemer"]


def test_policy_advisor_takes_the_chapter_of_their_municipality_and_a_moderator_the_handout(
    demo_app: RunningApp, page: Page, tmp_path: Path
) -> None:
    """The report page offers what the export table allows: Tholen's policy advisor gets Tholen's chapter (no
    district report, no handouts, no names); the moderator of the demo session gets its handout."""
    log_in(page, demo_app, "beleid")
    open_page(page, f"{demo_app.url}/verslagen?sessie=1")
    expect(page.get_by_text("U ziet de documenten van uw eigen gemeente(n)")).to_be_visible()
    voor = page.locator(".st-key-report_municipality").get_by_role("combobox")
    expect(voor).to_have_value("Tholen")
    voor.click()
    expect(page.get_by_role("option")).to_have_text(["Tholen"])  # not "Het hele district", no other municipality
    page.keyboard.press("Escape")
    expect(page.get_by_text("Namen van de aanwezigen opnemen")).to_have_count(0)
    expect(page.get_by_role("heading", name="Handouts bestuurlijke dialoog")).to_have_count(0)
    name, data = download(page, page.get_by_role("button", name="Duidingsverslag (Markdown)"), tmp_path)
    assert name == "duidingsverslag_Tholen.md"
    text = data.decode("utf-8")
    assert "Tholen" in text
    assert "Roosendaal" not in text.split("## ")[-1]  # the last chapter is Tholen's, not another municipality's

    log_in(page, demo_app, "gespreksleider")
    open_page(page, f"{demo_app.url}/verslagen?sessie=1")
    row = page.locator("[data-testid='stHorizontalBlock']", has_text="Veilige buurt")
    name, data = download(page, row.get_by_role("button", name="Word"), tmp_path)
    assert name == "handout_VB.docx"
    assert "Bestuurlijke dialoog: Veilige buurt" in "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
