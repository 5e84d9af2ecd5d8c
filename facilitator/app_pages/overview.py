"""Organiser overview: start a round (every table's clock), all tables of the round live with their clocks."""

import streamlit as st

from core.db import write_transaction
from facilitator.auth import current_actor
from facilitator.components.failures import guarded
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.components.live_clock import live_clock
from facilitator.components.session_choice import require_dialogue
from facilitator.components.table_clock import REFRESH_SECONDS, clock_controls
from facilitator.state import db_session, get_engine
from sessions.notes import round_activity
from sessions.seating import table_label
from sessions.table_clock import round_clocks, start_round_clocks

st.title("Overzicht van de tafels")
dialogue = require_dialogue()
assert dialogue.id is not None
current_id: int = dialogue.id


def _start() -> None:
    round_number = int(st.session_state["overview_round"])
    minutes = int(st.session_state["overview_minutes"])
    actor = current_actor()

    def work() -> None:
        with write_transaction(get_engine()) as db:
            start_round_clocks(actor=actor, db=db, dialogue_id=current_id, round_number=round_number, minutes=minutes)

    run_with_feedback("overview", work, success=f"Ronde {round_number} gestart: alle tafelklokken lopen.")


controls = st.columns([1, 1, 2], vertical_alignment="bottom")
controls[0].selectbox(
    "Ronde", list(range(1, dialogue.rounds + 1)), index=dialogue.current_round - 1, key="overview_round"
)
controls[1].number_input("Minuten", min_value=1, max_value=240, value=dialogue.round_minutes, key="overview_minutes")
controls[2].button("Ronde starten (alle tafels)", type="primary", key="overview_start", on_click=_start)
show_feedback("overview")

# Above the live cards: what the cards' refresh does to the page's height does not move these controls (a list
# opened under a moving page closes again).
with db_session() as db:
    activity = round_activity(actor=current_actor(), db=db, dialogue_id=current_id)
with st.expander("Klok van één tafel bedienen", key="overview_clock_box"):
    labels = {t.table.id or 0: table_label(t.table, activity.dialogue.tables_per_theme) for t in activity.tables}
    chosen = st.selectbox("Tafel", list(labels), format_func=labels.__getitem__, key="overview_clock_table")
    if chosen is not None:
        clock_controls(int(chosen), key=f"overview_clock_{chosen}", minutes=activity.dialogue.round_minutes)


@st.fragment(run_every=REFRESH_SECONDS)
@guarded
def clocks() -> None:
    with db_session() as db:
        activity = round_activity(actor=current_actor(), db=db, dialogue_id=current_id)
        views = round_clocks(
            actor=current_actor(), db=db, dialogue_id=current_id, round_number=activity.dialogue.current_round
        )
    current = activity.dialogue
    st.subheader(f"Ronde {current.current_round}")
    columns = st.columns(max(1, min(4, len(activity.tables))))
    for index, table in enumerate(activity.tables):
        table_id = table.table.id or 0
        with columns[index % len(columns)].container(border=True, key=f"overview_table_{table_id}"):
            st.markdown(f"**{table_label(table.table, current.tables_per_theme)}**")
            live_clock(views[table_id], key=f"overview_clock_live_{table_id}", compact=True)
            st.caption(f"{table.notes} notities · {table.actions} acties · {table.table.taken} mensen")
            for text in table.latest:
                st.text(text[:160])


clocks()
