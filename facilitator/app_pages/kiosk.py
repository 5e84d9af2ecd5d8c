"""Kiosk for round 2: with the session code and one's personal code, pick a theme while seats last.

Shows only theme names and free seats; the cap is enforced by the database.
"""

import streamlit as st

from core.db import write_transaction
from core.errors import UserError
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.state import db_session, get_engine
from sessions.dialogue import dialogue_by_kiosk_code
from sessions.participants import find_by_code
from sessions.seating import TableFull, kiosk_claim, round_two_options

st.title("Kies je thema voor ronde 2")
code = st.text_input("Sessiecode", value=st.query_params.get("code", ""), key="kiosk_session_code").strip().upper()
with db_session() as db:
    dialogue = dialogue_by_kiosk_code(db=db, code=code) if code else None
if dialogue is None or dialogue.id is None:
    if code:
        st.error("Onbekende sessiecode.")
    st.stop()
if st.query_params.get("code") != code:
    st.query_params["code"] = code

personal = st.text_input("Jouw persoonlijke code (op je naambordje)", key="kiosk_personal_code").strip().upper()
if not personal:
    st.stop()
with db_session() as db:
    participant = find_by_code(db=db, dialogue_id=dialogue.id, code=personal)
    options = (
        round_two_options(db=db, dialogue_id=dialogue.id, participant_id=participant.id or 0) if participant else []
    )
if participant is None or participant.id is None:
    st.error("Deze code kennen we niet. Vraag het aan de organisatie.")
    st.stop()


def _claim(table_id: int, label: str) -> None:
    def work() -> None:
        with write_transaction(get_engine()) as db:
            kiosk_claim(db=db, kiosk_code=code, personal_code=personal, table_id=table_id)

    def explain(refused: UserError) -> str:
        return f"De tafel {label} is net vol. Kies een andere." if isinstance(refused, TableFull) else str(refused)

    run_with_feedback("kiosk", work, success=f"Je zit in ronde 2 aan de tafel {label}.", explain=explain)


show_feedback("kiosk")
for option in options:
    hints = []
    if not option.discussed_before:
        hints.append("nieuw thema voor jou")
    if option.people_met_again == 0:
        hints.append("je ontmoet hier nieuwe mensen")
    with st.container(border=True):
        st.markdown(f"### {option.label}")
        st.write(
            f"{option.free} {'plaats' if option.free == 1 else 'plaatsen'} vrij"
            + (f" · {', '.join(hints)}" if hints else "")
        )
        st.button(
            "Kies dit thema",
            key=f"kiosk_pick_{option.table_id}",
            disabled=option.free <= 0,
            type="primary",
            on_click=_claim,
            args=(option.table_id, option.label),
        )
