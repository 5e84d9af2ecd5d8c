"""Dutch all the way (issue 14, part 5): every page, for every role, in Chromium, shows no English UI text."""

import re

import pytest
from playwright.sync_api import Page, expect

from facilitator.components.dutch_chrome import UPLOAD_BUTTON
from sessions.demo_accounts import DEMO_ACCOUNTS

from .browser import RunningApp, log_in, open_page, wait_for_app

pytestmark = pytest.mark.browser

# Streamlit's own English words (and Python's) as users would meet them; "Stop" is Dutch too, so the running
# widget is checked by its visibility instead.
ENGLISH = re.compile(
    r"\b(View \d+ more|View less|Press Enter|Ctrl\+Enter|Upload|Browse files|Drag and drop|per file|Running|"
    r"None|NaN|nan|Failed|Deploy|Choose an option|Choose options|No options|No results|Submit|Please|Loading|"
    r"Error|Page not found|does not seem|Made with|Download|Search|Fullscreen|Clear|Rerun|Settings)\b"
)
# Material icons are ligatures: their names ("upload", "home") are text in the page but never shown as words.
HIDE_ICONS = "[data-testid='stIconMaterial'] { display: none !important; }"


def visible_text(page: Page) -> str:
    page.add_style_tag(content=HIDE_ICONS)
    return str(page.evaluate("() => document.body.innerText"))


def english_on(page: Page) -> list[str]:
    return sorted({match.group(0) for match in ENGLISH.finditer(visible_text(page))})


def menu_paths(page: Page, app: RunningApp) -> list[str]:
    links = page.locator("[data-testid='stSidebarNavLink']")
    return [str(href).removeprefix(app.url) or "/" for href in links.evaluate_all("all => all.map(a => a.href)")]


def walk(page: Page, app: RunningApp, who: str) -> dict[str, list[str]]:
    """Every page in this role's menu: the English words found on it (none expected)."""
    expect(page.locator("[data-testid='stSidebarNavViewButton']")).to_have_count(0)  # no "View 6 more"
    found: dict[str, list[str]] = {}
    paths = menu_paths(page, app)
    assert paths, f"{who}: no menu"
    for path in paths:
        open_page(page, f"{app.url}{path}?sessie=1")
        if words := english_on(page):
            found[f"{who} {path}"] = words
        status = page.locator("[data-testid='stStatusWidget']")
        if status.count():
            expect(status).to_be_hidden()
    return found


def test_no_page_shows_english_to_anyone(demo_app: RunningApp, page: Page) -> None:
    open_page(page, demo_app.url)
    found = walk(page, demo_app, "niet ingelogd")
    # a page of the app that needs a login shows the login (not Streamlit's English "Page not found")
    open_page(page, f"{demo_app.url}/verslagen")
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    assert english_on(page) == []
    for account in DEMO_ACCOUNTS:
        log_in(page, demo_app, account.username)
        found |= walk(page, demo_app, account.username)
    assert found == {}


def test_a_page_outside_the_role_and_the_login_page_answer_in_dutch(demo_app: RunningApp, page: Page) -> None:
    log_in(page, demo_app, "verslaglegger")
    open_page(page, f"{demo_app.url}/beheer")
    expect(page.get_by_text("Deze pagina hoort niet bij uw rol.")).to_be_visible()
    assert english_on(page) == []
    page.get_by_role("link", name="Naar de startpagina").click()
    wait_for_app(page)
    expect(page.get_by_text("Deze pagina hoort niet bij uw rol.")).to_have_count(0)
    # logged in, the login page goes on to the start page
    open_page(page, f"{demo_app.url}/inloggen")
    expect(page.get_by_label("Wachtwoord")).to_have_count(0)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert english_on(page) == []


def test_text_fields_and_the_file_uploader_speak_dutch(demo_app: RunningApp, page: Page) -> None:
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/indicatoren")
    page.get_by_label("Zoeken").fill("Halt")  # Streamlit would now say "Press Enter to apply"
    assert english_on(page) == []
    page.get_by_label("Zoeken").press("Enter")
    wait_for_app(page)

    open_page(page, f"{demo_app.url}/importeren")
    assert english_on(page) == []
    button = page.locator("[data-testid='stFileUploaderDropzone'] button span[data-has-shortcut]")
    shown = button.evaluate("e => getComputedStyle(e, '::after').content")
    assert shown == f'"{UPLOAD_BUTTON}"'
    hint = page.locator("[data-testid='stFileUploaderDropzoneInstructions'] > div").first
    assert "sleep het hierheen (max. 50 MB per bestand)" in hint.evaluate("e => getComputedStyle(e, '::after').content")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(
        {"name": "breed.csv", "mimeType": "text/csv", "buffer": b"Gemeente;2022;2023;Opmerking\nTholen;4;;\n"}
    )
    wait_for_app(page)
    assert english_on(page) == []
