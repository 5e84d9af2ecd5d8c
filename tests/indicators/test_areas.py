from sqlmodel import Session

from indicators.areas import DEFAULT_DISTRICT, areas_by_code, district_municipalities, districts, load_areas

MARKIEZATEN = {"GM0748", "GM1674", "GM0873", "GM0851", "GM1655", "GM1709", "GM0840", "GM0716"}


def test_all_municipalities_with_cbs_codes(session: Session) -> None:
    counts = load_areas(session=session)
    assert counts.active_municipalities == 345  # municipalities on 1 January 2022
    assert counts.municipalities > counts.active_municipalities  # former municipalities kept for old figures
    areas = areas_by_code(session=session, codes=["GM0363", "GM0738"])
    assert areas["GM0363"].name == "Amsterdam"
    assert areas["GM0363"].active
    assert areas["GM0738"].name == "Aalburg"
    assert not areas["GM0738"].active


def test_de_markiezaten_with_basisteams_and_regions(session: Session) -> None:
    load_areas(session=session)
    assert [d.name for d in districts(session=session)] == ["De Markiezaten"]
    members = district_municipalities(session=session, district_code=DEFAULT_DISTRICT)
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


def test_load_areas_twice_changes_nothing(session: Session) -> None:
    first = load_areas(session=session)
    assert load_areas(session=session) == first
