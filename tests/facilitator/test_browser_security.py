"""XSS in Chromium: payloads entered as notes, action titles, participant names and a file name execute nothing
on any page that shows them, and appear as the literal text that was typed."""

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from core.access import SYSTEM
from core.db import make_engine, transaction
from sessions.models import DialogueTable
from sessions.notes import create_action, create_note
from sessions.participants import add_participant

from .browser import RunningApp, log_in, open_page, wait_for_app

pytestmark = pytest.mark.browser
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "<svg onload=window.__xss=1>",
    '"><iframe srcdoc="<script>parent.__xss=1</script>">',
    "[klik hier](javascript:window.__xss=1)",
    '![plaatje](x" onerror="window.__xss=1)',
    '<a href="javascript:window.__xss=1">link</a>',
    ":red[rood] **vet** $x^2$",
]
# The page has loaded, and every image has finished loading or failing (so its load/error handlers have run).
PAGE_SETTLED = "() => document.readyState === 'complete' && Array.from(document.images).every(image => image.complete)"


def _plant(app: RunningApp) -> int:
    engine = make_engine(app.database_url)
    with transaction(engine) as db:
        table = db.exec(
            select(DialogueTable).where(
                DialogueTable.session_id == 1, DialogueTable.round == 1, DialogueTable.theme_code == "VB"
            )
        ).one()
        assert table.id is not None
        for number, payload in enumerate(PAYLOADS):
            create_note(db=db, actor=SYSTEM, table_id=table.id, author=payload, text=payload, indicator_code="VB-S03")
            create_action(
                db=db,
                actor=SYSTEM,
                table_id=table.id,
                author=payload,
                title=payload,
                lead_organisation=payload,
                indicator_codes=["VB-S03"],
            )
            add_participant(
                db=db,
                actor=SYSTEM,
                dialogue_id=1,
                name=f"XSS {number} {payload}",
                organisation=payload,
                rsvp="aangemeld",
            )
        table_id = table.id
    engine.dispose()
    return table_id


def _assert_inert(page: Page, dialogs: list[str], where: str) -> None:
    wait_for_app(page)
    page.wait_for_function(PAGE_SETTLED, polling=100)  # an injected onerror/onload would have run by now
    assert page.evaluate("window.__xss") is None, f"script ran on {where}"
    assert not dialogs, f"dialog on {where}: {dialogs}"
    assert page.locator("img[src='x'], iframe[srcdoc], svg[onload]").count() == 0, where
    assert page.locator("a[href^='javascript']").count() == 0, where


def test_payloads_execute_nothing_and_show_as_typed(demo_app: RunningApp, page: Page) -> None:
    table_id = _plant(demo_app)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, demo_app)

    open_page(page, f"{demo_app.url}/gespreksleiding?sessie=1&tafel={table_id}")
    for payload in PAYLOADS:  # note texts (plain text) and action titles (escaped Markdown)
        expect(page.get_by_text(payload, exact=True).first).to_be_visible()
    _assert_inert(page, dialogs, "gespreksleiding")

    open_page(page, f"{demo_app.url}/verslag?sessie=1&tafel={table_id}")
    expect(page.locator("textarea").first).to_be_visible()
    values = page.locator("textarea").evaluate_all("areas => areas.map(a => a.value)")
    assert set(PAYLOADS) <= set(values)  # the editor holds the text as typed
    _assert_inert(page, dialogs, "verslag aan tafel")

    open_page(page, f"{demo_app.url}/aanmelden?sessie=1")
    search = page.get_by_label("Zoek op naam of organisatie")
    search.fill("XSS")
    search.press("Enter")
    expect(page.get_by_text(f"XSS 0 {PAYLOADS[0]}")).to_be_visible()
    _assert_inert(page, dialogs, "aanmelden")

    for path in ("/jaarplan?gemeente=GM0716", "/indicator?indicator=VB-S03", "/beheer", "/sessies?sessie=1"):
        open_page(page, demo_app.url + path)
        _assert_inert(page, dialogs, path)

    open_page(page, f"{demo_app.url}/importeren")
    name = "<img src=x onerror=window.__xss=1>.csv"
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": b"indicator;gemeente;jaar;waarde\nXX;GM0000;2020;1\n"}
    )
    expect(page.get_by_text("afgewezen").first).to_be_visible(timeout=15_000)
    expect(page.get_by_text(name).first).to_be_visible()
    _assert_inert(page, dialogs, "importeren")
