from sqlmodel import Session

from core.access import SYSTEM
from sessions.dialogue import get_dialogue
from sessions.participants import participants_of
from sessions.seating import check_seating, round_overview


def test_demo_session_is_like_the_seed_and_fictitious(demo_db: Session) -> None:
    dialogue = get_dialogue(db=demo_db, dialogue_id=1)
    assert dialogue.is_demo
    assert "fictieve demodata" in dialogue.name
    people = participants_of(actor=SYSTEM, db=demo_db, dialogue_id=1)
    assert len(people) == 40
    assert sum(p.rsvp == "aangemeld" for p in people) == 38
    assert sum(p.checked_in_at is not None for p in people) == 30
    assert all(p.name.endswith("(fictief)") and p.is_demo for p in people)
    overview = round_overview(actor=SYSTEM, db=demo_db, dialogue_id=1, round_number=1)
    assert len(overview) == 30
    for _, table in overview.groupby("tafel"):
        assert {"gespreksleider", "verslaglegger"} <= set(table["rol"])
        assert len(table) <= 10
    assert check_seating(db=demo_db, dialogue_id=1, round_number=1).problems == []


def test_demo_session_has_worked_notes_and_actions_at_every_table(demo_db: Session) -> None:
    from sessions.notes import dialogue_export

    frame = dialogue_export(actor=SYSTEM, db=demo_db, dialogue_id=1)
    notes, actions = frame[frame["type"] == "notitie"], frame[frame["type"] == "actie"]
    assert set(notes["thema"]) == {"GCC", "ZV", "VB", "RO"}
    assert set(actions["thema"]) == {"GCC", "ZV", "VB", "RO"}
    assert frame["tekst"].str.endswith("(fictieve demodata)").all()
