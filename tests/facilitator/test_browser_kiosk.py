"""The kiosk at the door on a phone (issue 14, part 6): the name card's QR address opens the kiosk with the code
filled in; a choice is confirmed with the table, the field is empty for the next person, and a code entered again
shows the choice and allows a change while seats last. Its refusals (issue 16, part 4): closed until the organiser
opens round 2, and a phone that tried too many wrong codes has to wait."""

import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from core.access import SYSTEM
from core.db import make_engine, write_transaction
from sessions.dialogue import create_dialogue, dialogue_tables, open_round
from sessions.documents import name_cards_document
from sessions.kiosk_throttle import BROWSER
from sessions.models import Seat
from sessions.participants import add_participant, check_in
from sessions.seating import claim_seat

from .browser import RunningApp, app_db, log_in, open_page, stored_eventually, wait_for_app

pytestmark = pytest.mark.browser
FIELD = "Jouw persoonlijke code (op je naambordje)"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def _kiosk_session(app: RunningApp, *, open_two: bool = True) -> tuple[int, str, list[str], dict[str, int]]:
    """A session of its own: two themes, two seats a table, three people checked in; in round 2 one of them already
    sits at Zorg en veiligheid; round 2 open on the kiosk unless `open_two` is False. Returns its id, the kiosk code,
    the two other people's personal codes and the round-2 tables by theme."""
    engine = make_engine(app.database_url)
    with write_transaction(engine) as db:
        dialogue = create_dialogue(
            actor=SYSTEM,
            db=db,
            name="Kiosk (test, fictief)",
            session_date=date(2001, 2, 1),
            themes=["VB", "ZV"],
            seats_per_table=2,
        )
        assert dialogue.id is not None
        people = [
            add_participant(actor=SYSTEM, db=db, dialogue_id=dialogue.id, name=name, organisation="Testorganisatie")
            for name in ("Kies Zelf (fictief)", "Zit Al (fictief)", "Komt Later (fictief)")
        ]
        for person in people:
            check_in(actor=SYSTEM, db=db, participant_id=person.id or 0)
        if open_two:
            open_round(actor=SYSTEM, db=db, dialogue_id=dialogue.id, round_number=2)
        tables = {t.theme_code: t.id or 0 for t in dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=2)}
        claim_seat(actor=SYSTEM, db=db, participant_id=people[1].id or 0, table_id=tables["ZV"])
        result = dialogue.id, dialogue.kiosk_code, [people[0].personal_code, people[2].personal_code], tables
    engine.dispose()
    return result


def _qr_address(app: RunningApp, dialogue_id: int, personal_code: str) -> str:
    """The address printed under the QR code on the person's Word name card."""
    engine = make_engine(app.database_url)
    with write_transaction(engine) as db:
        data = name_cards_document(actor=SYSTEM, db=db, dialogue_id=dialogue_id, fmt="docx")
    engine.dispose()
    texts = [p.text for t in Document(io.BytesIO(data)).tables for c in t._cells for p in c.paragraphs]
    return next(t for t in texts if t.endswith(f"persoon={personal_code}"))


def _submit(phone: Page, code: str | None = None) -> None:
    """Fill in a personal code (None: keep what the field holds) and ask for the choice."""
    if code is not None:
        phone.get_by_label(FIELD).fill(code)
    phone.get_by_role("button", name="Toon mijn keuze").click()
    wait_for_app(phone)


def test_kiosk_on_a_phone(demo_app: RunningApp, phone: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    dialogue_id, kiosk_code, (mine, later), tables = _kiosk_session(demo_app)
    monkeypatch.setenv("VD_PUBLIC_URL", demo_app.url)  # the address the name cards print
    address = _qr_address(demo_app, dialogue_id, mine)
    assert address == f"{demo_app.url}/kiosk?code={kiosk_code}&persoon={mine}"

    open_page(phone, address)  # as a phone does after scanning the QR code
    expect(phone.get_by_label("Sessiecode")).to_have_value(kiosk_code)
    expect(phone.get_by_label(FIELD)).to_have_value(mine)
    expect(phone).not_to_have_url(re.compile("persoon="))  # not left in the address for the next person
    _submit(phone)
    vb, zv = (phone.locator(f".st-key-kiosk_option_{tables[theme]}") for theme in ("VB", "ZV"))
    expect(zv).to_contain_text("1 plaats vrij")
    vb.get_by_role("button", name="Kies dit thema").click()
    expect(phone.get_by_text("Gelukt! Je zit in ronde 2 aan de tafel Veilige buurt (tafelnummer 1)")).to_be_visible()
    expect(phone.get_by_label(FIELD)).to_have_value("")  # empty for the next person
    expect(phone.get_by_role("button", name="Kies dit thema")).to_have_count(0)
    stored_eventually(
        demo_app,
        lambda db: db.exec(select(Seat).where(Seat.table_id == tables["VB"], Seat.assigned_by == "kiosk")).first(),
    )

    _submit(phone, mine)  # the same code again: the choice, and a change while seats last
    expect(phone.get_by_text("Je keuze: je zit in ronde 2 aan de tafel Veilige buurt (tafelnummer 1)")).to_be_visible()
    expect(vb.get_by_role("button", name="Jouw keuze")).to_be_disabled()
    zv.get_by_role("button", name="Wissel naar dit thema").click()
    expect(
        phone.get_by_text("Gelukt! Je zit in ronde 2 aan de tafel Zorg en veiligheid (tafelnummer 1)")
    ).to_be_visible()
    with app_db(demo_app) as db:
        seats = db.exec(select(Seat).where(col(Seat.table_id).in_(list(tables.values())))).all()
    assert sorted(s.table_id for s in seats) == [tables["ZV"], tables["ZV"]]

    _submit(phone, later)  # the next person: Zorg en veiligheid is full now
    expect(zv).to_contain_text("0 plaatsen vrij")
    expect(zv.get_by_role("button", name="Kies dit thema")).to_be_disabled()
    expect(vb.get_by_role("button", name="Kies dit thema")).to_be_enabled()


def test_the_kiosk_is_closed_until_the_organiser_opens_round_two(demo_app: RunningApp, phone: Page, page: Page) -> None:
    dialogue_id, kiosk_code, (mine, _), tables = _kiosk_session(demo_app, open_two=False)
    open_page(phone, f"{demo_app.url}/kiosk?code={kiosk_code}")
    expect(phone.get_by_text("De keuze voor ronde 2 is nog niet open.")).to_be_visible()
    expect(phone.get_by_label(FIELD)).to_have_count(0)  # no code is asked for, nor looked up

    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/sessies?sessie={dialogue_id}")
    page.get_by_role("tab", name="Ronde 2").click()
    expect(page.get_by_text("De kiosk is nog dicht")).to_be_visible()
    page.get_by_role("button", name="Ronde 2 openen op de kiosk").click()
    expect(page.get_by_text("Ronde 2 is open: deelnemers kiezen nu op de kiosk.")).to_be_visible()

    open_page(phone, f"{demo_app.url}/kiosk?code={kiosk_code}")
    _submit(phone, f"{mine[:4].lower()} {mine[4:]}")  # as printed, with a space, in small letters
    phone.locator(f".st-key-kiosk_option_{tables['VB']}").get_by_role("button", name="Kies dit thema").click()
    expect(phone.get_by_text("Gelukt! Je zit in ronde 2 aan de tafel Veilige buurt (tafelnummer 1)")).to_be_visible()


def test_a_phone_that_tried_too_many_wrong_codes_has_to_wait(demo_app: RunningApp, phone: Page) -> None:
    _, kiosk_code, (mine, _), _ = _kiosk_session(demo_app)
    open_page(phone, f"{demo_app.url}/kiosk?code={kiosk_code}")
    for number in range(BROWSER.attempts):
        _submit(phone, f"ZZZZ-ZZ{number:02d}".replace("0", "A").replace("1", "B"))
        expect(phone.get_by_text("Deze code kennen we niet. Vraag het aan de organisatie.")).to_be_visible()
    _submit(phone, mine)  # the right code, but not from this phone now
    expect(phone.get_by_text("Te veel verkeerde codes op dit apparaat. Probeer het over")).to_be_visible()
    expect(phone.get_by_role("button", name="Kies dit thema")).to_have_count(0)
