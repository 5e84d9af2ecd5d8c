"""Dialogue sessions for the organiser: invitees, round 1 by the solver, manual moves, round 2, printables."""

import datetime
from functools import partial

import pandas as pd
import streamlit as st

from core.access import Actor, Role
from core.db import write_transaction
from facilitator.auth import current_actor
from facilitator.components.dutch_chrome import MISSING
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.components.markdown import markdown_lines, markdown_text
from facilitator.components.session_choice import dialogue_selector
from facilitator.state import db_session, get_engine
from facilitator.upload_guard import allow_uploads
from indicators.importing.issues import ImportRejected
from indicators.themes import THEME_NAMES, theme_name
from sessions.assignment.round_two import RoundTwoResult
from sessions.assignment.solve import Assignment
from sessions.dialogue import create_dialogue, dialogue_tables, get_dialogue
from sessions.documents import MIME_TYPES, name_cards_document
from sessions.kiosk_link import kiosk_url
from sessions.models import DialogueSession
from sessions.participants import (
    add_pair,
    add_participant,
    import_participants,
    pair_rules,
    participants_of,
    set_rsvp,
)
from sessions.pdf import pdf_available
from sessions.printables import briefing_markdown, name_cards_html, table_lists_html
from sessions.seating import (
    assign_round_one,
    check_seating,
    claim_seat,
    fill_round,
    round_overview,
    table_label,
)
from sessions.vocabulary import OrganisationType, Rsvp

st.title("Dialoogsessies")


def _create(name: str, when: datetime.date, kind: str, seats: int) -> None:
    def work() -> DialogueSession:
        with db_session() as db:
            return create_dialogue(
                actor=current_actor(), db=db, name=name, session_date=when, kind=kind, seats_per_table=seats
            )

    dialogue = run_with_feedback("sessions", work, success=lambda d: f"Sessie '{d.name}' is aangemaakt.")
    if dialogue is not None:
        st.query_params["sessie"] = str(dialogue.id)


with st.expander("Nieuwe sessie", key="new_session_box"), st.form("new_session"):
    name = st.text_input("Naam", placeholder="Dialoogsessie Monitor Integrale Veiligheid 2026")
    when = st.date_input("Datum", format="DD-MM-YYYY")
    kind = st.radio("Soort", ["ambtelijk", "bestuurlijk"], horizontal=True)
    seats = st.number_input("Plaatsen per tafel", min_value=2, max_value=30, value=10)
    if st.form_submit_button("Aanmaken"):
        _create(name, when, kind, int(seats))

show_feedback("sessions")

dialogue_id = dialogue_selector()
if dialogue_id is None:
    st.info("Er is nog geen sessie. Maak er hierboven een aan.")
    st.stop()
current_id: int = dialogue_id

with db_session() as db:
    dialogue = get_dialogue(db=db, dialogue_id=current_id)
    people = participants_of(actor=current_actor(), db=db, dialogue_id=current_id)
if dialogue.is_demo:
    st.warning("Dit is een demosessie met **fictieve demodata**: de namen zijn verzonnen.", icon=":material/warning:")
st.caption(
    f"Kioskcode voor ronde 2: **{dialogue.kiosk_code}** · {len(people)} genodigden · "
    f"{sum(p.rsvp == Rsvp.ACCEPTED for p in people)} aangemeld · "
    f"{sum(p.checked_in_at is not None for p in people)} aanwezig"
)

invitees, round_one, round_two, printables = st.tabs(["Genodigden", "Ronde 1", "Ronde 2", "Afdrukken"])


def _rsvp() -> None:
    """Reads the choices as they are at the click (not as they were when the page was drawn)."""
    with db_session() as db:
        set_rsvp(
            actor=current_actor(),
            db=db,
            participant_id=int(st.session_state["rsvp_who"]),
            rsvp=st.session_state["rsvp_answer"],
        )


def _pair() -> None:
    first, second = int(st.session_state["pair_first"]), int(st.session_state["pair_second"])
    kind = str(st.session_state["pair_kind"])

    def work() -> None:
        with db_session() as db:
            add_pair(
                actor=current_actor(),
                db=db,
                dialogue_id=current_id,
                first_id=first,
                second_id=second,
                kind=kind,
            )

    run_with_feedback("pair", work)


with invitees:
    allow_uploads()  # only reached by users who manage sessions
    upload = st.file_uploader(
        "Uitnodigingslijst (CSV of Excel: naam, organisatie, organisatietype, gemeente, rol, voorkeur_thema, aanwezig)",
        type=["csv", "xlsx"],
        key="invitations_file",
    )
    if upload is not None and st.button("Lijst toevoegen", key="invitations_import"):
        try:
            with db_session() as db:
                added = import_participants(
                    actor=current_actor(),
                    db=db,
                    dialogue_id=current_id,
                    data=upload.getvalue(),
                    file_name=upload.name,
                )
            st.success(f"{len(added)} genodigden toegevoegd.")
        except ImportRejected as rejected:
            st.error("De lijst is afgewezen; er is niets opgeslagen.\n\n" + markdown_lines(rejected.summary()))
    table = pd.DataFrame(
        [
            {
                "naam": p.name,
                "organisatie": p.organisation,
                "type": p.organisation_type,
                "rol": p.role,
                "voorkeur": THEME_NAMES.get(p.preferred_theme or "", ""),
                "aanmelding": p.rsvp,
                "aanwezig": p.checked_in_at is not None,
                "code": p.personal_code,
            }
            for p in people
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch", key="invitees_table", placeholder=MISSING)
    names = {p.id: f"{p.name} – {p.organisation}" for p in people}
    add_column, rsvp_column, pair_column = st.columns(3)
    with add_column.form("add_invitee"):
        st.markdown("**Genodigde toevoegen**")
        new_name = st.text_input("Naam", key="add_name")
        new_organisation = st.text_input("Organisatie", key="add_organisation")
        new_type = st.radio("Type", list(OrganisationType), horizontal=True, key="add_type")
        new_role = st.selectbox("Rol", [Role.PARTICIPANT, Role.MODERATOR, Role.NOTE_TAKER], key="add_role")
        new_theme = st.selectbox(
            "Voorkeursthema (voor gespreksleider en verslaglegger: hun thema)",
            ["", *dialogue.themes],
            format_func=lambda t: THEME_NAMES.get(t, "geen"),
            key="add_theme",
        )
        if st.form_submit_button("Toevoegen") and new_name.strip() and new_organisation.strip():
            with db_session() as db:
                add_participant(
                    actor=current_actor(),
                    db=db,
                    dialogue_id=current_id,
                    name=new_name,
                    organisation=new_organisation,
                    organisation_type=new_type or OrganisationType.PARTNER,
                    role=new_role,
                    preferred_theme=new_theme or None,
                    rsvp=Rsvp.ACCEPTED,
                )
            st.rerun()
    with rsvp_column.container(border=True):
        st.markdown("**Aanmelding wijzigen**")
        if names:
            st.selectbox("Genodigde", list(names), format_func=names.__getitem__, key="rsvp_who")
            st.radio("Aanmelding", list(Rsvp), horizontal=True, key="rsvp_answer")
            st.button("Opslaan", key="rsvp_save", on_click=_rsvp)
    with pair_column.container(border=True):
        st.markdown("**Samen of apart zetten**")
        if len(names) > 1:
            st.selectbox("Eerste", list(names), format_func=names.__getitem__, key="pair_first")
            st.selectbox("Tweede", list(names), format_func=names.__getitem__, key="pair_second", index=1)
            st.radio("Regel", ["samen", "apart"], horizontal=True, key="pair_kind")
            st.button("Regel toevoegen", key="pair_add", on_click=_pair)
        with db_session() as db:
            rules = pair_rules(db=db, dialogue_id=current_id)
        for rule in rules:
            st.caption(
                f"{markdown_text(names.get(rule.first_id, rule.first_id))} en "
                f"{markdown_text(names.get(rule.second_id, rule.second_id))}: "
                f"{rule.kind}"
            )
    show_feedback("pair")


def _round_key(round_number: int) -> str:
    """Where the feedback of a round's buttons (assign, fill, move) is kept: one key per round, for all of them."""
    return f"round_{round_number}"


def _assign() -> None:
    def work() -> Assignment:
        with write_transaction(get_engine()) as db:
            return assign_round_one(actor=current_actor(), db=db, dialogue_id=current_id, time_limit=5)

    run_with_feedback(_round_key(1), work, success=_assigned)


def _assigned(result: Assignment) -> str:
    quality = result.quality
    status = "optimaal" if result.optimal else f"{result.gap} punten van de ondergrens"
    return (
        f"{len(result.seating)} mensen ingedeeld ({result.method}, {status}). "
        f"Zelfde organisatie aan tafel: {quality.collisions} (onvermijdelijk: {quality.min_collisions}); "
        f"onbalans gemeente/partner: {quality.imbalance}; voorkeuren: {quality.preferences_met} van "
        f"{quality.preferences_total}."
    )


def _move(round_number: int) -> None:
    """Seat someone by hand (locked); a full table is refused ("Die tafel is vol.").

    Reads the two choices as they are when the button is clicked: arguments fixed when the page was drawn would
    move the person chosen before a quick last change."""
    participant_id = int(st.session_state[f"move_who_{round_number}"])
    table_id = int(st.session_state[f"move_where_{round_number}"] or 0)

    def work() -> None:
        with write_transaction(get_engine()) as db:
            claim_seat(
                actor=current_actor(),
                db=db,
                participant_id=participant_id,
                table_id=table_id,
                by="hand",
                lock=True,
            )

    run_with_feedback(_round_key(round_number), work)


def _seating_view(round_number: int) -> pd.DataFrame:
    show_feedback(_round_key(round_number))
    with db_session() as db:
        frame = round_overview(actor=current_actor(), db=db, dialogue_id=current_id, round_number=round_number)
        tables = dialogue_tables(db=db, dialogue_id=current_id, round_number=round_number)
        verdict = check_seating(db=db, dialogue_id=current_id, round_number=round_number)
    columns = st.columns(max(1, min(4, len(tables))))
    for index, table in enumerate(tables):
        members = frame[frame["table_id"] == table.id]
        with columns[index % len(columns)].container(border=True):
            st.markdown(f"**{table_label(table, dialogue.tables_per_theme)}** · {table.taken}/{table.seats}")
            for row in members.itertuples():
                role = f" ({row.rol!s})" if row.rol in (Role.MODERATOR, Role.NOTE_TAKER) else ""
                st.text(f"{row.naam}{role} – {row.organisatie}")
    if not frame.empty:
        quality = verdict.quality
        st.caption(
            f"Zelfde organisatie aan tafel: {quality.collisions} (onvermijdelijk: {quality.min_collisions}) · "
            f"onbalans gemeente/partner: {quality.imbalance} · voorkeuren: {quality.preferences_met} van "
            f"{quality.preferences_total}"
        )
        for problem in verdict.problems:
            st.error(problem)
        with st.expander("Iemand verplaatsen", key=f"move_box_{round_number}"):
            st.selectbox(
                "Deelnemer",
                list(frame["participant_id"]),
                key=f"move_who_{round_number}",
                format_func=lambda i: frame.set_index("participant_id").loc[i, "naam"],
            )
            labels = {t.id: table_label(t, dialogue.tables_per_theme) for t in tables}
            st.selectbox("Naar tafel", list(labels), format_func=labels.__getitem__, key=f"move_where_{round_number}")
            st.button(
                "Verplaatsen",
                key=f"move_button_{round_number}",
                on_click=_move,
                args=(round_number,),
            )
    return frame


with round_one:
    st.button(
        "Ronde 1 indelen",
        type="primary",
        key="assign_round_one",
        on_click=_assign,
        help="Deelt iedereen die aanwezig is in (of, als nog niemand is aangemeld bij de deur, iedereen die "
        "zich heeft aangemeld). Vastgezette plaatsen blijven staan.",
    )
    _seating_view(1)


def _fill_two() -> None:
    def work() -> RoundTwoResult:
        with write_transaction(get_engine()) as db:
            return fill_round(actor=current_actor(), db=db, dialogue_id=current_id, round_number=2)

    run_with_feedback(_round_key(2), work, success=RoundTwoResult.summary)


with round_two:
    st.write(
        f"Deelnemers kiezen zelf een thema op de kioskpagina (code **{dialogue.kiosk_code}**, met de "
        "persoonlijke code op hun naambordje). Wie niet kiest, deelt u hier in."
    )
    st.page_link(
        "app_pages/kiosk.py",
        label="Kioskpagina openen",
        icon=":material/touch_app:",
        query_params={"code": dialogue.kiosk_code},
    )
    kiosk_address = kiosk_url(dialogue.kiosk_code)
    st.markdown(f"Adres van de kiosk (ook als QR-code op de naambordjes): [{kiosk_address}]({kiosk_address})")
    st.button("Ronde 2 aanvullen", key="fill_round_two", on_click=_fill_two)
    _seating_view(2)


def _name_cards(actor: Actor, fmt: str) -> bytes:
    """Made when the button is clicked (after the page's run), with the actor the page knew."""
    with db_session() as db:
        return name_cards_document(actor=actor, db=db, dialogue_id=current_id, fmt=fmt)


with printables, db_session() as db:
    for round_number in range(1, dialogue.rounds + 1):
        lists = table_lists_html(actor=current_actor(), db=db, dialogue_id=current_id, round_number=round_number)
        st.download_button(
            f"Tafellijsten ronde {round_number} (HTML, afdrukbaar)",
            lists,
            file_name=f"tafellijsten_ronde_{round_number}.html",
            key=f"print_lists_{round_number}",
            on_click="ignore",
        )
    cards = name_cards_html(actor=current_actor(), db=db, dialogue_id=current_id)
    st.download_button(
        "Naambordjes met persoonlijke code en QR-code (HTML)",
        cards,
        file_name="naambordjes.html",
        key="print_cards",
        on_click="ignore",
    )
    can_pdf = pdf_available()
    for fmt, label in (("docx", "Word"), ("pdf", "PDF")):
        st.download_button(
            f"Naambordjes met QR-code ({label})",
            partial(_name_cards, current_actor(), fmt),
            file_name=f"naambordjes.{fmt}",
            mime=MIME_TYPES[fmt],
            key=f"print_cards_{fmt}",
            on_click="ignore",
            disabled=fmt == "pdf" and not can_pdf,
        )
    for theme in dialogue.themes:
        st.download_button(
            f"Briefing {theme_name(theme)} (Markdown)",
            briefing_markdown(actor=current_actor(), db=db, dialogue_id=current_id, theme_code=theme),
            file_name=f"briefing_{theme}.md",
            key=f"print_briefing_{theme}",
            on_click="ignore",
        )
