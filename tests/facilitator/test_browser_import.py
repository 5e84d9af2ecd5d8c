"""The data coordinator imports a wide sheet in Chromium, with the column mapping the importer guesses."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from indicators.normalisation import indicator_values
from indicators.population import population_frame
from tests.support.districts import add_district

from .browser import (
    RunningApp,
    app_db,
    choose,
    log_in,
    open_expander,
    open_page,
    start_app,
    stop_app,
    stored_eventually,
    wait_for_app,
)

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# A wide sheet as a partner sends it: a municipality column, years as columns, and a remarks column that is no
# value column (the mapping editor must not tick it: without a year it would make the import fail).
WIDE_SHEET = b"Gemeente;2021;2022;2023;Opmerking\r\nBergen op Zoom;30;32;35;voorlopig\r\nTholen;4;;6;\r\n"


@pytest.fixture
def import_app(tmp_path: Path) -> Iterator[RunningApp]:
    """An app of this test alone: it imports values."""
    running = start_app(tmp_path, f"sqlite:///{tmp_path / 'import.sqlite'}")
    yield running
    stop_app(running)


def _upload(page: Page, name: str, data: bytes) -> None:
    """Put a file in the import page's uploader, as a person drops it there."""
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )


def _import_from_politie(page: Page) -> None:
    """Name Politie as the supplier of the uploaded file and import it."""
    choose(page, page.locator(".st-key-import_supplier"), "Politie")
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("Opgeslagen als levering").first).to_be_visible(timeout=15_000)


def _stored(db: Session) -> dict[tuple[str, int], float] | None:
    frame = indicator_values(db=db, code="ZV-I01")
    values = {(r.area_code, r.year): r.value for r in frame.itertuples() if r.year >= 2021 and not r.is_demo}
    return values or None


def _stored_2024(db: Session) -> dict[str, float] | None:
    frame = indicator_values(db=db, code="GCC-I05")
    values = {r.area_code: r.value for r in frame.itertuples() if r.year == 2024}
    return values or None


def _choose(page: Page, label: str, option: str) -> None:
    page.get_by_label(label).click()
    page.keyboard.type(option)  # the list is virtual: filter it to the option
    page.get_by_role("option", name=option).first.click()
    wait_for_app(page)


def test_wide_sheet_with_the_guessed_mapping_is_checked_and_imported(import_app: RunningApp, page: Page) -> None:
    log_in(page, import_app)
    open_page(page, f"{import_app.url}/importeren")
    _upload(page, "halt_breed.csv", WIDE_SHEET)
    wait_for_app(page)
    _choose(page, "Leverancier", "Halt")
    _choose(page, "Indicator (bij een brede tabel)", "ZV-I01")
    page.get_by_text("Kolommen zelf koppelen (brede tabel)").click()
    wait_for_app(page)

    # the importer's own guess: the column headed "Gemeente", the year columns ticked, the remarks not
    expect(page.get_by_label("Kolom met de gemeente")).to_have_value("Gemeente")
    expect(page.get_by_text("brede tabel").first).to_be_visible(timeout=15_000)
    nieuw = page.locator("[data-testid='stMetric']", has_text="Nieuw")
    expect(nieuw).to_contain_text("5")  # 3 + 2 values; the empty cell and the remarks are no values

    page.get_by_role("button", name="Importeren").click()
    wait_for_app(page)
    expect(page.get_by_text("Opgeslagen als levering").first).to_be_visible(timeout=15_000)
    stored = stored_eventually(import_app, _stored)
    assert stored == {
        ("GM0748", 2021): 30,
        ("GM0748", 2022): 32,
        ("GM0748", 2023): 35,
        ("GM0716", 2021): 4,
        ("GM0716", 2023): 6,
    }


def test_real_statline_download_with_several_topics_is_imported_and_shown(import_app: RunningApp, page: Page) -> None:
    """The data coordinator uploads a StatLine 'CSV met labels' download as published (five topics, 2024*),
    sends one topic to an indicator, imports it, and finds the file's figure on the indicator page."""
    download = FIXTURES / "statline_labels" / "cbs_vermogen_huishoudens_regio_2024_labels.csv"
    log_in(page, import_app)
    open_page(page, f"{import_app.url}/importeren")
    _upload(page, download.name, download.read_bytes())
    wait_for_app(page)
    expect(page.get_by_text("Onderwerpen in dit StatLine-bestand")).to_be_visible(timeout=15_000)
    # nothing chosen yet: refused, saying why (the reasons sit in a table drawn on a canvas)
    expect(page.get_by_text(f"Het bestand {download.name} is afgewezen")).to_be_visible()
    choose(page, page.locator(".st-key-import_topic_3"), "GCC-I05 – Waardebeslag crimineel vermogen")
    expect(page.get_by_text("voorlopige cijfers (CBS): 2024*")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("landsdelen: 5")).to_be_visible()
    nieuw = page.locator("[data-testid='stMetric']", has_text="Nieuw")
    expect(nieuw).to_contain_text("8")  # the eight municipalities of De Markiezaten
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("Opgeslagen als levering").first).to_be_visible(timeout=15_000)

    stored = stored_eventually(import_app, _stored_2024)
    assert stored["GM0748"] == pytest.approx(242.3)  # "Bergen op Zoom";"31,6";"100";"7,7";"242,3";"115,7"
    assert stored["GM0716"] == pytest.approx(311.3)  # Tholen

    open_page(page, f"{import_app.url}/indicator?indicator=GCC-I05")
    table = page.get_by_test_id("stTable")
    expect(table.locator("tr", has_text="Bergen op Zoom")).to_contain_text("€ 242")  # amounts in whole euros
    expect(table.locator("tr", has_text="Bergen op Zoom")).to_contain_text("Bron: CBS")
    expect(table.locator("tr", has_text="Tholen")).to_contain_text("€ 311")
    expect(table.locator("tr", has_text="Tholen")).to_contain_text("(voorlopig)")  # the file's 2024*
    expect(page.get_by_text("Voorlopige cijfers, die de bron nog kan bijstellen: 2024 (Bergen op Zoom")).to_be_visible()

    # and on the monitor, Bergen op Zoom's card shows the file's figure, provisional, with its source
    open_page(page, f"{import_app.url}/monitor?thema=GCC&gebied=GM0748")
    card = page.locator("[data-testid='stVerticalBlock']", has_text="Waardebeslag crimineel vermogen").last
    expect(card.get_by_test_id("stMetricValue")).to_have_text("€ 242")
    expect(card).to_contain_text("2024 (voorlopig)")
    expect(card).to_contain_text("Bron: CBS")


def test_a_second_source_for_the_same_year_is_shown_and_compared(import_app: RunningApp, page: Page) -> None:
    """The app ships CBS's 2022 crime figures (rounded to fives); Politie delivers Bergen op Zoom 2022 unrounded.
    The indicator page then shows Politie's figure (the newest delivery), says the line mixes sources, and lists
    both figures with their difference."""
    politie = b"indicator;gemeente;jaar;uitsplitsing;waarde;toelichting\r\nAV-C01;GM0748;2022;totaal;3109;\r\n"
    log_in(page, import_app)
    open_page(page, f"{import_app.url}/importeren")
    _upload(page, "politie_misdrijven_2022.csv", politie)
    wait_for_app(page)
    _import_from_politie(page)

    open_page(page, f"{import_app.url}/indicator?indicator=AV-C01")
    first_table = page.get_by_test_id("stTable").first
    expect(first_table.locator("tr", has_text="Bergen op Zoom")).to_contain_text("3.109")  # not CBS's 3.120
    expect(page.get_by_text("Let op, deze lijnen combineren bronnen")).to_contain_text("Bergen op Zoom: 2015")
    expect(page.get_by_role("heading", name="Twee bronnen voor hetzelfde jaar")).to_be_visible()
    row = page.get_by_test_id("stTable").nth(1).locator("tr", has_text="Bergen op Zoom")
    expect(row).to_contain_text("3.109 (Politie)")
    expect(row).to_contain_text("3.120 (CBS StatLine 83648NED")
    expect(row).to_contain_text("-11")

    # the data coordinator decides CBS gives the line (rounded, but one source for every year): the page follows
    open_page(page, f"{import_app.url}/indicatoren")
    choose(page, page.locator(".st-key-catalogue_detail"), "AV-C01 – Geregistreerde misdrijven, totaal")
    choose(page, page.locator(".st-key-preferred_source_AV-C01"), "CBS StatLine 83648NED Geregistreerde criminaliteit")
    page.get_by_role("button", name="Voorkeursbron opslaan").click()
    expect(page.get_by_text("Voorkeursbron van AV-C01: CBS StatLine 83648NED")).to_be_visible()
    details = page.get_by_test_id("stTable").first.locator("tr", has_text="Voorkeursbron")
    expect(details).to_contain_text("CBS StatLine 83648NED Geregistreerde criminaliteit")
    open_page(page, f"{import_app.url}/indicator?indicator=AV-C01")
    first_table = page.get_by_test_id("stTable").first
    expect(first_table.locator("tr", has_text="Bergen op Zoom")).to_contain_text("3.120")
    expect(page.get_by_text("Let op, deze lijnen combineren bronnen")).to_have_count(0)


def _population_2024(db: Session) -> dict[str, tuple[int, str]] | None:
    frame = population_frame(db=db, area_codes=["GM0748", "GM0873"])
    values = {r.area_code: (r.population, r.source) for r in frame.itertuples() if r.year == 2024}
    return values or None


def test_buurt_population_is_summed_per_municipality_and_shown(import_app: RunningApp, page: Page) -> None:
    """The data coordinator uploads CBS 'Kerncijfers wijken en buurten 2024' as downloaded from StatLine (CSV met
    labels: gemeente, wijk and buurt rows), is told it holds buurten and what to choose, chooses to sum the buurten
    per municipality, imports, and finds Bergen op Zoom's summed population, with its source, on the indicator page."""
    download = FIXTURES / "statline_labels_85984NED_kwb_2024.csv"
    log_in(page, import_app)
    open_page(page, f"{import_app.url}/importeren")
    _upload(page, download.name, download.read_bytes())
    wait_for_app(page)
    expect(page.get_by_text("Dit bestand bevat cijfers per buurt")).to_contain_text(
        "CBS Kerncijfers wijken en buurten 2024 (85984NED): 39 buurten, 11 wijken, 3 gemeenten", timeout=15_000
    )
    # not chosen yet: refused, and the refusal names the choice
    expect(page.get_by_text(f"Het bestand {download.name} is afgewezen")).to_be_visible()

    page.locator(".st-key-import_aggregate").get_by_text("Buurten optellen tot gemeenten").click()
    wait_for_app(page)
    expect(page.get_by_text("25 buurten opgeteld tot 1 gemeente")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Woensdrecht niet opgeslagen")).to_be_visible()
    expect(page.get_by_text("Bergen op Zoom: buurten samen 69.695, gemeenteregel 69.694")).to_be_visible()
    nieuw = page.locator("[data-testid='stMetric']", has_text="Nieuw")
    expect(nieuw).to_contain_text("1")
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("Opgeslagen als levering").first).to_be_visible(timeout=15_000)

    source = "CBS StatLine 85984NED Kerncijfers wijken en buurten 2024, opgeteld uit buurten"
    assert stored_eventually(import_app, _population_2024) == {"GM0748": (69_695, source)}

    open_page(page, f"{import_app.url}/indicator?indicator=AV-C02&gebied=GM0748")
    table = page.get_by_test_id("stTable").first
    row = table.locator("tr", has_text="Bergen op Zoom")
    expect(row).to_contain_text("69.695")
    expect(row).to_contain_text("Bron: CBS, opgeteld uit buurten")


def test_a_count_without_population_says_the_population_is_missing(import_app: RunningApp, page: Page) -> None:
    """Bergen op Zoom's 2023 count is delivered, but no population of 2023 is stored: per 10,000 the indicator
    page names the missing population for that year, not 'geen waarde geleverd'."""
    template = b"indicator;gemeente;jaar;uitsplitsing;waarde;toelichting\r\nAV-C01;GM0748;2023;totaal;3050;\r\n"
    log_in(page, import_app)
    open_page(page, f"{import_app.url}/importeren")
    _upload(page, "politie_misdrijven_2023.csv", template)
    wait_for_app(page)
    _import_from_politie(page)

    open_page(page, f"{import_app.url}/indicator?indicator=AV-C01&gebied=GM0748&per10k=1")
    open_expander(page, "Ontbrekende jaren")
    cells = page.get_by_test_id("stDataFrame").locator("td")  # the grid's accessible table behind its canvas
    expect(cells.filter(has_text="aantal geleverd, bevolking 2023 ontbreekt")).to_have_count(1)
    row = cells.all_text_contents()
    where = row.index("aantal geleverd, bevolking 2023 ontbreekt")
    assert row[where - 2 : where] == ["Bergen op Zoom", "2023"]


def _stored_voorne(db: Session) -> dict[tuple[str, int], float] | None:
    frame = indicator_values(db=db, code="AV-C01", area_codes=["GM1992"])
    values = {(r.area_code, r.year): r.value for r in frame.itertuples()}
    return values or None


def test_a_merged_municipality_is_refused_naming_its_successor_and_merged_on_request(
    import_app: RunningApp, page: Page, tmp_path: Path
) -> None:
    """The data coordinator of a district with Voorne aan Zee uploads figures on the division before 2023: the page
    says Brielle became part of Voorne aan Zee; choosing 'samenvoegen' adds the three counts and imports them."""
    with app_db(import_app) as db:
        add_district(db, tmp_path)
        db.commit()
    old_division = (
        b"indicator;gemeente;jaar;waarde\r\nAV-C01;Brielle;2023;700\r\nAV-C01;Hellevoetsluis;2023;1500\r\n"
        b"AV-C01;Westvoorne;2023;420\r\n"
    )
    log_in(page, import_app)
    open_page(page, f"{import_app.url}/importeren")
    open_expander(page, "Herindelingen (4 voormalige gemeenten)")
    expect(page.get_by_text("Brielle (GM0501) – opgegaan in Voorne aan Zee (per 1 januari 2023)")).to_be_visible()
    _upload(page, "misdrijven_2023.csv", old_division)
    wait_for_app(page)
    choose(page, page.locator(".st-key-import_supplier"), "Politie")
    expect(page.get_by_text("Het bestand misdrijven_2023.csv is afgewezen")).to_be_visible(timeout=15_000)
    warning = page.get_by_test_id("stAlertContentWarning")
    expect(warning).to_contain_text(
        "misdrijven_2023.csv, rij 2, kolom 'gemeente': Brielle (GM0501) is per 1 januari 2023 opgegaan in "
        "Voorne aan Zee (GM1992); een waarde voor 2023 hoort bij Voorne aan Zee."
    )
    expect(page.get_by_role("button", name="Importeren")).to_have_count(0)

    page.locator(".st-key-import_former").get_by_text("samenvoegen: aantallen optellen bij de opvolger").click()
    wait_for_app(page)
    expect(page.get_by_text("3 waarden van voormalige gemeenten opgeteld bij hun opvolger")).to_be_visible(
        timeout=15_000
    )
    expect(page.locator("[data-testid='stMetric']", has_text="Nieuw")).to_contain_text("1")
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("Opgeslagen als levering").first).to_be_visible(timeout=15_000)
    assert stored_eventually(import_app, _stored_voorne) == {("GM1992", 2023): 2620}
    with app_db(import_app) as db:  # the shipped CBS figures of Brielle before the merger stay Brielle's
        brielle = indicator_values(db=db, code="AV-C01", area_codes=["GM0501"])
    assert dict(zip(brielle["year"], brielle["value"], strict=True)) == {2015: 880, 2022: 690}
