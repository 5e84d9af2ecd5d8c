"""Organiser overview: all tables of the round live, and the round clock."""

import streamlit as st
from sqlalchemy import func
from sqlmodel import col, select

from facilitator.auth import current_actor
from facilitator.components.session_choice import require_dialogue
from facilitator.state import db_session
from sessions.dialogue import DialogueError, dialogue_tables, get_dialogue
from sessions.models import Action, Note
from sessions.rounds import clock_text, seconds_left, start_round
from sessions.seating import table_label

st.title("Overzicht van de tafels")
dialogue = require_dialogue()
assert dialogue.id is not None
current_id: int = dialogue.id


def _start(round_number: int, minutes: int) -> None:
    try:
        with db_session() as db:
            start_round(
                actor=current_actor(),
                db=db,
                dialogue_id=current_id,
                round_number=round_number,
                minutes=minutes,
            )
    except DialogueError as error:
        st.session_state["overview_message"] = str(error)


controls = st.columns([1, 1, 2], vertical_alignment="bottom")
round_number = controls[0].selectbox(
    "Ronde", list(range(1, dialogue.rounds + 1)), index=dialogue.current_round - 1, key="overview_round"
)
minutes = controls[1].number_input(
    "Minuten", min_value=5, max_value=240, value=dialogue.round_minutes, key="overview_minutes"
)
controls[2].button(
    "Ronde starten", type="primary", key="overview_start", on_click=_start, args=(int(round_number), int(minutes))
)
message = st.session_state.pop("overview_message", None)
if message:
    st.error(message)


@st.fragment(run_every="5s")
def live() -> None:
    with db_session() as db:
        current = get_dialogue(db=db, dialogue_id=current_id)
        tables = dialogue_tables(db=db, dialogue_id=current_id, round_number=current.current_round)
        ids = [t.id for t in tables]
        note_counts = dict(
            db.exec(
                select(Note.table_id, func.count()).where(col(Note.table_id).in_(ids)).group_by(col(Note.table_id))
            ).all()
        )
        action_counts = dict(
            db.exec(
                select(Action.table_id, func.count())
                .where(col(Action.table_id).in_(ids))
                .group_by(col(Action.table_id))
            ).all()
        )
        latest = {
            t.id or 0: db.exec(
                select(Note)
                .where(col(Note.table_id) == t.id, col(Note.text) != "")
                .order_by(col(Note.updated_at).desc())
                .limit(3)
            ).all()
            for t in tables
        }
    st.metric(f"Ronde {current.current_round} – resterende tijd", clock_text(seconds_left(current)))
    columns = st.columns(max(1, min(4, len(tables))))
    for index, table in enumerate(tables):
        with columns[index % len(columns)].container(border=True):
            st.markdown(f"**{table_label(table, current.tables_per_theme)}**")
            table_id = table.id or 0
            st.caption(
                f"{note_counts.get(table_id, 0)} notities · {action_counts.get(table_id, 0)} acties · "
                f"{table.taken} mensen"
            )
            for note in latest.get(table_id, []):
                st.text(note.text[:160])


live()
