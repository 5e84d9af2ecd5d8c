"""Personal data under the AVG: retention per session, erasure of one person, and a person's own data.

Participants are the only people the app keeps data about besides its users: name, organisation, type,
municipality, role, theme preference, RSVP, check-in time and seats. After a session's retention period
(`retention_days` after its date) the names are replaced by pseudonyms ("Deelnemer 12") automatically. Erasing a
person deletes their participant record, seats and pair rules, and replaces their name wherever it was written
(notes, actions, edit history, decisions) by "[verwijderd]", so a fresh export cannot contain it. The audit log
names people only by id.
"""

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, String, Table, Text, cast, func, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, col, select

from core.access import SYSTEM, Actor, Permission, require
from core.audit import record
from core.errors import UserError
from core.formatting import dutch_time
from sessions.kiosk_throttle import forget_old
from sessions.models import DialogueSession, DialogueTable, EditHistory, Note, PairRule, Participant, Seat

ERASED = "[verwijderd]"
# the tables where participants' names can end up (typed into notes, as authors, in history snapshots)
TEXT_TABLES = ("note", "action", "edit_history", "jaarplan_decision", "participant", "dialogue_session")


class PrivacyError(UserError):
    """A privacy operation that cannot be done (message in Dutch)."""


def _text_columns(table: Table) -> list[Any]:
    """Columns that hold text or JSON (SQLModel's AutoString wraps String in a TypeDecorator)."""
    columns = []
    for column in table.columns:
        kind = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
        if isinstance(kind, String | Text | JSON) and not column.primary_key:
            columns.append(column)
    return columns


def _replace(value: Any, name: str, replacement: str) -> Any:
    if isinstance(value, str):
        return _replace_text(value, name, replacement)
    if isinstance(value, list):
        return [_replace(v, name, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, name, replacement) for k, v in value.items()}
    return value


def _replace_text(text: str, name: str, replacement: str) -> str:
    lowered, needle = text.lower(), name.lower()
    out, start = [], 0
    while (found := lowered.find(needle, start)) >= 0:
        out += [text[start:found], replacement]
        start = found + len(needle)
    return "".join(out) + text[start:]


def replace_everywhere(db: Session, name: str, replacement: str) -> int:
    """Replace a name (case-insensitive) in every text and JSON column of the session tables; returns the
    number of rows changed. Filtering happens in the database (LIKE on the column as text)."""
    if len(name.strip()) < 3:
        raise PrivacyError("Een naam van minder dan drie tekens kan niet veilig overal worden vervangen")
    tables = SQLModel.metadata.tables
    changed = 0
    for table_name in TEXT_TABLES:
        table = tables[table_name]
        columns = _text_columns(table)
        pattern = f"%{name.lower()}%"
        condition = [func.lower(cast(c, String)).like(pattern) for c in columns]
        rows = db.execute(sa_select(table).where(or_(*condition))).mappings().all()
        for row in rows:
            values = {c.name: _replace(row[c.name], name, replacement) for c in columns if row[c.name] is not None}
            values = {k: v for k, v in values.items() if v != row[k]}
            if values:
                db.execute(update(table).where(table.c.id == row["id"]).values(**values))
                changed += 1
    return changed


def _pseudonym(participant: Participant) -> str:
    return f"Deelnemer {participant.id}"


def pseudonymise_dialogue(*, db: Session, actor: Actor, dialogue_id: int) -> int:
    """Replace every participant's name in the session (and wherever it was written) by a pseudonym."""
    require(actor, Permission.MANAGE_PRIVACY)
    dialogue = db.get(DialogueSession, dialogue_id)
    if dialogue is None:
        raise PrivacyError(f"Sessie {dialogue_id} bestaat niet")
    people = db.exec(select(Participant).where(col(Participant.session_id) == dialogue_id)).all()
    for person in people:
        pseudonym = _pseudonym(person)
        if person.name != pseudonym:
            if len(person.name.strip()) >= 3:
                replace_everywhere(db, person.name, pseudonym)
            db.execute(update(Participant).where(col(Participant.id) == person.id).values(name=pseudonym))
    dialogue.pseudonymised_at = datetime.now(UTC)
    db.add(dialogue)
    db.flush()
    record(
        db=db,
        actor=actor,
        action="namen gepseudonimiseerd",
        target=f"sessie {dialogue_id}",
        detail=f"{len(people)} deelnemers",
    )
    return len(people)


def retention_ends(dialogue: DialogueSession) -> date:
    return dialogue.session_date + timedelta(days=dialogue.retention_days)


def pseudonymise_expired(*, db: Session, today: date | None = None) -> list[int]:
    """The automatic job: pseudonymise every session whose retention period has passed (and forget the kiosk's
    attempt counts older than a day). Returns their ids."""
    forget_old(db=db, now=datetime.now(UTC))
    moment = today or datetime.now(UTC).date()
    due = [
        d
        for d in db.exec(select(DialogueSession).where(col(DialogueSession.pseudonymised_at).is_(None)))
        if retention_ends(d) <= moment and d.id is not None
    ]
    for dialogue in due:
        assert dialogue.id is not None
        pseudonymise_dialogue(db=db, actor=SYSTEM, dialogue_id=dialogue.id)
    return [d.id for d in due if d.id is not None]


def set_retention(*, db: Session, actor: Actor, dialogue_id: int, days: int) -> DialogueSession:
    require(actor, Permission.MANAGE_PRIVACY)
    if not 1 <= days <= 3650:
        raise PrivacyError("Een bewaartermijn is 1 tot 3650 dagen")
    dialogue = db.get(DialogueSession, dialogue_id)
    if dialogue is None:
        raise PrivacyError(f"Sessie {dialogue_id} bestaat niet")
    dialogue.retention_days = days
    db.add(dialogue)
    db.flush()
    record(
        db=db,
        actor=actor,
        action="bewaartermijn gewijzigd",
        target=f"sessie {dialogue_id}",
        detail=f"{days} dagen",
    )
    return dialogue


def erase_participant(*, db: Session, actor: Actor, participant_id: int) -> None:
    """Remove a person everywhere: their record, seats and pair rules, and their name wherever it was written."""
    require(actor, Permission.MANAGE_PRIVACY)
    person = db.get(Participant, participant_id)
    if person is None:
        raise PrivacyError(f"Deelnemer {participant_id} bestaat niet")
    name = person.name
    for seat in db.exec(select(Seat).where(col(Seat.participant_id) == participant_id)).all():
        db.execute(
            update(DialogueTable).where(col(DialogueTable.id) == seat.table_id).values(taken=DialogueTable.taken - 1)
        )
        db.delete(seat)
    for rule in db.exec(
        select(PairRule).where((col(PairRule.first_id) == participant_id) | (col(PairRule.second_id) == participant_id))
    ).all():
        db.delete(rule)
    db.delete(person)
    db.flush()
    if len(name.strip()) >= 3:
        replace_everywhere(db, name, ERASED)
    record(
        db=db,
        actor=actor,
        action="deelnemer gewist",
        target=f"deelnemer {participant_id}",
        detail=f"sessie {person.session_id}",
    )


def person_export(*, db: Session, actor: Actor, participant_id: int) -> str:
    """Everything the app holds about one participant, as JSON (the right of access)."""
    require(actor, Permission.MANAGE_PRIVACY)
    person = db.get(Participant, participant_id)
    if person is None:
        raise PrivacyError(f"Deelnemer {participant_id} bestaat niet")
    dialogue = db.get(DialogueSession, person.session_id)
    seats = db.exec(
        select(Seat, DialogueTable)
        .join(DialogueTable, col(DialogueTable.id) == col(Seat.table_id))
        .where(col(Seat.participant_id) == participant_id)
    ).all()
    pattern = f"%{person.name.lower()}%"
    notes = db.exec(
        select(Note).where(func.lower(col(Note.author)).like(pattern) | func.lower(col(Note.text)).like(pattern))
    ).all()
    history = db.exec(select(EditHistory).where(func.lower(col(EditHistory.author)).like(pattern))).all()
    data = {
        "deelnemer": person.model_dump(mode="json", exclude={"personal_code"}),
        "sessie": dialogue.name if dialogue else "",
        "plaatsen": [
            {"ronde": seat.round, "thema": table.theme_code, "tafel": table.number, "ingedeeld_door": seat.assigned_by}
            for seat, table in seats
        ],
        "notities_met_naam": [{"id": n.id, "auteur": n.author, "tekst": n.text} for n in notes],
        "bewerkingen": [
            {"notitie": h.entity_id, "versie": h.version, "tijd": dutch_time(h.saved_at).isoformat(timespec="seconds")}
            for h in history
        ],
    }
    record(db=db, actor=actor, action="persoonsgegevens uitgevoerd", target=f"deelnemer {participant_id}")
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
