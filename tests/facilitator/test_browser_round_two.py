"""Round 2 at 80 people in Chromium: two tables per theme, the organiser clicks 'Ronde 2 aanvullen'; every table
keeps one moderator and one note-taker, nobody returns to their round-1 theme, and the page says so in Dutch."""

from collections import Counter
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import col, select

from core.access import SYSTEM
from core.db import make_engine, write_transaction
from sessions.assignment.generate import generated_problem
from sessions.dialogue import create_dialogue
from sessions.models import DialogueTable, Participant, Seat
from sessions.participants import add_participant
from sessions.seating import assign_round_one
from sessions.vocabulary import OrganisationType, Rsvp

from .browser import RunningApp, app_db, log_in, open_page, wait_for_app

pytestmark = pytest.mark.browser


def _eighty_people_after_round_one(app: RunningApp) -> int:
    """A session of its own (dated long ago, so no page picks it by default): the 80 people of a generated
    instance with two tables per theme (a moderator and a note-taker for each), round 1 seated."""
    engine = make_engine(app.database_url)
    with write_transaction(engine) as db:
        dialogue = create_dialogue(
            actor=SYSTEM,
            db=db,
            name="Tachtig mensen (test, fictief)",
            session_date=date(2001, 1, 2),
            tables_per_theme=2,
        )
        assert dialogue.id is not None
        for person in generated_problem(80, tables_per_theme=2, seed=3).people:
            add_participant(
                actor=SYSTEM,
                db=db,
                dialogue_id=dialogue.id,
                name=f"Persoon {person.id} (fictief)",
                organisation=person.organisation,
                organisation_type=OrganisationType.MUNICIPALITY if person.is_municipality else OrganisationType.PARTNER,
                role=person.role,
                preferred_theme=person.theme,
                rsvp=Rsvp.ACCEPTED,
            )
        assign_round_one(actor=SYSTEM, db=db, dialogue_id=dialogue.id)
        dialogue_id = dialogue.id
    engine.dispose()
    return dialogue_id


def test_round_two_at_eighty_people_keeps_one_moderator_and_one_note_taker_per_table(
    demo_app: RunningApp, page: Page
) -> None:
    dialogue_id = _eighty_people_after_round_one(demo_app)
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/sessies?sessie={dialogue_id}")
    page.get_by_role("tab", name="Ronde 2").click()
    page.get_by_role("button", name="Ronde 2 aanvullen").click()
    round_two = page.get_by_role("tabpanel", name="Ronde 2")
    expect(round_two.get_by_text("Ronde 2 aangevuld: 80 mensen ingedeeld.")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    summary = round_two.get_by_test_id("stAlertContentSuccess").inner_text()
    assert "Zelfde organisatie aan tafel:" in summary
    assert "paren die opnieuw samen zitten:" in summary
    assert "rekentijd" not in summary
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)  # no table without staff, in either round
    expect(round_two.get_by_text("Veilige buurt 2 · 10/10")).to_be_visible()

    with app_db(demo_app) as db:
        tables = {t.id: t for t in db.exec(select(DialogueTable).where(DialogueTable.session_id == dialogue_id))}
        seats = db.exec(select(Seat).where(col(Seat.table_id).in_(list(tables)))).all()
        people = {p.id: p for p in db.exec(select(Participant).where(Participant.session_id == dialogue_id))}
    first = {s.participant_id: tables[s.table_id] for s in seats if s.round == 1}
    second = [s for s in seats if s.round == 2]
    assert len(second) == 80
    roles: dict[int, Counter[str]] = {t: Counter() for t, table in tables.items() if table.round == 2}
    for seat in second:
        roles[seat.table_id][people[seat.participant_id].role] += 1
        if people[seat.participant_id].role == "deelnemer":
            assert tables[seat.table_id].theme_code != first[seat.participant_id].theme_code
    assert all((r["gespreksleider"], r["verslaglegger"]) == (1, 1) for r in roles.values()), roles
