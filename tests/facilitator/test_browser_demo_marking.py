"""Demo marking follows the figure, in Chromium (issue 15, part 8): a real session on a database with real and demo
values. The reports downloaded from the report page mark every demo figure and name their sources; the monitor
shows the mark beside each figure."""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Page

from core.db import make_engine
from indicators.provenance import DEMO_LABEL, MIXED_TOTAL
from sessions.report import DEMO_NOTICE
from tests.support.databases import DatabaseFactory, Kind
from tests.support.real_session import REAL_MARK, REAL_SOURCE, SESSION_NAME, real_session

from .browser import RunningApp, download, log_in, open_page, start_app, stop_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def mixed_app(
    sqlite_factory: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RunningApp, int]]:
    """The app on a copy of the demo database with real Politie values and a real session (see `real_session`)."""
    url = sqlite_factory.copy_url(Kind.DEMO)
    engine = make_engine(url)
    dialogue_id = real_session(engine)
    engine.dispose()
    running = start_app(tmp_path_factory.mktemp("demomark"), url)
    yield running, dialogue_id
    stop_app(running)


def _figure_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ") and not line.startswith("| Indicator")]


def test_a_real_sessions_reports_mark_demo_figures_and_name_their_sources(
    mixed_app: tuple[RunningApp, int], page: Page, tmp_path: Path
) -> None:
    app, dialogue_id = mixed_app
    log_in(page, app)
    open_page(page, f"{app.url}/verslagen?sessie={dialogue_id}")

    name, data = download(page, page.get_by_role("button", name="Duidingsverslag (Markdown)"), tmp_path)
    assert name == "duidingsverslag.md"
    markdown = data.decode("utf-8")
    assert markdown.startswith(f"# Duidingsverslag – {SESSION_NAME}")  # the real session's report
    figures = _figure_rows(markdown)
    assert len(figures) == 3
    assert sum(DEMO_LABEL in row for row in figures) == 2  # GCC-S03 (demo) and GCC-S01 (no total: mixed)
    assert sum(REAL_MARK in row for row in figures) == 1  # GCC-S02, real
    assert sum(MIXED_TOTAL in row for row in figures) == 1
    notables = [line for line in markdown.split("### Opvallende ontwikkelingen", 1)[1].splitlines() if line[:2] == "- "]
    assert notables
    assert DEMO_NOTICE in markdown  # a real session, but its report holds demo figures
    sources = markdown.split("## Bronnen", 1)[1]
    assert REAL_SOURCE in sources
    assert DEMO_LABEL in sources

    name, data = download(page, page.get_by_role("button", name="Duidingsverslag (Word)"), tmp_path)
    assert name == "duidingsverslag.docx"
    document = Document(io.BytesIO(data))
    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "Indicator"]
    header = [cell.text for cell in table.rows[0].cells]
    marks = [row.cells[header.index("Bron")].text for row in table.rows[1:]]
    assert sorted(marks) == sorted([DEMO_LABEL, REAL_MARK, MIXED_TOTAL])
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    captions = [t for s, t in texts if s == "Caption" and t.startswith("Eenheid: ")]
    assert captions
    assert all(DEMO_LABEL in caption for caption in captions)  # demo values, or per 10,000 on demo population
    assert ("Heading 1", "Bronnen") in texts
    assert any(REAL_SOURCE in t for _, t in texts[texts.index(("Heading 1", "Bronnen")) :])


def test_the_monitor_shows_the_mark_beside_each_figure(mixed_app: tuple[RunningApp, int], page: Page) -> None:
    app, _ = mixed_app
    log_in(page, app)
    open_page(page, f"{app.url}/monitor?thema=GCC")

    def card(name: str) -> str:
        block = page.locator("[data-testid='stVerticalBlock']", has_text=name).last
        block.get_by_text("Verloop en vergelijking").wait_for()
        return block.inner_text()

    assert DEMO_LABEL in card("Reguliere onderzoeken cybercrime (OM)")  # GCC-S03: demo values
    real = card("Synthetische drugslocaties")  # GCC-S02: real Politie counts
    assert REAL_MARK in real
    assert DEMO_LABEL not in real
    assert MIXED_TOTAL in card("Misdrijven georganiseerde criminaliteit")  # GCC-S01: no mixed district total

    page.get_by_text("Per 10.000 inwoners").first.click()
    page.get_by_text("bevolking: fictieve demodata").first.wait_for()  # real counts on interpolated population
    assert "per10k=1" in page.url
