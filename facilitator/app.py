"""Streamlit entry point: builds the navigation and runs the chosen page."""

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="Veiligheidsdialoog", page_icon=":material/shield:", layout="wide")

navigation = st.navigation(
    {
        "Monitor": [
            st.Page(PAGES_DIR / "home.py", title="Start", icon=":material/home:", url_path="start", default=True),
            st.Page(
                PAGES_DIR / "catalogue.py", title="Indicatoren", icon=":material/list_alt:", url_path="indicatoren"
            ),
        ],
    }
)
navigation.run()
