"""Login: a local account (name and password), or the organisation's identity provider when configured."""

import streamlit as st

from core.accounts import authenticate, has_users, start_login
from core.errors import UserError
from facilitator.auth import clear_cookie_after_logout, logged_in, oidc_configured, oidc_refusal
from facilitator.components.feedback import remember, show_feedback
from facilitator.state import db_session
from sessions.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, only_demo_accounts

st.title("Veiligheidsdialoog")
clear_cookie_after_logout()
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
    with db_session() as db:  # a failed attempt is counted even though the login is refused
        try:
            user = authenticate(db=db, username=username, password=password)
            token = start_login(db=db, user=user)
        except UserError as refused:  # caught inside the transaction: a failed attempt is stored
            remember("login", "error", str(refused))
            return
    st.session_state.pop("vd_logged_out", None)
    logged_in(user.username, token)


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
        + ". Maak voor echt gebruik eigen accounts aan; dan verdwijnt deze hint.",
        icon=":material/info:",
    )
