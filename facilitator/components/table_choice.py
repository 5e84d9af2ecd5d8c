"""Choosing a table of the current session; the choice lives in the URL (`tafel=12`)."""

import streamlit as st

from facilitator.components import url_state
from facilitator.state import db_session
from sessions.dialogue import dialogue_tables
from sessions.models import DialogueSession, DialogueTable
from sessions.seating import table_label


def table_selector(dialogue: DialogueSession) -> DialogueTable | None:
    assert dialogue.id is not None
    with db_session() as db:
        tables = [
            t
            for r in range(1, dialogue.rounds + 1)
            for t in dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=r)
        ]
    if not tables:
        return None
    labels = {str(t.id): f"Ronde {t.round} – {table_label(t, dialogue.tables_per_theme)}" for t in tables}
    default = next((str(t.id) for t in tables if t.round == dialogue.current_round), next(iter(labels)))
    url_state.prepare("tafel", list(labels), default)
    chosen = st.selectbox("Tafel", list(labels), format_func=labels.__getitem__, key="tafel")
    url_state.publish("tafel")
    return next(t for t in tables if str(t.id) == chosen)
