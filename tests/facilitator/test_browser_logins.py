"""Logins in Chromium: a logout, a new password or a switched-off account ends the login in every open tab (a tab
with a live fragment on its own, another on its next click); every refused login has the same answer; the demo
administrator goes off once a real one is made on the admin page."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from core.access import SYSTEM, Role
from core.accounts import create_user, update_user
from core.db import make_engine, transaction
from core.login import LOGIN_REFUSED
from sessions.demo_accounts import DEMO_PASSWORD

from .browser import RunningApp, choose_many, log_in, open_page, start_app, stop_app

pytestmark = pytest.mark.browser

PASSWORD = "een-lang-wachtwoord"
ENDED = "U bent uitgelogd: uw login is beëindigd"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context
    context.close()


def _account(app: RunningApp, username: str, roles: list[str]) -> int:
    """An account of the test's own (a real one without the beheerder role: the demo accounts stay on)."""
    engine = make_engine(app.database_url)
    with transaction(engine) as db:
        user = create_user(
            db=db, actor=SYSTEM, username=username, display_name=username, password=PASSWORD, roles=roles
        )
        assert user.id is not None
        user_id = user.id
    engine.dispose()
    return user_id


def _shows_the_login_page(page: Page, *, timeout: float = 20_000) -> None:
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible(timeout=timeout)
    expect(page.get_by_text(ENDED)).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)


def test_logging_out_in_one_tab_logs_out_the_other_tabs(demo_app: RunningApp, context: BrowserContext) -> None:
    first = context.new_page()
    log_in(first, demo_app)
    live = context.new_page()  # the organiser's overview: its cards refresh every few seconds
    open_page(live, f"{demo_app.url}/overzicht?sessie=1")
    expect(live.get_by_role("heading", name="Overzicht van de tafels")).to_be_visible()
    still = context.new_page()  # the start page: nothing runs until it is used
    open_page(still, demo_app.url)
    expect(still.get_by_role("button", name="Uitloggen")).to_be_visible()

    first.get_by_role("button", name="Uitloggen").click()
    first.get_by_label("Gebruikersnaam").wait_for()

    _shows_the_login_page(live)  # by itself, at the fragment's next refresh
    expect(live.get_by_role("heading", name="Overzicht van de tafels")).to_have_count(0)
    still.get_by_role("link", name="Indicatoren").click()  # the next click
    _shows_the_login_page(still)
    open_page(still, f"{demo_app.url}/beheer")
    expect(still.get_by_role("heading", name="Beheer")).to_have_count(0)


def test_a_new_password_and_switching_off_end_the_login_in_an_open_tab(
    demo_app: RunningApp, context: BrowserContext
) -> None:
    user_id = _account(demo_app, "tabbladen.test", [Role.POLICY.value])
    page = context.new_page()
    log_in(page, demo_app, "tabbladen.test", PASSWORD)
    open_page(page, f"{demo_app.url}/jaarplan")
    engine = make_engine(demo_app.database_url)
    with transaction(engine) as db:  # the beheerder sets a new password on the admin page
        update_user(db=db, actor=SYSTEM, user_id=user_id, password="een-nieuw-wachtwoord")
    page.get_by_role("link", name="Monitor per thema").click()
    _shows_the_login_page(page)

    log_in(page, demo_app, "tabbladen.test", "een-nieuw-wachtwoord")
    with transaction(engine) as db:
        update_user(db=db, actor=SYSTEM, user_id=user_id, active=False)
    engine.dispose()
    page.get_by_role("link", name="Jaarplan").first.click()
    _shows_the_login_page(page)


def test_every_refused_login_has_the_same_answer(demo_app: RunningApp, context: BrowserContext) -> None:
    user_id = _account(demo_app, "uitgeschakeld.test", [Role.POLICY.value])
    engine = make_engine(demo_app.database_url)
    with transaction(engine) as db:
        update_user(db=db, actor=SYSTEM, user_id=user_id, active=False)
    engine.dispose()
    page = context.new_page()
    answers = []
    for username, password in (
        ("niemand", PASSWORD),
        ("beleid", "fout-wachtwoord"),
        ("uitgeschakeld.test", PASSWORD),
    ):
        open_page(page, demo_app.url)
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        error = page.get_by_role("alert").filter(has_text="Inloggen lukt niet")
        expect(error).to_be_visible(timeout=15_000)
        answers.append(error.inner_text().strip())
    assert answers == [LOGIN_REFUSED] * 3


@pytest.fixture
def own_demo_app(writable_demo_sqlite_url: str, tmp_path: Path) -> Iterator[RunningApp]:
    """An app of this test alone: it makes a real beheerder, which switches the demo accounts off."""
    running = start_app(tmp_path, writable_demo_sqlite_url)
    yield running
    stop_app(running)


def test_the_demo_administrator_goes_off_once_a_real_one_is_made(
    own_demo_app: RunningApp, context: BrowserContext
) -> None:
    app = own_demo_app
    page = context.new_page()
    log_in(page, app)  # beheer / demo-veiligheid
    other_tab = context.new_page()
    open_page(other_tab, f"{app.url}/overzicht?sessie=1")
    open_page(page, f"{app.url}/beheer")
    form = page.locator("[data-testid='stForm']").filter(has_text="Nieuwe gebruiker")
    form.get_by_label("Gebruikersnaam").fill("echte.beheerder")
    form.get_by_label("Naam", exact=True).fill("Echte Beheerder")
    form.get_by_label("Wachtwoord (minstens 10 tekens").fill(PASSWORD)
    choose_many(page, form.locator(".st-key-admin_new_roles"), ["Beheerder (data en sessies)"])
    form.get_by_role("button", name="Aanmaken").click()

    _shows_the_login_page(page)  # the demo account that made it is off, and so is its login
    _shows_the_login_page(other_tab)
    expect(page.get_by_text("demo-accounts (wachtwoord")).to_have_count(0)
    page.get_by_label("Gebruikersnaam").fill("beheer")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text(LOGIN_REFUSED)).to_be_visible(timeout=15_000)
    log_in(page, app, "echte.beheerder", PASSWORD)
    expect(page.get_by_text("Ingelogd als Echte Beheerder (beheerder)")).to_be_visible()
