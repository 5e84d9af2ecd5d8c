"""Jaarplan page for policy staff: per municipality, what to do with every proposed action that concerns it."""

import streamlit as st

from facilitator.cached import cached_districts
from facilitator.components import url_state
from facilitator.state import db_session
from indicators.export_safety import safe_cell
from sessions.jaarplan import DECISIONS, PROGRESS, JaarplanError, actions_for_municipality, decide

st.title("Jaarplan veiligheid")
st.write(
    "De voorgestelde acties uit de dialoogsessies die uw gemeente aangaan. Leg vast wat u ermee doet, waar ze in "
    "het jaarplan staan en hoe ver ze zijn; volgend jaar ziet iedereen het terug bij de indicator."
)
places = {code: name for _, _, members in cached_districts() for code, name in members}
if not places:
    st.stop()
url_state.prepare("gemeente", list(places), next(iter(places)))
municipality = st.selectbox("Gemeente", list(places), format_func=places.__getitem__, key="gemeente")
url_state.publish("gemeente")

with db_session() as session:
    actions = actions_for_municipality(session=session, municipality_code=municipality)
if actions.empty:
    st.info("Er zijn nog geen voorgestelde acties voor deze gemeente.")
    st.stop()
if actions["fictief"].any():
    st.warning("Deze acties zijn **fictieve demodata**.", icon=":material/warning:")

edited = st.data_editor(
    actions.drop(columns=["fictief"]),
    hide_index=True, width="stretch", key=f"jaarplan_{municipality}",
    disabled=["action_id", "actie", "thema", "trekker", "prioriteit", "indicatoren", "voor_jaar", "sessie"],
    column_config={
        "action_id": None,
        "besluit": st.column_config.SelectboxColumn("Besluit", options=list(DECISIONS), required=True),
        "voortgang": st.column_config.SelectboxColumn("Voortgang", options=list(PROGRESS), required=True),
        "plek_in_jaarplan": st.column_config.TextColumn("Plek in het jaarplan (hoofdstuk/paragraaf)"),
        "reden": st.column_config.TextColumn("Reden (verplicht bij niet overnemen)"),
    },
)  # fmt: skip

if st.button("Besluiten opslaan", type="primary", key="jaarplan_save"):
    problems = []
    with db_session() as session:
        for row in edited.to_dict("records"):
            try:
                decide(session=session, action_id=int(row["action_id"]), municipality_code=municipality,
                       decision=str(row["besluit"]), reason=str(row["reden"] or ""),
                       plan_reference=str(row["plek_in_jaarplan"] or ""), progress=str(row["voortgang"]),
                       user="beleidsmedewerker")  # fmt: skip
            except JaarplanError as error:
                problems.append(f"{row['actie']}: {error}")
        if problems:
            session.rollback()
    if problems:
        st.error("Niet opgeslagen:\n\n" + "\n\n".join(problems))
    else:
        st.success("Opgeslagen.")

export = edited.drop(columns=["action_id"]).map(safe_cell)
st.download_button("Jaarplaninput exporteren (CSV)", ("\ufeff" + export.to_csv(index=False, sep=";")).encode("utf-8"),
                   file_name=f"jaarplaninput_{places[municipality]}.csv", key="jaarplan_export")  # fmt: skip
