"""The clock of each table: start, pause, resume, extend and stop; every page of a table reads the same clock.

The state lives in the database (`TableClock`), so every page and every app process shows the same time. A clock
holds the seconds allowed in all, the seconds used before its current run and when that run began; the time left
is never below zero, and at zero the clock says so ("tijd om") until someone extends or stops it.

Who may change a clock: whoever leads the conversation in that session (`Permission.MODERATE`: the session's
moderators, and the organiser, who holds every permission). A moderator's role is given per session, not per
table (accounts are not linked to seats), so a moderator of a session may set the clock of any of its tables; the
moderator page shows the clock of the table chosen there. Reading a clock needs `Permission.READ_NOTES`.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlmodel import Session, col, select

from core.access import Actor, Permission, require
from sessions.dialogue import DialogueError, dialogue_tables, get_dialogue
from sessions.models import DialogueTable, TableClock

MAX_MINUTES = 240
EXTEND_MINUTES = 5
RUNNING_PREFIX = "Nog"
PAUSED_PREFIX = "Gepauzeerd"
TIME_UP_TEXT = "Tijd om"
STOPPED_TEXT = "Klok staat stil"


class ClockState(StrEnum):
    STOPPED = "gestopt"
    RUNNING = "loopt"
    PAUSED = "gepauzeerd"
    TIME_UP = "tijd om"


@dataclass(frozen=True)
class ClockView:
    """What a page shows: the state and the whole seconds left (never below zero)."""

    table_id: int
    state: ClockState
    seconds_left: int
    seconds: int

    @property
    def text(self) -> str:
        """Dutch: 'Nog 12:34', 'Gepauzeerd 12:34', 'Tijd om' or 'Klok staat stil'."""
        if self.state is ClockState.TIME_UP:
            return TIME_UP_TEXT
        if self.state is ClockState.STOPPED:
            return STOPPED_TEXT
        prefix = RUNNING_PREFIX if self.state is ClockState.RUNNING else PAUSED_PREFIX
        return f"{prefix} {minutes_text(self.seconds_left)}"


def minutes_text(seconds: int) -> str:
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes}:{rest:02d}"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _used(clock: TableClock, now: datetime) -> float:
    """Seconds used up so far (may exceed the allowed seconds while a clock runs past zero)."""
    running = (now - _aware(clock.started_at)).total_seconds() if clock.started_at is not None else 0.0
    return clock.used_seconds + max(0.0, running)


def view_of(clock: TableClock | None, *, table_id: int, now: datetime | None = None) -> ClockView:
    """The clock as a page shows it at `now` (default: this moment)."""
    if clock is None or clock.seconds <= 0:
        return ClockView(table_id, ClockState.STOPPED, 0, 0)
    left = max(0, math.ceil(clock.seconds - _used(clock, now or datetime.now(UTC))))  # 0.4 s left shows 0:01
    if left == 0:
        state = ClockState.TIME_UP
    elif clock.started_at is None:
        state = ClockState.PAUSED
    else:
        state = ClockState.RUNNING
    return ClockView(table_id, state, left, clock.seconds)


def _table(db: Session, table_id: int) -> DialogueTable:
    table = db.get(DialogueTable, table_id)
    if table is None:
        raise DialogueError(f"Tafel {table_id} bestaat niet")
    return table


def _clock_for_change(db: Session, table_id: int, actor: Actor) -> TableClock:
    table = _table(db, table_id)
    require(actor, Permission.MODERATE, dialogue_id=table.session_id)
    clock = db.exec(select(TableClock).where(col(TableClock.table_id) == table_id).with_for_update()).first()
    return clock or TableClock(table_id=table_id)


def _save(db: Session, clock: TableClock, actor: Actor, now: datetime) -> ClockView:
    clock.updated_by = actor.username
    clock.updated_at = now
    db.add(clock)
    db.flush()
    return view_of(clock, table_id=clock.table_id, now=now)


def _check_minutes(minutes: int) -> None:
    if not 1 <= minutes <= MAX_MINUTES:
        raise DialogueError(f"Een tafelklok loopt 1 tot {MAX_MINUTES} minuten")


def start_clock(*, db: Session, table_id: int, minutes: int, actor: Actor, now: datetime | None = None) -> ClockView:
    """Set the table's clock to `minutes` and start it (a running clock starts again from the full time)."""
    _check_minutes(minutes)
    moment = now or datetime.now(UTC)
    clock = _clock_for_change(db, table_id, actor)
    clock.seconds, clock.used_seconds, clock.started_at = minutes * 60, 0, moment
    return _save(db, clock, actor, moment)


def pause_clock(*, db: Session, table_id: int, actor: Actor, now: datetime | None = None) -> ClockView:
    """Hold the clock where it is (no change when it is not running)."""
    moment = now or datetime.now(UTC)
    clock = _clock_for_change(db, table_id, actor)
    if clock.started_at is not None:
        clock.used_seconds = min(clock.seconds, round(_used(clock, moment)))
        clock.started_at = None
    return _save(db, clock, actor, moment)


def resume_clock(*, db: Session, table_id: int, actor: Actor, now: datetime | None = None) -> ClockView:
    """Let a paused clock run on from where it was held."""
    moment = now or datetime.now(UTC)
    clock = _clock_for_change(db, table_id, actor)
    if clock.seconds <= 0:
        raise DialogueError("De klok staat stil: start hem eerst.")
    if clock.started_at is None:
        clock.started_at = moment
    return _save(db, clock, actor, moment)


def extend_clock(
    *, db: Session, table_id: int, actor: Actor, minutes: int = EXTEND_MINUTES, now: datetime | None = None
) -> ClockView:
    """Give the table `minutes` more. A clock past zero gets the full extra minutes from now, not what is left of
    them after the time it ran over."""
    _check_minutes(minutes)
    moment = now or datetime.now(UTC)
    clock = _clock_for_change(db, table_id, actor)
    if clock.seconds <= 0:
        raise DialogueError("De klok staat stil: start hem eerst.")
    clock.used_seconds = min(clock.seconds, round(_used(clock, moment)))
    if clock.started_at is not None:
        clock.started_at = moment
    clock.seconds += minutes * 60
    return _save(db, clock, actor, moment)


def stop_clock(*, db: Session, table_id: int, actor: Actor, now: datetime | None = None) -> ClockView:
    """Stop and clear the clock."""
    moment = now or datetime.now(UTC)
    clock = _clock_for_change(db, table_id, actor)
    clock.seconds, clock.used_seconds, clock.started_at = 0, 0, None
    return _save(db, clock, actor, moment)


def table_clock(*, db: Session, table_id: int, actor: Actor, now: datetime | None = None) -> ClockView:
    """The clock of one table, for everyone who reads that session's notes."""
    table = _table(db, table_id)
    require(actor, Permission.READ_NOTES, dialogue_id=table.session_id)
    clock = db.exec(select(TableClock).where(col(TableClock.table_id) == table_id)).first()
    return view_of(clock, table_id=table_id, now=now)


def round_clocks(
    *, db: Session, dialogue_id: int, round_number: int, actor: Actor, now: datetime | None = None
) -> dict[int, ClockView]:
    """The clocks of every table of a round, by table id (one query)."""
    require(actor, Permission.READ_NOTES, dialogue_id=dialogue_id)
    ids = [t.id or 0 for t in dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=round_number)]
    clocks = {c.table_id: c for c in db.exec(select(TableClock).where(col(TableClock.table_id).in_(ids))).all()}
    moment = now or datetime.now(UTC)
    return {table_id: view_of(clocks.get(table_id), table_id=table_id, now=moment) for table_id in ids}


def start_round_clocks(
    *, db: Session, dialogue_id: int, round_number: int, minutes: int, actor: Actor, now: datetime | None = None
) -> list[ClockView]:
    """The organiser starts a round: it becomes the session's current round and every table of it gets its clock
    started at `minutes`."""
    require(actor, Permission.MANAGE_SESSIONS, dialogue_id=dialogue_id)
    _check_minutes(minutes)
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    if not 1 <= round_number <= dialogue.rounds:
        raise DialogueError(f"Ronde {round_number} bestaat niet in deze sessie")
    moment = now or datetime.now(UTC)
    dialogue.current_round = round_number
    dialogue.round_minutes = minutes
    dialogue.round_started_at = moment
    db.add(dialogue)
    tables = dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=round_number)
    return [start_clock(db=db, table_id=t.id or 0, minutes=minutes, actor=actor, now=moment) for t in tables]
