"""Municipalities up to 2026: names and codes old and new resolve, a merged municipality's later figures are
refused naming the successor, or (counts, when asked) added to it; region lists place codes by the shipped lists.

Voorne aan Zee (GM1992) began on 1 January 2023 from Brielle (GM0501), Hellevoetsluis (GM0530) and Westvoorne
(GM0614); Weesp (GM0457) joined Amsterdam (GM0363) on 24 March 2022. The tests configure a district with Voorne
aan Zee (and one with Amsterdam) next to De Markiezaten, as a data coordinator there would.
"""

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, delete, select

from core.db import transaction
from indicators.areas import load_areas
from indicators.importing.candidates import MERGE_FORMER
from indicators.importing.issues import ImportRejected
from indicators.importing.lookups import AreaLookup
from indicators.models import Area, Observation
from indicators.normalisation import indicator_values
from indicators.population import population_frame
from tests.support.districts import VOORNE_PUTTEN, add_district

from .helpers import REAL_DATA, Importer, csv_bytes

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
HEADER = "indicator;gemeente;jaar;uitsplitsing;waarde;toelichting"
AMSTERDAM = ("DIS-TEST-AMSTERDAM", "Testdistrict Amsterdam", {"GM0363": "Amsterdam"})
POPULATION_2022 = "cbs_bevolking_1jan2022_regio.csv"


@pytest.fixture
def voorne(monitor: Engine, tmp_path: Path) -> Engine:
    """The monitor database with a district of Voorne aan Zee and one of Amsterdam besides De Markiezaten."""
    with transaction(monitor) as db:
        add_district(db, tmp_path)
        add_district(db, tmp_path, AMSTERDAM, veiligheidsregio="Amsterdam-Amstelland", provincie="Noord-Holland")
    return monitor


def _observations(engine: Engine, code: str = "AV-C01") -> dict[tuple[str, int], float]:
    with Session(engine) as db:
        frame = indicator_values(db=db, code=code)
    return {(r.area_code, r.year): r.value for r in frame.itertuples() if not r.is_demo}


def _population(engine: Engine, codes: list[str]) -> dict[tuple[str, int], int]:
    with Session(engine) as db:
        frame = population_frame(db=db, area_codes=codes)
    return {(r.area_code, r.year): r.population for r in frame.itertuples()}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hengelo", "GM0164"),  # the name of the 2022 and 2023 lists
        ("Hengelo (O.)", "GM0164"),  # the name of the 2026 list and of StatLine
        ("’s-Hertogenbosch", "GM0796"),  # typographic apostrophe
        ("'s-Hertogenbosch", "GM0796"),
        ("s-Hertogenbosch", "GM0796"),
        ("0796", "GM0796"),
        ("'s-Gravenhage (gemeente)", "GM0518"),  # as the 2022 population file writes it
        ("Voorne aan Zee", "GM1992"),
        ("GM1992", "GM1992"),
        ("1992", "GM1992"),
        ("Laren", "GM0417"),
        ("Rijswijk (ZH.)", "GM0603"),
        ("Brielle", "GM0501"),  # a former municipality by its name
        ("GM0457", "GM0457"),
        ("Weesp", "GM0457"),
    ],
)
def test_current_and_former_names_and_codes_resolve(db: Session, text: str, code: str) -> None:
    load_areas(db=db)
    ref = AreaLookup(db).resolve(text)
    assert ref is not None
    assert ref.code == code


def test_a_former_municipality_knows_its_successor_and_from_which_year(voorne: Engine) -> None:
    with Session(voorne) as db:
        lookup = AreaLookup(db)
    brielle, weesp = lookup.by_code["GM0501"], lookup.by_code["GM0457"]
    assert (brielle.active, brielle.configured) == (False, True)  # configured through Voorne aan Zee
    assert lookup.successor(brielle, 2022) is None  # still its own
    successor = lookup.successor(brielle, 2023)
    assert successor is not None
    assert successor.code == "GM1992"
    assert lookup.successor(weesp, 2022) is None  # existed on 1 January 2022 (ended 24 March 2022)
    assert getattr(lookup.successor(weesp, 2023), "code", None) == "GM0363"


def test_a_national_2024_file_with_voorne_aan_zee_imports(voorne: Engine, do_import: Importer) -> None:
    """The finding: a national population file of 2024 was refused whole for GM1992. In the layout of the real CBS
    export (`Populatie,Key,Regio`, keys padded), on the division of 2023 and later, it now imports."""
    real = (REAL_DATA / POPULATION_2022).read_text(encoding="utf-8").splitlines()
    merged = {"GM0501", "GM0530", "GM0614", "GM0457"}
    rows = [line for line in real[1:] if line.split(",")[1].strip() not in merged and not line.startswith(",")]
    rows.append("73238.0,GM1992,Voorne aan Zee")  # Brielle + Hellevoetsluis + Westvoorne on 1 January 2022
    result = do_import(("\n".join([real[0], *rows]) + "\n").encode(), "bevolking_1jan2024.csv")
    assert result.plan is not None
    assert result.delivery is not None
    population = _population(voorne, ["GM1992", "GM0748", "GM1930"])
    assert population[("GM1992", 2024)] == 73238
    assert population[("GM0748", 2024)] == 67894  # De Markiezaten as before
    assert ("GM1930", 2024) in population


def test_the_real_statline_download_stores_voorne_aan_zee(voorne: Engine, do_import: Importer) -> None:
    """The real 'CSV met labels' download of 2024 (division of 2025) names Voorne aan Zee: it is a current
    municipality, so its figure is stored for the district that has it."""
    path = FIXTURES / "statline_labels" / "cbs_vermogen_huishoudens_regio_2024_labels.csv"
    do_import(path.read_bytes(), path.name, topics={"Mediaan vermogen": "GCC-I05"}, supplier="CBS")
    values = _observations(voorne, "GCC-I05")
    assert values[("GM1992", 2024)] == pytest.approx(186.0)  # "Voorne aan Zee";…;"186,0"
    assert values[("GM0748", 2024)] == pytest.approx(115.7)


def test_the_real_2022_file_keeps_former_municipalities_history(voorne: Engine, do_import: Importer) -> None:
    """On 1 January 2022 Brielle, Hellevoetsluis, Westvoorne and Weesp still existed: their figures are their own."""
    do_import((REAL_DATA / POPULATION_2022).read_bytes(), POPULATION_2022)
    population = _population(voorne, ["GM0501", "GM0530", "GM0614", "GM0457", "GM0363"])
    assert population == {
        ("GM0501", 2022): 17704,
        ("GM0530", 2022): 40574,
        ("GM0614", 2022): 14960,
        ("GM0457", 2022): 20766,
        ("GM0363", 2022): 882633,
    }


OLD_DIVISION_2023 = csv_bytes(
    [
        HEADER,
        "AV-C01;Brielle;2022;totaal;690;",
        "AV-C01;Brielle;2023;totaal;700;",
        "AV-C01;GM0530;2023;totaal;1500;",
        "AV-C01;Westvoorne;2023;totaal;420;",
    ]
)


def test_a_value_after_the_merger_is_refused_naming_the_successor(voorne: Engine, do_import: Importer) -> None:
    with pytest.raises(ImportRejected) as refused:
        do_import(OLD_DIVISION_2023, "misdrijven_oude_indeling.csv", supplier="Politie")
    messages = [str(issue) for issue in refused.value.issues]
    assert messages[0] == (
        "misdrijven_oude_indeling.csv, rij 3, kolom 'gemeente': Brielle (GM0501) is per 1 januari 2023 opgegaan in "
        "Voorne aan Zee (GM1992); een waarde voor 2023 hoort bij Voorne aan Zee. Lever die voor Voorne aan Zee aan, "
        "of laat aantallen optellen bij de opvolger (--voormalige-gemeenten samenvoegen)"
    )
    assert len(messages) == 3  # 2023 of all three; Brielle 2022 is Brielle's own
    assert all(issue.former_municipality for issue in refused.value.issues)
    assert _observations(voorne) == {}


def test_merging_adds_the_counts_to_the_successor(voorne: Engine, do_import: Importer) -> None:
    result = do_import(
        OLD_DIVISION_2023, "misdrijven_oude_indeling.csv", supplier="Politie", former_municipalities=MERGE_FORMER
    )
    assert result.plan is not None
    assert result.plan.merged_from_former == 3
    assert (
        "Let op: 3 waarden van voormalige gemeenten opgeteld bij hun opvolger: "
        "Brielle + Hellevoetsluis + Westvoorne → Voorne aan Zee (2023)."
    ) in result.summary()
    assert _observations(voorne) == {("GM0501", 2022): 690, ("GM1992", 2023): 700 + 1500 + 420}
    with Session(voorne) as db:
        note = db.exec(select(Observation.note).join(Area).where(Area.code == "GM1992")).one()
    assert note == "opgeteld uit Brielle (rij 3), Hellevoetsluis (rij 4), Westvoorne (rij 5)"


def test_merging_a_successor_that_existed_adds_its_own_value(voorne: Engine, do_import: Importer) -> None:
    """A file on the 2022 division for 2023 lists Amsterdam without Weesp, and Weesp: together they are Amsterdam."""
    data = csv_bytes([HEADER, "AV-C01;Amsterdam;2023;totaal;76000;", "AV-C01;Weesp;2023;totaal;800;"])
    result = do_import(data, "amsterdam.csv", supplier="Politie", former_municipalities=MERGE_FORMER)
    assert result.plan is not None
    assert result.plan.count("nieuw") == 1
    assert _observations(voorne) == {("GM0363", 2023): 76800}


def test_merging_refuses_what_cannot_be_added(voorne: Engine, do_import: Importer) -> None:
    incomplete = csv_bytes([HEADER, "AV-C01;Brielle;2023;totaal;700;", "AV-C01;Westvoorne;2023;totaal;420;"])
    with pytest.raises(ImportRejected, match=r"Hellevoetsluis \(GM0530\) ontbreekt in het bestand"):
        do_import(incomplete, "deels.csv", supplier="Politie", former_municipalities=MERGE_FORMER)
    percentages = csv_bytes([HEADER, "AV-E02;Brielle;2023;totaal;12,5;"])
    with pytest.raises(ImportRejected) as refused:
        do_import(percentages, "beleving.csv", supplier="CBS", former_municipalities=MERGE_FORMER)
    assert "alleen aantallen kunnen bij de opvolger worden opgeteld, AV-E02 is een percentage" in str(refused.value)
    assert "Brielle (GM0501) is per 1 januari 2023 opgegaan in Voorne aan Zee (GM1992)" in str(refused.value)
    assert _observations(voorne) == {}


def test_merging_population_sums_it(voorne: Engine, do_import: Importer) -> None:
    """The real 2022 population file read as the population of a year after the merger (as an outdated export
    would give it): with merging, Voorne aan Zee gets the sum of its three former municipalities."""
    result = do_import(
        (REAL_DATA / POPULATION_2022).read_bytes(), "bevolking_2023.csv", former_municipalities=MERGE_FORMER
    )
    assert result.plan is not None
    assert result.plan.merged_from_former == 4  # three into Voorne aan Zee, Weesp into Amsterdam
    population = _population(voorne, ["GM1992", "GM0363"])
    assert population == {("GM1992", 2023): 17704 + 40574 + 14960, ("GM0363", 2023): 882633 + 20766}


def test_outside_a_configured_district_a_former_municipality_is_skipped_saying_what_became_of_it(
    monitor: Engine, do_import: Importer
) -> None:
    """De Markiezaten alone: Brielle's 2023 row does not concern the district, so it is skipped (not refused)."""
    data = csv_bytes([HEADER, "AV-C01;Brielle;2023;totaal;700;", "AV-C01;GM0748;2023;totaal;3000;"])
    result = do_import(data, "landelijk.csv", supplier="Politie")
    assert result.plan is not None
    assert [s.region for s in result.plan.skipped] == ["Brielle – opgegaan in Voorne aan Zee (per 1 januari 2023)"]
    assert "Brielle – opgegaan in Voorne aan Zee (per 1 januari 2023)" in result.summary()
    assert _observations(monitor) == {("GM0748", 2023): 3000}


def test_a_region_list_places_codes_by_the_shipped_lists(monitor: Engine, do_import: Importer) -> None:
    """A database loaded before Voorne aan Zee existed: the real Politie region list adds GM1992 as a current
    municipality (not 'voormalig'); 'Buitenland' and 'niet in te delen' are no municipalities; an unknown code is
    added outside the current division and named."""
    with transaction(monitor) as db:
        db.execute(delete(Area).where(Area.code == "GM1992"))  # type: ignore[arg-type]
    name = "politie_RegioS_dimension_47025NED_or_47021NED.csv"
    result = do_import((REAL_DATA / name).read_bytes(), name)
    text = result.summary()
    assert "1 gemeenten toegevoegd (1 huidige, 0 voormalige, 0 onbekende)" in text
    assert "Toegevoegd als huidige gemeente: Voorne aan Zee (GM1992)" in text
    assert "Geen gemeente, niet toegevoegd: Buitenland (GM0998); Gemeenten; niet in te delen (GM0999)" in text
    with Session(monitor) as db:
        added = db.exec(select(Area).where(Area.code == "GM1992")).one()
        assert (added.name, added.active, added.successor_code) == ("Voorne aan Zee", True, None)
        assert db.exec(select(Area).where(Area.code == "GM0998")).first() is None

    unknown = do_import(b"Key;Title\nGM9999;Nieuwegein-Noord\nGM0748;Bergen op Zoom\n", "regio.csv")
    assert "Let op: 1 onbekende gemeentecodes" in unknown.summary()
    assert "Nieuwegein-Noord (GM9999)" in unknown.summary()
    with Session(monitor) as db:
        assert db.exec(select(Area.active).where(Area.code == "GM9999")).one() is False


def test_the_district_of_the_tests_is_voorne_putten(voorne: Engine) -> None:
    with Session(voorne) as db:
        members = db.exec(select(Area.code).where(Area.district_code == VOORNE_PUTTEN[0])).all()
    assert sorted(members) == ["GM1930", "GM1992"]
