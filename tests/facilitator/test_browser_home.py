"""The app started as a user would (`veiligheidsdialoog run`), seen in Debian's chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .conftest import start_app, stop_app, wait_for_app

pytestmark = pytest.mark.browser


def test_run_on_a_fresh_database_builds_demo_and_shows_home(tmp_path: Path, browser: Browser) -> None:
    app = start_app(tmp_path, f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    try:
        assert "demodatabase wordt eerst gebouwd" in app.log.read_text()
        page = browser.new_page()
        page.goto(app.url)
        wait_for_app(page)
        page.get_by_role("heading", name="Veiligheidsdialoog").wait_for()
        body = page.inner_text("body")
        assert "fictieve demodata" in body
        assert "Bron: CBS" in body
        assert "Bergen op Zoom" in body
        page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
        page.get_by_role("link", name="Indicatoren").click()
        wait_for_app(page)
        page.get_by_role("heading", name="Indicatoren").wait_for()
        assert "64 indicatoren" in page.inner_text("body")
        page.close()
    finally:
        stop_app(app)
