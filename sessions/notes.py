"""Notes (duiding) and proposed actions written at the tables, with history and conflict detection.

Every save is one short transaction: an UPDATE guarded by the version the writer started from.
If someone else saved in between, nothing is overwritten: the incoming text becomes its own note
(`conflict_of` points at the other) and both are kept and shown. Every saved version lands in
`edit_history` (who, when, what).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import case, func, insert, or_, update
from sqlmodel import Session, col, select

from core.access import Actor, Permission, require
from core.audit import record
from core.db import table_of
from core.errors import UserError
from core.export_rights import Export, require_export
from core.formatting import dutch_time
from sessions.dialogue import dialogue_tables, get_dialogue
from sessions.models import Action, DialogueSession, DialogueTable, EditHistory, Note

NOTE_KINDS = {
    "herkenning": "Herkenning",
    "verklaring": "Verklaring / duiding",
    "vraag": "Vraag aan partner",
    "datakwaliteit": "Datakwaliteit",
    "signaal": "Signaal",
}
PRIORITIES = ("hoog", "middel", "laag")


class NoteError(UserError):
    """A note or action that cannot be saved (message in Dutch)."""


@dataclass(frozen=True)
class SaveResult:
    note: Note
    conflict: Note | None = None  # set when the save collided with someone else's: the stored other version

    @property
    def saved(self) -> bool:
        return self.conflict is None


def _now() -> datetime:
    return datetime.now(UTC)


def _snapshot(note: Note) -> dict[str, Any]:
    return {
        "text": note.text,
        "kind": note.kind,
        "indicator_code": note.indicator_code,
        "organisations": list(note.organisations),
        "ccv_factor": note.ccv_factor,
        "key_conclusion": note.key_conclusion,
    }


def _history(db: Session, entity: str, entity_id: int, version: int, author: str, snapshot: dict[str, Any]) -> None:
    db.add(EditHistory(entity=entity, entity_id=entity_id, version=version, author=author, snapshot=snapshot))


NOTE_TABLE = table_of(Note)
HISTORY_TABLE = table_of(EditHistory)
EDITABLE = {"text", "kind", "indicator_code", "organisations", "ccv_factor"}


def _note(row: Any) -> Note:
    return Note(**dict(row))


def _insert_note(db: Session, values: dict[str, Any], author: str, extra: dict[str, Any] | None = None) -> Note:
    """One INSERT ... RETURNING and one history row: notes are saved as they are typed, so this path is lean."""
    row = db.execute(insert(NOTE_TABLE).values(**values).returning(*NOTE_TABLE.c)).mappings().one()
    note = _note(row)
    assert note.id is not None
    db.execute(
        insert(HISTORY_TABLE).values(
            entity="note",
            entity_id=note.id,
            version=note.version,
            author=author,
            saved_at=_now(),
            snapshot=_snapshot(note) | (extra or {}),
        )
    )
    return note


def create_note(
    *,
    db: Session,
    table_id: int,
    author: str,
    actor: Actor,
    text: str = "",
    kind: str = "verklaring",
    indicator_code: str | None = None,
    organisations: list[str] | None = None,
    ccv_factor: str | None = None,
    is_demo: bool = False,
) -> Note:
    if kind not in NOTE_KINDS:
        raise NoteError(f"Onbekend soort notitie '{kind}' (kies uit {', '.join(NOTE_KINDS)})")
    table = db.execute(
        select(DialogueTable.session_id, DialogueTable.theme_code).where(col(DialogueTable.id) == table_id)
    ).first()
    if table is None:
        raise NoteError(f"Tafel {table_id} bestaat niet")
    require(actor, Permission.WRITE_NOTES, dialogue_id=table[0])
    now = _now()
    values = {
        "session_id": table[0],
        "table_id": table_id,
        "theme_code": table[1],
        "indicator_code": indicator_code,
        "kind": kind,
        "text": text,
        "organisations": list(organisations or []),
        "ccv_factor": ccv_factor,
        "key_conclusion": False,
        "author": author,
        "version": 1,
        "conflict_of": None,
        "is_demo": is_demo,
        "created_at": now,
        "updated_at": now,
    }
    return _insert_note(db, values, author)


def save_note(
    *,
    db: Session,
    note_id: int,
    expected_version: int,
    author: str,
    actor: Actor,
    own_earlier_texts: Sequence[str] = (),
    **changes: Any,
) -> SaveResult:
    """Save changes made on top of `expected_version`; returns the stored note, or a conflict.

    `own_earlier_texts` are texts this editor sent on top of the same version before: when the stored note
    holds one of them, the stored version is the editor's own save whose confirmation never arrived (the app
    died right after saving), and the change builds on it instead of becoming a conflict.

    Allowed changes: text, kind, indicator_code, organisations, ccv_factor (a key conclusion is the moderator's
    mark: `mark_key_conclusion`). Saving content that is already stored changes nothing (an autosave may repeat itself).
    A withdrawn note is not changed (restore it first).
    The permission check costs no extra query: an actor with a session role only updates notes of its sessions.
    """
    unknown = set(changes) - EDITABLE
    if unknown:
        raise NoteError(f"Onbekende velden: {', '.join(sorted(unknown))}")
    if "kind" in changes and changes["kind"] not in NOTE_KINDS:
        raise NoteError(f"Onbekend soort notitie '{changes['kind']}'")
    guard = [NOTE_TABLE.c.id == note_id, NOTE_TABLE.c.version == expected_version, NOTE_TABLE.c.withdrawn_at.is_(None)]
    if not actor.can(Permission.WRITE_NOTES):
        guard.append(NOTE_TABLE.c.session_id.in_(sorted(actor.dialogues_with(Permission.WRITE_NOTES))))
    if "organisations" not in changes:  # write only when something differs (JSON is not comparable everywhere)
        guard.append(or_(*[NOTE_TABLE.c[key].is_distinct_from(value) for key, value in changes.items()]))
    statement = (
        update(NOTE_TABLE)
        .where(*guard)
        .values(**changes, version=NOTE_TABLE.c.version + 1, author=author, updated_at=_now())
        .returning(*NOTE_TABLE.c)
    )
    row = db.execute(statement).mappings().first()
    if row is not None:
        note = _note(row)
        history = {
            "entity": "note",
            "entity_id": note_id,
            "version": note.version,
            "author": author,
            "saved_at": _now(),
            "snapshot": _snapshot(note),
        }
        db.execute(insert(HISTORY_TABLE).values(**history))
        return SaveResult(note)
    stored_row = db.execute(NOTE_TABLE.select().where(NOTE_TABLE.c.id == note_id)).mappings().first()
    if stored_row is None:
        raise NoteError(f"Notitie {note_id} bestaat niet")
    stored = _note(stored_row)
    require(actor, Permission.WRITE_NOTES, dialogue_id=stored.session_id)
    if stored.withdrawn_at is not None:
        raise NoteError("Deze notitie is ingetrokken; zet haar eerst terug om haar te wijzigen")
    if all(getattr(stored, key) == value for key, value in changes.items()):
        return SaveResult(stored)  # this content is already there (a repeated autosave)
    if stored.version > expected_version and stored.text in own_earlier_texts:
        return save_note(db=db, note_id=note_id, expected_version=stored.version, author=author, actor=actor, **changes)
    now = _now()
    values = (
        {key: value for key, value in stored_row.items() if key != "id"}
        | changes
        | {
            "author": author,
            "version": 1,
            "conflict_of": note_id,
            "created_at": now,
            "updated_at": now,
            "key_conclusion": False,
        }
    )
    return SaveResult(_insert_note(db, values, author, {"conflict_of": note_id}), conflict=stored)


def _dialogue_of_note(db: Session, note_id: int) -> int:
    dialogue_id = db.exec(select(Note.session_id).where(col(Note.id) == note_id)).first()
    if dialogue_id is None:
        raise NoteError(f"Notitie {note_id} bestaat niet")
    return dialogue_id


def note_history(*, db: Session, note_id: int, actor: Actor) -> list[EditHistory]:
    """Every saved version of a note (who, when, what), oldest first; for whoever reads the session's notes."""
    require(actor, Permission.READ_NOTES, dialogue_id=_dialogue_of_note(db, note_id))
    return list(
        db.exec(
            select(EditHistory)
            .where(col(EditHistory.entity) == "note", col(EditHistory.entity_id) == note_id)
            .order_by(col(EditHistory.version))
        ).all()
    )


@dataclass(frozen=True)
class TableNotes:
    """What was written at one table: notes and proposed actions (oldest first), and each note's latest versions.
    Withdrawn notes and actions are apart: they are shown as withdrawn (and can be restored), never as current."""

    notes: list[Note]
    actions: list[Action]
    history: dict[int, list[EditHistory]]  # note id -> its latest saved versions, oldest first
    withdrawn_notes: list[Note] = field(default_factory=list)
    withdrawn_actions: list[Action] = field(default_factory=list)
    action_history: dict[int, list[EditHistory]] = field(default_factory=dict)  # action id -> latest versions

    @property
    def actions_by_votes(self) -> list[Action]:
        """The actions with the most dots first (the moderator's prioritisation)."""
        return sorted(self.actions, key=lambda action: (-action.votes, action.id or 0))


def table_notes(*, db: Session, table_id: int, actor: Actor, with_actions: bool = True, history: int = 0) -> TableNotes:
    """The notes of a table for whoever reads the session's notes; with its proposed actions, and the last
    `history` saved versions of every note (one query, however many notes there are)."""
    dialogue_id = db.exec(select(DialogueTable.session_id).where(col(DialogueTable.id) == table_id)).first()
    if dialogue_id is None:
        raise NoteError(f"Tafel {table_id} bestaat niet")
    require(actor, Permission.READ_NOTES, dialogue_id=dialogue_id)
    written = list(db.exec(select(Note).where(col(Note.table_id) == table_id).order_by(col(Note.id))).all())
    proposed = (
        list(db.exec(select(Action).where(col(Action.table_id) == table_id).order_by(col(Action.id))).all())
        if with_actions
        else []
    )
    note_ids = [note.id for note in written if note.id is not None]
    action_ids = [action.id for action in proposed if action.id is not None]
    return TableNotes(
        [note for note in written if note.withdrawn_at is None],
        [action for action in proposed if action.withdrawn_at is None],
        _latest_versions(db, "note", note_ids, history) if history else {},
        [note for note in written if note.withdrawn_at is not None],
        [action for action in proposed if action.withdrawn_at is not None],
        _latest_versions(db, "action", action_ids, history) if history and action_ids else {},
    )


def _latest_versions(db: Session, entity: str, ids: list[int], keep: int) -> dict[int, list[EditHistory]]:
    """The last `keep` versions of each note (or action), oldest first, in one query (a window function each)."""
    rank = (
        func.row_number()
        .over(partition_by=col(EditHistory.entity_id), order_by=col(EditHistory.version).desc())
        .label("rank")
    )
    ranked = (
        select(col(EditHistory.id).label("id"), rank)
        .where(col(EditHistory.entity) == entity, col(EditHistory.entity_id).in_(ids))
        .subquery()
    )
    entries = db.exec(
        select(EditHistory)
        .join(ranked, col(EditHistory.id) == ranked.c.id)
        .where(ranked.c.rank <= keep)
        .order_by(col(EditHistory.entity_id), col(EditHistory.version))
    ).all()
    versions: dict[int, list[EditHistory]] = defaultdict(list)
    for entry in entries:
        versions[entry.entity_id].append(entry)
    return dict(versions)


@dataclass(frozen=True)
class TableActivity:
    """One table of the current round at a glance, for the organiser's overview."""

    table: DialogueTable
    notes: int
    actions: int
    latest: list[str]  # the newest non-empty notes' texts, newest first


@dataclass(frozen=True)
class RoundActivity:
    dialogue: DialogueSession
    tables: list[TableActivity]


def round_activity(*, db: Session, dialogue_id: int, actor: Actor, latest: int = 3) -> RoundActivity:
    """Every table of the session's current round with its numbers of notes and actions and its `latest` newest
    notes: a fixed handful of queries, however many tables there are. For whoever reads the session's notes."""
    require(actor, Permission.READ_NOTES, dialogue_id=dialogue_id)
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    tables = dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=dialogue.current_round)
    ids = [table.id for table in tables if table.id is not None]
    note_counts = _counts(db, Note, ids)
    action_counts = _counts(db, Action, ids)
    texts = _latest_texts(db, ids, latest)
    return RoundActivity(
        dialogue,
        [
            TableActivity(
                table,
                note_counts.get(table.id or 0, 0),
                action_counts.get(table.id or 0, 0),
                texts.get(table.id or 0, []),
            )
            for table in tables
        ],
    )


def _counts(db: Session, kind: type[Note] | type[Action], table_ids: list[int]) -> dict[int, int]:
    rows = db.exec(
        select(col(kind.table_id), func.count())
        .where(col(kind.table_id).in_(table_ids), col(kind.withdrawn_at).is_(None))
        .group_by(col(kind.table_id))
    ).all()
    return {table_id: int(count) for table_id, count in rows}


def _latest_texts(db: Session, table_ids: list[int], keep: int) -> dict[int, list[str]]:
    """The texts of the `keep` most recently saved non-empty notes per table, newest first (one query)."""
    rank = func.row_number().over(partition_by=col(Note.table_id), order_by=col(Note.updated_at).desc()).label("rank")
    ranked = (
        select(col(Note.table_id).label("table_id"), col(Note.text).label("text"), rank)
        .where(col(Note.table_id).in_(table_ids), col(Note.text) != "", col(Note.withdrawn_at).is_(None))
        .subquery()
    )
    rows = db.execute(
        select(ranked.c.table_id, ranked.c.text).where(ranked.c.rank <= keep).order_by(ranked.c.table_id, ranked.c.rank)
    ).all()
    texts: dict[int, list[str]] = defaultdict(list)
    for table_id, text in rows:
        texts[table_id].append(text)
    return dict(texts)


def create_action(
    *,
    db: Session,
    table_id: int,
    author: str,
    actor: Actor,
    title: str,
    lead_organisation: str = "",
    partners: list[str] | None = None,
    municipalities: list[str] | None = None,
    indicator_codes: list[str] | None = None,
    jaarplan_year: int | None = None,
    priority: str = "middel",
    is_demo: bool = False,
) -> Action:
    if not title.strip():
        raise NoteError("Beschrijf de actie")
    if priority not in PRIORITIES:
        raise NoteError(f"Onbekende prioriteit '{priority}' (hoog, middel of laag)")
    table = db.get(DialogueTable, table_id)
    if table is None:
        raise NoteError(f"Tafel {table_id} bestaat niet")
    require(actor, Permission.WRITE_NOTES, dialogue_id=table.session_id)
    action = Action(
        session_id=table.session_id,
        table_id=table_id,
        theme_code=table.theme_code,
        title=title.strip(),
        lead_organisation=lead_organisation,
        partners=list(partners or []),
        municipalities=list(municipalities or []),
        indicator_codes=list(indicator_codes or []),
        jaarplan_year=jaarplan_year,
        priority=priority,
        author=author,
        is_demo=is_demo,
    )
    db.add(action)
    db.flush()
    assert action.id is not None
    _history(db, "action", action.id, 1, author, _action_snapshot(action))
    db.flush()
    return action


def vote(*, db: Session, action_id: int, actor: Actor, dots: int = 1) -> None:
    """Dot voting: add dots atomically (concurrent votes add up); a negative number takes dots back, never
    below zero."""
    dialogue_id = db.exec(select(Action.session_id).where(col(Action.id) == action_id)).first()
    if dialogue_id is None:
        raise NoteError(f"Actie {action_id} bestaat niet")
    require(actor, Permission.MODERATE, dialogue_id=dialogue_id)
    votes = case((col(Action.votes) + dots < 0, 0), else_=col(Action.votes) + dots)
    counted = db.execute(
        update(Action)
        .where(col(Action.id) == action_id, col(Action.withdrawn_at).is_(None))
        .values(votes=votes)
        .returning(col(Action.id))
    ).first()
    if counted is None:
        raise NoteError("Deze actie is ingetrokken: er zijn geen stippen meer op te zetten")
    db.flush()


def mark_key_conclusion(*, db: Session, note_id: int, marked: bool, actor: Actor) -> None:
    """The moderator marks a note as a key conclusion (or takes the mark away). A mark is not an edit: the note's
    text, author and version stay, so the note-taker's next save is no conflict; who marked what and when is in
    the audit log."""
    require(actor, Permission.MODERATE, dialogue_id=_dialogue_of_note(db, note_id))
    changed = db.execute(
        update(Note)
        .where(col(Note.id) == note_id, col(Note.withdrawn_at).is_(None))
        .values(key_conclusion=marked)
        .returning(col(Note.id))
    ).first()
    if changed is None:
        raise NoteError("Deze notitie is ingetrokken")
    action = "kernconclusie gemarkeerd" if marked else "kernconclusie weggehaald"
    record(db=db, actor=actor, action=action, target=f"notitie {note_id}")
    db.flush()


ACTION_EDITABLE = {
    "title",
    "lead_organisation",
    "partners",
    "municipalities",
    "indicator_codes",
    "jaarplan_year",
    "priority",
}


def _action_snapshot(action: Action) -> dict[str, Any]:
    return {
        "title": action.title,
        "lead_organisation": action.lead_organisation,
        "partners": list(action.partners),
        "municipalities": list(action.municipalities),
        "indicator_codes": list(action.indicator_codes),
        "jaarplan_year": action.jaarplan_year,
        "priority": action.priority,
    }


def save_action(
    *, db: Session, action_id: int, expected_version: int, author: str, actor: Actor, **changes: Any
) -> Action:
    """Correct a proposed action saved on top of `expected_version` (title, lead, partners, municipalities,
    indicators, jaarplan year, priority); every version lands in the edit history. An action is edited in a form,
    not as it is typed: when someone else saved it in between, the change is refused (nothing is overwritten) and
    the page shows the other version. A withdrawn action is not changed (restore it first)."""
    unknown = set(changes) - ACTION_EDITABLE
    if unknown:
        raise NoteError(f"Onbekende velden: {', '.join(sorted(unknown))}")
    if "title" in changes:
        changes["title"] = str(changes["title"]).strip()
        if not changes["title"]:
            raise NoteError("Beschrijf de actie")
    if "priority" in changes and changes["priority"] not in PRIORITIES:
        raise NoteError(f"Onbekende prioriteit '{changes['priority']}' (hoog, middel of laag)")
    action = db.get(Action, action_id)
    if action is None:
        raise NoteError(f"Actie {action_id} bestaat niet")
    require(actor, Permission.WRITE_NOTES, dialogue_id=action.session_id)
    if action.withdrawn_at is not None:
        raise NoteError("Deze actie is ingetrokken; zet haar eerst terug om haar te wijzigen")
    if all(getattr(action, key) == value for key, value in changes.items()):
        return action  # nothing to change (a form sent twice)
    statement = (
        update(Action)
        .where(col(Action.id) == action_id, col(Action.version) == expected_version, col(Action.withdrawn_at).is_(None))
        .values(**changes, version=col(Action.version) + 1, author=author, updated_at=_now())
        .returning(col(Action.id))
        .execution_options(synchronize_session=False)
    )
    saved = db.execute(statement).first()
    db.refresh(action)
    if saved is None:
        raise NoteError(
            f"Deze actie is intussen gewijzigd door {action.author} (versie {action.version}); uw wijziging is niet "
            "opgeslagen. Bekijk de nieuwe versie en pas haar zo nodig opnieuw aan."
        )
    _history(db, "action", action_id, action.version, author, _action_snapshot(action))
    db.flush()
    return action


ACTION_TABLE = table_of(Action)


def _set_withdrawn(db: Session, item: Note | Action | None, actor: Actor, withdrawn: bool, reason: str) -> None:
    """Withdraw (or restore) a note or an action: the row stays, with who and when; a version in the edit history
    and an entry in the audit log say so. Doing it twice changes nothing."""
    if item is None:
        raise NoteError("Deze notitie of actie bestaat niet")
    assert item.id is not None
    is_note = isinstance(item, Note)
    entity, label, table = ("note", "notitie", NOTE_TABLE) if is_note else ("action", "actie", ACTION_TABLE)
    require(actor, Permission.WRITE_NOTES, dialogue_id=item.session_id)
    if (item.withdrawn_at is not None) == withdrawn:
        return
    now = _now()
    db.execute(
        update(table)
        .where(table.c.id == item.id)
        .values(
            withdrawn_at=now if withdrawn else None,
            withdrawn_by=actor.username if withdrawn else None,
            version=table.c.version + 1,
            updated_at=now,
        )
    )
    db.refresh(item)
    snapshot = _snapshot(item) if isinstance(item, Note) else _action_snapshot(item)
    change = {"withdrawn": withdrawn} | ({"reason": reason.strip()} if reason.strip() else {})
    _history(db, entity, item.id, item.version, actor.username, snapshot | change)
    record(
        db=db,
        actor=actor,
        action=f"{label} {'ingetrokken' if withdrawn else 'teruggezet'}",
        target=f"{label} {item.id}",
        detail=reason.strip(),
    )
    db.flush()


def withdraw_note(*, db: Session, note_id: int, actor: Actor, reason: str = "") -> None:
    """Withdraw a note (the note-taker of the session, or the organiser): it keeps its row and history but leaves
    the table's notes, the reports, the handouts, the export and the follow-up."""
    _set_withdrawn(db, db.get(Note, note_id), actor, True, reason)


def restore_note(*, db: Session, note_id: int, actor: Actor) -> None:
    """Take a withdrawal back: the note is shown and reported again."""
    _set_withdrawn(db, db.get(Note, note_id), actor, False, "")


def withdraw_action(*, db: Session, action_id: int, actor: Actor, reason: str = "") -> None:
    """Withdraw a proposed action: it keeps its row and history but leaves the reports, the action list, the
    jaarplan lists and the follow-up; dots and jaarplan decisions on it are no longer accepted."""
    _set_withdrawn(db, db.get(Action, action_id), actor, True, reason)


def restore_action(*, db: Session, action_id: int, actor: Actor) -> None:
    """Take a withdrawal back: the action is listed and reported again."""
    _set_withdrawn(db, db.get(Action, action_id), actor, False, "")


def dialogue_export(*, db: Session, dialogue_id: int, actor: Actor) -> pd.DataFrame:
    """Notes and actions of a session (withdrawn ones left out): type, indicator, table, round, kind, author, time,
    text."""
    require_export(actor, Export.NOTES, dialogue_id=dialogue_id)
    record(db=db, actor=actor, action="notities geëxporteerd", target=f"sessie {dialogue_id}")
    tables = {t.id: t for t in db.exec(select(DialogueTable).where(col(DialogueTable.session_id) == dialogue_id))}
    rows = []
    notes = select(Note).where(col(Note.session_id) == dialogue_id, col(Note.withdrawn_at).is_(None))
    for note in db.exec(notes.order_by(col(Note.id))):
        table = tables[note.table_id]
        rows.append(
            {
                "type": "notitie",
                "id": note.id,
                "indicator": note.indicator_code or "",
                "thema": note.theme_code,
                "tafel": table.number,
                "ronde": table.round,
                "soort": note.kind,
                "auteur": note.author,
                "tijd": dutch_time(note.updated_at).isoformat(timespec="seconds"),
                "tekst": note.text,
                "kernconclusie": note.key_conclusion,
                "conflict_met": note.conflict_of or "",
            }
        )
    actions = select(Action).where(col(Action.session_id) == dialogue_id, col(Action.withdrawn_at).is_(None))
    for action in db.exec(actions.order_by(col(Action.id))):
        table = tables[action.table_id]
        rows.append(
            {
                "type": "actie",
                "id": action.id,
                "indicator": ", ".join(action.indicator_codes),
                "thema": action.theme_code,
                "tafel": table.number,
                "ronde": table.round,
                "soort": f"prioriteit {action.priority}",
                "auteur": action.author,
                "tijd": dutch_time(action.updated_at).isoformat(timespec="seconds"),
                "tekst": action.title,
                "kernconclusie": False,
                "conflict_met": "",
            }
        )
    columns = [
        "type",
        "id",
        "indicator",
        "thema",
        "tafel",
        "ronde",
        "soort",
        "auteur",
        "tijd",
        "tekst",
        "kernconclusie",
        "conflict_met",
    ]
    return pd.DataFrame(rows, columns=columns)
