"""The table clock in Chromium (issue 14, part 8): the moderator starts and pauses it, the note-taker's page of that
table shows the same time, the organiser extends it, and at zero every page says "Tijd om" (never a negative time)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from core.access import SYSTEM
from core.db import make_engine, write_transaction
from indicators.themes import theme_name
from sessions.dialogue import dialogue_tables, get_dialogue
from sessions.models import TableClock
from sessions.table_clock import minutes_text, start_clock

from .browser import RunningApp, app_db, choose, log_in, open_expander, open_page, stored_eventually, wait_for_app

pytestmark = pytest.mark.browser


def test_moderator_note_taker_and_organiser_share_one_table_clock(
    demo_app: RunningApp, page: Page, browser: Browser
) -> None:
    with app_db(demo_app) as db:  # a table of the round the overview shows (another test may have opened round 2)
        current = get_dialogue(db=db, dialogue_id=1).current_round
        table = next(t for t in dialogue_tables(db=db, dialogue_id=1, round_number=current) if t.theme_code == "VB")
    assert table.id is not None
    table_id = table.id

    log_in(page, demo_app, "gespreksleider")
    open_page(page, f"{demo_app.url}/gespreksleiding?sessie=1&tafel={table_id}")
    moderator_clock = page.locator(".st-key-moderator_clock_display")
    expect(moderator_clock).to_contain_text("Klok staat stil")
    minutes = page.locator(".st-key-moderator_clock_minutes input")
    minutes.fill("20")
    minutes.press("Enter")
    wait_for_app(page)
    page.locator(".st-key-moderator_clock_start").get_by_role("button", name="Start").click()
    expect(moderator_clock).to_contain_text(re.compile(r"Nog (20:00|19:[0-5]\d)"), timeout=15_000)
    expect(moderator_clock).to_contain_text(re.compile(r"Nog 19:[0-5]\d"))  # the browser counts the seconds down
    page.locator(".st-key-moderator_clock_pause").get_by_role("button", name="Pauze").click()
    paused = stored_eventually(
        demo_app,
        lambda db: db.exec(
            select(TableClock).where(TableClock.table_id == table_id, col(TableClock.started_at).is_(None))
        ).first(),
    )
    assert paused.seconds == 20 * 60
    held = f"Gepauzeerd {minutes_text(paused.seconds - paused.used_seconds)}"
    expect(moderator_clock).to_contain_text(held, timeout=15_000)

    note_taking = browser.new_context(viewport={"width": 1400, "height": 1000})
    note_taker = note_taking.new_page()
    log_in(note_taker, demo_app, "verslaglegger")
    open_page(note_taker, f"{demo_app.url}/verslag?sessie=1&tafel={table_id}")
    note_taker_clock = note_taker.locator(".st-key-note_taker_clock_display")
    expect(note_taker_clock).to_contain_text(held)
    expect(note_taker.get_by_role("button", name="Pauze")).to_have_count(0)  # the note-taker only sees the time

    log_in(page, demo_app)  # the organiser
    open_page(page, f"{demo_app.url}/overzicht?sessie=1")
    open_expander(page, "Klok van één tafel bedienen")
    choose(page, page.locator(".st-key-overview_clock_table"), theme_name("VB"))
    page.locator(f".st-key-overview_clock_{table_id}_extend").get_by_role("button", name="+5 min").click()
    extended = f"Gepauzeerd {minutes_text(paused.seconds + 5 * 60 - paused.used_seconds)}"
    expect(page.locator(f".st-key-overview_table_{table_id}")).to_contain_text(extended, timeout=15_000)
    expect(note_taker_clock).to_contain_text(extended, timeout=15_000)  # the note-taker's page follows by itself

    engine = make_engine(demo_app.database_url)  # a one-minute clock started 61 seconds ago
    with write_transaction(engine) as db:
        start_clock(db=db, actor=SYSTEM, table_id=table_id, minutes=1, now=datetime.now(UTC) - timedelta(seconds=61))
    engine.dispose()
    for clock in (note_taker_clock, page.locator(f".st-key-overview_table_{table_id}")):
        expect(clock.locator(".vd-clock[data-state='tijd om']")).to_contain_text("Tijd om", timeout=15_000)
        expect(clock).not_to_contain_text(re.compile(r"-\s*\d+:\d\d"))  # no negative time
    open_page(page, f"{demo_app.url}/gespreksleiding?sessie=1&tafel={table_id}")
    expect(page.locator(".st-key-moderator_clock_display")).to_contain_text("Tijd om")
    note_taking.close()
