"""Who is logged in: local accounts (login page, cookie across reloads) or Streamlit's OIDC login when an identity
provider is configured in secrets. The actor found here is what every domain call receives; the domain layer
checks the permissions again, so hiding pages is only for convenience.

A login ends everywhere at once: the login token (shared by every tab of a browser through the cookie) is checked on
every run, and again by `current_actor` when the last check is more than LOGIN_CHECK_S old, so a callback, or a
fragment refreshing itself, finds out too. Logging out, a new password and switching the account off end the token;
the tab then shows the login page and says why.
"""

import time

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
CHECKED_KEY = "vd_login_checked"  # time.monotonic() of the last check that the login still holds
ENDED_KEY = "vd_login_ended"  # the login page says why it is back
LOGGED_OUT_KEY = "vd_logged_out"  # the login page clears the cookie
LOGIN_CHECK_S = 1.0


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


def _forget_login() -> None:
    for key in (USER_KEY, ACTOR_KEY, NAME_KEY, TOKEN_KEY, CHECKED_KEY):
        st.session_state.pop(key, None)


def _login_ended() -> None:
    """The token of this session no longer holds (logged out in another tab, a new password, switched off)."""
    _forget_login()
    st.session_state[ENDED_KEY] = True
    st.session_state[LOGGED_OUT_KEY] = True


def _session_user(db: Session) -> UserAccount | None:
    """The account of this browser session, or None; a login token that has ended ends the session's login."""
    token = st.session_state.get(TOKEN_KEY)
    if token:
        user = user_for_token(db=db, token=str(token))
        if user is None:
            _login_ended()
        return user
    user = _oidc_user(db)
    if user is None and (cookie := _cookie_token()):
        user = user_for_token(db=db, token=cookie)
        if user is not None:
            st.session_state[TOKEN_KEY] = cookie
    if user is None and (username := st.session_state.get(USER_KEY)):
        user = user_by_name(db=db, username=str(username))  # a session logged in by name only: the page tests
    return user


def resolve_actor() -> Actor | None:
    """Once per script run: the logged-in actor (roles fresh from the database), or None."""
    st.session_state.pop(REFUSAL_KEY, None)
    with db_session() as db:
        user = _session_user(db)
        if user is None:
            for key in (USER_KEY, ACTOR_KEY, NAME_KEY):
                st.session_state.pop(key, None)
            return None
        actor = actor_of(db=db, user=user)
        st.session_state[USER_KEY], st.session_state[NAME_KEY] = user.username, user.display_name
    st.session_state[ACTOR_KEY] = actor
    st.session_state[CHECKED_KEY] = time.monotonic()
    return actor


def _login_still_holds() -> bool:
    """Checked at most every LOGIN_CHECK_S: whether the login of this session has not ended meanwhile."""
    checked = st.session_state.get(CHECKED_KEY)
    if isinstance(checked, float) and time.monotonic() - checked < LOGIN_CHECK_S:
        return True
    with db_session() as db:
        token = st.session_state.get(TOKEN_KEY)
        username = st.session_state.get(USER_KEY)
        if token:
            holds = user_for_token(db=db, token=str(token)) is not None
        else:
            holds = bool(username) and user_by_name(db=db, username=str(username)) is not None
    if holds:
        st.session_state[CHECKED_KEY] = time.monotonic()
    return holds


def current_actor() -> Actor:
    """The actor of this browser session; stops the page when nobody is logged in, and starts the app again (on
    the login page) when the login ended meanwhile, also from a callback or a fragment."""
    actor = st.session_state.get(ACTOR_KEY)
    if not isinstance(actor, Actor):
        st.warning("Log eerst in.")
        st.stop()
    if not _login_still_holds():
        _login_ended()
        st.rerun()
    return actor


def login_ended() -> bool:
    """Once after a login ended elsewhere: True (the login page says so)."""
    return bool(st.session_state.pop(ENDED_KEY, False))


def display_name() -> str:
    return str(st.session_state.get(NAME_KEY) or st.session_state.get(USER_KEY) or "")


def logged_in(username: str, token: str) -> None:
    """After a successful password check: remember the user in this session and in the browser."""
    st.session_state.pop(LOGGED_OUT_KEY, None)
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
    _forget_login()
    st.session_state[LOGGED_OUT_KEY] = True
    if _oidc_logged_in():
        st.logout()


def clear_cookie_after_logout() -> None:
    if st.session_state.get(LOGGED_OUT_KEY):
        forget_login()
