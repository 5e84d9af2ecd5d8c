"""The round clock: which round is on, when it started, how long it lasts."""

from datetime import UTC, datetime

from sqlmodel import Session

from core.access import Actor, Permission, require
from sessions.dialogue import DialogueError, get_dialogue
from sessions.models import DialogueSession


def start_round(*, db: Session, dialogue_id: int, round_number: int, minutes: int, actor: Actor) -> DialogueSession:
    require(actor, Permission.MODERATE, dialogue_id=dialogue_id)
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    if not 1 <= round_number <= dialogue.rounds:
        raise DialogueError(f"Ronde {round_number} bestaat niet in deze sessie")
    if not 1 <= minutes <= 240:
        raise DialogueError("Een ronde duurt 1 tot 240 minuten")
    dialogue.current_round = round_number
    dialogue.round_minutes = minutes
    dialogue.round_started_at = datetime.now(UTC)
    db.add(dialogue)
    db.flush()
    return dialogue


def seconds_left(dialogue: DialogueSession, *, now: datetime | None = None) -> int | None:
    """Seconds until the current round ends (negative when over time); None when no round runs."""
    if dialogue.round_started_at is None:
        return None
    started = dialogue.round_started_at
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    elapsed = ((now or datetime.now(UTC)) - started).total_seconds()
    return int(dialogue.round_minutes * 60 - elapsed)


def clock_text(seconds: int | None) -> str:
    if seconds is None:
        return "–"
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"
