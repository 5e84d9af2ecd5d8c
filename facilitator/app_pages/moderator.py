"""Moderator page: who sits at the table, the table clock (start, pause, extend, stop), the questions, notes as
they come in, key conclusions and a quick prioritisation of the proposed actions (dot voting)."""

import streamlit as st

from core.access import Permission
from core.db import write_transaction
from facilitator.auth import current_actor
from facilitator.components.failures import guarded
from facilitator.components.markdown import markdown_text
from facilitator.components.session_choice import require_dialogue
from facilitator.components.table_choice import table_selector
from facilitator.components.table_clock import table_clock_panel
from facilitator.components.tablet import tablet_layout
from facilitator.state import db_session, get_engine
from indicators.themes import theme_name
from sessions.notes import NOTE_KINDS, mark_key_conclusion, table_notes, vote
from sessions.printables import STEP_QUESTIONS
from sessions.seating import table_people

tablet_layout()
st.title("Gespreksleiding")
dialogue = require_dialogue(Permission.MODERATE)
assert dialogue.id is not None
current_id: int = dialogue.id
chosen = table_selector(dialogue)
if chosen is None or chosen.id is None:
    st.stop()
table = chosen
table_id: int = chosen.id
st.subheader(f"{theme_name(table.theme_code)} – ronde {table.round}")
table_clock_panel(table_id, dialogue_id=current_id, key="moderator_clock")
with db_session() as db:
    seated = table_people(actor=current_actor(), db=db, table_id=table_id)
    st.markdown(
        "**Aan tafel:** "
        + ("; ".join(f"{r.naam} ({r.organisatie})" for r in seated.itertuples()) or "nog niemand ingedeeld")
    )

with st.expander("Vragen voor het gesprek", expanded=True):
    for question in STEP_QUESTIONS.values():
        st.markdown(f"- {question}")
    st.markdown("- Welke actie stellen jullie voor, wie trekt die, en voor welke gemeenten?")


def _mark(note_id: int, key: str) -> None:
    """A mark, not an edit: the note keeps its text, author and version (the box is read at the click)."""
    marked = bool(st.session_state[key])
    with write_transaction(get_engine()) as db:
        mark_key_conclusion(actor=current_actor(), db=db, note_id=note_id, marked=marked)


def _vote(action_id: int, dots: int) -> None:
    with write_transaction(get_engine()) as db:
        vote(actor=current_actor(), db=db, action_id=action_id, dots=dots)


@st.fragment(run_every="5s")
@guarded
def live_notes() -> None:
    with db_session() as db:
        written = table_notes(actor=current_actor(), db=db, table_id=table_id)
    notes, actions = written.notes, written.actions_by_votes
    st.markdown(f"**Notities** ({len(notes)})")
    for note in notes:
        if not note.text.strip():
            continue
        with st.container(border=True):
            about = note.indicator_code or "thema"
            st.caption(
                f"{NOTE_KINDS.get(note.kind, note.kind)} · {markdown_text(about)} · {markdown_text(note.author)}"
            )
            st.text(note.text)
            key = f"key_{note.id}_{int(note.key_conclusion)}"  # a mark made elsewhere shows on the next refresh
            st.checkbox("Kernconclusie", value=note.key_conclusion, key=key, on_change=_mark, args=(note.id, key))
    st.markdown(f"**Voorgestelde acties** – stippen verdelen ({len(actions)})")
    for action in actions:
        left, plus, minus = st.columns([5, 1, 1])
        left.markdown(
            f"**{markdown_text(action.title)}** · "
            f"{markdown_text(action.lead_organisation or 'trekker nog onbekend')} · "
            f"{action.votes} {'stip' if action.votes == 1 else 'stippen'}"
        )
        plus.button("+1 stip", key=f"vote_{action.id}", on_click=_vote, args=(action.id, 1))
        minus.button(
            "−1 stip", key=f"unvote_{action.id}", on_click=_vote, args=(action.id, -1), disabled=action.votes == 0
        )


live_notes()
