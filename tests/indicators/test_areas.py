from sqlmodel import Session

from indicators.areas import DEFAULT_DISTRICT, areas_by_code, district_municipalities, districts, load_areas

MARKIEZATEN = {"GM0748", "GM1674", "GM0873", "GM0851", "GM1655", "GM1709", "GM0840", "GM0716"}


def test_all_municipalities_with_cbs_codes(db: Session) -> None:
    counts = load_areas(db=db)
    assert counts.active_municipalities == 345  # municipalities on 1 January 2022
    assert counts.municipalities > counts.active_municipalities  # former municipalities kept for old figures
    areas = areas_by_code(db=db, codes=["GM0363", "GM0738"])
    assert areas["GM0363"].name == "Amsterdam"
    assert areas["GM0363"].active
    assert areas["GM0738"].name == "Aalburg"
    assert not areas["GM0738"].active


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
