"""The app started as a user would (`veiligheidsdialoog run`), seen in Debian's chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .browser import RunningApp, log_in, open_page

pytestmark = pytest.mark.browser


def test_run_on_a_fresh_database_builds_demo_and_shows_home(demo_app: RunningApp, page: Page, tmp_path: Path) -> None:
    assert "demodatabase wordt eerst gebouwd" in demo_app.log.read_text()
    open_page(page, demo_app.url)
    page.get_by_label("Wachtwoord").wait_for()  # nobody logged in: the login page, and only the kiosk besides
    expect(page.get_by_role("link", name="Monitor per thema")).to_have_count(0)
    log_in(page, demo_app)
    open_page(page, demo_app.url)
    page.get_by_role("heading", name="Veiligheidsdialoog").wait_for()
    for text in ("fictieve demodata", "Bron: CBS", "Bergen op Zoom"):
        page.get_by_text(text).first.wait_for()
    page.screenshot(path=str(tmp_path / "home.png"))
    page.get_by_role("link", name="Indicatoren").click()
    page.get_by_role("heading", name="Indicatoren").wait_for()
    page.get_by_text("64 indicatoren").wait_for()
