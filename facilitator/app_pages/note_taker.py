"""Note-taker page: the table's theme at hand, notes that save as they are typed, proposed actions."""

from datetime import UTC, datetime
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from core.access import Permission, Role
from core.db import write_transaction
from core.db_faults import DatabaseUnavailable, run_with_retry
from core.errors import UserError
from core.formatting import format_datetime, format_time, format_value
from facilitator.auth import current_actor, display_name
from facilitator.cached import cached_theme_overview
from facilitator.components.autosave_note import autosave_note
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.components.follow_up import follow_up_table
from facilitator.components.markdown import markdown_text
from facilitator.components.session_choice import require_dialogue
from facilitator.components.table_choice import table_selector
from facilitator.components.table_clock import table_clock_panel
from facilitator.state import db_session, get_engine
from indicators.areas import district_municipalities
from indicators.themes import theme_name
from sessions.follow_up import earlier_outcomes
from sessions.models import Note
from sessions.notes import NOTE_KINDS, PRIORITIES, create_action, create_note, save_note, table_notes
from sessions.organisations import ORGANISATIONS

st.title("Verslag aan tafel")
dialogue = require_dialogue(Permission.WRITE_NOTES)
assert dialogue.id is not None
current_id: int = dialogue.id
left, right = st.columns([3, 2])
with left:
    chosen_table = table_selector(dialogue)
author = display_name()
right.caption(f"Verslaglegger: **{markdown_text(author)}**")
if chosen_table is None:
    st.stop()
table = chosen_table
assert table.id is not None
table_id: int = table.id
table_clock_panel(table_id, dialogue_id=current_id, key="note_taker_clock", compact=True)
if dialogue.is_demo:
    st.caption("Demosessie met fictieve demodata.")

overview = cached_theme_overview(table.theme_code, dialogue.district_code, None, False)
with st.expander(f"Indicatoren {theme_name(table.theme_code)} (district)", expanded=True):
    st.dataframe(
        pd.DataFrame(
            {
                "Stap": overview["chain_step"],
                "Indicator": overview["name"],
                "Laatste waarde": [
                    format_value(v, k, per_capita=p)
                    for v, k, p in zip(
                        overview["latest_value"], overview["value_kind"], overview["per_capita_applied"], strict=True
                    )
                ],
                "Verloop": overview["sparkline"],
                "Opvallend": [
                    f"{n}: {r}" if n else ""
                    for n, r in zip(overview["notable"], overview["notable_reasons"], strict=True)
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="note_taker_indicators",
        column_config={"Verloop": st.column_config.LineChartColumn("Verloop (5 jaar)")},
    )
with db_session() as db:
    earlier = earlier_outcomes(
        db=db,
        indicator_codes=list(overview["code"]),
        district_code=dialogue.district_code,
        before=dialogue.session_date,
    )
if not earlier.empty:
    with st.expander(f"Eerder besproken bij dit thema ({len(earlier)})", expanded=False):
        st.caption(
            "Duiding en acties uit eerdere sessies, wat de gemeenten ermee deden en hoe de indicator "
            "sindsdien veranderde."
        )
        follow_up_table(earlier, with_indicator=True)
indicator_names = {
    "": "Het thema als geheel",
    **{r["code"]: f"{r['code']} – {r['name']}" for r in overview.to_dict("records")},
}


def _add_note(indicator: str, kind: str, organisations: list[str], factor: str) -> None:
    actor = current_actor()

    def work() -> Note:
        return run_with_retry(
            get_engine(),
            lambda db: create_note(
                actor=actor,
                db=db,
                table_id=table_id,
                author=author or Role.NOTE_TAKER,
                kind=kind,
                indicator_code=indicator or None,
                organisations=organisations,
                ccv_factor=factor.strip() or None,
            ),
            immediate=True,
        )

    run_with_feedback("note_taker", work)


def _save(note_id: int, key: str) -> None:
    state: Any = st.session_state.get(key)
    payload = getattr(state, "text", None) if state is not None else None
    if payload is None and isinstance(state, dict):
        payload = state.get("text")
    if not isinstance(payload, dict):
        return
    actor = current_actor()
    try:
        result = run_with_retry(
            get_engine(),
            lambda db: save_note(
                actor=actor,
                db=db,
                note_id=note_id,
                expected_version=int(payload["base"]),
                author=author or Role.NOTE_TAKER,
                own_earlier_texts=[str(text) for text in payload.get("earlier") or []],
                text=str(payload["text"]),
            ),
            immediate=True,
        )
    except DatabaseUnavailable as problem:  # the text stays in the browser and is sent again in a few seconds
        st.session_state[f"{key}_status"] = f"Nog niet opgeslagen: {problem}"
        st.session_state[f"{key}_retry"] = True
        return
    except UserError as refused:  # shown as the editor's status line, not as a message above the page
        st.session_state[f"{key}_status"] = str(refused)
        return
    st.session_state[f"{key}_retry"] = False
    st.session_state[f"{key}_acked"] = str(payload["text"])  # stored (as this note or, after a conflict, a sibling)
    stamp = format_time(datetime.now(UTC))
    if result.saved:
        st.session_state[f"{key}_status"] = f"Opgeslagen om {stamp} (versie {result.note.version})"
    else:
        other = result.conflict.author if result.conflict else "een ander"
        st.session_state[f"{key}_status"] = f"Tegelijk bewerkt door {other}: beide versies zijn bewaard"


show_feedback("note_taker")
with st.form("new_note", clear_on_submit=True, border=True):
    st.markdown("**Nieuwe notitie**")
    form_left, form_right = st.columns(2)
    indicator = form_left.selectbox("Over", list(indicator_names), format_func=indicator_names.__getitem__)
    kind = form_right.selectbox("Soort", list(NOTE_KINDS), format_func=NOTE_KINDS.__getitem__)
    raised_by = form_left.multiselect(
        "Ingebracht door (organisaties)", ORGANISATIONS, key="note_organisations", placeholder="Kies organisaties"
    )
    factor = form_right.text_input(
        "Factor uit de Tafel van 12 (bij belevingsindicatoren)",
        key="note_factor",
        placeholder="bijv. sociale cohesie, media",
    )
    if st.form_submit_button("Notitie toevoegen"):
        _add_note(indicator, kind, raised_by, factor)


@st.fragment
def notes_of_the_table() -> None:
    """The notes with their editors. A fragment: a save reruns only this part of the page, not the indicator
    table and the rest (eight note-takers typing at once would otherwise keep the server busy)."""
    with db_session() as db:
        notes = table_notes(actor=current_actor(), db=db, table_id=table_id, with_actions=False).notes
    for note in notes:
        assert note.id is not None
        key = f"note_{note.id}"
        with st.container(border=True, key=f"note_box_{note.id}"):
            about = indicator_names.get(note.indicator_code or "", note.indicator_code or "thema")
            st.markdown(
                f"**{NOTE_KINDS.get(note.kind, note.kind)}** · {markdown_text(about)} · {markdown_text(note.author)}"
            )
            if note.conflict_of:
                st.warning(f"Tegelijk bewerkt met notitie {note.conflict_of}: beide versies zijn bewaard.")
            details = ", ".join(note.organisations) + (f" · Tafel van 12: {note.ccv_factor}" if note.ccv_factor else "")
            if details.strip(" ·,"):
                st.caption(markdown_text(details))
            autosave_note(
                key=key,
                note_id=note.id,
                text=note.text,
                version=note.version,
                status=st.session_state.get(f"{key}_status", f"Opgeslagen (versie {note.version})"),
                on_change=partial(_save, note.id, key),
                retry=bool(st.session_state.get(f"{key}_retry")),
                acked=st.session_state.get(f"{key}_acked"),
            )


notes_of_the_table()
with db_session() as db:
    written = table_notes(actor=current_actor(), db=db, table_id=table_id, history=5)

with st.expander("Geschiedenis van de notities (wie, wanneer, wat)"):
    for note in written.notes:
        assert note.id is not None
        for entry in written.history.get(note.id, []):
            text = str(entry.snapshot.get("text", ""))[:80]
            st.caption(
                f"Notitie {note.id} v{entry.version} · {markdown_text(entry.author)} · "
                f"{format_datetime(entry.saved_at)} · {markdown_text(text)}"
            )

st.subheader("Voorgestelde acties")
for action in written.actions:
    where = ", ".join(action.municipalities) or "hele district"
    st.markdown(
        f"- **{markdown_text(action.title)}** – trekker: {markdown_text(action.lead_organisation or '?')}; "
        f"{where}; "
        f"prioriteit {action.priority}; {action.votes} stippen"
    )
with st.form("new_action", clear_on_submit=True):
    title = st.text_input("Actie", key="action_title")
    lead = st.text_input("Trekker (organisatie)", key="action_lead")
    partners = st.multiselect("Partners", ORGANISATIONS, key="action_partners", placeholder="Kies partners")
    with db_session() as db:
        members = district_municipalities(db=db, district_code=dialogue.district_code)
    places = {m.code: m.name for m in members}
    municipalities = st.multiselect(
        "Voor welke gemeenten (leeg = het hele district)",
        list(places),
        format_func=places.__getitem__,
        key="action_municipalities",
        placeholder="Het hele district",
    )
    action_indicators = st.multiselect(
        "Indicatoren",
        [c for c in indicator_names if c],
        format_func=indicator_names.__getitem__,
        placeholder="Kies indicatoren",
    )
    plan_year = st.number_input(
        "Voor het jaarplan", min_value=2000, max_value=2100, value=dialogue.session_date.year + 1
    )
    priority = st.radio("Prioriteit", PRIORITIES, index=1, horizontal=True)
    if st.form_submit_button("Actie toevoegen") and title.strip():
        with write_transaction(get_engine()) as db:
            create_action(
                actor=current_actor(),
                db=db,
                table_id=table_id,
                author=author or Role.NOTE_TAKER,
                title=title,
                lead_organisation=lead,
                partners=partners,
                municipalities=municipalities,
                indicator_codes=action_indicators,
                jaarplan_year=int(plan_year),
                priority=priority,
            )
        st.rerun()
