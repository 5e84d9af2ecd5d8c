"""The moderator in Chromium: a key conclusion is a mark, not an edit, and a dot can be taken back (issue 14, 2)."""

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import col, select

from sessions.dialogue import dialogue_tables
from sessions.models import Action, Note

from .browser import RunningApp, app_db, log_in, open_page, stored_eventually, wait_for_app

pytestmark = pytest.mark.browser


def test_moderator_marks_a_key_conclusion_and_takes_a_dot_back(demo_app: RunningApp, page: Page) -> None:
    with app_db(demo_app) as db:
        table = next(t for t in dialogue_tables(db=db, dialogue_id=1, round_number=1) if t.theme_code == "ZV")
        notes = select(Note).where(Note.table_id == table.id, Note.text != "").order_by(col(Note.id))
        note = db.exec(notes).first()
        action = db.exec(select(Action).where(Action.table_id == table.id).order_by(col(Action.id))).first()
    assert note is not None
    assert action is not None
    assert not note.key_conclusion
    log_in(page, demo_app, "gespreksleider")
    open_page(page, f"{demo_app.url}/gespreksleiding?sessie=1&tafel={table.id}")

    card = page.get_by_text(note.text, exact=True).locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")
    card.get_by_text("Kernconclusie").click()
    wait_for_app(page)
    is_marked = select(Note).where(Note.id == note.id, col(Note.key_conclusion))
    marked = stored_eventually(demo_app, lambda db: db.exec(is_marked).first())
    assert (marked.text, marked.author, marked.version) == (note.text, note.author, note.version)  # a mark, no edit

    before = action.votes
    row = page.locator("[data-testid='stHorizontalBlock']", has_text=action.title)
    row.get_by_role("button", name="+1 stip").click()
    expect(row).to_contain_text(f"{before + 1} stip", timeout=15_000)
    row.get_by_role("button", name="−1 stip").click()
    expect(row).to_contain_text(f"{before} stip", timeout=15_000)
    with app_db(demo_app) as db:
        stored = db.get(Action, action.id)
        assert stored is not None
        assert stored.votes == before
