"""Helpers for the page tests with Streamlit's AppTest."""

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "facilitator" / "app.py"


def logged_in(app: AppTest, username: str = "beheer") -> AppTest:
    """The page tests run as a logged-in demo user (the login form itself has its own tests)."""
    app.session_state["vd_username"] = username
    return app


def new_app(username: str = "beheer") -> AppTest:
    """The app of `APP`, logged in as `username` and not yet run."""
    return logged_in(AppTest.from_file(str(APP), default_timeout=30), username)


def show_page(app: AppTest, page: str) -> AppTest:
    """Switch to `page`, run it, and check that it raised nothing."""
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def clock_texts(app: AppTest) -> list[str]:
    """The text of every table clock on the page as the server drew it (the browser counts down from there)."""
    components = [node.proto for node in app.get("bidi_component")]
    clocks = [json.loads(proto.json) for proto in components if proto.component_name.endswith(".live_clock")]
    return [str(clock["text"]) for clock in clocks]
