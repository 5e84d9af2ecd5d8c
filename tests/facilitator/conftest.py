"""Page tests with Streamlit's AppTest against a demo database, and the real app driven by chromium."""

import shutil
from collections.abc import Iterator

import pytest
import streamlit as st
from playwright.sync_api import Browser, Page, sync_playwright
from streamlit.testing.v1 import AppTest

from tests.support.databases import in_ci

from .apptest import new_app
from .browser import CHROMIUM, CHROMIUM_ARGS, RunningApp, start_app, stop_app


def _clear_streamlit_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app(demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The app on the shared demo database (read-only tests), logged in as the demo admin, not yet run."""
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    _clear_streamlit_caches()
    yield new_app()
    _clear_streamlit_caches()


@pytest.fixture
def writable_app(writable_demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    """The app on a private copy of the demo database, logged in as the demo admin, after its first run."""
    monkeypatch.setenv("DATABASE_URL", writable_demo_sqlite_url)
    _clear_streamlit_caches()
    app = new_app()
    app.run()
    yield app
    _clear_streamlit_caches()


# ---------------------------------------------------------------- real browser
@pytest.fixture(scope="session")
def chromium_path() -> str:
    if shutil.which(CHROMIUM) is None:
        message = f"Debian's chromium niet gevonden op {CHROMIUM} (apt-get install -y chromium)"
        if in_ci():
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
