"""Theme table in Chromium: switch to per 10,000 and find the real CBS figures for Bergen op Zoom."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from indicators.chart_data import NOTHING_DELIVERED

from .browser import RunningApp, log_in, open_page, wait_for_app

pytestmark = pytest.mark.browser
NAME = "High impact crimes"  # VB-S03, a count shown per 10,000


def test_theme_page_per_10000_shows_real_cbs_value(demo_app: RunningApp, page: Page, tmp_path: Path) -> None:
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/monitor?thema=AV&gebied=GM0748")
    card = page.locator("[data-testid='stVerticalBlock']", has_text="Geregistreerde misdrijven, totaal").last
    card.get_by_text("3.120").wait_for()  # absolute 2022 count (Bron: CBS)

    page.get_by_text("Per 10.000 inwoners").first.click()
    card.get_by_text("459,5").wait_for()  # 3,120 per 10,000 of 67,894 inhabitants
    card.get_by_text("623,5 in 2015").wait_for()  # 4,135 per 10,000 of 66,320 inhabitants
    card.get_by_text("2016–2021: geen waarde").wait_for()  # why the comparison skips to 2015
    assert "per10k=1" in page.url
    page.screenshot(path=str(tmp_path / "monitor.png"))

    card.get_by_role("link", name="Verloop en vergelijking").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Geregistreerde misdrijven, totaal").wait_for()
    slider = page.get_by_role("slider")
    slider.focus()
    slider.press("Home")
    table = page.locator("[data-testid='stTable']").first
    table.get_by_text("4.135").wait_for()
    body = table.inner_text()
    assert "623,5" in body
    assert "66.320" in body
    assert "Bron: CBS" in body


def test_indicator_without_values_says_why_there_is_no_chart(demo_app: RunningApp, page: Page) -> None:
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/indicator?indicator=ZV-I02")  # no values in the demo district
    page.get_by_role("heading", name="Verloop per gemeente").wait_for()
    page.get_by_text(NOTHING_DELIVERED).wait_for()


def test_nederland_stands_beside_the_district_on_the_card_and_in_the_comparison(
    demo_app: RunningApp, page: Page
) -> None:
    """Per 10,000 the card names Nederland's figure of the same year with its source (here invented, and so
    marked), and the indicator page's comparison has a Nederland row below the district."""
    log_in(page, demo_app)
    open_page(page, f"{demo_app.url}/monitor?thema=VB&gebied=GM0748&per10k=1")
    card = page.locator("[data-testid='stVerticalBlock']", has_text=NAME).last
    national = card.get_by_text("Nederland:")
    national.wait_for()
    assert "fictieve demodata" in national.inner_text()
    card.get_by_role("link", name="Verloop en vergelijking").click()
    wait_for_app(page)
    page.get_by_role("heading", name=NAME).wait_for()
    table = page.locator("[data-testid='stTable']").first
    row = table.locator("tr", has_text="Nederland")
    row.wait_for()
    assert "fictieve demodata" in row.inner_text()
    rows = table.locator("tbody tr").all_inner_texts()
    assert rows[-1].startswith("Nederland")  # below the municipalities and the district
