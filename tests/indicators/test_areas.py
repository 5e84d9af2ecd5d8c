import csv
import hashlib
from datetime import date

from sqlmodel import Session, col, select

from data import AREAS_DIR, REAL_DIR
from indicators.areas import (
    CURRENT_MUNICIPALITIES,
    DEFAULT_DISTRICT,
    EARLIER_MUNICIPALITY_LISTS,
    areas_by_code,
    district_municipalities,
    districts,
    load_areas,
    merged_municipalities,
    read_municipal_changes,
    read_municipality_list,
)
from indicators.models import Area

MARKIEZATEN = {"GM0748", "GM1674", "GM0873", "GM0851", "GM1655", "GM1709", "GM0840", "GM0716"}
SHARED_LISTS = {  # SHA-256 of the shared data set's files (data/areas/PROVENANCE.md)
    "derived_gemeenten_2022_codes_namen.csv": "689e2376fdd1e44b17f29b209c98e6a798f70c2ce7fead1e1a2f9260234886f2",
    "derived_gemeenten_2023_codes_namen.csv": "332d1c7d3b22a44f7bc110cfdd20d8d5fb781530562f4a331788e2cacdf5ff39",
    "derived_gemeenten_2026_codes_namen.csv": "4f6b1fd2ef6bdbf33eec32c3028fc871c662a58e273777acb7c00a4f582421e0",
}


def test_all_municipalities_with_cbs_codes(db: Session) -> None:
    counts = load_areas(db=db)
    assert counts.active_municipalities == 342  # the municipalities of 2026
    assert counts.merged_municipalities == 4  # Weesp, Brielle, Hellevoetsluis, Westvoorne
    assert counts.municipalities > counts.active_municipalities  # former municipalities kept for old figures
    areas = areas_by_code(db=db, codes=["GM0363", "GM0738", "GM1992", "GM0164", "GM0796"])
    assert areas["GM0363"].name == "Amsterdam"
    assert areas["GM0363"].active
    assert areas["GM0738"].name == "Aalburg"
    assert not areas["GM0738"].active
    assert (areas["GM0738"].successor_code, areas["GM0738"].ended_on) == (None, None)  # no source names one
    assert areas["GM1992"].name == "Voorne aan Zee"  # created in 2023, absent from the 2022 population file
    assert areas["GM1992"].active
    assert areas["GM0164"].name == "Hengelo (O.)"  # as the 2026 list names it
    assert areas["GM0796"].name == "'s-Hertogenbosch"


def test_active_is_exactly_the_2026_list_and_merged_municipalities_name_their_successor(db: Session) -> None:
    load_areas(db=db)
    current = read_municipality_list(CURRENT_MUNICIPALITIES)
    active = dict(db.exec(select(Area.code, Area.name).where(col(Area.active), col(Area.kind) == "gemeente")).all())
    assert active == dict(current)
    former = {f.code: (f.successor_code, f.ended_on) for f in merged_municipalities(db=db)}
    assert former == {
        "GM0501": ("GM1992", date(2023, 1, 1)),
        "GM0530": ("GM1992", date(2023, 1, 1)),
        "GM0614": ("GM1992", date(2023, 1, 1)),
        "GM0457": ("GM0363", date(2022, 3, 24)),
    }
    labels = [f.label for f in merged_municipalities(db=db)]
    assert labels[0] == "Brielle (GM0501) – opgegaan in Voorne aan Zee (per 1 januari 2023)"
    assert labels[-1] == "Weesp (GM0457) – opgegaan in Amsterdam (per 24 maart 2022)"
    # nothing that the 2022 population file lists is active unless it is in the 2026 list
    with (REAL_DIR / "cbs_bevolking_1jan2022_regio.csv").open(encoding="utf-8-sig") as handle:
        listed_2022 = {row["Key"].strip() for row in csv.DictReader(handle) if row["Key"].strip().startswith("GM")}
    assert set(active) - set(current) == set()
    assert {"GM0457", "GM0501", "GM0530", "GM0614"} <= listed_2022 - set(active)


def test_shipped_lists_are_the_shared_files_and_every_ended_code_has_a_change() -> None:
    """The code lists are byte-exact copies; each municipality of an earlier list that is not in the current one
    is in the table of municipal changes, with a successor in the current list (nothing invented, nothing lost)."""
    current = read_municipality_list(CURRENT_MUNICIPALITIES)
    changes = {change.former_code: change for change in read_municipal_changes()}
    ended = set().union(*(set(read_municipality_list(path)) for path in EARLIER_MUNICIPALITY_LISTS)) - set(current)
    assert ended == set(changes)
    assert all(change.successor_code in current for change in changes.values())
    assert {change.successor_code for change in changes.values()} == {"GM0363", "GM1992"}
    for name, digest in SHARED_LISTS.items():
        assert hashlib.sha256((AREAS_DIR / name).read_bytes()).hexdigest() == digest, name


def test_de_markiezaten_with_basisteams_and_regions(db: Session) -> None:
    load_areas(db=db)
    assert [d.name for d in districts(db=db)] == ["De Markiezaten"]
    members = district_municipalities(db=db, district_code=DEFAULT_DISTRICT)
    assert {m.code for m in members} == MARKIEZATEN
    teams = {m.name: m.basisteam for m in members}
    assert {name for name, team in teams.items() if team == "Bergen op Zoom"} == {
        "Bergen op Zoom",
        "Steenbergen",
        "Tholen",
        "Woensdrecht",
    }
    assert {name for name, team in teams.items() if team == "Roosendaal"} == {
        "Roosendaal",
        "Halderberge",
        "Moerdijk",
        "Rucphen",
    }
    tholen = next(m for m in members if m.name == "Tholen")
    assert (tholen.provincie, tholen.veiligheidsregio) == ("Zeeland", "Zeeland")


def test_load_areas_twice_changes_nothing(db: Session) -> None:
    first = load_areas(db=db)
    assert load_areas(db=db) == first


def test_loading_again_mends_a_database_of_the_2022_list(db: Session) -> None:
    """A database filled before: Weesp active, Voorne aan Zee added by a region list as a former municipality.
    `load_areas` (run by `init` and at every start) puts both right."""
    load_areas(db=db)
    areas = areas_by_code(db=db, codes=["GM0457", "GM1992"])
    areas["GM0457"].active, areas["GM0457"].successor_code, areas["GM0457"].ended_on = True, None, None
    areas["GM1992"].active = False
    db.add_all(areas.values())
    db.flush()
    load_areas(db=db)
    mended = areas_by_code(db=db, codes=["GM0457", "GM1992"])
    assert (mended["GM0457"].active, mended["GM0457"].successor_code) == (False, "GM0363")
    assert mended["GM1992"].active
