"""The table clock: start, pause, resume, extend, stop; never below zero; who may change it (issue 14, part 8)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.access import SYSTEM, Actor, PermissionDenied, Role
from core.db import transaction
from sessions.dialogue import DialogueError, create_dialogue, dialogue_tables
from sessions.table_clock import (
    ClockState,
    extend_clock,
    pause_clock,
    resume_clock,
    round_clocks,
    start_clock,
    start_round_clocks,
    stop_clock,
    table_clock,
)

T0 = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def _dialogue(engine: Engine) -> tuple[int, list[int]]:
    with transaction(engine) as db:
        dialogue = create_dialogue(
            actor=SYSTEM, db=db, name="Klok", session_date=date(2026, 3, 12), themes=["VB", "ZV"]
        )
        assert dialogue.id is not None
        return dialogue.id, [t.id or 0 for t in dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=1)]


def test_a_running_clock_counts_down_and_stops_at_zero(engine: Engine) -> None:
    _, (table, _) = _dialogue(engine)
    with transaction(engine) as db:
        started = start_clock(db=db, actor=SYSTEM, table_id=table, minutes=10, now=T0)
        assert (started.state, started.seconds_left, started.text) == (ClockState.RUNNING, 600, "Nog 10:00")
    with Session(engine) as db:
        assert table_clock(db=db, actor=SYSTEM, table_id=table, now=_at(7.5)).text == "Nog 2:30"
        at_zero = table_clock(db=db, actor=SYSTEM, table_id=table, now=_at(10))
        long_after = table_clock(db=db, actor=SYSTEM, table_id=table, now=_at(95))
    assert (at_zero.state, at_zero.seconds_left, at_zero.text) == (ClockState.TIME_UP, 0, "Tijd om")
    assert (long_after.state, long_after.seconds_left) == (ClockState.TIME_UP, 0)


def test_pause_holds_the_time_and_resume_runs_on_from_there(engine: Engine) -> None:
    _, (table, _) = _dialogue(engine)
    with transaction(engine) as db:
        start_clock(db=db, actor=SYSTEM, table_id=table, minutes=10, now=T0)
        paused = pause_clock(db=db, actor=SYSTEM, table_id=table, now=_at(3))
    assert (paused.state, paused.seconds_left, paused.text) == (ClockState.PAUSED, 420, "Gepauzeerd 7:00")
    with Session(engine) as db:
        assert table_clock(db=db, actor=SYSTEM, table_id=table, now=_at(60)).seconds_left == 420
    with transaction(engine) as db:
        resumed = resume_clock(db=db, actor=SYSTEM, table_id=table, now=_at(20))
        assert (resumed.state, resumed.seconds_left) == (ClockState.RUNNING, 420)
        assert pause_clock(db=db, actor=SYSTEM, table_id=table, now=_at(22)).seconds_left == 300
        assert pause_clock(db=db, actor=SYSTEM, table_id=table, now=_at(40)).seconds_left == 300  # paused twice
        resume_clock(db=db, actor=SYSTEM, table_id=table, now=_at(50))
    with Session(engine) as db:
        assert table_clock(db=db, actor=SYSTEM, table_id=table, now=_at(54)).text == "Nog 1:00"
        assert table_clock(db=db, actor=SYSTEM, table_id=table, now=_at(56)).state is ClockState.TIME_UP


def test_extending_a_clock_past_zero_gives_the_full_extra_minutes(engine: Engine) -> None:
    _, (table, _) = _dialogue(engine)
    with transaction(engine) as db:
        start_clock(db=db, actor=SYSTEM, table_id=table, minutes=1, now=T0)
        assert extend_clock(db=db, actor=SYSTEM, table_id=table, now=_at(0.5)).seconds_left == 330  # 0:30 + 5:00
        late = extend_clock(db=db, actor=SYSTEM, table_id=table, minutes=5, now=_at(20))  # ran 14 min over
        assert (late.state, late.seconds_left) == (ClockState.RUNNING, 300)
        pause_clock(db=db, actor=SYSTEM, table_id=table, now=_at(21))
        assert extend_clock(db=db, actor=SYSTEM, table_id=table, now=_at(30)).text == "Gepauzeerd 9:00"


def test_stop_clears_and_a_stopped_clock_cannot_be_extended_or_resumed(engine: Engine) -> None:
    _, (table, _) = _dialogue(engine)
    with transaction(engine) as db:
        assert table_clock(db=db, actor=SYSTEM, table_id=table).state is ClockState.STOPPED
        start_clock(db=db, actor=SYSTEM, table_id=table, minutes=10, now=T0)
        stopped = stop_clock(db=db, actor=SYSTEM, table_id=table, now=_at(2))
        assert (stopped.state, stopped.seconds_left, stopped.text) == (ClockState.STOPPED, 0, "Klok staat stil")
        with pytest.raises(DialogueError, match="start hem eerst"):
            extend_clock(db=db, actor=SYSTEM, table_id=table, now=_at(3))
        with pytest.raises(DialogueError, match="start hem eerst"):
            resume_clock(db=db, actor=SYSTEM, table_id=table, now=_at(3))
        with pytest.raises(DialogueError, match="1 tot 240 minuten"):
            start_clock(db=db, actor=SYSTEM, table_id=table, minutes=0)


def test_the_organiser_starts_every_table_of_a_round(engine: Engine) -> None:
    dialogue_id, tables = _dialogue(engine)
    with transaction(engine) as db:
        start_round_clocks(db=db, actor=SYSTEM, dialogue_id=dialogue_id, round_number=1, minutes=45, now=T0)
        pause_clock(db=db, actor=SYSTEM, table_id=tables[1], now=_at(5))
    with Session(engine) as db:
        clocks = round_clocks(db=db, actor=SYSTEM, dialogue_id=dialogue_id, round_number=1, now=_at(10))
        second_round = round_clocks(db=db, actor=SYSTEM, dialogue_id=dialogue_id, round_number=2, now=_at(10))
    assert [clocks[t].text for t in tables] == ["Nog 35:00", "Gepauzeerd 40:00"]
    assert {c.state for c in second_round.values()} == {ClockState.STOPPED}
    assert len(second_round) == 2


def test_who_may_change_and_read_a_table_clock(engine: Engine) -> None:
    dialogue_id, (table, _) = _dialogue(engine)
    moderator = Actor("gespreksleider", dialogue_roles={dialogue_id: frozenset({Role.MODERATOR})})
    moderator_elsewhere = Actor("gespreksleider2", dialogue_roles={dialogue_id + 1: frozenset({Role.MODERATOR})})
    note_taker = Actor("verslaglegger", dialogue_roles={dialogue_id: frozenset({Role.NOTE_TAKER})})
    organiser = Actor("beheer", frozenset({Role.ADMIN}))
    with transaction(engine) as db:
        start_clock(db=db, actor=moderator, table_id=table, minutes=20, now=T0)
        pause_clock(db=db, actor=moderator, table_id=table, now=_at(1))
        extend_clock(db=db, actor=organiser, table_id=table, now=_at(2))
        assert table_clock(db=db, actor=note_taker, table_id=table, now=_at(3)).text == "Gepauzeerd 24:00"
        for refused in (note_taker, moderator_elsewhere):
            with pytest.raises(PermissionDenied, match="gesprek leiden"):
                resume_clock(db=db, actor=refused, table_id=table)
        with pytest.raises(PermissionDenied):
            table_clock(db=db, actor=moderator_elsewhere, table_id=table)
        with pytest.raises(PermissionDenied, match="sessies en genodigden beheren"):
            start_round_clocks(db=db, actor=moderator, dialogue_id=dialogue_id, round_number=1, minutes=45)
