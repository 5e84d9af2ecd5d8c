"""Streamlit entry point: finds who is logged in, builds their navigation and runs the chosen page."""

import streamlit as st

from facilitator.auth import display_name, keep_cookie, log_out, resolve_actor
from facilitator.navigation import sections
from facilitator.state import run_privacy_job

st.set_page_config(page_title="Veiligheidsdialoog", page_icon=":material/shield:", layout="wide")
run_privacy_job()
actor = resolve_actor()
if actor is not None:
    with st.sidebar:
        st.caption(f"Ingelogd als **{display_name()}** ({', '.join(sorted(actor.roles)) or 'rol per sessie'})")
        st.button("Uitloggen", key="logout", on_click=log_out, icon=":material/logout:")
        keep_cookie()
st.navigation(sections(actor)).run()
