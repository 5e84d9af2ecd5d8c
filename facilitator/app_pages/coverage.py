"""Coverage: indicators per theme and chain step, gaps (lacunes) and possible overlaps."""

import pandas as pd
import streamlit as st

from facilitator.cached import cached_coverage
from facilitator.components.dutch_chrome import MISSING
from indicators.coverage import gaps

st.title("Dekking en lacunes")
st.write(
    "Hoeveel actieve indicatoren er per thema en stap in de veiligheidsketen zijn. Lege cellen zijn lacunes; "
    "zo ontdekte de werkgroep dat er indicatoren voor preventie en effect ontbraken."
)
matrix, overlaps = cached_coverage()


def _highlight(value: object) -> str:
    return "background-color: #fee2e2; color: #991b1b; font-weight: 600" if value == 0 else ""


st.dataframe(matrix.style.map(_highlight), width="stretch", key="coverage_matrix", placeholder=MISSING)
empty = gaps(matrix)
if empty:
    st.markdown("**Lacunes:** " + "; ".join(f"{theme} – {step}" for theme, step in empty))

st.subheader("Mogelijke overlap")
st.caption("Paren in dezelfde cel met een gedeelde leverancier en een vergelijkbare definitie.")
if overlaps.empty:
    st.write("Geen mogelijke overlap gevonden.")
else:
    st.dataframe(
        pd.DataFrame(
            {
                "Thema": overlaps["theme"],
                "Stap": overlaps["chain_step"],
                "Indicator A": overlaps["code_a"] + " – " + overlaps["name_a"],
                "Indicator B": overlaps["code_b"] + " – " + overlaps["name_b"],
                "Gedeelde leverancier": overlaps["shared_suppliers"],
                "Gelijkenis": (overlaps["similarity"] * 100).round().astype(int).astype(str) + "%",
            }
        ),
        hide_index=True,
        width="stretch",
        key="overlap_table",
        placeholder=MISSING,
    )
