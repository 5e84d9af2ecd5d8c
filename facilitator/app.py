"""Streamlit entry point: builds the navigation and runs the chosen page."""

import streamlit as st

from facilitator.navigation import sections

st.set_page_config(page_title="Veiligheidsdialoog", page_icon=":material/shield:", layout="wide")
st.navigation(sections()).run()
