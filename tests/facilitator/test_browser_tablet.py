"""The note-taker on a tablet in Chromium (issue 14, part 7): 820 × 1180 without horizontal scrolling, the new-note
form at the top and a new note right under it, municipalities by name, a note and an action corrected, a note
withdrawn, and the withdrawn text gone from the report's Markdown download."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from indicators.areas import areas_by_code
from sessions.dialogue import dialogue_tables
from sessions.models import Action, Note

from .browser import RunningApp, app_db, log_in, open_page, stored_eventually, wait_for_app

pytestmark = pytest.mark.browser
TABLET = {"width": 820, "height": 1180}
AUTHOR = "Demo verslaglegger (fictief)"


@pytest.fixture
def tablet(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=TABLET, has_touch=True)
    tab = context.new_page()
    yield tab
    context.close()


def _no_horizontal_scroll(page: Page) -> None:
    widths = page.evaluate(
        """() => [document.documentElement, document.querySelector("[data-testid='stMain']")]
            .map((element) => [element.scrollWidth, element.clientWidth])"""
    )
    for scroll_width, client_width in widths:
        assert scroll_width <= client_width, widths


def test_note_taker_on_a_tablet(demo_app: RunningApp, tablet: Page, tmp_path: Path) -> None:
    page = tablet
    with app_db(demo_app) as db:
        table = next(t for t in dialogue_tables(db=db, dialogue_id=1, round_number=1) if t.theme_code == "VB")
        action = next(
            a
            for a in db.exec(select(Action).where(Action.table_id == table.id).order_by(col(Action.id)))
            if a.municipalities
        )
        newest = db.exec(select(Note).order_by(col(Note.id).desc())).first()
        names = areas_by_code(db=db, codes=action.municipalities)
        places = ", ".join(names[code].name for code in action.municipalities)
    assert newest is not None
    assert newest.id is not None
    before = newest.id
    log_in(page, demo_app, "verslaglegger")
    open_page(page, f"{demo_app.url}/verslag?sessie=1&tafel={table.id}")
    page.get_by_text(f"Verslaglegger: {AUTHOR}").wait_for()

    # the page has the tablet's width: the sidebar starts collapsed, nothing sticks out
    sidebar = page.evaluate(
        """() => { const bar = document.querySelector("[data-testid='stSidebar']");
                   return bar ? bar.getBoundingClientRect().width : 0; }"""
    )
    assert sidebar < 10
    _no_horizontal_scroll(page)

    # 'Nieuwe notitie' is on the first screen, and a new note appears right under it
    form = page.locator("[data-testid='stForm']").filter(has_text="Nieuwe notitie")
    form_box = form.bounding_box()
    assert form_box is not None
    assert form_box["y"] + form_box["height"] < TABLET["height"]
    page.get_by_role("button", name="Notitie toevoegen").click()
    note = stored_eventually(
        demo_app, lambda db: db.exec(select(Note).where(col(Note.id) > before, Note.author == AUTHOR)).first()
    )
    box = page.locator(f".st-key-note_box_{note.id}")
    wait_for_app(page)
    expect(box.locator("textarea")).to_have_count(1)
    first_note = page.locator("[class*='st-key-note_box_']").first
    expect(first_note).to_have_class(re.compile(rf"(^|\s)st-key-note_box_{note.id}(\s|$)"))
    note_box = box.bounding_box()
    assert note_box is not None
    assert form_box["y"] + form_box["height"] <= note_box["y"] < TABLET["height"]

    # a note is corrected as it is typed
    text = "Inbraakgolf in Halsteren hangt samen met de vakantieperiode (test)"
    box.locator("textarea").click()
    box.locator("textarea").type(text, delay=5)
    box.locator("textarea").blur()
    stored_eventually(demo_app, lambda db: db.exec(select(Note).where(Note.id == note.id, Note.text == text)).first())

    # municipalities by name, never as codes
    action_box = page.locator(f".st-key-action_box_{action.id}")
    expect(action_box).to_contain_text(f"· {places} ·")
    assert "GM0" not in page.locator("[data-testid='stMain']").inner_text()
    _no_horizontal_scroll(page)

    # an action is corrected in place
    corrected = "Buurtpreventie uitbreiden in Tholen, Steenbergen en Halsteren (gewijzigd)"
    action_box.get_by_role("button", name="Wijzigen").click()
    title = page.locator(f".st-key-edit_action_title_{action.id} input")
    title.fill(corrected)
    page.locator(f".st-key-edit_action_save_{action.id} button").click()
    saved = stored_eventually(
        demo_app, lambda db: db.exec(select(Action).where(Action.id == action.id, Action.title == corrected)).first()
    )
    assert saved.version == action.version + 1
    wait_for_app(page)
    expect(page.locator(f".st-key-action_box_{action.id}")).to_contain_text(corrected)

    # the note is withdrawn: it leaves the notes, stays in the database with who and why
    box.get_by_role("button", name="Intrekken").click()
    page.locator(f".st-key-withdraw_note_reason_{note.id} input").fill("verkeerde tafel")
    page.locator(f".st-key-withdraw_note_confirm_{note.id} button").click()
    withdrawn = stored_eventually(
        demo_app,
        lambda db: db.exec(select(Note).where(Note.id == note.id, col(Note.withdrawn_at).is_not(None))).first(),
    )
    assert (withdrawn.text, withdrawn.withdrawn_by) == (text, "verslaglegger")
    expect(page.locator(f".st-key-note_box_{note.id}")).to_have_count(0)
    expect(page.get_by_text("Ingetrokken notities (1)")).to_be_visible()
    _no_horizontal_scroll(page)

    # the report's Markdown has the corrected action and not the withdrawn note
    log_in(page, demo_app, "beheer")
    open_page(page, f"{demo_app.url}/verslagen?sessie=1")
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Duidingsverslag (Markdown)").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    markdown = target.read_text(encoding="utf-8")
    assert "Buurtpreventie uitbreiden in Tholen, Steenbergen en Halsteren" in markdown
    assert "Halsteren hangt samen met de vakantieperiode" not in markdown
    assert action.title.removesuffix(" (fictieve demodata)") not in markdown
