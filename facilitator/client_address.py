"""The address of the browser on the other end, for counting failed logins per address.

Streamlit gives the address of the websocket's peer (`st.context.ip_address`; None for 127.0.0.1 and ::1). Behind
a reverse proxy that peer is the proxy, so every user would share one count: with VD_FORWARDED_FOR=1 the address
is the last one in the X-Forwarded-For header, the one the proxy itself added. Set it only behind a proxy that adds
that header; without a proxy, a browser could write any address there.
"""

import os

import streamlit as st

FORWARDED_FOR_VARIABLE = "VD_FORWARDED_FOR"
ADDRESS_MAX = 64  # an IPv6 address with a zone fits; a longer header value is cut


def _forwarded_for() -> str | None:
    try:
        values = st.context.headers.get_all("X-Forwarded-For")
    except Exception:  # no request context (AppTest)
        return None
    hops = [hop.strip() for value in values for hop in value.split(",") if hop.strip()]
    return hops[-1][:ADDRESS_MAX] if hops else None


def client_address() -> str | None:
    """The client's IP address, or None when unknown (a local browser, or a test without a request)."""
    if os.environ.get(FORWARDED_FOR_VARIABLE, "").strip() == "1":
        return _forwarded_for()
    try:
        return st.context.ip_address
    except Exception:  # no request context (AppTest)
        return None
