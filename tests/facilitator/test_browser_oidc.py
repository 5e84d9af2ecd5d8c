"""Login through the organisation (OIDC) in Chromium, against a real OpenID provider (npm's `oidc-provider` on
127.0.0.1): the app is configured as the README says (`.streamlit/secrets.toml` in the folder it runs in), a known
e-mail address lands on its role's start page, an unknown one gets a Dutch refusal and can log out."""

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from core.access import SYSTEM, Role
from core.accounts import create_user
from core.db import make_engine, transaction
from tests.support.databases import DatabaseFactory, Kind, in_ci

from .browser import RunningApp, free_port, open_page, start_app, stop_app, wait_for_app
from .oidc_provider import RunningProvider, install_provider, start_provider, stop_provider, write_secrets

pytestmark = pytest.mark.browser
KNOWN_EMAIL = "Beleid@Tholen.example"  # the provider sends it as typed; the account has it in lower case
KNOWN_NAME = "Beleidsmedewerker Tholen (OIDC-test)"
OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")  # the provider's login page imports a web font


@dataclass
class OidcApp:
    app: RunningApp
    provider: RunningProvider


@pytest.fixture(scope="session")
def oidc_provider_folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The provider installed once per test run (`npm ci` into pytest's cache folder, kept between runs)."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        message = f"{' en '.join(missing)} niet gevonden: nodig voor de OpenID-provider van de inlogtest"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    cache = getattr(request.config, "cache", None)  # None with -p no:cacheprovider
    return install_provider(cache.mkdir("oidc-provider") if cache else tmp_path_factory.mktemp("oidc-provider"))


@pytest.fixture(scope="module")
def oidc_app(
    oidc_provider_folder: Path, sqlite_factory: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OidcApp]:
    """The app on a demo database with one account that has an e-mail address, and the provider it trusts."""
    folder = tmp_path_factory.mktemp("oidc")
    database_url = sqlite_factory.copy_url(Kind.DEMO)
    engine = make_engine(database_url)
    with transaction(engine) as db:
        create_user(
            db=db,
            actor=SYSTEM,
            username="beleid.oidc",
            display_name=KNOWN_NAME,
            password=None,
            roles=[Role.POLICY],
            email=KNOWN_EMAIL,
            municipalities=["GM0716"],
        )
    engine.dispose()
    app_port = free_port()
    provider_port = free_port()
    while provider_port == app_port:  # both ports are free only for now: two picks could coincide
        provider_port = free_port()
    redirect_uri = f"http://127.0.0.1:{app_port}/oauth2callback"
    provider = start_provider(oidc_provider_folder, folder, port=provider_port, redirect_uri=redirect_uri)
    try:
        write_secrets(folder, redirect_uri=redirect_uri, provider=provider)
        app = start_app(folder, database_url, port=app_port, cwd=folder)
    except BaseException:
        stop_provider(provider)
        raise
    yield OidcApp(app, provider)
    stop_app(app)
    stop_provider(provider)


def _log_in_at_the_provider(page: Page, running: OidcApp, email: str) -> None:
    page.context.route(OUTSIDE, lambda route: route.abort())
    open_page(page, running.app.url)
    page.get_by_role("button", name="Inloggen met uw organisatieaccount").click()
    try:
        page.wait_for_url(f"{running.provider.url}/**", timeout=15_000)
    except PlaywrightTimeoutError:  # e.g. StreamlitMissingAuthlibError on the page
        shown = page.inner_text("body")
        raise AssertionError(f"the app did not send the browser to the provider; it shows:\n{shown}") from None
    page.locator("input[name=login]").fill(email)  # the provider's development login form takes any login
    page.locator("input[name=password]").fill("niet-gecontroleerd")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # consent: the app may read the e-mail address
    page.wait_for_url(f"{running.app.url}/**")
    wait_for_app(page)


def _log_out_at_the_provider(page: Page, running: OidcApp) -> None:
    page.wait_for_url(f"{running.provider.url}/**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{running.app.url}/**")
    wait_for_app(page)


def test_a_known_email_lands_on_the_start_page_of_its_role(oidc_app: OidcApp, page: Page) -> None:
    _log_in_at_the_provider(page, oidc_app, KNOWN_EMAIL)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(f"Ingelogd als {KNOWN_NAME} (beleidsmedewerker)")).to_be_visible()
    expect(page.get_by_role("heading", name="Geladen gegevens")).to_be_visible()  # the start page
    expect(sidebar.get_by_role("link", name="Jaarplan veiligheid")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Beheer")).to_have_count(0)
    open_page(page, f"{oidc_app.app.url}/jaarplan")  # a reload keeps the login (Streamlit's identity cookie)
    expect(page.get_by_role("heading", name="Jaarplan veiligheid")).to_be_visible()
    expect(sidebar.get_by_text(f"Ingelogd als {KNOWN_NAME}")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    _log_out_at_the_provider(page, oidc_app)
    expect(page.get_by_role("button", name="Inloggen met uw organisatieaccount")).to_be_visible()
    expect(page.get_by_text("Ingelogd als")).to_have_count(0)


def test_an_unknown_email_is_refused_in_dutch_and_can_log_out(oidc_app: OidcApp, page: Page) -> None:
    _log_in_at_the_provider(page, oidc_app, "onbekend@elders.example")
    refusal = page.get_by_text("Met het organisatieaccount onbekend@elders.example kunt u de Veiligheidsdialoog niet")
    expect(refusal).to_be_visible()
    expect(page.get_by_text("Vraag een beheerder van de app om uw e-mailadres")).to_be_visible()
    expect(page.get_by_role("link", name="Monitor per thema")).to_have_count(0)
    expect(page.get_by_text("Ingelogd als")).to_have_count(0)
    expect(page.get_by_role("button", name="Inloggen met uw organisatieaccount")).to_have_count(0)

    page.get_by_role("button", name="Uitloggen bij uw organisatieaccount").click()
    _log_out_at_the_provider(page, oidc_app)
    expect(page.get_by_role("button", name="Inloggen met uw organisatieaccount")).to_be_visible()
    expect(refusal).to_have_count(0)
