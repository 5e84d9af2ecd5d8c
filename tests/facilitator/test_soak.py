"""Soak test (opt-in: `pytest -m soak`; SOAK_SECONDS sets the length, default 180): 8 note-takers typing in
their own browser contexts and 30 participants choosing round-2 seats on the kiosk, at once, against a real
`veiligheidsdialoog run`. Afterwards every typed note is stored exactly, no table holds more people than seats,
and the server's memory is stable."""

import asyncio
import os
import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext, Page, async_playwright, expect
from sqlmodel import Session, col, func, select

from core.access import SYSTEM
from core.accounts import create_user, grant_session_role
from core.db import make_engine, transaction
from sessions.dialogue import dialogue_tables, open_round
from sessions.models import DialogueSession, DialogueTable, Note, Participant, Seat
from sessions.participants import check_in
from tests.support.waiting import eventually_async

from .browser import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, RunningApp, start_app, stop_app

pytestmark = [pytest.mark.soak, pytest.mark.browser]
SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", "180"))
NOTE_TAKERS = 8
KIOSK_USERS = 30
PASSWORD = "soak-wachtwoord-123"
TYPING_DELAY_MS = 110  # about 9 characters a second
SENTENCE = "Woninginbraken dalen waar buurtpreventie actief is; de politie ziet hetzelfde beeld. "
# the editor keeps a draft in localStorage until the server has confirmed the text (autosave_note.py)
NOTHING_UNCONFIRMED = "key => window.localStorage.getItem(key) === null"


def _server_rss_mb(pid: int) -> float:
    """Resident memory of the Streamlit server (the child of `veiligheidsdialoog run`), in MB."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    target = int(children[0]) if children else pid
    for line in Path(f"/proc/{target}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _choosers(db: Session) -> list[Participant]:
    """The participants of the demo session who choose on the kiosk: everyone who did not decline, up to 30."""
    people = db.exec(
        select(Participant)
        .where(Participant.session_id == 1, col(Participant.role) == "deelnemer", col(Participant.rsvp) != "afgemeld")
        .order_by(col(Participant.id))
    ).all()
    return list(people)[:KIOSK_USERS]


@pytest.fixture
def soak_app(writable_demo_sqlite_url: str, tmp_path: Path) -> Iterator[tuple[RunningApp, list[int]]]:
    url = writable_demo_sqlite_url
    engine = make_engine(url)
    with transaction(engine) as db:
        tables = [t.id for r in (1, 2) for t in dialogue_tables(db=db, dialogue_id=1, round_number=r)]
        for number in range(NOTE_TAKERS):
            user = create_user(
                db=db,
                actor=SYSTEM,
                username=f"verslag{number}",
                display_name=f"Verslaglegger {number}",
                password=PASSWORD,
                roles=[],
            )
            grant_session_role(db=db, actor=SYSTEM, user_id=user.id or 0, dialogue_id=1, role="verslaglegger")
        for person in _choosers(db):  # at the door, and round 2 opened for the kiosk
            check_in(db=db, actor=SYSTEM, participant_id=person.id or 0)
        open_round(db=db, actor=SYSTEM, dialogue_id=1, round_number=2)
    engine.dispose()
    running = start_app(tmp_path, url)
    yield running, [t for t in tables if t is not None]
    stop_app(running)


async def _log_in(context: BrowserContext, app: RunningApp, username: str) -> None:
    page = await context.new_page()
    await page.goto(app.url, timeout=120_000)
    await page.get_by_label("Gebruikersnaam").fill(username, timeout=120_000)
    await page.get_by_label("Wachtwoord").fill(PASSWORD)
    await page.get_by_role("button", name="Inloggen").click()
    await page.get_by_role("button", name="Uitloggen").wait_for(timeout=120_000)

    async def cookie_set() -> bool:  # the login cookie is set by the page's script a moment later
        return any(c["name"] == "vd_login" for c in await context.cookies())

    await eventually_async(cookie_set, timeout=60, message=f"no login cookie for {username}")
    await page.close()


@dataclass
class Progress:
    """What each note-taker has done so far, for the others to wait on."""

    logged_in: list[asyncio.Event] = field(default_factory=lambda: [asyncio.Event() for _ in range(NOTE_TAKERS)])
    writing: list[asyncio.Event] = field(default_factory=lambda: [asyncio.Event() for _ in range(NOTE_TAKERS)])


async def _until_confirmed(page: Page, note_id: str) -> None:
    """Wait until the server confirmed everything typed: the editor then drops its local draft."""
    await page.wait_for_function(NOTHING_UNCONFIRMED, arg=f"veiligheidsdialoog-note-{note_id}", polling=250)


async def _note_taker(
    context: BrowserContext, app: RunningApp, number: int, table_id: int, until: float, progress: Progress
) -> str:
    """Add a note and type into it until the deadline; returns everything typed."""
    if number:  # people arrive one by one, not in the same millisecond
        await asyncio.wait_for(progress.logged_in[number - 1].wait(), timeout=300)
    await _log_in(context, app, f"verslag{number}")
    progress.logged_in[number].set()
    page = await context.new_page()
    page.set_default_timeout(120_000)
    await page.goto(f"{app.url}/verslag?sessie=1&tafel={table_id}")
    await page.wait_for_selector(APP_IDLE, timeout=60_000)
    boxes = page.locator("[class*='st-key-note_box_']")
    before = await boxes.count()
    await page.get_by_role("button", name="Notitie toevoegen").click()
    await expect(boxes).to_have_count(before + 1, timeout=60_000)
    await page.wait_for_selector(APP_IDLE, timeout=60_000)
    new_box = boxes.first  # the note just added sits right under the form
    area = new_box.locator("textarea")
    key = re.search(r"st-key-note_box_(\d+)", await new_box.get_attribute("class") or "")
    assert key is not None
    await expect(new_box.locator(".vd-status")).to_have_text("Opgeslagen (versie 1)", timeout=60_000)
    await area.click()
    typed = f"[{number}] "
    await page.keyboard.type(typed, delay=TYPING_DELAY_MS)
    progress.writing[number].set()
    while time.monotonic() < until:  # a quick typist, pausing after each sentence until the autosave has it
        await page.keyboard.type(SENTENCE, delay=TYPING_DELAY_MS)
        typed += SENTENCE
        await _until_confirmed(page, key.group(1))
    await area.blur()
    await _until_confirmed(page, key.group(1))
    return typed


async def _kiosk_attempt(page: Page, app: RunningApp, code: str, personal: str) -> bool | None:
    """One person at the kiosk, from a fresh page: True when seated, False when the table filled up under them,
    None when no theme has a free seat. A fresh page holds no message or button from an earlier attempt, so what
    shows after the click is the answer to this click."""
    await page.goto(f"{app.url}/kiosk?code={code}")
    await page.wait_for_selector(APP_IDLE, timeout=60_000)  # as a person waits for the page before typing
    await page.get_by_label("Jouw persoonlijke code (op je naambordje)").fill(personal)
    await page.get_by_role("button", name="Toon mijn keuze").click()
    buttons = page.get_by_role("button", name="Kies dit thema")
    await buttons.first.wait_for(timeout=60_000)
    await page.wait_for_selector(APP_IDLE, timeout=60_000)  # every option drawn
    free = page.locator("button:not([disabled])", has_text="Kies dit thema")
    if not await free.count():
        return None
    await free.first.click()
    outcome = page.get_by_text("Gelukt! Je zit in ronde 2").or_(page.get_by_text("is net vol"))
    await outcome.first.wait_for(timeout=60_000)
    return bool(await page.get_by_text("Gelukt! Je zit in ronde 2").count())


async def _kiosk(
    context: BrowserContext, app: RunningApp, code: str, personal_codes: list[str], progress: Progress
) -> int:
    """Participants pick the first theme with a free seat, one after another; returns how many got a seat."""
    page = await context.new_page()
    page.set_default_timeout(120_000)
    seated = 0
    # round 2 starts while the note-takers are writing
    await asyncio.wait_for(asyncio.gather(*(event.wait() for event in progress.writing)), timeout=600)
    for personal in personal_codes:
        for _ in range(5):  # a full table makes them choose again
            outcome = await _kiosk_attempt(page, app, code, personal)
            if outcome is not False:
                seated += bool(outcome)
                break
    await page.close()
    return seated


SoakResult = tuple[list[str], int, list[float]]


async def _soak(app: RunningApp, tables: list[int], code: str, personal_codes: list[str]) -> SoakResult:
    memory: list[float] = []

    async def sample(until: float) -> None:
        while time.monotonic() < until + 5:
            memory.append(_server_rss_mb(app.process.pid))
            await asyncio.sleep(5)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        until = time.monotonic() + NOTE_TAKERS * 2 + SOAK_SECONDS
        writers = [await browser.new_context() for _ in range(NOTE_TAKERS)]
        kiosks = [await browser.new_context() for _ in range(5)]
        progress = Progress()
        jobs = [
            _note_taker(context, app, n, tables[n % len(tables)], until, progress) for n, context in enumerate(writers)
        ]
        groups = [personal_codes[i::5] for i in range(5)]
        kiosk_jobs = [_kiosk(c, app, code, g, progress) for c, g in zip(kiosks, groups, strict=True)]
        typed, seats, _ = await asyncio.gather(asyncio.gather(*jobs), asyncio.gather(*kiosk_jobs), sample(until))
        await browser.close()
    seated = sum(seats)
    return typed, seated, memory


def test_soak_note_takers_and_kiosk_lose_nothing(soak_app: tuple[RunningApp, list[int]]) -> None:
    app, tables = soak_app
    engine = make_engine(app.database_url)
    with Session(engine) as db:
        dialogue = db.get(DialogueSession, 1)
        assert dialogue is not None
        codes = [p.personal_code for p in _choosers(db)]
    with ThreadPoolExecutor(1) as pool:  # its own thread: the sync Playwright fixtures may hold this one's loop
        typed, seated, memory = pool.submit(asyncio.run, _soak(app, tables, dialogue.kiosk_code, codes)).result()

    with Session(engine) as db:
        notes = {n.author: n.text for n in db.exec(select(Note).where(col(Note.author).startswith("Verslag")))}
        over = db.exec(select(DialogueTable).where(col(DialogueTable.taken) > col(DialogueTable.seats))).all()
        kiosk_seats = db.exec(select(func.count()).select_from(Seat).where(Seat.assigned_by == "kiosk")).one()
        for table in db.exec(select(DialogueTable)).all():
            actual = db.exec(select(func.count()).select_from(Seat).where(Seat.table_id == table.id)).one()
            assert actual == table.taken <= table.seats, table
    engine.dispose()
    for number, text in enumerate(typed):
        assert notes[f"Verslaglegger {number}"] == text, f"note-taker {number} lost text"
    assert not over
    assert kiosk_seats == len(codes)  # everyone who chose got exactly one round-2 seat (40 seats for 30 people)
    warm = memory[len(memory) // 4 :] or memory
    print(
        f"soak {SOAK_SECONDS:.0f} s: {sum(len(t) for t in typed)} characters in {len(typed)} notes, "
        f"{kiosk_seats} kiosk seats ({seated} confirmed on screen), server memory {min(warm):.0f}-{max(warm):.0f} MB"
    )
    assert max(warm) - min(warm) < 150, f"server memory grew from {min(warm):.0f} to {max(warm):.0f} MB"
