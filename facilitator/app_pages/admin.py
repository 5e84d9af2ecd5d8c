"""Beheer: users and roles, sessions' retention periods, one person's data (export or erase), the audit log."""

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from core.access import ROLE_LABELS, Role
from core.accounts import create_user, grant_session_role, list_users, update_user
from core.audit import audit_log
from core.formatting import format_date, format_datetime
from core.spreadsheet import frame_csv
from facilitator.auth import current_actor
from facilitator.cached import cached_districts
from facilitator.components.dutch_chrome import MISSING
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.state import db_session
from sessions.dialogue import list_dialogues
from sessions.participants import participants_of
from sessions.privacy import (
    erase_participant,
    person_export,
    pseudonymise_dialogue,
    retention_ends,
    set_retention,
)

st.title("Beheer")
actor = current_actor()
places = {code: name for _, _, members in cached_districts() for code, name in members}
roles = [str(r) for r in Role]


def _run(message: str, operation: Callable[..., object]) -> None:
    """Run a domain operation (a `partial` with its own arguments bound, so mypy checks their names) with the
    database and the current actor; the outcome is shown on the next run."""

    def work() -> None:
        with db_session() as db:
            operation(db=db, actor=current_actor())

    run_with_feedback("admin", work, success=message)


show_feedback("admin")

users_tab, retention_tab, person_tab, audit_tab = st.tabs(
    ["Gebruikers", "Bewaartermijnen", "Persoonsgegevens", "Auditlog"]
)
with users_tab, db_session() as db:
    users = list_users(db=db, actor=actor)
    dialogues = list_dialogues(db=db)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "gebruiker": u.username,
                    "naam": u.display_name,
                    "e-mail": u.email or "",
                    "rollen": ", ".join(u.roles),
                    "gemeenten": ", ".join(u.municipalities) or "alle",
                    "actief": u.active,
                    "laatst ingelogd": format_date(u.last_login_at) if u.last_login_at else "",
                    "demo": "fictief demo-account" if u.is_demo else "",
                }
                for u in users
            ]
        ),
        hide_index=True,
        width="stretch",
        key="admin_users",
        placeholder=MISSING,
    )
    new_column, edit_column = st.columns(2)
    with new_column.form("admin_new_user", clear_on_submit=True):
        st.markdown("**Nieuwe gebruiker**")
        username = st.text_input("Gebruikersnaam", key="admin_new_username")
        name = st.text_input("Naam", key="admin_new_name")
        email = st.text_input("E-mail (voor inloggen via de organisatie)", key="admin_new_email")
        password = st.text_input(
            "Wachtwoord (minstens 10 tekens; leeg = alleen organisatielogin)", type="password", key="admin_new_password"
        )
        chosen = st.multiselect(
            "Rollen",
            roles,
            format_func=lambda r: ROLE_LABELS[Role(r)],
            key="admin_new_roles",
            placeholder="Kies rollen",
        )
        municipalities = st.multiselect(
            "Gemeenten (beleidsmedewerker; leeg = alle)",
            list(places),
            format_func=places.__getitem__,
            key="admin_new_places",
            placeholder="Alle gemeenten",
        )
        if st.form_submit_button("Aanmaken"):
            _run(
                f"Gebruiker '{username}' aangemaakt.",
                partial(
                    create_user,
                    username=username,
                    display_name=name,
                    email=email or None,
                    password=password or None,
                    roles=chosen,
                    municipalities=municipalities,
                ),
            )
            st.rerun()
    with edit_column.container(border=True):
        st.markdown("**Gebruiker wijzigen**")
        by_id = {u.id: u for u in users if u.id is not None}
        if by_id:
            who = st.selectbox("Gebruiker", list(by_id), format_func=lambda i: by_id[i].username, key="admin_edit_who")
            user_id = int(who or 0)
            user = by_id[user_id]
            new_roles = st.multiselect(
                "Rollen",
                roles,
                default=user.roles,
                key=f"admin_edit_roles_{user.id}",
                format_func=lambda r: ROLE_LABELS[Role(r)],
                placeholder="Geen rollen",
            )
            new_places = st.multiselect(
                "Gemeenten",
                list(places),
                default=[m for m in user.municipalities if m in places],
                format_func=places.__getitem__,
                key=f"admin_edit_places_{user.id}",
                placeholder="Alle gemeenten",
            )
            active = st.checkbox("Actief", value=user.active, key=f"admin_edit_active_{user.id}")
            new_password = st.text_input(
                "Nieuw wachtwoord (leeg = ongewijzigd)", type="password", key=f"admin_edit_password_{user.id}"
            )
            st.button(
                "Opslaan",
                key="admin_edit_save",
                on_click=_run,
                args=(
                    f"Gebruiker '{user.username}' gewijzigd.",
                    partial(
                        update_user,
                        user_id=user_id,
                        roles=new_roles,
                        municipalities=new_places,
                        active=active,
                        password=new_password or None,
                    ),
                ),
            )
            if dialogues:
                labels = {d.id: d.name for d in dialogues}
                target = st.selectbox("Sessie", list(labels), format_func=labels.__getitem__, key="admin_grant_session")
                role = st.radio(
                    "Rol in die sessie",
                    [str(Role.MODERATOR), str(Role.NOTE_TAKER)],
                    horizontal=True,
                    key="admin_grant_role",
                )
                st.button(
                    "Rol in sessie geven",
                    key="admin_grant",
                    on_click=_run,
                    args=(
                        f"{user.username} is {role} in sessie {target}.",
                        partial(grant_session_role, user_id=user_id, dialogue_id=int(target or 0), role=role),
                    ),
                )

with retention_tab:
    st.write(
        "Na de bewaartermijn (gerekend vanaf de sessiedatum) worden de namen van deelnemers automatisch "
        "vervangen door een pseudoniem, ook waar ze in notities of de geschiedenis staan."
    )
    for dialogue in dialogues:
        assert dialogue.id is not None
        with st.container(border=True):
            state = (
                f"gepseudonimiseerd op {format_date(dialogue.pseudonymised_at)}"
                if dialogue.pseudonymised_at
                else f"namen tot {format_date(retention_ends(dialogue))}"
            )
            st.markdown(f"**{dialogue.name}** · {format_date(dialogue.session_date)} · {state}")
            days = st.number_input(
                "Bewaartermijn (dagen)",
                min_value=1,
                max_value=3650,
                value=dialogue.retention_days,
                key=f"retention_{dialogue.id}",
            )
            left, right = st.columns(2)
            left.button(
                "Termijn opslaan",
                key=f"retention_save_{dialogue.id}",
                on_click=_run,
                args=("Bewaartermijn opgeslagen.", partial(set_retention, dialogue_id=dialogue.id, days=int(days))),
            )
            right.button(
                "Nu pseudonimiseren",
                key=f"pseudonymise_{dialogue.id}",
                on_click=_run,
                args=("Namen vervangen door pseudoniemen.", partial(pseudonymise_dialogue, dialogue_id=dialogue.id)),
            )

with person_tab:
    st.write(
        "Inzage (de gegevens van één persoon als bestand) of wissen (overal: deelnemerslijst, indelingen, "
        "notities, geschiedenis en toekomstige exports)."
    )
    if dialogues:
        labels = {d.id: d.name for d in dialogues}
        chosen_dialogue = st.selectbox("Sessie", list(labels), format_func=labels.__getitem__, key="privacy_session")
        with db_session() as db:
            people = participants_of(actor=actor, db=db, dialogue_id=int(chosen_dialogue or 0))
        names = {p.id: f"{p.name} – {p.organisation}" for p in people}
        if names:
            person = st.selectbox("Persoon", list(names), format_func=names.__getitem__, key="privacy_person")

            def _export(participant_id: int = int(person or 0)) -> bytes:
                with db_session() as db:
                    return person_export(db=db, actor=actor, participant_id=participant_id).encode("utf-8")

            st.download_button(
                "Gegevens van deze persoon (JSON)",
                _export,
                file_name="persoonsgegevens.json",
                mime="application/json",
                key="privacy_export",
                on_click="ignore",
            )
            sure = st.checkbox("Ik weet zeker dat deze persoon overal gewist moet worden", key="privacy_sure")
            st.button(
                "Wissen",
                key="privacy_erase",
                type="primary",
                disabled=not sure,
                on_click=_run,
                args=("De persoon is overal gewist.", partial(erase_participant, participant_id=int(person or 0))),
            )

with audit_tab, db_session() as db:
    log = audit_log(db=db, actor=actor)
    log = log.assign(tijd=[format_datetime(t) for t in log["tijd"]])
    st.dataframe(log, hide_index=True, width="stretch", key="audit_log", placeholder=MISSING)
    st.download_button(
        "Auditlog (CSV)",
        frame_csv(log),
        file_name="auditlog.csv",
        key="audit_export",
        on_click="ignore",
    )
