"""Check-in at the door: phone-friendly, search a name and tap."""

import streamlit as st

from facilitator.auth import current_actor
from facilitator.components.markdown import markdown_text
from facilitator.components.session_choice import dialogue_selector
from facilitator.state import db_session
from sessions.participants import check_in, participants_of
from sessions.vocabulary import Rsvp

st.title("Aanmelden bij de deur")
dialogue_id = dialogue_selector()
if dialogue_id is None:
    st.stop()


def _toggle(participant_id: int, present: bool) -> None:
    with db_session() as db:
        check_in(actor=current_actor(), db=db, participant_id=participant_id, present=present)


search = st.text_input("Zoek op naam of organisatie", key="checkin_search", placeholder="bijv. Verhoeven")
with db_session() as db:
    people = [
        p for p in participants_of(actor=current_actor(), db=db, dialogue_id=dialogue_id) if p.rsvp != Rsvp.DECLINED
    ]
present = sum(p.checked_in_at is not None for p in people)
st.progress(present / max(1, len(people)), text=f"{present} van {len(people)} aanwezig")
needle = search.strip().lower()
shown = [p for p in people if needle and (needle in p.name.lower() or needle in p.organisation.lower())]
for person in shown[:15]:
    with st.container(border=True):
        st.markdown(f"**{markdown_text(person.name)}**  \n{markdown_text(person.organisation)}")
        if person.checked_in_at is None:
            st.button("Aanwezig", key=f"checkin_{person.id}", type="primary", on_click=_toggle, args=(person.id, True))
        else:
            st.button(
                "Aanwezig ✓ (ongedaan maken)", key=f"checkin_{person.id}", on_click=_toggle, args=(person.id, False)
            )
if needle and not shown:
    st.write("Niemand gevonden.")
