"""Offline venues: walking every page, the browser asks nothing of any address but the app's own (issue 14, 9)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request

from facilitator.navigation import PAGE_SPECS

from .browser import RunningApp, log_in, open_page

pytestmark = pytest.mark.browser


def test_no_page_fetches_anything_from_outside_the_app(demo_app: RunningApp, page: Page) -> None:
    origin = urlsplit(demo_app.url).netloc
    outside: list[str] = []

    def record(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != origin:
            outside.append(request.url)

    page.on("request", record)
    log_in(page, demo_app)  # the administrator sees every page
    for _, _, _, url_path in PAGE_SPECS.values():
        open_page(page, f"{demo_app.url}/{url_path}?sessie=1")
    open_page(page, f"{demo_app.url}/kiosk")
    assert outside == []
