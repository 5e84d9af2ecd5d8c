"""Table pages on a tablet: the note-taker and the moderator work at a table with a tablet (820 × 1180 in portrait).

The navigation sidebar is 300 px wide, over a third of such a screen; on these pages it starts collapsed (the
arrow at the top left opens it), so the notes and the indicators get the whole width. Other pages keep the app's
default.
"""

import streamlit as st


def tablet_layout() -> None:
    """Call first on a table page."""
    st.set_page_config(initial_sidebar_state="collapsed")
