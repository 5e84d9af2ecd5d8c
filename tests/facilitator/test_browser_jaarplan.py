"""The cycle closes in Chromium: a policy advisor adopts an action on the jaarplan page, and in the next
edition the indicator page and the note-taker page show it with its place in the jaarplan."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from core.access import SYSTEM
from core.db import make_engine, transaction
from sessions.dialogue import create_dialogue, dialogue_tables
from sessions.models import Action, JaarplanDecision
from sessions.notes import create_action

from .browser import RunningApp, app_db, log_in, open_expander, open_page, stored_eventually, wait_for_app

pytestmark = pytest.mark.browser
PREVENTION = "Buurtpreventie uitbreiden in Tholen en Steenbergen (fictieve demodata)"


def test_adopted_action_shows_in_the_next_edition(demo_app: RunningApp, page: Page) -> None:
    with app_db(demo_app) as db:
        action = db.exec(select(Action).where(Action.title == PREVENTION)).one()
    log_in(page, demo_app, "beleid")  # the demo policy advisor of Tholen
    open_page(page, f"{demo_app.url}/jaarplan?gemeente=GM0716")
    form = page.locator("[data-testid='stForm']", has_text=PREVENTION)
    expect(form.get_by_text(PREVENTION)).to_be_visible()
    form.get_by_text("overgenomen", exact=True).click()
    form.get_by_label("Plek in het jaarplan (hoofdstuk of paragraaf)").fill("§ 3.2 Veilige wijken")
    form.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text(f"Besluit over '{PREVENTION}' opgeslagen.")).to_be_visible(timeout=15_000)
    decided = select(JaarplanDecision).where(
        JaarplanDecision.action_id == action.id, JaarplanDecision.municipality_code == "GM0716"
    )
    decision = stored_eventually(demo_app, lambda db: db.exec(decided).first())
    assert (decision.decision, decision.plan_reference, decision.updated_by) == (
        "overgenomen",
        "§ 3.2 Veilige wijken",
        "beleid",
    )

    # the next edition: a new session a year later
    with transaction(make_engine(demo_app.database_url)) as db:
        later = create_dialogue(
            actor=SYSTEM,
            db=db,
            name="Dialoogsessie editie 2021",
            session_date=date(2021, 3, 11),
            edition=2021,
        )
        later_id = later.id
        [table_id] = [
            t.id for t in dialogue_tables(db=db, dialogue_id=later.id or 0, round_number=1) if t.theme_code == "VB"
        ]

    open_page(page, f"{demo_app.url}/indicator?indicator=VB-S03")
    expect(page.get_by_role("heading", name="Eerder besproken")).to_be_visible(timeout=15_000)
    row = page.locator("[data-testid='stTable'] tr", has_text=PREVENTION)
    expect(row).to_contain_text("Tholen: overgenomen (§ 3.2 Veilige wijken), niet gestart")

    log_in(page, demo_app, "beheer")  # a note-taker of the new edition (the demo admin may write everywhere)
    open_page(page, f"{demo_app.url}/verslag?sessie={later_id}&tafel={table_id}")
    open_expander(page, "Eerder besproken bij dit thema")
    expect(page.locator("[data-testid='stTable'] tr", has_text=PREVENTION).first).to_contain_text(
        "Tholen: overgenomen (§ 3.2 Veilige wijken)"
    )


def test_an_action_without_a_year_is_listed_under_zonder_jaar(demo_app: RunningApp, page: Page) -> None:
    """An action proposed without a year for the jaarplan (the domain allows it) does not break the page."""
    title = "Overleg jongerenoverlast zonder jaartal (test, fictief)"
    with transaction(make_engine(demo_app.database_url)) as db:
        [table] = [t for t in dialogue_tables(db=db, dialogue_id=1, round_number=1) if t.theme_code == "VB"]
        create_action(
            db=db, actor=SYSTEM, table_id=table.id or 0, author="test", title=title, municipalities=["GM0716"]
        )
    log_in(page, demo_app, "beleid")
    open_page(page, f"{demo_app.url}/jaarplan?gemeente=GM0716")
    page.get_by_test_id("stButtonGroup").locator("button", has_text="zonder jaar").click()
    wait_for_app(page)
    expect(page.locator("[data-testid='stForm']", has_text=title)).to_be_visible(timeout=15_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
