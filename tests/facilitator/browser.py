"""Helpers for the real-browser tests: start `veiligheidsdialoog run`, drive Debian's chromium."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from playwright.sync_api import Locator, Page, expect
from sqlmodel import Session

from core.db import make_engine
from sessions.demo_accounts import DEMO_PASSWORD
from tests.support.waiting import eventually

T = TypeVar("T")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningApp:
    url: str
    database_url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_app(
    folder: Path,
    database_url: str,
    *,
    timeout: float = 120,
    port: int | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> RunningApp:
    """`veiligheidsdialoog run` on a free (or the given) port; returns when /_stcore/health answers. `cwd` is the
    folder it runs in (Streamlit reads `.streamlit/secrets.toml` there); by default the tests' own. `env` adds to
    the environment (settings such as upload caps)."""
    port = port or free_port()
    log = folder / f"app-{port}-{int(time.time() * 1000)}.log"
    script = Path(sys.executable).with_name("veiligheidsdialoog")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "facilitator.cli"]
    env = os.environ | (env or {}) | {"DATABASE_URL": database_url}
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [*command, "run", "--port", str(port)], stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=cwd
        )
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"app stopped:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    try:
        eventually(healthy, timeout=timeout, interval=0.5)
    except AssertionError:
        process.kill()
        raise TimeoutError(f"app did not answer within {timeout}s:\n{log.read_text(errors='replace')}") from None
    return RunningApp(url, database_url, process, log)


def stop_app(app: RunningApp) -> None:
    app.process.terminate()
    try:
        app.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app.process.kill()


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script (as Streamlit's own e2e tests do)."""
    page.wait_for_selector(APP_IDLE, timeout=timeout)


def app_db(app: RunningApp) -> Session:
    """A database session on the running app's database (for set-up and checks)."""
    return Session(make_engine(app.database_url))


def page_pause(page: Page) -> Callable[[float], None]:
    """A pause for `eventually` that waits through the page, so Playwright keeps serving its events and routes."""
    return lambda seconds: page.wait_for_timeout(seconds * 1000)


def stored_eventually(app: RunningApp, probe: Callable[[Session], T | None], timeout: float = 15) -> T:
    """Poll the database until `probe` returns something (the browser's rerun may still be running)."""

    def found() -> T | None:
        with app_db(app) as db:
            return probe(db)

    return eventually(found, timeout=timeout, message="the database did not reach the expected state")


def log_in(page: Page, app: RunningApp, username: str = "beheer", password: str = DEMO_PASSWORD) -> None:
    """Log in through the login page; the login cookie keeps later page loads logged in."""
    open_page(page, app.url)
    logout = page.get_by_role("button", name="Uitloggen")
    # the first run may not have begun when the page counts as idle: wait for either the login form or a login
    logout.or_(page.get_by_label("Gebruikersnaam")).first.wait_for()
    if logout.count():  # someone else is logged in in this browser
        logout.click()
        page.get_by_label("Gebruikersnaam").wait_for()
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name="Uitloggen").wait_for(timeout=15_000)
    wait_for_app(page)
    eventually(  # the login cookie is set by the page a moment later
        lambda: any(c["name"] == "vd_login" for c in page.context.cookies()),
        interval=0.1,
        pause=page_pause(page),
        message="the login cookie was not set",
    )


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def download(page: Page, button: Locator, folder: Path, *, timeout: float = 120_000) -> tuple[str, bytes]:
    """Click a download button as a user does; the file's suggested name and its bytes, as saved in `folder`."""
    with page.expect_download(timeout=timeout) as info:
        button.click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return info.value.suggested_filename, target.read_bytes()


def _room_below(field: Locator) -> None:
    """Bring a list field to the middle of the screen first, as a person does: a list that opens at the bottom edge
    makes the page scroll to show it, and a scrolling page closes an open list."""
    field.evaluate("element => element.scrollIntoView({block: 'center'})")


def choose(page: Page, widget: Locator, option: str) -> None:
    """Pick `option` in a selectbox as a person does: open the list, narrow it by typing (long lists are virtual),
    click the option, and see it in the field before going on."""
    field = widget.get_by_role("combobox")
    _room_below(field)
    field.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    expect(field).to_have_value(option)
    wait_for_app(page)


def choose_many(page: Page, widget: Locator, options: list[str]) -> None:
    """Add `options` to a multiselect as a person does: open it, type, click the option, and see its chip."""
    for option in options:
        _room_below(widget.get_by_role("combobox"))
        widget.get_by_role("combobox").click()
        page.keyboard.type(option)
        page.get_by_role("option", name=option).first.click()
        page.keyboard.press("Escape")
        expect(widget.locator("[data-tag]").filter(has_text=option)).to_have_count(1)


def open_expander(page: Page, title: str) -> Locator:
    """Open the expander `title` and wait until it has finished unfolding, as the eye does before the hand moves
    on (a list opened in it while it still grows closes again: the growing box scrolls)."""
    expanders = page.get_by_test_id("stExpander").filter(has=page.locator("summary", has_text=title))
    expander = expanders.locator("visible=true").first  # the one on the open tab
    expander.locator("summary").click()
    details = expander.locator("details")
    expect(details).to_have_attribute("open", "")
    eventually(
        lambda: details.evaluate("box => box.scrollHeight <= box.clientHeight + 1 && box.scrollTop === 0"),
        interval=0.05,
        pause=page_pause(page),
        message=f"the expander {title!r} did not finish opening",
    )
    return expander
