"""Choosing a dialogue session; the choice lives in the URL (`sessie=1`)."""

import streamlit as st

from core.access import Permission
from core.formatting import format_date
from facilitator.auth import current_actor
from facilitator.components import url_state
from facilitator.state import db_session
from sessions.dialogue import list_dialogues
from sessions.models import DialogueSession


def _choose(permission: Permission | None) -> DialogueSession | None:
    """Choose a session; with `permission`, only the sessions in which the logged-in actor has it."""
    actor = current_actor() if permission is not None else None
    with db_session() as db:
        sessions = {
            str(s.id): s
            for s in list_dialogues(db=db)
            if actor is None or permission is None or actor.can(permission, dialogue_id=s.id)
        }
    if not sessions:
        return None
    labels = {key: f"{s.name} – {format_date(s.session_date)}" for key, s in sessions.items()}
    url_state.prepare("sessie", list(labels), next(iter(labels)))
    chosen = st.selectbox("Sessie", list(labels), format_func=labels.__getitem__, key="sessie")
    url_state.publish("sessie")
    return sessions[str(chosen)]


def dialogue_selector(permission: Permission | None = None) -> int | None:
    """Choose a session; with `permission`, only the sessions in which the logged-in actor has it."""
    dialogue = _choose(permission)
    return None if dialogue is None else dialogue.id


def require_dialogue(permission: Permission | None = None) -> DialogueSession:
    """The chosen session (a plain object for this run); stops the page when there is none (for this actor)."""
    dialogue = _choose(permission)
    if dialogue is None:
        st.info("Er is nog geen dialoogsessie" + (" waarvoor u een rol hebt." if permission else "."))
        st.stop()
    return dialogue
