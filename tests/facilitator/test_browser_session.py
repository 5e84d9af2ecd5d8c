"""A dialogue session in Chromium: check in three people, run round 1, move one, pick a round-2 theme; a move to a
full table is refused with a message in either round."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from core.access import SYSTEM
from core.db import make_engine, write_transaction
from indicators.themes import theme_name
from sessions.dialogue import create_dialogue, dialogue_tables
from sessions.models import DialogueSession, DialogueTable, Participant, Seat
from sessions.participants import add_participant
from sessions.seating import claim_seat

from .browser import RunningApp, app_db, choose, log_in, open_expander, open_page, stored_eventually, wait_for_app

pytestmark = pytest.mark.browser


def test_check_in_round_one_move_and_kiosk(demo_app: RunningApp, page: Page, tmp_path: Path) -> None:
    with app_db(demo_app) as db:
        people = db.exec(select(Participant).where(Participant.session_id == 1)).all()
    absent = [p for p in people if p.is_demo and p.rsvp == "aangemeld" and p.checked_in_at is None]
    names = [p.name for p in absent[:3]]
    assert len(names) == 3
    present = sum(p.checked_in_at is not None for p in people) + 3  # other tests may have added people
    expected = sum(p.rsvp != "afgemeld" for p in people)

    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/aanmelden?sessie=1")
    search = page.get_by_label("Zoek op naam of organisatie")
    for name in names:
        search.fill(name)
        search.press("Enter")
        card = page.locator("[data-testid='stVerticalBlock']", has_text=name).last
        card.get_by_role("button", name="Aanwezig", exact=True).click()
        card.get_by_role("button", name="Aanwezig ✓ (ongedaan maken)").wait_for()
    page.get_by_text(f"{present} van {expected} aanwezig").wait_for()

    open_page(page, f"{demo_app.url}/sessies?sessie=1")
    page.get_by_role("tab", name="Ronde 1").click()
    page.get_by_role("button", name="Ronde 1 indelen").click()
    page.get_by_text(f"{present} mensen ingedeeld").wait_for(timeout=30_000)
    wait_for_app(page)
    # the demo session's seats only: other tests seat people in sessions of their own
    round_one = select(Seat).join(DialogueTable).where(DialogueTable.session_id == 1, Seat.round == 1)
    stored_eventually(demo_app, lambda db: len(db.exec(round_one).all()) == present or None)
    with app_db(demo_app) as db:
        seats = db.exec(round_one).all()
        seated = {p.id: p for p in db.exec(select(Participant).where(Participant.session_id == 1)).all()}
        mover = next(  # a participant: moderators and note-takers keep their table in round 2
            seated[s.participant_id] for s in seats if not s.locked and seated[s.participant_id].role == "deelnemer"
        )
        tables = {
            t.id: t
            for t in db.exec(select(DialogueTable).where(DialogueTable.session_id == 1, DialogueTable.round == 1)).all()
        }
        current = next(s.table_id for s in seats if s.participant_id == mover.id)
        target = next(t for t in tables.values() if t.id != current and t.taken < t.seats)
    open_expander(page, "Iemand verplaatsen")
    choose(page, page.locator(".st-key-move_who_1"), mover.name)
    choose(page, page.locator(".st-key-move_where_1"), theme_name(target.theme_code))
    page.get_by_role("button", name="Verplaatsen").click()
    by_hand = select(Seat).where(Seat.round == 1, Seat.participant_id == mover.id, Seat.assigned_by == "hand")
    moved = stored_eventually(demo_app, lambda db: db.exec(by_hand).first())
    assert (moved.table_id, moved.locked) == (target.id, True)
    with app_db(demo_app) as db:
        dialogue = db.exec(select(DialogueSession).where(DialogueSession.id == 1)).one()
        kiosk_code, personal = dialogue.kiosk_code, mover.personal_code
    page.screenshot(path=str(tmp_path / "sessions.png"), full_page=True)
    page.get_by_role("tab", name="Ronde 2").click()  # the break: the organiser opens the kiosk for round 2
    page.get_by_role("button", name="Ronde 2 openen op de kiosk").click()
    expect(page.get_by_text("Ronde 2 is open: deelnemers kiezen nu op de kiosk.")).to_be_visible()

    open_page(page, f"{demo_app.url}/kiosk?code={kiosk_code}")
    page.get_by_label("Jouw persoonlijke code (op je naambordje)").fill(personal)
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Kies dit thema").first.click()
    expect(page.get_by_text("Je zit in ronde 2 aan de tafel")).to_be_visible(timeout=15_000)
    with app_db(demo_app) as db:
        chosen = db.exec(select(Seat).where(Seat.round == 2, Seat.participant_id == mover.id)).one()
        assert chosen.assigned_by == "kiosk"
        table = db.get(DialogueTable, chosen.table_id)
        assert table is not None
        assert table.taken == 1


def _full_tables_session(app: RunningApp) -> tuple[int, str]:
    """A session of its own (dated long ago, so no page picks it by default): two themes, two seats a table; in
    both rounds two people fill Veilige buurt and a third sits at Zorg en veiligheid. Returns its id and the third."""
    engine = make_engine(app.database_url)
    with write_transaction(engine) as db:
        dialogue = create_dialogue(
            actor=SYSTEM,
            db=db,
            name="Volle tafels (test, fictief)",
            session_date=date(2001, 1, 1),
            themes=["VB", "ZV"],
            seats_per_table=2,
        )
        assert dialogue.id is not None
        people = [
            add_participant(actor=SYSTEM, db=db, dialogue_id=dialogue.id, name=name, organisation="Testorganisatie")
            for name in ("Vol Een (fictief)", "Vol Twee (fictief)", "Wil Verhuizen (fictief)")
        ]
        for round_number in (1, 2):
            tables = {
                t.theme_code: t.id or 0
                for t in dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=round_number)
            }
            for person, theme in zip(people, ("VB", "VB", "ZV"), strict=True):
                claim_seat(actor=SYSTEM, db=db, participant_id=person.id or 0, table_id=tables[theme])
        result = dialogue.id, people[2].name
    engine.dispose()
    return result


def test_a_move_to_a_full_table_says_so_in_both_rounds(demo_app: RunningApp, page: Page) -> None:
    dialogue_id, mover = _full_tables_session(demo_app)
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/sessies?sessie={dialogue_id}")
    for round_number in (1, 2):
        page.get_by_role("tab", name=f"Ronde {round_number}").click()
        open_expander(page, "Iemand verplaatsen")
        for key, choice in ((f"move_who_{round_number}", mover), (f"move_where_{round_number}", "Veilige buurt")):
            choose(page, page.locator(f".st-key-{key}"), choice)
        page.locator(f".st-key-move_button_{round_number}").get_by_role("button", name="Verplaatsen").click()
        expect(page.get_by_text("Die tafel is vol.")).to_be_visible(timeout=15_000)
        wait_for_app(page)
    with app_db(demo_app) as db:
        seats = db.exec(
            select(Seat).join(Participant).where(Participant.session_id == dialogue_id, Participant.name == mover)
        ).all()
        tables = {t.id: t for t in db.exec(select(DialogueTable).where(DialogueTable.session_id == dialogue_id))}
    assert sorted((tables[s.table_id].round, tables[s.table_id].theme_code) for s in seats) == [(1, "ZV"), (2, "ZV")]
