"""Two note-takers at one table at once, and a reload in the middle of typing: every character is saved. A note
stops at its size limit (issue 16, part 7)."""

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from sessions.models import DialogueTable, Note
from sessions.text_limits import NOTE_TEXT_MAX
from tests.support.waiting import eventually

from .browser import RunningApp, app_db, log_in, open_page, page_pause, wait_for_app

pytestmark = pytest.mark.browser


def _newest_note(app: RunningApp, author: str) -> int:
    """The id of the author's newest note (0 when there is none)."""
    with app_db(app) as db:
        note = db.exec(select(Note).where(Note.author == author).order_by(col(Note.id).desc())).first()
        return note.id if note is not None and note.id is not None else 0


def _text(app: RunningApp, note_id: int) -> str:
    with app_db(app) as db:
        note = db.get(Note, note_id)
        assert note is not None
        return note.text


def _open_with_new_note(page: Page, app: RunningApp, table_id: int, username: str, author: str) -> int:
    log_in(page, app, username)
    open_page(page, f"{app.url}/verslag?sessie=1&tafel={table_id}")
    page.get_by_text(f"Verslaglegger: {author}").wait_for()
    before = _newest_note(app, author)
    page.get_by_role("button", name="Notitie toevoegen").click()

    def new_note() -> int | None:
        newest = _newest_note(app, author)
        return newest if newest > before else None

    note_id = eventually(new_note, pause=page_pause(page), message=f"no new note by {author} was stored")
    wait_for_app(page)  # the new note moves to the top: until the rerun ends, the old places are still drawn
    expect(page.locator(f".st-key-note_box_{note_id} textarea")).to_have_count(1)
    return note_id


def test_two_note_takers_and_a_reload_lose_nothing(demo_app: RunningApp, browser: Browser) -> None:
    with app_db(demo_app) as db:
        table = db.exec(
            select(DialogueTable).where(
                DialogueTable.session_id == 1, DialogueTable.round == 1, DialogueTable.theme_code == "VB"
            )
        ).one()
        assert table.id is not None
        table_id = table.id
    first, second = browser.new_context(), browser.new_context()
    page_a, page_b = first.new_page(), second.new_page()
    note_a = _open_with_new_note(page_a, demo_app, table_id, "verslaglegger", "Demo verslaglegger (fictief)")
    note_b = _open_with_new_note(page_b, demo_app, table_id, "beheer", "Demo beheerder (fictief)")
    area_a = page_a.locator(f".st-key-note_box_{note_a} textarea")
    area_b = page_b.locator(f".st-key-note_box_{note_b} textarea")

    parts_a = ["Woninginbraken dalen ", "waar buurtpreventie actief is, ", "vooral in Tholen."]
    parts_b = ["Overlast rond het station ", "neemt toe in de avond, ", "vraag aan de politie."]
    area_a.click()
    area_a.type(parts_a[0], delay=15)
    area_b.click()
    area_b.type(parts_b[0], delay=15)
    area_a.type(parts_a[1], delay=15)
    area_b.type(parts_b[1], delay=15)
    area_a.type(parts_a[2], delay=15)
    page_a.reload()  # in the middle of typing: the last words were not sent yet
    area_b.type(parts_b[2], delay=15)
    area_b.blur()

    page_a.locator(f".st-key-note_box_{note_a} textarea").wait_for()
    expected_a, expected_b = "".join(parts_a), "".join(parts_b)
    eventually(
        lambda: _text(demo_app, note_a) == expected_a and _text(demo_app, note_b) == expected_b,
        timeout=10,
        interval=0.25,
        pause=page_pause(page_a),
        message=lambda: f"stored: {_text(demo_app, note_a)!r} and {_text(demo_app, note_b)!r}",
    )
    assert _text(demo_app, note_a) == expected_a
    assert _text(demo_app, note_b) == expected_b
    assert page_a.locator(f".st-key-note_box_{note_a} textarea").input_value() == expected_a
    first.close()
    second.close()


def test_a_note_stops_at_its_limit_and_a_longer_text_is_refused_in_dutch(demo_app: RunningApp, page: Page) -> None:
    """Issue 16: a note had no size limit. The editor takes 10.000 characters and says it is full; a longer text that
    reaches the app all the same (a script, an old draft) is refused by the domain and the editor says why."""
    with app_db(demo_app) as db:
        table = db.exec(
            select(DialogueTable).where(
                DialogueTable.session_id == 1, DialogueTable.round == 1, DialogueTable.theme_code == "ZV"
            )
        ).one()
    note_id = _open_with_new_note(page, demo_app, table.id or 0, "verslaglegger", "Demo verslaglegger (fictief)")
    box = page.locator(f".st-key-note_box_{note_id}")
    area = box.locator("textarea")
    area.fill("a" * (NOTE_TEXT_MAX + 500))  # pasted: the browser keeps what fits
    expect(area).to_have_js_property("value", "a" * NOTE_TEXT_MAX)
    expect(box.get_by_text("De notitie is vol: hoogstens 10.000 tekens.")).to_be_visible()
    eventually(lambda: len(_text(demo_app, note_id)) == NOTE_TEXT_MAX, pause=page_pause(page))
    expect(box.get_by_text("Opgeslagen om")).to_be_visible()

    area.evaluate(  # past the field's limit, as a script could send it
        "(area, text) => { area.value = text; area.dispatchEvent(new Event('input')); }",  # not limited by maxlength
        "b" * (NOTE_TEXT_MAX + 1),
    )
    area.blur()
    expect(
        box.get_by_text("Een notitie mag hoogstens 10.000 tekens lang zijn; deze tekst heeft er 10.001.")
    ).to_be_visible()
    assert _text(demo_app, note_id) == "a" * NOTE_TEXT_MAX  # the stored note is unchanged
