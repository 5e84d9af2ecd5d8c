"""Sessions in the database: invitation list, check-in, round 1, moves, round 2, hard seat caps."""

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.access import SYSTEM
from core.db import transaction, write_transaction
from indicators.importing.issues import ImportRejected
from sessions.dialogue import create_dialogue
from sessions.models import DialogueTable, Participant, Seat
from sessions.participants import check_in, import_participants, participants_of
from sessions.seating import (
    TableFull,
    assign_round_one,
    check_seating,
    claim_seat,
    fill_round,
    round_overview,
    round_two_options,
)
from tests.support.invitations import INVITATIONS


def _dialogue(db: Session) -> int:
    dialogue = create_dialogue(
        actor=SYSTEM,
        db=db,
        name="Dialoogsessie test",
        session_date=date(2026, 3, 12),
        themes=["VB", "ZV"],
        seats_per_table=5,
    )
    assert dialogue.id is not None
    import_participants(actor=SYSTEM, db=db, dialogue_id=dialogue.id, data=INVITATIONS.encode(), file_name="lijst.csv")
    db.commit()
    return dialogue.id


def test_invitation_list_with_dutch_headers(db: Session) -> None:
    dialogue_id = _dialogue(db)
    people = {p.name: p for p in participants_of(actor=SYSTEM, db=db, dialogue_id=dialogue_id)}
    assert len(people) == 10
    assert (people["Anna de Vries"].role, people["Anna de Vries"].preferred_theme) == ("gespreksleider", "VB")
    assert people["Jan Peters"].rsvp == "afgemeld"
    assert len({p.personal_code for p in people.values()}) == 10


def test_invitation_list_errors_name_row_and_column(db: Session) -> None:
    dialogue_id = _dialogue(db)
    bad = "name;organisation;role\nXavier;Politie;chef\n;GGD;deelnemer\n"
    with pytest.raises(ImportRejected) as rejected:
        import_participants(actor=SYSTEM, db=db, dialogue_id=dialogue_id, data=bad.encode(), file_name="fout.csv")
    text = str(rejected.value)
    assert "fout.csv, rij 2, kolom 'rol': onbekende rol 'chef'" in text
    assert "fout.csv, rij 3, kolom 'naam': naam ontbreekt" in text


def test_round_one_seats_everyone_present_with_staff_at_each_table(db: Session) -> None:
    dialogue_id = _dialogue(db)
    people = participants_of(actor=SYSTEM, db=db, dialogue_id=dialogue_id)
    for person in people[:7]:
        assert person.id is not None
        check_in(actor=SYSTEM, db=db, participant_id=person.id)
    present = {p.id for p in people if p.checked_in_at is not None}
    assignment = assign_round_one(actor=SYSTEM, db=db, dialogue_id=dialogue_id, time_limit=5)
    db.commit()
    assert set(assignment.seating) == present
    overview = round_overview(actor=SYSTEM, db=db, dialogue_id=dialogue_id, round_number=1)
    assert len(overview) == len(present)
    for _, table in overview.groupby("tafel"):
        staff = set(table["rol"])
        if len(table) > 2:
            assert {"gespreksleider", "verslaglegger"} <= staff or not staff & {"gespreksleider"}
    tables = db.exec(select(DialogueTable).where(DialogueTable.round == 1)).all()
    assert sum(t.taken for t in tables) == len(present)
    assert check_seating(db=db, dialogue_id=dialogue_id, round_number=1).problems == []


def test_manual_move_is_checked_live_and_cap_holds(db: Session) -> None:
    dialogue_id = _dialogue(db)
    assign_round_one(actor=SYSTEM, db=db, dialogue_id=dialogue_id, time_limit=5)
    db.commit()
    overview = round_overview(actor=SYSTEM, db=db, dialogue_id=dialogue_id, round_number=1)
    moderator = overview[overview["rol"] == "gespreksleider"].iloc[0]
    other_table = int(overview[overview["table_id"] != moderator["table_id"]]["table_id"].iloc[0])
    claim_seat(actor=SYSTEM, db=db, participant_id=int(moderator["participant_id"]), table_id=other_table, by="hand")
    db.commit()
    result = check_seating(db=db, dialogue_id=dialogue_id, round_number=1)
    assert any("eigen thema" in problem for problem in result.problems)
    full = db.get(DialogueTable, other_table)
    assert full is not None
    for person in participants_of(actor=SYSTEM, db=db, dialogue_id=dialogue_id):
        if full.taken >= full.seats:
            break
        try:
            assert person.id is not None
            claim_seat(actor=SYSTEM, db=db, participant_id=person.id, table_id=other_table)
        except TableFull:
            break
    db.commit()
    late = participants_of(actor=SYSTEM, db=db, dialogue_id=dialogue_id)[-1]
    assert late.id is not None
    db.refresh(full)
    assert full.taken == full.seats  # the moves above filled the table
    with pytest.raises(TableFull):
        claim_seat(actor=SYSTEM, db=db, participant_id=late.id, table_id=other_table)
    db.expire_all()
    for table in db.exec(select(DialogueTable).where(DialogueTable.session_id == dialogue_id)).all():
        seated = len(db.exec(select(Seat).where(Seat.table_id == table.id)).all())
        assert table.taken == seated, table  # a move frees the seat it leaves


def test_round_two_fill_and_options(db: Session) -> None:
    dialogue_id = _dialogue(db)
    assign_round_one(actor=SYSTEM, db=db, dialogue_id=dialogue_id, time_limit=5)
    result = fill_round(actor=SYSTEM, db=db, dialogue_id=dialogue_id, round_number=2)
    db.commit()
    assert (result.problems, result.returned) == ([], 0)
    assert result.repeated_pairs == result.repeat_minimum
    overview = round_overview(actor=SYSTEM, db=db, dialogue_id=dialogue_id, round_number=2)
    assert len(overview) == 9
    assert check_seating(db=db, dialogue_id=dialogue_id, round_number=2).problems == []
    first = round_overview(actor=SYSTEM, db=db, dialogue_id=dialogue_id, round_number=1).set_index("participant_id")
    for row in overview.itertuples():  # staff stay with their table, participants change theme
        same_theme = first.loc[row.participant_id, "thema"] == row.thema
        assert same_theme == (row.rol != "deelnemer"), row
    someone = db.exec(select(Participant).where(Participant.role == "deelnemer")).first()
    assert someone is not None
    assert someone.id is not None
    options = round_two_options(db=db, dialogue_id=dialogue_id, participant_id=someone.id)
    assert {o.theme_code for o in options} == {"VB", "ZV"}


def test_fifty_concurrent_claims_on_ten_free_seats_give_exactly_ten(engine: Engine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with transaction(engine) as db:
        dialogue = create_dialogue(
            actor=SYSTEM,
            db=db,
            name="Drukte",
            session_date=date(2026, 3, 12),
            themes=["VB"],
            seats_per_table=10,
        )
        assert dialogue.id is not None
        from sessions.participants import add_participant

        people = [
            add_participant(actor=SYSTEM, db=db, dialogue_id=dialogue.id, name=f"Deelnemer {i}", organisation="Politie")
            for i in range(50)
        ]
        table = db.exec(select(DialogueTable).where(DialogueTable.round == 2)).one()
        table_id, ids = table.id, [p.id for p in people]
    assert table_id is not None

    def claim(participant_id: int | None) -> bool:
        assert participant_id is not None
        try:
            with write_transaction(engine) as db:
                claim_seat(actor=SYSTEM, db=db, participant_id=participant_id, table_id=table_id)
            return True
        except TableFull:
            return False

    with ThreadPoolExecutor(max_workers=25) as pool:
        outcomes = list(pool.map(claim, ids))
    assert outcomes.count(True) == 10
    with Session(engine) as db:
        table = db.get(DialogueTable, table_id)
        assert table is not None
        assert table.taken == 10
        from sessions.models import Seat

        assert len(db.exec(select(Seat).where(Seat.table_id == table_id)).all()) == 10
