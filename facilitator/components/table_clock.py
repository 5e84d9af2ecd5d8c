"""The table clock on a page: the time left, counting down in the browser, and for who may change it the buttons.

Every page of a table reads the same clock from the database (`sessions.table_clock`), so the moderator, the
note-taker and the organiser see the same time. The browser counts down every second (`live_clock`); the page asks
the database again every `REFRESH_SECONDS` for changes made elsewhere. At zero it says "Tijd om" in red; it never
shows a negative time.
"""

from collections.abc import Callable
from functools import partial

import streamlit as st

from core.access import Permission
from core.db import write_transaction
from facilitator.auth import current_actor
from facilitator.components.failures import guarded
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.components.live_clock import live_clock
from facilitator.state import db_session, get_engine
from sessions.table_clock import (
    ClockView,
    extend_clock,
    pause_clock,
    resume_clock,
    start_clock,
    stop_clock,
    table_clock,
)

DEFAULT_MINUTES = 45
REFRESH_SECONDS = 5  # changes made on another page (pause, five more minutes) show within this time


def _change(table_id: int, key: str, action: Callable[..., ClockView]) -> None:
    actor = current_actor()

    def work() -> ClockView:
        with write_transaction(get_engine()) as db:
            return action(db=db, actor=actor, table_id=table_id)

    run_with_feedback(key, work)


def _start(table_id: int, key: str) -> None:
    minutes = int(st.session_state.get(f"{key}_minutes", DEFAULT_MINUTES))
    _change(table_id, key, partial(start_clock, minutes=minutes))


def clock_controls(table_id: int, *, key: str, minutes: int = DEFAULT_MINUTES) -> None:
    """Start (with minutes), Pauze, Hervat, +5 min and Stop for one table; keys start with `key`. Every button is
    always there (someone else may have changed the clock since this page was drawn); the domain refuses what
    cannot be done, in Dutch."""
    columns = st.columns([2, 1, 1, 1, 1, 1], vertical_alignment="bottom")
    columns[0].number_input("Minuten", min_value=1, max_value=240, value=minutes, key=f"{key}_minutes")
    columns[1].button("Start", key=f"{key}_start", on_click=_start, args=(table_id, key), type="primary")
    for column, (label, name, action) in zip(
        columns[2:],
        (
            ("Pauze", "pause", pause_clock),
            ("Hervat", "resume", resume_clock),
            ("+5 min", "extend", extend_clock),
            ("Stop", "stop", stop_clock),
        ),
        strict=True,
    ):
        column.button(label, key=f"{key}_{name}", on_click=_change, args=(table_id, key, action))
    show_feedback(key)


def table_clock_panel(table_id: int, *, dialogue_id: int, key: str, compact: bool = False) -> None:
    """The clock of one table, counting down in the browser; with the buttons for whoever may change it."""
    may_change = current_actor().can(Permission.MODERATE, dialogue_id=dialogue_id)

    @st.fragment(run_every=REFRESH_SECONDS)
    @guarded
    def live() -> None:
        with db_session() as db:
            view = table_clock(db=db, actor=current_actor(), table_id=table_id)
        with st.container(key=f"{key}_display"):
            live_clock(view, key=f"{key}_live", compact=compact)

    live()
    if may_change and not compact:
        clock_controls(table_id, key=key)
