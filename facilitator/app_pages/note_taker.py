"""Note-taker page, made for a tablet at the table (820 px wide and up): the new-note form at the top, the notes
newest first right under it (they save as they are typed), proposed actions, corrections and withdrawals, and the
theme's indicators at hand."""

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
from facilitator.components.dutch_chrome import MISSING
from facilitator.components.failures import guarded
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.components.follow_up import follow_up_table
from facilitator.components.markdown import markdown_text
from facilitator.components.session_choice import require_dialogue
from facilitator.components.table_choice import table_selector
from facilitator.components.table_clock import table_clock_panel
from facilitator.components.tablet import tablet_layout
from facilitator.state import db_session, get_engine
from indicators.areas import district_municipalities
from indicators.themes import theme_name
from sessions.follow_up import earlier_outcomes
from sessions.models import Action, Note
from sessions.notes import (
    NOTE_KINDS,
    PRIORITIES,
    create_action,
    create_note,
    restore_action,
    restore_note,
    save_action,
    save_note,
    table_notes,
    withdraw_action,
    withdraw_note,
)
from sessions.organisations import ORGANISATIONS

tablet_layout()
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
indicator_names = {
    "": "Het thema als geheel",
    **{r["code"]: f"{r['code']} – {r['name']}" for r in overview.to_dict("records")},
}
with db_session() as db:
    places = {m.code: m.name for m in district_municipalities(db=db, district_code=dialogue.district_code)}


PINNED = f"note_taker_new_note_{table_id}"


def _place_names(codes: list[str]) -> str:
    """Municipalities by name (codes only for a place outside the district), or the whole district."""
    return ", ".join(places.get(code, code) for code in codes) or "hele district"


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

    note = run_with_feedback("note_taker", work)
    if note is not None:
        st.session_state[PINNED] = note.id  # shown right under the form


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


def _withdraw_note(note_id: int, reason_key: str) -> None:
    actor = current_actor()
    reason = str(st.session_state.get(reason_key) or "")

    def work() -> None:
        with write_transaction(get_engine()) as db:
            withdraw_note(actor=actor, db=db, note_id=note_id, reason=reason)

    run_with_feedback(
        "note_taker_notes", work, success=f"Notitie {note_id} is ingetrokken: ze staat in geen verslag meer."
    )


def _restore_note(note_id: int) -> None:
    actor = current_actor()

    def work() -> None:
        with write_transaction(get_engine()) as db:
            restore_note(actor=actor, db=db, note_id=note_id)

    run_with_feedback("note_taker_notes", work, success=f"Notitie {note_id} is teruggezet.")


def _note_box(note: Note) -> None:
    assert note.id is not None
    key = f"note_{note.id}"
    with st.container(border=True, key=f"note_box_{note.id}"):
        about = indicator_names.get(note.indicator_code or "", note.indicator_code or "thema")
        st.markdown(
            f"**{NOTE_KINDS.get(note.kind, note.kind)}** · {markdown_text(about)} · {markdown_text(note.author)}"
            + (" · :orange-badge[kernconclusie]" if note.key_conclusion else "")
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
        with st.popover("Intrekken", icon=":material/delete:", key=f"withdraw_note_{note.id}"):
            st.caption("De notitie verdwijnt uit de notities, verslagen en exports; de geschiedenis blijft bewaard.")
            reason_key = f"withdraw_note_reason_{note.id}"
            st.text_input("Reden (niet verplicht)", key=reason_key, placeholder="bijv. dubbel, verkeerde tafel")
            st.button(
                "Notitie intrekken",
                key=f"withdraw_note_confirm_{note.id}",
                type="primary",
                on_click=partial(_withdraw_note, note.id, reason_key),
            )


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
@guarded
def notes_of_the_table() -> None:
    """The notes with their editors: the note just added here right under the form, then the others oldest first.
    The order stays put while someone types (a note added at another tablet comes last): an editor that moved would
    be drawn anew under the typing hand. A fragment: a save reruns only this part of the page, not the indicator
    table and the rest (eight note-takers typing at once would otherwise keep the server busy)."""
    with db_session() as db:
        written = table_notes(actor=current_actor(), db=db, table_id=table_id, with_actions=False)
    show_feedback("note_taker_notes")
    pinned = st.session_state.get(PINNED)
    for note in sorted(written.notes, key=lambda note: note.id != pinned):
        _note_box(note)
    if written.withdrawn_notes:
        with st.expander(f"Ingetrokken notities ({len(written.withdrawn_notes)})", key="withdrawn_notes_box"):
            for note in reversed(written.withdrawn_notes):
                with st.container(key=f"withdrawn_note_{note.id}"):
                    st.caption(
                        f"Notitie {note.id} · ingetrokken door {markdown_text(note.withdrawn_by or '?')}"
                        + (f" om {format_time(note.withdrawn_at)}" if note.withdrawn_at else "")
                    )
                    st.text(note.text or "(leeg)")
                    st.button(
                        "Terugzetten",
                        key=f"restore_note_{note.id}",
                        icon=":material/undo:",
                        on_click=partial(_restore_note, note.id or 0),
                    )


notes_of_the_table()


def _save_action(action_id: int, version: int) -> None:
    """The edit form's fields, read at the click; refused (and shown) when someone else saved the action first."""
    actor = current_actor()
    state = st.session_state

    def work() -> None:
        with write_transaction(get_engine()) as db:
            save_action(
                actor=actor,
                db=db,
                action_id=action_id,
                expected_version=version,
                author=author or Role.NOTE_TAKER,
                title=str(state[f"edit_action_title_{action_id}"]),
                lead_organisation=str(state[f"edit_action_lead_{action_id}"]).strip(),
                municipalities=list(state[f"edit_action_places_{action_id}"]),
                priority=str(state[f"edit_action_priority_{action_id}"]),
            )

    run_with_feedback("note_taker_actions", work, success="Actie gewijzigd.")


def _withdraw_action(action_id: int, reason_key: str) -> None:
    actor = current_actor()
    reason = str(st.session_state.get(reason_key) or "")

    def work() -> None:
        with write_transaction(get_engine()) as db:
            withdraw_action(actor=actor, db=db, action_id=action_id, reason=reason)

    run_with_feedback(
        "note_taker_actions", work, success="Actie ingetrokken: ze staat in geen verslag, actielijst of jaarplan meer."
    )


def _restore_action(action_id: int) -> None:
    actor = current_actor()

    def work() -> None:
        with write_transaction(get_engine()) as db:
            restore_action(actor=actor, db=db, action_id=action_id)

    run_with_feedback("note_taker_actions", work, success="Actie teruggezet.")


def _action_box(action: Action) -> None:
    assert action.id is not None
    with st.container(border=True, key=f"action_box_{action.id}"):
        st.markdown(
            f"**{markdown_text(action.title)}**  \n"
            f"Trekker: {markdown_text(action.lead_organisation or '?')} · "
            f"{markdown_text(_place_names(action.municipalities))}"
            f" · prioriteit {action.priority} · {action.votes} {'stip' if action.votes == 1 else 'stippen'}"
        )
        edit, withdraw = st.columns(2)
        with edit.popover("Wijzigen", icon=":material/edit:", key=f"edit_action_{action.id}", width="stretch"):
            st.text_input("Actie", value=action.title, key=f"edit_action_title_{action.id}")
            st.text_input("Trekker (organisatie)", value=action.lead_organisation, key=f"edit_action_lead_{action.id}")
            st.multiselect(
                "Voor welke gemeenten (leeg = het hele district)",
                sorted(set(places) | set(action.municipalities)),
                default=action.municipalities,
                format_func=lambda code: places.get(code, code),
                key=f"edit_action_places_{action.id}",
                placeholder="Het hele district",
            )
            st.radio(
                "Prioriteit",
                PRIORITIES,
                index=PRIORITIES.index(action.priority) if action.priority in PRIORITIES else 1,
                horizontal=True,
                key=f"edit_action_priority_{action.id}",
            )
            st.button(
                "Wijziging opslaan",
                key=f"edit_action_save_{action.id}",
                type="primary",
                on_click=partial(_save_action, action.id, action.version),
            )
        with withdraw.popover(
            "Intrekken", icon=":material/delete:", key=f"withdraw_action_{action.id}", width="stretch"
        ):
            st.caption("De actie verdwijnt uit verslagen, actielijsten en jaarplannen; de geschiedenis blijft bewaard.")
            reason_key = f"withdraw_action_reason_{action.id}"
            st.text_input("Reden (niet verplicht)", key=reason_key, placeholder="bijv. dubbel, valt af")
            st.button(
                "Actie intrekken",
                key=f"withdraw_action_confirm_{action.id}",
                type="primary",
                on_click=partial(_withdraw_action, action.id, reason_key),
            )


with db_session() as db:
    written = table_notes(actor=current_actor(), db=db, table_id=table_id, history=5)

st.subheader("Voorgestelde acties")
show_feedback("note_taker_actions")
for action in written.actions:
    _action_box(action)
if written.withdrawn_actions:
    with st.expander(f"Ingetrokken acties ({len(written.withdrawn_actions)})", key="withdrawn_actions_box"):
        for action in written.withdrawn_actions:
            st.caption(f"{markdown_text(action.title)} · ingetrokken door {markdown_text(action.withdrawn_by or '?')}")
            st.button(
                "Terugzetten",
                key=f"restore_action_{action.id}",
                icon=":material/undo:",
                on_click=partial(_restore_action, action.id or 0),
            )
with (
    st.expander("Nieuwe actie", expanded=not written.actions, key="new_action_box"),
    st.form("new_action", clear_on_submit=True),
):
    title = st.text_input("Actie", key="action_title")
    lead = st.text_input("Trekker (organisatie)", key="action_lead")
    partners = st.multiselect("Partners", ORGANISATIONS, key="action_partners", placeholder="Kies partners")
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
        key="action_indicators",
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

with st.expander(f"Indicatoren {theme_name(table.theme_code)} (district)"):
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
        column_config={
            # narrow enough for a tablet in portrait (about 750 px of content): no column off the edge
            "Stap": st.column_config.TextColumn("Stap", width=80),
            "Indicator": st.column_config.TextColumn("Indicator", width=230),
            "Laatste waarde": st.column_config.TextColumn("Laatste", width=80),
            "Verloop": st.column_config.LineChartColumn("Verloop (5 jaar)", width=110),
            "Opvallend": st.column_config.TextColumn("Opvallend", width=200),
        },
        placeholder=MISSING,
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

with st.expander("Geschiedenis van notities en acties (wie, wanneer, wat)", key="history_box"):
    for label, items, history in (
        ("Notitie", [*written.notes, *written.withdrawn_notes], written.history),
        ("Actie", [*written.actions, *written.withdrawn_actions], written.action_history),
    ):
        for item in items:
            assert item.id is not None
            for entry in history.get(item.id, []):
                text = str(entry.snapshot.get("text", entry.snapshot.get("title", "")))[:80]
                withdrawn = entry.snapshot.get("withdrawn")
                change = " · ingetrokken" if withdrawn is True else " · teruggezet" if withdrawn is False else ""
                st.caption(
                    f"{label} {item.id} v{entry.version} · {markdown_text(entry.author)} · "
                    f"{format_datetime(entry.saved_at)}{change} · {markdown_text(text)}"
                )
