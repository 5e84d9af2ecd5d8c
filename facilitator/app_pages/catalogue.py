"""Catalogue: browse and search the indicators with their definition and supplier."""

import pandas as pd
import streamlit as st

from core.access import Permission
from facilitator.auth import current_actor
from facilitator.cached import cached_catalogue
from facilitator.components.dutch_chrome import MISSING
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.state import db_session
from indicators.catalogue import search_catalogue
from indicators.source_choice import indicator_sources, set_preferred_source

STATUS_LABELS = {"actief": "Actief", "voorgesteld": "Voorgesteld (2022)", "vervallen": "Vervallen"}
NEWEST = "De nieuwste levering"

st.title("Indicatoren")
st.caption("De indicatorenlijst van de Monitor Integrale Veiligheid, editie 2020, met de voorstellen uit 2022.")

everything = cached_catalogue()

filters = st.columns([2, 2, 1])
search = filters[0].text_input("Zoeken", key="catalogue_search", placeholder="bijv. Halt, woninginbraak, Veilig Thuis")
themes = ["Alle thema's", *dict.fromkeys(everything["theme"])]
theme = filters[1].selectbox("Thema", themes, key="catalogue_theme")
status = filters[2].selectbox(
    "Status", list(STATUS_LABELS), format_func=STATUS_LABELS.__getitem__, key="catalogue_status"
)

frame = everything[everything["status"] == status]
if theme != themes[0]:
    frame = frame[frame["theme"] == theme]
frame = search_catalogue(frame, search)

st.write(f"{len(frame)} indicatoren")
st.dataframe(
    frame[["code", "name", "theme", "chain_step", "supplier", "kind", "perspective"]],
    hide_index=True,
    width="stretch",
    column_config={
        "code": "Code",
        "name": "Indicator",
        "theme": "Thema",
        "chain_step": "Stap",
        "supplier": "Leverancier",
        "kind": "Soort waarde",
        "perspective": "Registratie / beleving",
    },
    key="catalogue_table",
    placeholder=MISSING,
)

if not frame.empty:
    code: str = st.selectbox(
        "Details van",
        frame["code"],
        key="catalogue_detail",
        format_func=lambda c: f"{c} – {frame.loc[frame['code'] == c, 'name'].iloc[0]}",
    )
    row = frame[frame["code"] == code].iloc[0]
    with st.container(border=True):
        st.markdown(f"#### {row['name']}")
        st.write(row["definition"])
        details = {
            "Thema": row["theme"],
            "Stap in de veiligheidsketen": row["chain_step"],
            "Leverancier(s)": row["supplier"],
            "Soort waarde": row["kind"],
            "Frequentie": row["frequency"],
            "Registratie of beleving": row["perspective"],
            "Per inwoners": row["per_capita"] or "niet van toepassing",
            "Uitsplitsingen": row["breakdowns"] or "geen",
            "Editie": str(row["edition"]),
        }
        if row["status_reason"]:
            details["Toelichting status"] = row["status_reason"]
        details["Voorkeursbron"] = row["preferred_source"] or f"geen: {NEWEST.lower()} geeft de lijn"
        st.table(pd.DataFrame({"Kenmerk": list(details), "Waarde": list(details.values())}).set_index("Kenmerk"))


def _save_preferred(code: str) -> None:
    choice = st.session_state[f"preferred_source_{code}"]
    source = None if choice == NEWEST else str(choice)

    def work() -> None:
        with db_session() as db:
            set_preferred_source(db=db, actor=current_actor(), code=code, source=source)

    run_with_feedback("preferred_source", work, success=f"Voorkeursbron van {code}: {source or NEWEST.lower()}.")


if not frame.empty and current_actor().can(Permission.MANAGE_CATALOGUE):
    with db_session() as db:
        sources = indicator_sources(db=db, code=code)
    if len(sources) > 1 or row["preferred_source"]:
        st.markdown("##### Welke bron geeft de lijn?")
        st.caption(
            "Leveren twee bronnen hetzelfde jaar (CBS rondt af op vijftallen, Politie niet), dan toont de monitor "
            "de voorkeursbron; andere bronnen vullen alleen jaren aan die zij mist."
        )
        options = [NEWEST, *sources]
        current = row["preferred_source"] if row["preferred_source"] in sources else NEWEST
        st.selectbox("Voorkeursbron", options, index=options.index(current), key=f"preferred_source_{code}")
        st.button("Voorkeursbron opslaan", key="preferred_source_save", on_click=_save_preferred, args=(code,))
        show_feedback("preferred_source")
