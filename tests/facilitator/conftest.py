"""Page tests with Streamlit's AppTest against a demo database."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from playwright.sync_api import Browser, Page, sync_playwright
from streamlit.testing.v1 import AppTest

from .browser import CHROMIUM, CHROMIUM_ARGS, RunningApp, start_app, stop_app

APP = Path(__file__).resolve().parents[2] / "facilitator" / "app.py"


@pytest.fixture
def app(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield logged_in(AppTest.from_file(str(APP), default_timeout=30))
    st.cache_data.clear()
    st.cache_resource.clear()


def logged_in(app: AppTest, username: str = "beheer") -> AppTest:
    """The page tests run as a logged-in demo user (the login form itself has its own tests)."""
    app.session_state["vd_username"] = username
    return app


# ---------------------------------------------------------------- real browser
@pytest.fixture(scope="session")
def chromium_path() -> str:
    if shutil.which(CHROMIUM) is None:
        message = f"Debian's chromium niet gevonden op {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """The real app, started with `veiligheidsdialoog run` on a fresh database (it builds the demo)."""
    folder = tmp_path_factory.mktemp("app")
    running = start_app(folder, f"sqlite:///{folder / 'fresh.sqlite'}")
    yield running
    stop_app(running)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()
