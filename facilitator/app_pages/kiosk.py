"""Kiosk for round 2: with the session code and one's personal code, pick a theme while seats last.

One device serves one person after the other: the personal code is typed into a form that clears itself on
submit; after a choice the page confirms the table, and the next person starts with an empty field. Entering a
code again shows the choice made and lets the person change it while seats last. The QR code on a name card opens
this page with the session code and the personal code filled in (`?code=…&persoon=…`); the personal code is taken
out of the address at once, so it does not stay for the next person.

Every rule is the domain's (`sessions.kiosk`: throttling, round 2 open, who may choose what); this page shows its
answers. Each kiosk call runs in one transaction that also keeps what a refusal counted (a wrong code). The browser
is known to the throttle by a random id kept in its session state, and by its address when not on this machine.
Shows only theme names and free seats; the cap is enforced by the database.
"""

import secrets
from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

from core.db import write_transaction
from core.errors import UserError
from facilitator.components.feedback import remember, run_with_feedback, show_feedback
from facilitator.state import get_engine
from sessions.kiosk import kiosk_claim, kiosk_view, open_kiosk
from sessions.kiosk_codes import TYPED_MAX_CHARS, normalise_code
from sessions.kiosk_link import PERSONAL_PARAMETER
from sessions.kiosk_throttle import KioskClient
from sessions.seating import RoundTwoOption, TableFull

PERSON = "kiosk_person"  # the code of the person the kiosk is serving now
FIELD = "kiosk_personal_code"
DONE = "kiosk_done"  # the confirmation of the last choice, shown until the next person submits
CLIENT = "kiosk_client"  # this browser's id for the throttle
T = TypeVar("T")


def _client() -> KioskClient:
    if CLIENT not in st.session_state:
        st.session_state[CLIENT] = secrets.token_hex(16)
    return KioskClient(str(st.session_state[CLIENT]), st.context.ip_address)


def _answer(work: Callable[[Session], T]) -> T:
    """One kiosk call in one transaction; a refusal is raised after the transaction has kept what it counted."""
    refusal: UserError | None = None
    with write_transaction(get_engine()) as db:
        try:
            return work(db)
        except UserError as refused:
            refusal = refused
    assert refusal is not None
    raise refusal


st.title("Kies je thema voor ronde 2")
code = normalise_code(
    st.text_input("Sessiecode", value=st.query_params.get("code", ""), key="kiosk_session_code", max_chars=20)
)
if not code:
    st.stop()
try:
    kiosk = _answer(lambda db: open_kiosk(db=db, kiosk_code=code, client=_client()))
except UserError as refused:
    st.error(str(refused))
    st.stop()
if st.query_params.get("code") != code:
    st.query_params["code"] = code
if kiosk.notice is not None:
    st.info(kiosk.notice, icon=":material/schedule:")
    st.stop()
if PERSONAL_PARAMETER in st.query_params:  # from a name card's QR code: fill the field, once
    st.session_state[FIELD] = normalise_code(st.query_params[PERSONAL_PARAMETER])
    del st.query_params[PERSONAL_PARAMETER]


def _submitted() -> None:
    st.session_state[PERSON] = normalise_code(str(st.session_state.get(FIELD, "")))
    st.session_state.pop(DONE, None)


with st.form("kiosk_form", clear_on_submit=True):
    st.text_input(
        "Jouw persoonlijke code (op je naambordje)", key=FIELD, max_chars=TYPED_MAX_CHARS, placeholder="XXXX-XXXX"
    )
    st.form_submit_button("Toon mijn keuze", type="primary", on_click=_submitted, width="stretch")

done = st.session_state.get(DONE)
if done:
    st.success(done, icon=":material/check_circle:")
person = str(st.session_state.get(PERSON, ""))
if not person:
    st.stop()


def _place(option: RoundTwoOption) -> str:
    return f"de tafel {option.label} (tafelnummer {option.number})"


def _claim(option: RoundTwoOption, shown_choice: int | None) -> None:
    chosen_by = str(st.session_state.get(PERSON, ""))  # read at the click
    if not chosen_by:  # a second tap after the choice was made and the kiosk moved on to the next person
        return
    client = _client()

    def work() -> bool:
        _answer(
            lambda db: kiosk_claim(
                db=db,
                kiosk_code=code,
                personal_code=chosen_by,
                table_id=option.table_id,
                shown_choice=shown_choice,
                client=client,
            )
        )
        return True

    def explain(refused: UserError) -> str:
        return (
            f"De tafel {option.label} is net vol. Kies een andere." if isinstance(refused, TableFull) else str(refused)
        )

    if run_with_feedback("kiosk", work, explain=explain) is None:  # refused: the person stays, to pick another
        return
    st.session_state[DONE] = f"Gelukt! Je zit in ronde 2 aan {_place(option)}. Volgende persoon: vul je code in."
    st.session_state.pop(PERSON, None)


def _finished() -> None:
    st.session_state.pop(PERSON, None)


show_feedback("kiosk")
try:
    view = _answer(lambda db: kiosk_view(db=db, kiosk_code=code, personal_code=person, client=_client()))
except UserError as refused:
    st.session_state.pop(PERSON, None)
    remember("kiosk_code", "error", str(refused))
    show_feedback("kiosk_code")
    st.stop()

if view.chosen is not None:
    st.info(
        f"Je keuze: je zit in ronde 2 aan {_place(view.chosen)}."
        + (" Wisselen kan hieronder, zolang er plaats is." if view.allowed else ""),
        icon=":material/event_seat:",
    )
if view.notice is not None:
    st.warning(view.notice, icon=":material/info:")
for option in view.options:
    mine = view.chosen is not None and option.table_id == view.chosen.table_id
    hints = []
    if not option.discussed_before:
        hints.append("nieuw thema voor jou")
    if option.people_met_again == 0:
        hints.append("je ontmoet hier nieuwe mensen")
    with st.container(border=True, key=f"kiosk_option_{option.table_id}"):
        st.markdown(f"### {option.label}")
        st.write(
            f"{option.free} {'plaats' if option.free == 1 else 'plaatsen'} vrij"
            + (f" · {', '.join(hints)}" if hints else "")
        )
        st.button(
            "Jouw keuze" if mine else ("Wissel naar dit thema" if view.chosen else "Kies dit thema"),
            key=f"kiosk_pick_{option.table_id}",
            disabled=mine or option.free <= 0 or option.table_id not in view.allowed,
            type="secondary" if mine else "primary",
            on_click=_claim,
            args=(option, view.chosen.table_id if view.chosen is not None else None),
            width="stretch",
        )
st.button("Klaar, volgende persoon", key="kiosk_finished", on_click=_finished, width="stretch")
