"""Who is logged in: local accounts (login page, cookie across reloads) or Streamlit's OIDC login when an identity
provider is configured in secrets. The actor found here is what every domain call receives; the domain layer
checks the permissions again, so hiding pages is only for convenience."""

import streamlit as st
from sqlmodel import Session

from core.access import Actor
from core.accounts import (
    LOGIN_LIFETIME,
    LoginRefused,
    actor_of,
    end_login,
    identity_user,
    user_by_name,
    user_for_token,
)
from core.models import UserAccount
from facilitator.components.login_cookie import COOKIE_NAME, forget_login, keep_login
from facilitator.state import db_session

USER_KEY = "vd_username"
ACTOR_KEY = "vd_actor"
NAME_KEY = "vd_display_name"
TOKEN_KEY = "vd_login_token"  # a session-state key, not a secret
REFUSAL_KEY = "vd_oidc_refusal"


def oidc_configured() -> bool:
    """An identity provider in `.streamlit/secrets.toml` (an [auth] section, see the README)."""
    try:
        return bool(st.secrets.get("auth"))
    except Exception:  # no secrets file at all
        return False


def _oidc_logged_in() -> bool:
    return oidc_configured() and bool(st.user.is_logged_in)


def _oidc_user(db: Session) -> UserAccount | None:
    """The account of the identity-provider login, or None; a refused identity leaves its Dutch reason for the
    login page (`oidc_refusal`)."""
    if not _oidc_logged_in():
        return None
    email, verified = st.user.get("email"), st.user.get("email_verified")
    try:
        return identity_user(
            db=db, email=str(email) if email else None, email_verified=verified if isinstance(verified, bool) else None
        )
    except LoginRefused as refused:
        st.session_state[REFUSAL_KEY] = str(refused)
        return None


def oidc_refusal() -> str | None:
    """Why the organisation account someone is logged in with cannot use the app (this run), or None."""
    refusal = st.session_state.get(REFUSAL_KEY)
    return str(refusal) if refusal else None


def _cookie_token() -> str | None:
    """The login token the browser sent (None without one, or where there is no browser, as in AppTest)."""
    try:
        token = st.context.cookies.get(COOKIE_NAME)
    except Exception:  # no request context
        return None
    return token if isinstance(token, str) and token else None


def resolve_actor() -> Actor | None:
    """Once per script run: the logged-in actor (roles fresh from the database), or None."""
    st.session_state.pop(REFUSAL_KEY, None)
    with db_session() as db:
        user: UserAccount | None = None
        username = st.session_state.get(USER_KEY)
        if username:
            user = user_by_name(db=db, username=str(username))
        if user is None:
            user = _oidc_user(db)
        if user is None and (token := _cookie_token()):
            user = user_for_token(db=db, token=token)
            if user is not None:
                st.session_state[TOKEN_KEY] = token
        if user is None:
            for key in (USER_KEY, ACTOR_KEY, NAME_KEY):
                st.session_state.pop(key, None)
            return None
        actor = actor_of(db=db, user=user)
        st.session_state[USER_KEY], st.session_state[NAME_KEY] = user.username, user.display_name
    st.session_state[ACTOR_KEY] = actor
    return actor


def current_actor() -> Actor:
    """The actor of this browser session; stops the page when nobody is logged in."""
    actor = st.session_state.get(ACTOR_KEY)
    if not isinstance(actor, Actor):
        st.warning("Log eerst in.")
        st.stop()
    return actor


def display_name() -> str:
    return str(st.session_state.get(NAME_KEY) or st.session_state.get(USER_KEY) or "")


def logged_in(username: str, token: str) -> None:
    """After a successful password check: remember the user in this session and in the browser."""
    st.session_state[USER_KEY] = username
    st.session_state[TOKEN_KEY] = token


def keep_cookie() -> None:
    """Render on every run while logged in: (re)sets the login cookie in the browser."""
    token = st.session_state.get(TOKEN_KEY)
    if token:
        keep_login(str(token), max_age_s=int(LOGIN_LIFETIME.total_seconds()))


def log_out() -> None:
    token = st.session_state.pop(TOKEN_KEY, None) or _cookie_token()
    if token:
        with db_session() as db:
            end_login(db=db, token=str(token))
    for key in (USER_KEY, ACTOR_KEY, NAME_KEY):
        st.session_state.pop(key, None)
    st.session_state["vd_logged_out"] = True
    if _oidc_logged_in():
        st.logout()


def clear_cookie_after_logout() -> None:
    if st.session_state.get("vd_logged_out"):
        forget_login()
