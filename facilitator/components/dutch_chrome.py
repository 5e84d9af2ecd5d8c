"""Streamlit's own English words, made Dutch or hidden: Streamlit has no translations, so its few fixed texts
(the file uploader's button and hint, "Press Enter to apply", the running/stop widget, the table toolbar's
tooltips) are replaced by style rules on every page. A browser test scans every page for English left over."""

import streamlit as st

from core.formatting import format_int

UPLOAD_BUTTON = "Bestand kiezen"
MISSING = "–"  # what tables show for an empty cell (Streamlit would show "None")


def upload_hint(max_megabytes: int) -> str:
    return f"of sleep het hierheen (max. {format_int(max_megabytes)} MB per bestand)"


def _css(max_upload_mb: int) -> str:
    return f"""
<style>
/* File uploader: a Dutch button and hint instead of "Upload" and "50MB per file". */
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button span[data-has-shortcut]::after {{ content: "{UPLOAD_BUTTON}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
    content: "{upload_hint(max_upload_mb)}"; font-size: 0.875rem;
}}
/* "Press Enter to apply" under text fields: the field applies on Enter or on leaving it. */
[data-testid="InputInstructions"] {{ display: none; }}
/* The blinking "Running… Stop" widget: a page rerun is not something users act on. */
[data-testid="stStatusWidget"] {{ display: none; }}
/* A selectbox's English placeholder ("Choose an option") shows while its text is cleared to search: no text
   there instead (multiselects get a Dutch placeholder in the page). */
[data-testid="stSelectbox"] input::placeholder {{ color: transparent; }}
/* Table and chart toolbars carry English tooltips; every page offers its own Dutch downloads. */
[data-testid="stElementToolbar"] {{ display: none; }}
</style>
"""


def dutch_chrome(*, max_upload_mb: int) -> None:
    """Once per run, before the page: the style rules above (they take no space on the page)."""
    st.html(_css(max_upload_mb))
