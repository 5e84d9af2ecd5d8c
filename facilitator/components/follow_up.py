"""The follow-up table: earlier duiding and actions with their jaarplan status and the trend since."""

import pandas as pd
import streamlit as st

from core.formatting import format_date

LABELS = {
    "indicator": "Indicator",
    "datum": "Datum",
    "sessie": "Sessie",
    "soort": "Soort",
    "tekst": "Tekst",
    "jaarplan": "In het jaarplan",
    "sinds": "Sindsdien (district)",
}


def follow_up_table(earlier: pd.DataFrame, *, with_indicator: bool = False) -> None:
    """A static table (text wraps, readable when printed); cells are plain text."""
    shown = earlier.assign(datum=[format_date(d) for d in earlier["datum"]])
    if not with_indicator:
        shown = shown.drop(columns=["indicator"])
    st.table(shown.rename(columns=LABELS), hide_index=True)
