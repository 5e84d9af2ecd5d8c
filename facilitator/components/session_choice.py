"""Choosing a dialogue session; the choice lives in the URL (`sessie=1`)."""

import streamlit as st
from sqlmodel import col, select

from facilitator.components import url_state
from facilitator.state import db_session
from indicators.formatting import format_date
from sessions.models import DialogueSession


def session_selector() -> int | None:
    with db_session() as session:
        sessions = session.exec(select(DialogueSession).order_by(col(DialogueSession.session_date).desc())).all()
        labels = {str(s.id): f"{s.name} – {format_date(s.session_date)}" for s in sessions}
    if not labels:
        return None
    url_state.prepare("sessie", list(labels), next(iter(labels)))
    chosen = st.selectbox("Sessie", list(labels), format_func=labels.__getitem__, key="sessie")
    url_state.publish("sessie")
    return int(chosen)


def require_session() -> DialogueSession:
    """The chosen session (a plain object for this run); stops the page when there is none."""
    dialogue_id = session_selector()
    if dialogue_id is None:
        st.info("Er is nog geen dialoogsessie.")
        st.stop()
    with db_session() as session:
        dialogue = session.get(DialogueSession, dialogue_id)
    if dialogue is None:
        st.stop()
    return dialogue
