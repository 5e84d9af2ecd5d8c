"""Dialogue sessions and their tables."""

import math
from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from core.access import Actor, Permission, require
from core.audit import record
from core.errors import UserError
from indicators.themes import THEMES
from sessions.kiosk_codes import SESSION_CODE_LENGTH, normalise_code, random_code
from sessions.models import DialogueSession, DialogueTable, Participant
from sessions.vocabulary import Rsvp

KINDS = ("ambtelijk", "bestuurlijk")


class DialogueError(UserError):
    """A session operation that cannot be done (message in Dutch)."""


def create_dialogue(
    *,
    db: Session,
    name: str,
    session_date: date,
    kind: str = "ambtelijk",
    edition: int = 2020,
    district_code: str = "DIS-MARKIEZATEN",
    themes: Sequence[str] | None = None,
    rounds: int = 2,
    seats_per_table: int = 10,
    tables_per_theme: int = 1,
    is_demo: bool = False,
    actor: Actor,
) -> DialogueSession:
    require(actor, Permission.MANAGE_SESSIONS)
    if kind not in KINDS:
        raise DialogueError(f"Onbekend soort dialoog '{kind}' (kies ambtelijk of bestuurlijk)")
    if not name.strip():
        raise DialogueError("Geef de sessie een naam")
    dialogue = DialogueSession(
        name=name.strip(),
        session_date=session_date,
        kind=kind,
        edition=edition,
        district_code=district_code,
        themes=list(themes or THEMES),
        rounds=rounds,
        seats_per_table=seats_per_table,
        tables_per_theme=tables_per_theme,
        kiosk_code=random_code(SESSION_CODE_LENGTH),
        is_demo=is_demo,
    )
    db.add(dialogue)
    db.flush()
    ensure_tables(db=db, dialogue=dialogue)
    record(db=db, actor=actor, action="sessie aangemaakt", target=f"sessie {dialogue.id}")
    return dialogue


def get_dialogue(*, db: Session, dialogue_id: int) -> DialogueSession:
    dialogue = db.get(DialogueSession, dialogue_id)
    if dialogue is None:
        raise DialogueError(f"Sessie {dialogue_id} bestaat niet")
    return dialogue


def list_dialogues(*, db: Session) -> list[DialogueSession]:
    """Every dialogue session, the newest first (names and dates only: no personal data)."""
    return list(db.exec(select(DialogueSession).order_by(col(DialogueSession.session_date).desc())).all())


def dialogue_by_kiosk_code(*, db: Session, code: str) -> DialogueSession | None:
    return db.exec(select(DialogueSession).where(col(DialogueSession.kiosk_code) == normalise_code(code))).first()


def open_round(*, db: Session, dialogue_id: int, round_number: int, actor: Actor) -> DialogueSession:
    """The organiser makes a round the session's current round without starting its clocks: round 2 opened this
    way lets participants choose their table on the kiosk (during the break, before the round starts). Starting a
    round's clocks (`table_clock.start_round_clocks`) makes it current too."""
    require(actor, Permission.MANAGE_SESSIONS, dialogue_id=dialogue_id)
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    if not 1 <= round_number <= dialogue.rounds:
        raise DialogueError(f"Ronde {round_number} bestaat niet in deze sessie")
    if dialogue.current_round != round_number:
        dialogue.current_round = round_number
        dialogue.round_started_at = None
        db.add(dialogue)
        record(db=db, actor=actor, action=f"ronde {round_number} geopend", target=f"sessie {dialogue_id}")
        db.flush()
    return dialogue


def tables_needed(*, people: int, seats: int, themes: int) -> int:
    """Tables per theme so that everyone present has a seat."""
    return max(1, math.ceil(people / max(1, seats * themes)))


def ensure_tables(*, db: Session, dialogue: DialogueSession) -> list[DialogueTable]:
    """Create the missing tables of every round (never removes a table that has seats)."""
    assert dialogue.id is not None
    existing = {
        (t.round, t.theme_code, t.number): t
        for t in db.exec(select(DialogueTable).where(col(DialogueTable.session_id) == dialogue.id)).all()
    }
    for round_number in range(1, dialogue.rounds + 1):
        for theme in dialogue.themes:
            for number in range(1, dialogue.tables_per_theme + 1):
                if (round_number, theme, number) not in existing:
                    table = DialogueTable(
                        session_id=dialogue.id,
                        round=round_number,
                        theme_code=theme,
                        number=number,
                        seats=dialogue.seats_per_table,
                    )
                    db.add(table)
                    existing[(round_number, theme, number)] = table
    db.flush()
    return sorted(
        existing.values(),
        key=lambda t: (
            t.round,
            dialogue.themes.index(t.theme_code) if t.theme_code in dialogue.themes else 99,
            t.number,
        ),
    )


def grow_tables_for_attendance(*, db: Session, dialogue: DialogueSession) -> int:
    """Add tables per theme when the people present exceed seats x themes; returns tables per theme."""
    present = len(present_participants(db=db, dialogue_id=dialogue.id or 0))
    needed = tables_needed(people=present, seats=dialogue.seats_per_table, themes=len(dialogue.themes))
    if needed > dialogue.tables_per_theme:
        dialogue.tables_per_theme = needed
        db.add(dialogue)
        ensure_tables(db=db, dialogue=dialogue)
    return dialogue.tables_per_theme


def present_participants(*, db: Session, dialogue_id: int) -> list[Participant]:
    """Who takes part: those checked in; before anyone is checked in, those who accepted."""
    people = db.exec(select(Participant).where(col(Participant.session_id) == dialogue_id)).all()
    checked_in = [p for p in people if p.checked_in_at is not None]
    if checked_in:
        return checked_in
    return [p for p in people if p.rsvp == Rsvp.ACCEPTED]


def is_present(*, db: Session, participant: Participant) -> bool:
    """Whether this person takes part, by the rule of `present_participants` (checked in; before anyone of the
    session is checked in, accepted), without reading the whole list."""
    if participant.checked_in_at is not None:
        return True
    anyone_checked_in = db.exec(
        select(Participant.id).where(
            col(Participant.session_id) == participant.session_id, col(Participant.checked_in_at).is_not(None)
        )
    ).first()
    return anyone_checked_in is None and participant.rsvp == Rsvp.ACCEPTED


def dialogue_tables(*, db: Session, dialogue_id: int, round_number: int) -> list[DialogueTable]:
    return list(
        db.exec(
            select(DialogueTable)
            .where(col(DialogueTable.session_id) == dialogue_id, col(DialogueTable.round) == round_number)
            .order_by(col(DialogueTable.theme_code), col(DialogueTable.number))
        ).all()
    )
