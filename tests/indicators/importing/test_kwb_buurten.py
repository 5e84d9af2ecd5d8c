"""Population per buurt (CBS "Kerncijfers wijken en buurten", 85984NED) summed per municipality (issue 15, part 4).

The fixtures are cut from 85984NED in its two published layouts (see tests/fixtures/README.md): Bergen op Zoom with
its real Gemeente row (69.694) and wijk rows, 25 buurten adding up to 69.695; Woensdrecht with one buurt "." (secret
or unknown); Best, outside De Markiezaten; and the Nederland row.
"""

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from indicators.importing.issues import ImportRejected
from indicators.importing.kwb import read_kwb
from indicators.importing.tabular import read_table
from indicators.models import Delivery
from indicators.normalisation import indicator_values
from indicators.population import population_frame
from indicators.provenance import attribution

from .helpers import Importer, snapshot

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ODATA = FIXTURES / "cbs_85984NED_kwb_2024_typeddataset.csv"
LABELS = FIXTURES / "statline_labels_85984NED_kwb_2024.csv"
SOURCE = "CBS StatLine 85984NED Kerncijfers wijken en buurten 2024, opgeteld uit buurten"
BERGEN_OP_ZOOM_BUURTEN = 69_695  # the 25 buurten; the Gemeente row says 69.694, the six wijken 69.695 as well


def _population(engine: Engine) -> dict[str, tuple[int, str]]:
    with Session(engine) as db:
        frame = population_frame(db=db, area_codes=["GM0748", "GM0873", "GM0753"])
    return {row.area_code: (row.population, row.source) for row in frame.itertuples() if row.year == 2024}


@pytest.mark.parametrize(("path", "layout"), [(ODATA, "OData-CSV"), (LABELS, "StatLine met labels")])
def test_both_published_layouts_are_read_as_gemeente_wijk_and_buurt_rows(path: Path, layout: str) -> None:
    kwb = read_kwb(read_table(path.read_bytes(), path.name))
    assert kwb is not None
    assert (kwb.layout, kwb.table_id, kwb.year) == (layout, "85984NED", 2024)
    assert [kwb.count(kind) for kind in ("land", "gemeente", "wijk", "buurt")] == [1, 3, 11, 39]
    first_buurt = next(row for row in kwb.rows if row.kind == "buurt")
    assert (first_buurt.code, first_buurt.municipality, first_buurt.value) == ("BU07480000", "GM0748", "4285")


@pytest.mark.parametrize("path", [ODATA, LABELS])
def test_without_the_option_the_refusal_names_the_option(monitor: Engine, do_import: Importer, path: Path) -> None:
    before = snapshot(monitor)
    with pytest.raises(ImportRejected) as refused:
        do_import(path.read_bytes(), path.name)
    message = str(refused.value)
    assert "cijfers per buurt en wijk" in message
    assert "Kerncijfers wijken en buurten 2024 (85984NED): 39 buurten, 11 wijken, 3 gemeenten" in message
    assert "--aggregate gemeente" in message
    assert "'Buurten optellen tot gemeenten'" in message
    assert snapshot(monitor) == before


@pytest.mark.parametrize("path", [ODATA, LABELS])
def test_buurten_are_summed_per_municipality_and_stored_with_their_source(
    monitor: Engine, do_import: Importer, path: Path
) -> None:
    result = do_import(path.read_bytes(), path.name, aggregate="gemeente")
    assert result.plan is not None
    assert result.delivery is not None
    assert result.plan.file_format == "wijken en buurten, opgeteld"
    assert result.plan.source == SOURCE
    summary = result.summary()
    # only the buurten: never the wijk or gemeente rows (they are sums already), never Nederland
    assert "25 buurten opgeteld tot 1 gemeente (bevolking op 1 januari 2024; 11 wijkregels en 3 gemeenteregels" in (
        summary
    )
    assert _population(monitor) == {"GM0748": (BERGEN_OP_ZOOM_BUURTEN, SOURCE)}
    # the Gemeente row in the file is compared, and the difference explained
    assert "Bergen op Zoom: buurten samen 69.695, gemeenteregel 69.694 (verschil +1)" in summary
    assert "rondt elke buurt af op vijftallen" in summary
    # Woensdrecht has a buurt CBS does not publish: refused for that municipality, saying why and what to do
    assert "Woensdrecht niet opgeslagen: 1 van de 11 buurten heeft geen waarde (BU08730101 ('.')" in summary
    assert "Zonder die buurt zou het aantal inwoners te laag zijn en elk cijfer per 10.000 inwoners te hoog" in summary
    assert "noemt voor de gemeente zelf 22.208 inwoners" in summary
    # Best is no municipality of a configured district
    assert "Best" in {skipped.region for skipped in result.plan.skipped}
    # the delivery keeps what was done
    with Session(monitor) as db:
        delivery = db.exec(select(Delivery)).one()
    assert delivery.source == SOURCE
    assert delivery.note.startswith("25 buurten opgeteld tot 1 gemeente")
    assert "Woensdrecht niet opgeslagen" in delivery.note


def test_the_summed_population_is_the_denominator_per_10000(monitor: Engine, do_import: Importer) -> None:
    do_import(ODATA.read_bytes(), ODATA.name, aggregate="gemeente")
    crimes = b"indicator;gemeente;jaar;uitsplitsing;waarde\r\nAV-C01;GM0748;2024;totaal;3485\r\n"
    do_import(crimes, "politie_2024.csv", supplier="Politie")
    with Session(monitor) as db:
        frame = indicator_values(db=db, code="AV-C01", area_codes=["GM0748"], per_capita=True)
    row = next(r for r in frame.itertuples() if r.year == 2024)
    assert row.value == pytest.approx(3485 / BERGEN_OP_ZOOM_BUURTEN * 10_000)  # 500,0 per 10.000


def test_a_file_of_buurten_alone_is_summed_without_a_comparison(monitor: Engine, do_import: Importer) -> None:
    lines = ODATA.read_bytes().split(b"\n")
    buurten_only = b"\n".join([lines[0], *(line for line in lines[1:] if b'"Buurt     "' in line)]) + b"\n"
    result = do_import(buurten_only, ODATA.name, aggregate="gemeente")
    summary = result.summary()
    assert "25 buurten opgeteld tot 1 gemeente" in summary
    assert "0 wijkregels en 0 gemeenteregels" in summary
    assert "gemeenteregel 69.694" not in summary
    assert "Download de tabel per gemeente, of lever het aantal inwoners van de gemeente aan" in summary  # Woensdrecht
    assert _population(monitor)["GM0748"][0] == BERGEN_OP_ZOOM_BUURTEN


def test_an_empty_buurt_cell_refuses_the_municipality_like_a_dot(monitor: Engine, do_import: Importer) -> None:
    data = ODATA.read_bytes().replace(b'"BU07480001";"1";"    3570"', b'"BU07480001";"1";""')
    result = do_import(data, ODATA.name, aggregate="gemeente")
    summary = result.summary()
    assert "Bergen op Zoom niet opgeslagen: 1 van de 25 buurten heeft geen waarde (BU07480001 ('')" in summary
    assert "0 buurten opgeteld tot 0 gemeenten" in summary
    assert result.delivery is None
    assert _population(monitor) == {}


def test_the_year_comes_from_the_table_and_is_asked_for_when_unknown(monitor: Engine, do_import: Importer) -> None:
    with pytest.raises(ImportRejected, match=r"geef het jaar op \(--jaar\)"):
        do_import(ODATA.read_bytes(), "kerncijfers.csv", aggregate="gemeente")
    with pytest.raises(ImportRejected, match="bevolking op 1 januari 2024; het opgegeven jaar 2023 spreekt dat tegen"):
        do_import(ODATA.read_bytes(), ODATA.name, aggregate="gemeente", year=2023)
    do_import(ODATA.read_bytes(), "kerncijfers.csv", aggregate="gemeente", year=2024)
    assert _population(monitor)["GM0748"] == (
        BERGEN_OP_ZOOM_BUURTEN,
        "CBS Kerncijfers wijken en buurten 2024, opgeteld uit buurten",
    )


def test_a_malformed_buurt_value_refuses_the_file_naming_the_row(monitor: Engine, do_import: Importer) -> None:
    before = snapshot(monitor)
    data = ODATA.read_bytes().replace(b'"BU07480001";"1";"    3570"', b'"BU07480001";"1";"   35,70"')
    with pytest.raises(ImportRejected) as refused:
        do_import(data, ODATA.name, aggregate="gemeente")
    assert "rij 6, kolom 'AantalInwoners_5': een aantal inwoners is een geheel getal" in str(refused.value)
    assert snapshot(monitor) == before


def test_summing_is_refused_for_a_file_that_is_no_kwb_file(do_import: Importer) -> None:
    template = b"indicator;gemeente;jaar;uitsplitsing;waarde\r\nAV-C02;GM0748;2024;totaal;69694\r\n"
    with pytest.raises(
        ImportRejected, match="kan alleen met het aantal inwoners uit CBS Kerncijfers wijken en buurten"
    ):
        do_import(template, "inwoners.csv", aggregate="gemeente")
    with pytest.raises(ImportRejected, match="onbekende optelling 'wijk'"):
        do_import(ODATA.read_bytes(), ODATA.name, aggregate="wijk")


def test_the_same_file_twice_changes_nothing(monitor: Engine, do_import: Importer) -> None:
    do_import(LABELS.read_bytes(), LABELS.name, aggregate="gemeente")
    before = snapshot(monitor)
    again = do_import(LABELS.read_bytes(), LABELS.name, aggregate="gemeente")
    assert again.delivery is None
    assert "al geïmporteerd" in again.summary()
    assert snapshot(monitor) == before


def test_a_summed_figure_is_attributed_as_summed_from_buurten() -> None:
    assert attribution(SOURCE) == "Bron: CBS, opgeteld uit buurten"  # not CBS's own figure for the municipality
    assert attribution("CBS StatLine 83648NED Geregistreerde criminaliteit") == "Bron: CBS"
