"""Organiser overview: all tables of the round live, and the round clock."""

import streamlit as st

from facilitator.auth import current_actor
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.components.session_choice import require_dialogue
from facilitator.state import db_session
from sessions.notes import round_activity
from sessions.rounds import clock_text, seconds_left, start_round
from sessions.seating import table_label

st.title("Overzicht van de tafels")
dialogue = require_dialogue()
assert dialogue.id is not None
current_id: int = dialogue.id


def _start(round_number: int, minutes: int) -> None:
    def work() -> None:
        with db_session() as db:
            start_round(
                actor=current_actor(),
                db=db,
                dialogue_id=current_id,
                round_number=round_number,
                minutes=minutes,
            )

    run_with_feedback("overview", work)


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
show_feedback("overview")


@st.fragment(run_every="5s")
def live() -> None:
    with db_session() as db:
        activity = round_activity(actor=current_actor(), db=db, dialogue_id=current_id)
    current = activity.dialogue
    st.metric(f"Ronde {current.current_round} – resterende tijd", clock_text(seconds_left(current)))
    columns = st.columns(max(1, min(4, len(activity.tables))))
    for index, table in enumerate(activity.tables):
        with columns[index % len(columns)].container(border=True):
            st.markdown(f"**{table_label(table.table, current.tables_per_theme)}**")
            st.caption(f"{table.notes} notities · {table.actions} acties · {table.table.taken} mensen")
            for text in table.latest:
                st.text(text[:160])


live()
