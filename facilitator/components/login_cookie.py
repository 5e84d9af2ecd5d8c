"""Keeps a login across page reloads: a small component that sets or clears the login cookie in the browser.

Streamlit cannot set cookies from Python; the browser sends this one with every new connection, where
`st.context.cookies` reads it. SameSite=Strict, Secure on HTTPS; it holds a random token whose hash is in the
database, so logging out (or an expired token) makes the cookie worthless.
"""

import streamlit as st

COOKIE_NAME = "vd_login"
JS = """
export default function({ data }) {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  if (data.token) {
    document.cookie = `${data.name}=${data.token}; path=/; max-age=${data.max_age}; SameSite=Strict${secure}`;
  } else {
    document.cookie = `${data.name}=; path=/; max-age=0; SameSite=Strict${secure}`;
  }
}
"""
_component = st.components.v2.component("veiligheidsdialoog.login_cookie", html="<span></span>", js=JS)


def keep_login(token: str, *, max_age_s: int) -> None:
    _component(key="vd_login_cookie", data={"name": COOKIE_NAME, "token": token, "max_age": max_age_s})


def forget_login() -> None:
    _component(key="vd_login_cookie_clear", data={"name": COOKIE_NAME, "token": "", "max_age": 0})
