"""Login: a local account (name and password), or the organisation's identity provider when configured."""

import streamlit as st

from core.accounts import has_users
from core.errors import UserError
from core.login import log_in
from facilitator.auth import clear_cookie_after_logout, logged_in, login_ended, oidc_configured, oidc_refusal
from facilitator.client_address import client_address
from facilitator.components.feedback import remember, show_feedback
from facilitator.state import db_session, get_engine
from sessions.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, only_demo_accounts

st.title("Veiligheidsdialoog")
clear_cookie_after_logout()
if login_ended():
    st.info(
        "U bent uitgelogd: uw login is beëindigd, bijvoorbeeld door uitloggen in een ander tabblad, een nieuw "
        "wachtwoord of een account dat is uitgeschakeld. Log opnieuw in.",
        icon=":material/logout:",
    )
st.write(
    "Log in om de monitor, de dialoogsessies en de jaarplannen te openen. Deelnemers die in ronde 2 een "
    "thema kiezen, hebben geen account nodig: zij gebruiken de kioskpagina."
)

if refusal := oidc_refusal():
    # Logged in at the organisation, but no account here: say why, and offer to leave that identity (logging out
    # at once would send the browser to the provider and back, and the reason would be lost on the way).
    st.error(refusal, icon=":material/block:")
    st.button("Uitloggen bij uw organisatieaccount", type="primary", on_click=st.logout, key="logout_oidc")
    st.caption("Of met een lokaal account:")
elif oidc_configured():
    st.button("Inloggen met uw organisatieaccount", type="primary", on_click=st.login, key="login_oidc")
    st.caption("Of met een lokaal account:")


def _login() -> None:
    username = str(st.session_state.get("login_username", ""))
    password = str(st.session_state.get("login_password", ""))
    try:  # no database connection is held while the password is checked
        login = log_in(engine=get_engine(), username=username, password=password, client=client_address())
    except UserError as refused:  # a wrong login, or a name no account can have
        remember("login", "error", str(refused))
        return
    logged_in(login.username, login.token)


with st.form("login", border=True):
    st.text_input("Gebruikersnaam", key="login_username", autocomplete="username")
    st.text_input("Wachtwoord", type="password", key="login_password", autocomplete="current-password")
    st.form_submit_button("Inloggen", type="primary", on_click=_login)
show_feedback("login")

with db_session() as db:
    demo_only = only_demo_accounts(db=db)
    nobody = not has_users(db=db)
if nobody:
    st.warning(
        "Er is nog geen account. Maak op de server een beheerder aan met `veiligheidsdialoog user add "
        "--username NAAM --role beheerder` (het wachtwoord wordt gevraagd)."
    )
if demo_only:
    st.info(
        "**Fictieve demodata** – demo-accounts (wachtwoord `"
        + DEMO_PASSWORD
        + "`): "
        + ", ".join(
            f"`{a.username}` ({a.display_name.removesuffix(' (fictief)').removeprefix('Demo ')})" for a in DEMO_ACCOUNTS
        )
        + ". Maak voor echt gebruik eigen accounts aan; zodra er een echte beheerder is, gaan de demo-accounts uit.",
        icon=":material/info:",
    )
