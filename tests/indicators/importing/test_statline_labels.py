"""StatLine "CSV met labels" as published (issue 15): the header over several rows, filter lines, several topics,
provisional periods, and region rows that are not municipalities."""

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from indicators.importing.issues import ImportRejected
from indicators.importing.plan import conflict_lines
from indicators.importing.statline_labels import find_labels_layout, region_type
from indicators.importing.tabular import read_table
from indicators.models import Area, Indicator, Observation
from indicators.normalisation import indicator_values

from .helpers import Importer

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DOWNLOADS = FIXTURES / "statline_labels"  # byte-exact copies of ../shared/data/statline_labels (CC BY 4.0, CBS)
MARKIEZATEN = ["GM0748", "GM1674", "GM0873", "GM0851", "GM1655", "GM1709", "GM0840", "GM0716"]
LAYOUT_A = FIXTURES / "statline_labels_83648NED_layout_a.csv"
AMOUNT = "GCC-I05"  # any indicator holding amounts: what is tested is that a chosen topic lands where it is sent


def _shared(year: int) -> Path:
    return DOWNLOADS / f"cbs_vermogen_huishoudens_regio_{year}_labels.csv"


def test_layout_a_reads_every_header_row_and_the_filter_line() -> None:
    layout = find_labels_layout(read_table(LAYOUT_A.read_bytes(), LAYOUT_A.name))
    assert layout is not None
    assert layout.title == "Geregistreerde criminaliteit; soort misdrijf, regio"
    assert layout.filters == {"soortmisdrijf": "Totaal misdrijven"}
    assert [(c.topic, c.year, c.unit, c.provisional) for c in layout.columns] == [
        ("Totaal geregistreerde misdrijven", 2015, "aantal", False),
        ("Totaal geregistreerde misdrijven", 2022, "aantal", False),
    ]


def test_layout_b_as_downloaded_reads_topics_units_and_the_provisional_period() -> None:
    path = _shared(2024)
    layout = find_labels_layout(read_table(path.read_bytes(), path.name))
    assert layout is not None
    assert layout.filters["perioden"] == "2024*"
    assert [c.topic for c in layout.columns] == [
        "Particuliere huishoudens",
        "Particuliere huishoudens relatief",
        "Totaal vermogen",
        "Gemiddeld vermogen",
        "Mediaan vermogen",
    ]
    assert [c.unit for c in layout.columns] == ["x 1 000", "%", "mld euro", "1 000 euro", "1 000 euro"]
    assert {(c.year, c.provisional) for c in layout.columns} == {(2024, True)}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Amsterdam (RE)", "politie-eenheden"),
        ("Noord-Nederland (LD)", "landsdelen"),
        ("Noord-Brabant (PV)", "provincies"),
        ("Nederland", "Nederland"),
        ("Buitenland", "buitenland"),
        ("Gemeenten; niet in te delen", "niet in te delen"),
        ("Niet in te delen (LD)", "landsdelen"),
        ("Bergen (L.)", None),
        ("Bergen op Zoom", None),
    ],
)
def test_region_rows_are_recognised_by_their_type(name: str, kind: str | None) -> None:
    assert region_type(name) == kind


def test_layout_a_imports_the_real_figures_and_skips_what_is_not_a_municipality(
    monitor: Engine, do_import: Importer
) -> None:
    result = do_import(LAYOUT_A.read_bytes(), LAYOUT_A.name)
    assert result.plan is not None
    assert result.plan.file_format == "StatLine met labels"
    assert result.plan.source == "CBS StatLine 83648NED Geregistreerde criminaliteit"
    summary = result.summary()
    assert "politie-eenheden: 2" in summary
    assert "provincies: 1" in summary
    assert "Nederland ingelezen als vergelijkingscijfer" in summary  # "." there: nothing stored for it
    with Session(monitor) as db:
        values = indicator_values(db=db, code="AV-C01", area_codes=MARKIEZATEN)
    by_place = {(row.area_code, row.year): row.value for row in values.itertuples()}
    assert by_place[("GM0748", 2015)] == 4135  # Bergen op Zoom, as in the file
    assert by_place[("GM0748", 2022)] == 3120
    assert by_place[("GM0716", 2022)] == 630  # Tholen, as in the file
    assert len(values) == 16  # eight municipalities, two years


def test_layout_b_downloads_import_a_chosen_topic_for_three_years(monitor: Engine, do_import: Importer) -> None:
    for year in (2022, 2023, 2024):
        path = _shared(year)
        result = do_import(path.read_bytes(), path.name, topics={"Gemiddeld vermogen": AMOUNT})
        assert result.plan is not None
        summary = result.summary()
        assert "niet ingelezen onderwerpen (geen indicator gekozen): Mediaan vermogen" in summary
        assert "landsdelen: 5" in summary  # four landsdelen and "Niet in te delen (LD)"
        assert ("voorlopige cijfers (CBS): 2024*" in summary) == (year == 2024)
    with Session(monitor) as db:
        values = indicator_values(db=db, code=AMOUNT, area_codes=MARKIEZATEN)
    by_place = {(row.area_code, row.year): row.value for row in values.itertuples()}
    assert by_place[("GM0748", 2024)] == pytest.approx(242.3)  # "Bergen op Zoom";…;"242,3"
    assert by_place[("GM0716", 2024)] == pytest.approx(311.3)  # Tholen
    assert {year for _, year in by_place} == {2022, 2023, 2024}


def test_a_download_with_unknown_topics_is_refused_naming_them(do_import: Importer) -> None:
    path = _shared(2023)
    with pytest.raises(ImportRejected) as refused:
        do_import(path.read_bytes(), path.name)
    message = str(refused.value)
    assert path.name in message
    assert "rij 6" in message
    assert "Gemiddeld vermogen" in message
    assert "--onderwerp" in message
    with pytest.raises(ImportRejected, match="5 onderwerpen"):
        do_import(path.read_bytes(), path.name, indicator=AMOUNT)


def _provisional_by_place(monitor: Engine, year: int) -> dict[str, tuple[float | None, bool]]:
    with Session(monitor) as db:
        statement = (
            select(Area.code, Observation.value, Observation.provisional)
            .join(Area, col(Area.id) == col(Observation.area_id))
            .join(Indicator, col(Indicator.id) == col(Observation.indicator_id))
            .where(Indicator.code == AMOUNT, Observation.year == year, col(Area.code).in_(MARKIEZATEN))
        )
        return {code: (value, provisional) for code, value, provisional in db.exec(statement).all()}


def test_a_provisional_period_is_stored_per_value_and_settled_by_the_definitive_download(
    monitor: Engine, do_import: Importer
) -> None:
    path = _shared(2024)
    do_import(path.read_bytes(), path.name, topics={"Gemiddeld vermogen": AMOUNT})
    provisional = _provisional_by_place(monitor, 2024)
    assert provisional["GM0748"] == (pytest.approx(242.3), True)
    assert all(flag for _, flag in provisional.values())

    # the same table a year later, when CBS has made 2024 definitive: the period loses its star, Bergen op Zoom
    # is revised; the file is the real download with only that changed
    definitive = path.read_bytes().replace(b'"Perioden: 2024*"', b'"Perioden: 2024"').replace(b'"242,3"', b'"243,0"')
    result = do_import(definitive, "vermogen_2024_definitief.csv", topics={"Gemiddeld vermogen": AMOUNT})
    assert result.plan is not None
    assert result.plan.settled == len(provisional)
    assert "voorlopige cijfers die nu definitief zijn" in result.plan.summary()
    assert result.delivery is not None
    assert result.delivery.rows_replaced == len(provisional)
    settled = _provisional_by_place(monitor, 2024)
    assert settled["GM0748"] == (pytest.approx(243.0), False)
    assert settled["GM0716"] == (pytest.approx(311.3), False)
    assert not any(flag for _, flag in settled.values())


def test_a_definitive_value_is_not_replaced_by_a_provisional_one_without_asking(
    monitor: Engine, do_import: Importer
) -> None:
    path = _shared(2024)
    definitive = path.read_bytes().replace(b'"Perioden: 2024*"', b'"Perioden: 2024"')
    do_import(definitive, "vermogen_2024_definitief.csv", topics={"Gemiddeld vermogen": AMOUNT})
    result = do_import(path.read_bytes(), path.name, topics={"Gemiddeld vermogen": AMOUNT})
    assert result.plan is not None
    assert result.plan.settled == 0
    assert len(result.plan.conflicts) == 8
    assert any("(voorlopig)" in line for line in conflict_lines(result.plan))
    assert not any(flag for _, flag in _provisional_by_place(monitor, 2024).values())
