"""Choosing a dialogue session; the choice lives in the URL (`sessie=1`)."""

import streamlit as st
from sqlmodel import col, select

from core.access import Permission
from core.formatting import format_date
from facilitator.auth import current_actor
from facilitator.components import url_state
from facilitator.state import db_session
from sessions.models import DialogueSession


def dialogue_selector(permission: Permission | None = None) -> int | None:
    """Choose a session; with `permission`, only the sessions in which the logged-in actor has it."""
    actor = current_actor() if permission is not None else None
    with db_session() as db:
        sessions = [
            s
            for s in db.exec(select(DialogueSession).order_by(col(DialogueSession.session_date).desc()))
            if actor is None or permission is None or actor.can(permission, dialogue_id=s.id)
        ]
        labels = {str(s.id): f"{s.name} – {format_date(s.session_date)}" for s in sessions}
    if not labels:
        return None
    url_state.prepare("sessie", list(labels), next(iter(labels)))
    chosen = st.selectbox("Sessie", list(labels), format_func=labels.__getitem__, key="sessie")
    url_state.publish("sessie")
    return int(chosen)


def require_dialogue(permission: Permission | None = None) -> DialogueSession:
    """The chosen session (a plain object for this run); stops the page when there is none (for this actor)."""
    dialogue_id = dialogue_selector(permission)
    if dialogue_id is None:
        st.info("Er is nog geen dialoogsessie" + (" waarvoor u een rol hebt." if permission else "."))
        st.stop()
    with db_session() as db:
        dialogue = db.get(DialogueSession, dialogue_id)
    if dialogue is None:
        st.stop()
    return dialogue
