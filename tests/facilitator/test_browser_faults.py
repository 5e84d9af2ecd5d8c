"""Faults during a session, in Chromium: the app process killed and restarted, and a dropped websocket.
Nothing committed is lost, and text typed while the app was away arrives once it is back."""

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect
from sqlmodel import Session, col, select

from core.db import make_engine
from sessions.models import DialogueTable, Note
from tests.support.waiting import eventually

from .browser import RunningApp, log_in, open_page, page_pause, start_app, stop_app, wait_for_app

pytestmark = pytest.mark.browser
AUTHOR = "Demo verslaglegger (fictief)"


@pytest.fixture
def own_app(writable_demo_sqlite_url: str, tmp_path: Path) -> Iterator[RunningApp]:
    """An app of this test alone (it gets killed), on a private copy of the demo database."""
    running = start_app(tmp_path, writable_demo_sqlite_url)
    yield running
    stop_app(running)


def _table(app: RunningApp) -> int:
    with Session(make_engine(app.database_url)) as db:
        table = db.exec(
            select(DialogueTable).where(
                DialogueTable.session_id == 1, DialogueTable.round == 1, DialogueTable.theme_code == "ZV"
            )
        ).one()
        assert table.id is not None
        return table.id


def _note_text(app: RunningApp, note_id: int) -> str:
    engine = make_engine(app.database_url)
    with Session(engine) as db:
        note = db.get(Note, note_id)
        text = note.text if note else ""
    engine.dispose()
    return text


def _wait_for_text(app: RunningApp, note_id: int, expected: str, *, page: Page, timeout: float = 30) -> None:
    """Poll the database; wait through the page, so Playwright keeps serving the page (and its websocket
    route) meanwhile."""
    eventually(
        lambda: _note_text(app, note_id) == expected,
        timeout=timeout,
        interval=0.25,
        pause=page_pause(page),
        message=lambda: f"stored: {_note_text(app, note_id)!r}, expected {expected!r}",
    )


def _newest_note(app: RunningApp) -> Note | None:
    engine = make_engine(app.database_url)
    with Session(engine) as db:
        note = db.exec(select(Note).where(Note.author == AUTHOR).order_by(col(Note.id).desc())).first()
    engine.dispose()
    return note


def _new_note(page: Page, app: RunningApp) -> tuple[int, str]:
    open_page(page, f"{app.url}/verslag?sessie=1&tafel={_table(app)}")
    page.get_by_role("button", name="Notitie toevoegen").click()
    note = eventually(lambda: _newest_note(app), pause=page_pause(page), message="the new note was not stored")
    assert note.id is not None
    area = f".st-key-note_box_{note.id} textarea"
    wait_for_app(page)  # the new note moves under the form: until the rerun ends, its old place is still drawn
    expect(page.locator(area)).to_have_count(1)
    expect(page.locator(f".st-key-note_box_{note.id} .vd-status")).to_have_text("Opgeslagen (versie 1)")  # JS ready
    return note.id, area


def test_app_killed_and_restarted_loses_nothing_and_the_note_taker_continues(
    own_app: RunningApp, browser: Browser
) -> None:
    context = browser.new_context()
    page = context.new_page()
    log_in(page, own_app, "verslaglegger")
    note_id, area = _new_note(page, own_app)
    page.locator(area).click()
    page.keyboard.type("Voor de herstart opgeslagen. ", delay=10)
    _wait_for_text(own_app, note_id, "Voor de herstart opgeslagen. ", page=page)

    os.kill(own_app.process.pid, signal.SIGKILL)  # the laptop running the app dies
    own_app.process.wait(timeout=10)
    page.keyboard.type("Getypt terwijl de app weg was.", delay=10)
    expected = "Voor de herstart opgeslagen. Getypt terwijl de app weg was."
    assert _note_text(own_app, note_id) == "Voor de herstart opgeslagen. "  # committed text survived the kill

    restarted = start_app(own_app.log.parent, own_app.database_url, port=int(own_app.url.rsplit(":", 1)[1]))
    own_app.process = restarted.process
    _wait_for_text(own_app, note_id, expected, page=page, timeout=60)  # the browser reconnected and sent the rest
    expect(page.locator(area)).to_have_value(expected)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()  # still logged in, same table
    context.close()


def test_dropped_websocket_reconnects_with_the_typed_text_intact(own_app: RunningApp, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    sockets: list[WebSocketRoute] = []

    servers: list[WebSocketRoute] = []

    def proxy(socket: WebSocketRoute) -> None:
        servers.append(socket.connect_to_server())
        sockets.append(socket)

    page.route_web_socket("**/_stcore/stream", proxy)
    log_in(page, own_app, "verslaglegger")
    note_id, area = _new_note(page, own_app)
    page.locator(area).click()
    page.keyboard.type("Eerste zin. ", delay=10)
    _wait_for_text(own_app, note_id, "Eerste zin. ", page=page)
    connections = len(sockets)
    page.keyboard.type("Tweede zin vlak voor de storing.", delay=5)
    # the venue Wi-Fi drops the connection before the half-second autosave fires: both ends see it go
    servers[-1].close(code=1001, reason="wifi weg")
    sockets[-1].close(code=4000, reason="wifi weg")
    _wait_for_text(own_app, note_id, "Eerste zin. Tweede zin vlak voor de storing.", page=page, timeout=60)
    assert len(sockets) > connections  # the page made a new connection by itself
    expect(page.locator(area)).to_have_value("Eerste zin. Tweede zin vlak voor de storing.")
    context.close()
