"""The journey test ("sessiedag", issue 14, part 10): a whole session day in Chromium on a fresh database, on SQLite
and on PostgreSQL, every role doing its own work on its own device.

The organiser creates a session and uploads 80 invitees (two tables per theme), checks people in at the door on a
phone, assigns round 1 and starts the clocks; two note-takers write at one table on tablets while the moderator
marks a key conclusion and gives dots; in the break the organiser opens round 2 on the kiosk and five participants
choose it on their phones (one first tries a code with a typo); the organiser fills round 2;
the administrator downloads the report (Word, PDF), the action list and a handout, and each file holds the session's
notes; the Tholen policy advisor adopts the table's action, and the indicator page of the next edition shows it.

Set-up outside the browser is only what happens before the day or by other hands: the accounts of the note-takers
and the moderator (Beheer, tested elsewhere) and the check-in of the 75 people other door staff let in.
"""

import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import Session, col, select

from core.access import SYSTEM, Role
from core.accounts import create_user, grant_session_role
from core.db import make_engine, transaction
from indicators.models import Indicator
from indicators.themes import theme_name
from sessions.demo_accounts import DEMO_PASSWORD
from sessions.dialogue import create_dialogue
from sessions.models import Action, DialogueSession, DialogueTable, JaarplanDecision, Note, Participant, Seat
from sessions.participants import check_in
from tests.sessions.pdf_text import pdf_pages
from tests.support.databases import DatabaseFactory, Kind
from tests.support.invitations import session_day_invitations

from .browser import (
    RunningApp,
    app_db,
    choose_many,
    download,
    log_in,
    open_expander,
    open_page,
    start_app,
    stop_app,
    stored_eventually,
    wait_for_app,
)

pytestmark = pytest.mark.browser

PEOPLE = 80
TABLES_PER_THEME = 2
SESSION_NAME = "Sessiedag De Markiezaten (test, fictief)"
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 820, "height": 1180}
DESKTOP = {"width": 1400, "height": 1000}
NOTE_A = "Woninginbraken dalen waar de buurtpreventie-app actief is, vooral in Tholen (sessiedag)"
NOTE_B = "Politie ziet meer meldingen van ondermijning in het buitengebied van Tholen (sessiedag)"
ACTION = "Buurtpreventie-app uitrollen in heel Tholen (sessiedag)"
PLAN_PLACE = "§ 2.1 Veilige buurten"
WRITERS = (("notulist-a", "Notulist A (fictief)"), ("notulist-b", "Notulist B (fictief)"))
MODERATOR = ("leider-vb", "Gespreksleider VB (fictief)")


@pytest.fixture
def fresh_app(database_factory: DatabaseFactory, tmp_path: Path) -> Iterator[RunningApp]:
    """`veiligheidsdialoog run` on a fresh database (a copy of what a first start builds) of this backend."""
    running = start_app(tmp_path, database_factory.copy_url(Kind.DEMO))
    yield running
    stop_app(running)


def _context(browser: Browser, viewport: dict[str, int]) -> BrowserContext:
    return browser.new_context(viewport={"width": viewport["width"], "height": viewport["height"]})


def _session(db: Session) -> DialogueSession:
    return db.exec(select(DialogueSession).where(DialogueSession.name == SESSION_NAME)).one()


def _seating(db: Session, dialogue_id: int, round_number: int) -> dict[int, tuple[Participant, DialogueTable]]:
    tables = {
        t.id: t
        for t in db.exec(
            select(DialogueTable).where(DialogueTable.session_id == dialogue_id, DialogueTable.round == round_number)
        )
    }
    people = {p.id: p for p in db.exec(select(Participant).where(Participant.session_id == dialogue_id))}
    seats = db.exec(select(Seat).where(Seat.round == round_number, col(Seat.table_id).in_(list(tables))))
    return {seat.participant_id: (people[seat.participant_id], tables[seat.table_id]) for seat in seats}


def _staff_per_table(seating: dict[int, tuple[Participant, DialogueTable]]) -> dict[int, Counter[str]]:
    staff: dict[int, Counter[str]] = defaultdict(Counter)
    for person, table in seating.values():
        staff[table.id or 0][person.role] += 1
    return staff


def _assert_staffed(seating: dict[int, tuple[Participant, DialogueTable]], tables: int) -> None:
    staff = _staff_per_table(seating)
    assert len(staff) == tables
    assert all((count[Role.MODERATOR], count[Role.NOTE_TAKER]) == (1, 1) for count in staff.values()), staff


def _accounts(app: RunningApp, dialogue_id: int) -> None:
    """Before the day, the administrator made the accounts of the note-takers and the moderator of the VB table."""
    with transaction(make_engine(app.database_url)) as db:
        for username, name, role in (*((u, n, Role.NOTE_TAKER) for u, n in WRITERS), (*MODERATOR, Role.MODERATOR)):
            user = create_user(
                db=db, actor=SYSTEM, username=username, display_name=name, password=DEMO_PASSWORD, roles=[]
            )
            grant_session_role(db=db, actor=SYSTEM, user_id=user.id or 0, dialogue_id=dialogue_id, role=role)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def _organiser_creates_the_session(page: Page, app: RunningApp) -> int:
    log_in(page, app)
    open_page(page, f"{app.url}/sessies")
    open_expander(page, "Nieuwe sessie")
    form = page.locator("[data-testid='stForm']").filter(has_text="Plaatsen per tafel")
    form.get_by_label("Naam").fill(SESSION_NAME)
    form.get_by_role("button", name="Aanmaken").click()
    expect(page.get_by_text(f"Sessie '{SESSION_NAME}' is aangemaakt.")).to_be_visible(timeout=15_000)
    dialogue = stored_eventually(
        app, lambda db: db.exec(select(DialogueSession).where(DialogueSession.name == SESSION_NAME)).first()
    )
    assert dialogue.id is not None
    open_page(page, f"{app.url}/sessies?sessie={dialogue.id}")
    page.locator(".st-key-invitations_file [data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {
            "name": "genodigden.csv",
            "mimeType": "text/csv",
            "buffer": session_day_invitations(people=PEOPLE, tables_per_theme=TABLES_PER_THEME),
        }
    )
    wait_for_app(page)
    page.get_by_role("button", name="Lijst toevoegen").click()
    expect(page.get_by_text(f"{PEOPLE} genodigden toegevoegd.")).to_be_visible(timeout=30_000)
    return dialogue.id


def _door_on_a_phone(browser: Browser, app: RunningApp, dialogue_id: int) -> None:
    with app_db(app) as db:
        people = list(
            db.exec(select(Participant).where(Participant.session_id == dialogue_id).order_by(col(Participant.id)))
        )
    assert len(people) == PEOPLE
    at_the_door, by_others = people[-5:], people[:-5]
    with transaction(make_engine(app.database_url)) as db:  # the other door staff
        for person in by_others:
            check_in(db=db, actor=SYSTEM, participant_id=person.id or 0)
    context = _context(browser, PHONE)
    phone = context.new_page()
    log_in(phone, app)
    open_page(phone, f"{app.url}/aanmelden?sessie={dialogue_id}")
    search = phone.get_by_label("Zoek op naam of organisatie")
    for person in at_the_door:
        search.fill(person.name)
        search.press("Enter")
        card = phone.locator("[data-testid='stVerticalBlock']", has_text=person.name).last
        card.get_by_role("button", name="Aanwezig", exact=True).click()
        card.get_by_role("button", name="Aanwezig ✓ (ongedaan maken)").wait_for()
    expect(phone.get_by_text(f"{PEOPLE} van {PEOPLE} aanwezig")).to_be_visible()
    context.close()


def _round_one(page: Page, app: RunningApp, dialogue_id: int) -> None:
    open_page(page, f"{app.url}/sessies?sessie={dialogue_id}")
    page.get_by_role("tab", name="Ronde 1").click()
    page.get_by_role("button", name="Ronde 1 indelen").click()
    expect(page.get_by_text(f"{PEOPLE} mensen ingedeeld")).to_be_visible(timeout=60_000)
    wait_for_app(page)
    with app_db(app) as db:
        seating = _seating(db, dialogue_id, 1)
    assert len(seating) == PEOPLE
    _assert_staffed(seating, 4 * TABLES_PER_THEME)
    expect(page.get_by_role("tabpanel", name="Ronde 1").get_by_test_id("stAlertContentError")).to_have_count(0)


def _clocks_start(page: Page, app: RunningApp, dialogue_id: int) -> None:
    open_page(page, f"{app.url}/overzicht?sessie={dialogue_id}")
    page.get_by_role("button", name="Ronde starten (alle tafels)").click()
    wait_for_app(page)
    expect(page.locator("[class*='st-key-overview_table_']").first).to_contain_text(re.compile(r"Nog \d+:\d\d"))


def _vb_table(app: RunningApp, dialogue_id: int) -> DialogueTable:
    with app_db(app) as db:
        return db.exec(
            select(DialogueTable).where(
                DialogueTable.session_id == dialogue_id,
                DialogueTable.round == 1,
                DialogueTable.theme_code == "VB",
                DialogueTable.number == 1,
            )
        ).one()


def _note_takers_on_tablets(browser: Browser, app: RunningApp, dialogue_id: int, table_id: int) -> None:
    tablets = []
    for (username, name), text in zip(WRITERS, (NOTE_A, NOTE_B), strict=True):
        context = _context(browser, TABLET)
        tablet = context.new_page()
        tablets.append(context)
        log_in(tablet, app, username)
        open_page(tablet, f"{app.url}/verslag?sessie={dialogue_id}&tafel={table_id}")
        tablet.get_by_text(f"Verslaglegger: {name}").wait_for()
        expect(tablet.locator(".st-key-note_taker_clock_display")).to_contain_text(re.compile(r"Nog \d+:\d\d"))
        tablet.get_by_role("button", name="Notitie toevoegen").click()
        note = stored_eventually(
            app,
            lambda db, author=name: db.exec(
                select(Note).where(Note.table_id == table_id, Note.author == author)
            ).first(),
        )
        area = tablet.locator(f".st-key-note_box_{note.id} textarea")
        wait_for_app(tablet)
        expect(area).to_have_count(1)
        area.click()
        area.type(text, delay=5)
        area.blur()
        stored_eventually(
            app,
            lambda db, note_id=note.id, text=text: db.exec(
                select(Note).where(Note.id == note_id, Note.text == text)
            ).first(),
        )
        width = tablet.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1]  # no horizontal scrolling on a tablet

    # the second note-taker proposes the action, for Tholen
    tablet = tablets[1].pages[0]
    form = tablet.locator("[data-testid='stForm']").filter(has_text="Actie toevoegen")
    form.get_by_label("Actie").fill(ACTION)
    form.get_by_label("Trekker (organisatie)").fill("gemeente Tholen")
    for key, choice in (("action_municipalities", "Tholen"), ("action_indicators", _indicator_name(app))):
        choose_many(tablet, tablet.locator(f".st-key-{key}"), [choice])
    form.get_by_role("button", name="Actie toevoegen").click()
    action = stored_eventually(app, lambda db: db.exec(select(Action).where(Action.title == ACTION)).first())
    assert action.municipalities == ["GM0716"]
    assert action.indicator_codes == ["VB-S03"]
    for context in tablets:
        context.close()


def _indicator_name(app: RunningApp) -> str:
    with app_db(app) as db:
        return db.exec(select(Indicator).where(Indicator.code == "VB-S03")).one().name


def _moderator_marks(browser: Browser, app: RunningApp, dialogue_id: int, table_id: int) -> None:
    context = _context(browser, TABLET)
    page = context.new_page()
    log_in(page, app, MODERATOR[0])
    open_page(page, f"{app.url}/gespreksleiding?sessie={dialogue_id}&tafel={table_id}")
    with app_db(app) as db:
        note = db.exec(select(Note).where(Note.text == NOTE_A)).one()
        action = db.exec(select(Action).where(Action.title == ACTION)).one()
    box = page.locator("[data-testid='stVerticalBlock']", has_text=NOTE_A).last
    box.get_by_text("Kernconclusie").click()
    marked = stored_eventually(
        app, lambda db: db.exec(select(Note).where(Note.id == note.id, col(Note.key_conclusion))).first()
    )
    assert (marked.text, marked.author, marked.version) == (note.text, note.author, note.version)  # a mark, no edit
    for expected in (1, 2):
        page.locator(f".st-key-vote_{action.id}").get_by_role("button").click()
        stored_eventually(
            app,
            lambda db, votes=expected: db.exec(
                select(Action).where(Action.id == action.id, Action.votes == votes)
            ).first(),
        )
    context.close()


def _organiser_opens_round_two(page: Page, app: RunningApp, dialogue_id: int) -> None:
    open_page(page, f"{app.url}/sessies?sessie={dialogue_id}")
    page.get_by_role("tab", name="Ronde 2").click()
    page.get_by_role("button", name="Ronde 2 openen op de kiosk").click()
    expect(page.get_by_text("Ronde 2 is open: deelnemers kiezen nu op de kiosk.")).to_be_visible()


def _participants_choose_round_two(browser: Browser, app: RunningApp, dialogue_id: int) -> dict[int, int]:
    """Five participants on their phones, each to a theme they did not discuss in round 1; returns their choices."""
    with app_db(app) as db:
        dialogue = db.get(DialogueSession, dialogue_id)
        assert dialogue is not None
        first = _seating(db, dialogue_id, 1)
        later = db.exec(
            select(DialogueTable)
            .where(DialogueTable.session_id == dialogue_id, DialogueTable.round == 2)
            .order_by(col(DialogueTable.id))
        ).all()
    choosers = [person for person, _ in first.values() if person.role == Role.PARTICIPANT][:5]
    chosen: dict[int, int] = {}
    field = "Jouw persoonlijke code (op je naambordje)"
    for number, person in enumerate(choosers):
        own_theme = first[person.id or 0][1].theme_code
        table = next(t for t in later if t.theme_code != own_theme)
        context = _context(browser, PHONE)
        phone = context.new_page()
        open_page(phone, f"{app.url}/kiosk?code={dialogue.kiosk_code}")
        code = person.personal_code
        if number == 0:  # a typo first: one wrong code is answered, and then the code as printed on the card
            typo = code[:-1] + ("A" if code[-1] != "A" else "B")
            phone.get_by_label(field).fill(typo)
            phone.get_by_role("button", name="Toon mijn keuze").click()
            expect(phone.get_by_text("Deze code kennen we niet. Vraag het aan de organisatie.")).to_be_visible()
            code = f"{code[:4]}-{code[4:]}"
        phone.get_by_label(field).fill(code)
        phone.get_by_role("button", name="Toon mijn keuze").click()
        wait_for_app(phone)
        phone.locator(f".st-key-kiosk_pick_{table.id}").get_by_role("button").click()
        expect(phone.get_by_text("Gelukt! Je zit in ronde 2 aan")).to_be_visible(timeout=15_000)
        expect(phone.get_by_label(field)).to_have_value("")
        context.close()
        chosen[person.id or 0] = table.id or 0
    return chosen


def _organiser_fills_round_two(page: Page, app: RunningApp, dialogue_id: int, chosen: dict[int, int]) -> None:
    open_page(page, f"{app.url}/sessies?sessie={dialogue_id}")
    page.get_by_role("tab", name="Ronde 2").click()
    page.get_by_role("button", name="Ronde 2 aanvullen").click()
    expect(page.get_by_text("Ronde 2 aangevuld")).to_be_visible(timeout=60_000)
    wait_for_app(page)
    expect(page.get_by_role("tabpanel", name="Ronde 2").get_by_test_id("stAlertContentError")).to_have_count(0)
    with app_db(app) as db:
        first, second = _seating(db, dialogue_id, 1), _seating(db, dialogue_id, 2)
    assert len(second) == PEOPLE
    _assert_staffed(second, 4 * TABLES_PER_THEME)
    back = [
        p.name
        for p, t in second.values()
        if p.role == Role.PARTICIPANT and t.theme_code == first[p.id or 0][1].theme_code
    ]
    assert back == []  # nobody returns to the theme of round 1
    assert all(second[person][1].id == table for person, table in chosen.items())  # the kiosk choices stay


def _administrator_downloads(page: Page, app: RunningApp, dialogue_id: int, folder: Path) -> None:
    open_page(page, f"{app.url}/verslagen?sessie={dialogue_id}")
    name, data = download(page, page.locator(".st-key-report_docx").get_by_role("button"), folder)
    assert name == "duidingsverslag.docx"
    report = _docx_text(data)
    assert NOTE_A in report
    assert NOTE_B in report
    assert ACTION in report
    name, data = download(page, page.locator(".st-key-report_pdf").get_by_role("button"), folder)
    assert name == "duidingsverslag.pdf"
    pdf = re.sub(r"\s+", " ", " ".join(pdf_pages(data)))
    assert "buurtpreventie-app actief" in pdf
    assert "ondermijning in het buitengebied" in pdf
    _, data = download(page, page.locator(".st-key-actions_xlsx").get_by_role("button"), folder)
    titles = [row[0].value for row in load_workbook(io.BytesIO(data))["Acties"].iter_rows(min_row=2)]
    assert ACTION in titles
    name, data = download(page, page.locator(".st-key-handout_VB_docx").get_by_role("button"), folder)
    assert name == "handout_VB.docx"
    handout = _docx_text(data)
    assert f"Bestuurlijke dialoog: {theme_name('VB')}" in handout
    assert ACTION in handout


def _tholen_adopts(page: Page, app: RunningApp, dialogue_id: int) -> None:
    log_in(page, app, "beleid")  # the demo policy advisor of Tholen
    open_page(page, f"{app.url}/jaarplan?gemeente=GM0716&sessie={dialogue_id}")
    form = page.locator("[data-testid='stForm']", has_text=ACTION)
    form.get_by_text("overgenomen", exact=True).click()
    form.get_by_label("Plek in het jaarplan (hoofdstuk of paragraaf)").fill(PLAN_PLACE)
    form.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text(f"Besluit over '{ACTION}' opgeslagen.")).to_be_visible(timeout=15_000)
    decided = (
        select(JaarplanDecision)
        .join(Action)
        .where(Action.title == ACTION, JaarplanDecision.municipality_code == "GM0716")
    )
    decision = stored_eventually(app, lambda db: db.exec(decided).first())
    assert (decision.decision, decision.plan_reference) == ("overgenomen", PLAN_PLACE)


def _next_edition_shows_it(page: Page, app: RunningApp) -> None:
    with transaction(make_engine(app.database_url)) as db:
        create_dialogue(
            db=db,
            actor=SYSTEM,
            name="Dialoogsessie volgend jaar (test, fictief)",
            session_date=date.today().replace(year=date.today().year + 1),
            edition=date.today().year + 1,
        )
    open_page(page, f"{app.url}/indicator?indicator=VB-S03")
    expect(page.get_by_role("heading", name="Eerder besproken")).to_be_visible(timeout=15_000)
    row = page.locator("[data-testid='stTable'] tr", has_text=ACTION)
    expect(row).to_contain_text(f"Tholen: overgenomen ({PLAN_PLACE})")


def test_sessiedag(office: None, fresh_app: RunningApp, browser: Browser, tmp_path: Path) -> None:
    organiser_context = _context(browser, DESKTOP)
    page = organiser_context.new_page()
    dialogue_id = _organiser_creates_the_session(page, fresh_app)
    _accounts(fresh_app, dialogue_id)
    _door_on_a_phone(browser, fresh_app, dialogue_id)
    _round_one(page, fresh_app, dialogue_id)
    _clocks_start(page, fresh_app, dialogue_id)
    table = _vb_table(fresh_app, dialogue_id)
    _note_takers_on_tablets(browser, fresh_app, dialogue_id, table.id or 0)
    _moderator_marks(browser, fresh_app, dialogue_id, table.id or 0)
    _organiser_opens_round_two(page, fresh_app, dialogue_id)
    chosen = _participants_choose_round_two(browser, fresh_app, dialogue_id)
    _organiser_fills_round_two(page, fresh_app, dialogue_id, chosen)
    _administrator_downloads(page, fresh_app, dialogue_id, tmp_path)
    _tholen_adopts(page, fresh_app, dialogue_id)
    _next_edition_shows_it(page, fresh_app)
    organiser_context.close()
