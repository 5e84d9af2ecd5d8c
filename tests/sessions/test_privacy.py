"""AVG: an erased participant's name appears nowhere, retention pseudonymises, a person can see their data."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from core.access import SYSTEM
from core.audit import audit_log
from core.db import transaction
from sessions.dialogue import dialogue_tables
from sessions.documents import report_document
from sessions.models import DialogueSession, Participant
from sessions.notes import create_action, create_note, dialogue_export, save_note
from sessions.privacy import (
    PrivacyError,
    erase_participant,
    person_export,
    pseudonymise_expired,
    retention_ends,
    set_retention,
)


def _everything(engine: Engine) -> str:
    """Every value of every table, as one text (to search for a name)."""
    parts = []
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if table.name in ("observation", "population", "value_history", "area", "indicator"):
                continue  # monitor figures: no personal data, and large
            parts += [repr(tuple(row)) for row in connection.execute(sa_select(table))]
    return "\n".join(parts).lower()


def _someone_who_wrote_about_themselves(engine: Engine) -> tuple[int, str]:
    """A participant whose name is also in a note (text and author), an action and the edit history."""
    with transaction(engine) as db:
        person = db.exec(select(Participant).where(Participant.session_id == 1)).first()
        assert person is not None
        assert person.id is not None
        table_id = dialogue_tables(db=db, dialogue_id=1, round_number=1)[0].id or 0
        note = create_note(
            db=db,
            actor=SYSTEM,
            table_id=table_id,
            author=person.name,
            text=f"{person.name} (GGD) ziet meer meldingen",
        )
        save_note(
            db=db,
            actor=SYSTEM,
            note_id=note.id or 0,
            expected_version=1,
            author=person.name,
            text=f"{person.name.upper()} ziet meer meldingen in de wijk",
        )
        create_action(
            db=db,
            actor=SYSTEM,
            table_id=table_id,
            author=person.name,
            title=f"Overleg met {person.name} plannen",
        )
        return person.id, person.name


def test_erased_participant_appears_nowhere(writable_demo: Engine) -> None:
    person_id, name = _someone_who_wrote_about_themselves(writable_demo)
    assert name.lower() in _everything(writable_demo)
    with transaction(writable_demo) as db:
        erase_participant(db=db, actor=SYSTEM, participant_id=person_id)
    assert name.lower() not in _everything(writable_demo)
    with transaction(writable_demo) as db:
        assert db.get(Participant, person_id) is None
        exports = [dialogue_export(db=db, actor=SYSTEM, dialogue_id=1).to_csv()]
        exports += [
            report_document(db=db, actor=SYSTEM, dialogue_id=1, fmt=fmt, with_names=True).decode("utf-8", "replace")
            for fmt in ("md", "csv")
        ]
        log = audit_log(db=db, actor=SYSTEM)
    for export in exports:
        assert name.lower() not in export.lower()
    assert "[verwijderd]" in exports[0]
    assert f"deelnemer {person_id}" in set(log["object"])  # the log names the id, never the person


def test_person_export_holds_their_data(writable_demo: Engine) -> None:
    person_id, name = _someone_who_wrote_about_themselves(writable_demo)
    with transaction(writable_demo) as db:
        data = json.loads(person_export(db=db, actor=SYSTEM, participant_id=person_id))
    assert data["deelnemer"]["name"] == name
    assert "personal_code" not in data["deelnemer"]
    assert any(name.lower() in n["tekst"].lower() for n in data["notities_met_naam"])
    assert data["bewerkingen"]


def test_retention_pseudonymises_names_after_the_period(writable_demo: Engine) -> None:
    with transaction(writable_demo) as db:
        dialogue = db.get(DialogueSession, 1)
        assert dialogue is not None
        set_retention(db=db, actor=SYSTEM, dialogue_id=1, days=30)
        ends = retention_ends(dialogue)
        names = [p.name for p in db.exec(select(Participant).where(Participant.session_id == 1))]
        with pytest.raises(PrivacyError, match="1 tot 3650"):
            set_retention(db=db, actor=SYSTEM, dialogue_id=1, days=0)
    with transaction(writable_demo) as db:
        assert pseudonymise_expired(db=db, today=ends - timedelta(days=1)) == []
        assert pseudonymise_expired(db=db, today=ends) == [1]
        assert pseudonymise_expired(db=db, today=date(2100, 1, 1)) == []  # once is enough
    everything = _everything(writable_demo)
    assert not [n for n in names if n.lower() in everything]
    with Session(writable_demo) as db:
        people = db.exec(select(Participant).where(Participant.session_id == 1)).all()
        assert all(p.name == f"Deelnemer {p.id}" for p in people)
        dialogue = db.get(DialogueSession, 1)
        assert dialogue is not None
        assert dialogue.pseudonymised_at is not None
