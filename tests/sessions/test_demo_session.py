from sqlmodel import Session

from indicators.access import SYSTEM
from sessions.dialogue import get_session
from sessions.participants import participants_of
from sessions.seating import check_seating, round_overview


def test_demo_session_is_like_the_seed_and_fictitious(demo_session: Session) -> None:
    dialogue = get_session(session=demo_session, dialogue_id=1)
    assert dialogue.is_demo
    assert "fictieve demodata" in dialogue.name
    people = participants_of(session=demo_session, dialogue_id=1)
    assert len(people) == 40
    assert sum(p.rsvp == "aangemeld" for p in people) == 38
    assert sum(p.checked_in_at is not None for p in people) == 30
    assert all(p.name.endswith("(fictief)") and p.is_demo for p in people)
    overview = round_overview(session=demo_session, dialogue_id=1, round_number=1)
    assert len(overview) == 30
    for _, table in overview.groupby("tafel"):
        assert {"gespreksleider", "verslaglegger"} <= set(table["rol"])
        assert len(table) <= 10
    assert check_seating(session=demo_session, dialogue_id=1, round_number=1).problems == []


def test_demo_session_has_worked_notes_and_actions_at_every_table(demo_session: Session) -> None:
    from sessions.notes import session_export

    frame = session_export(actor=SYSTEM, session=demo_session, dialogue_id=1)
    notes, actions = frame[frame["type"] == "notitie"], frame[frame["type"] == "actie"]
    assert set(notes["thema"]) == {"GCC", "ZV", "VB", "RO"}
    assert set(actions["thema"]) == {"GCC", "ZV", "VB", "RO"}
    assert frame["tekst"].str.endswith("(fictieve demodata)").all()
