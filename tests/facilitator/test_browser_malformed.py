"""Malformed input over every page, in Chromium, on both databases: NUL bytes, broken encodings, quotes, numbers
too big for any column and very long values in every URL parameter the app reads, a NUL in the login name and in an
uploaded file. No page shows a traceback, a file path, SQL or a bug's incident code; each says something Dutch or
simply ignores what it cannot use."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from facilitator.navigation import PAGE_SPECS
from tests.support.databases import DatabaseFactory, Kind

from .browser import RunningApp, log_in, open_page, start_app, stop_app, wait_for_app

pytestmark = pytest.mark.browser
PARAMETERS = ["code", "persoon", "indicator", "gebied", "thema", "per10k", "sessie", "tafel"]
VALUES = {
    "nul": "GM%000748",
    "broken utf-8, quotes and sql": "%C3%28%FF%27%22%3B--%20DROP%20TABLE%20area",
    "huge number": "99999999999999999999999999",
    "long": "x" * 3000,
}
# what must never reach a person: Streamlit's exception box, Python's traceback, paths, driver and ORM names, and
# the incident code our own error page shows for a bug (a bug caught is still a bug)
LEAKS = ["Traceback", 'File "/', "psycopg", "sqlalchemy", "sqlite3", "foutcode"]


@pytest.fixture
def fresh_app(database_factory: DatabaseFactory, tmp_path: Path) -> Iterator[RunningApp]:
    running = start_app(tmp_path, database_factory.copy_url(Kind.DEMO))
    yield running
    stop_app(running)


@pytest.fixture
def postgres_app(postgres_factory: DatabaseFactory, tmp_path: Path) -> Iterator[RunningApp]:
    """The sweep runs on PostgreSQL only: it is the stricter of the two (a NUL that SQLite stores, PostgreSQL
    refuses with a driver error), and a hundred page loads per backend would double the suite's slowest test."""
    running = start_app(tmp_path, postgres_factory.copy_url(Kind.DEMO))
    yield running
    stop_app(running)


def _assert_clean(page: Page, where: str) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    text = page.locator("body").inner_text()
    leaked = [leak for leak in LEAKS if leak in text]
    assert not leaked, f"{where}: {leaked} in {text[:2000]}"


def test_every_page_takes_malformed_url_parameters_without_a_traceback(postgres_app: RunningApp, page: Page) -> None:
    for name, value in VALUES.items():  # not logged in: the login page and the kiosk are what anyone can open
        query = "&".join(f"{parameter}={value}" for parameter in PARAMETERS)
        for path in ("inloggen", "kiosk"):
            open_page(page, f"{postgres_app.url}/{path}?{query}")
            _assert_clean(page, f"anonymous /{path} with {name}")
    log_in(page, postgres_app)
    for file, _, _, path in PAGE_SPECS.values():
        for name, value in VALUES.items():
            query = "&".join(f"{parameter}={value}" for parameter in PARAMETERS)
            open_page(page, f"{postgres_app.url}/{path}?{query}")
            _assert_clean(page, f"/{path} ({file}) with {name}")


def test_a_nul_in_the_login_name_and_in_a_file_gets_a_dutch_answer(fresh_app: RunningApp, page: Page) -> None:
    open_page(page, fresh_app.url)
    page.get_by_label("Gebruikersnaam").fill("beheer\x00")
    page.get_by_label("Wachtwoord").fill("wat-dan-ook")
    page.get_by_role("button", name="Inloggen").click()
    wait_for_app(page)
    _assert_clean(page, "login with a NUL")
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)

    log_in(page, fresh_app)
    open_page(page, f"{fresh_app.url}/importeren")
    damaged = b"indicator;gemeente;jaar;uitsplitsing;waarde;toelichting\r\nAV-C01;GM0748;2023;totaal;3\x0050;\r\n"
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": "beschadigd.csv", "mimeType": "text/csv", "buffer": damaged}
    )
    wait_for_app(page)
    expect(page.get_by_text("Het bestand beschadigd.csv is afgewezen")).to_be_visible(timeout=15_000)
    _assert_clean(page, "import of a file with a NUL")
