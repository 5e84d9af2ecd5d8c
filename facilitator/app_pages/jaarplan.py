"""Jaarplan page for policy staff: per municipality, what to do with every proposed action that concerns it."""

import streamlit as st

from core.access import Permission
from core.formatting import format_int
from core.spreadsheet import frame_csv
from facilitator.auth import current_actor
from facilitator.cached import cached_districts
from facilitator.components import url_state
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.components.markdown import markdown_text
from facilitator.state import db_session
from indicators.themes import theme_name
from sessions.jaarplan import DECISIONS, PROGRESS, actions_for_municipality, decide

st.title("Jaarplan veiligheid")
st.write(
    "De voorgestelde acties uit de dialoogsessies die uw gemeente aangaan. Leg vast wat u ermee doet, waar ze in "
    "het jaarplan staan en hoe ver ze zijn; volgend jaar ziet iedereen het terug bij de indicator."
)
actor = current_actor()
places = {
    code: name
    for _, _, members in cached_districts()
    for code, name in members
    if actor.can(Permission.DECIDE_JAARPLAN, municipality=code)
}
if not places:
    st.stop()
url_state.prepare("gemeente", list(places), next(iter(places)))
municipality = st.selectbox("Gemeente", list(places), format_func=places.__getitem__, key="gemeente")
url_state.publish("gemeente")


def _decide(action_id: int, title: str) -> None:
    prefix = f"jaarplan_{municipality}_{action_id}"

    def work() -> None:
        with db_session() as db:
            decide(
                actor=current_actor(),
                db=db,
                action_id=action_id,
                municipality_code=municipality,
                decision=st.session_state[f"{prefix}_decision"],
                reason=st.session_state[f"{prefix}_reason"],
                plan_reference=st.session_state[f"{prefix}_reference"],
                progress=st.session_state[f"{prefix}_progress"],
            )

    run_with_feedback(
        "jaarplan",
        work,
        success=f"Besluit over '{title}' opgeslagen.",
        explain=lambda refused: f"Niet opgeslagen: {refused}.",
    )


with db_session() as db:
    actions = actions_for_municipality(actor=actor, db=db, municipality_code=municipality)
if actions.empty:
    st.info("Er zijn nog geen voorgestelde acties voor deze gemeente.")
    st.stop()
if actions["fictief"].any():
    st.warning("Deze acties zijn **fictieve demodata**.", icon=":material/warning:")
decided = int((actions["besluit"] != "open").sum())
st.progress(decided / len(actions), text=f"{format_int(decided)} van {format_int(len(actions))} acties besloten")
show_feedback("jaarplan")

NO_YEAR = 0  # an action proposed without a year for the jaarplan
years = sorted({int(y) for y in actions["voor_jaar"].dropna()}, reverse=True)
if actions["voor_jaar"].isna().any():
    years.append(NO_YEAR)
chosen_year = st.segmented_control(
    "Voor het jaarplan",
    years,
    default=years[0],
    key="jaarplan_year",
    format_func=lambda y: "zonder jaar" if y == NO_YEAR else str(y),
)
year = years[0] if chosen_year is None else chosen_year  # a click on the chosen year again deselects it
in_year = actions["voor_jaar"].isna() if year == NO_YEAR else actions["voor_jaar"] == year
for row in actions[in_year].to_dict("records"):
    action_id = int(row["action_id"])
    prefix = f"jaarplan_{municipality}_{action_id}"
    with st.form(prefix, border=True):
        st.markdown(f"**{markdown_text(row['actie'])}**")
        lead = markdown_text(row["trekker"] or "nog te bepalen")
        st.caption(
            f"{theme_name(row['thema'])} · trekker: {lead} · prioriteit {row['prioriteit']} "
            f"· indicatoren: {row['indicatoren'] or '–'} · {markdown_text(row['sessie'])}"
        )
        first, second = st.columns(2)
        first.radio(
            "Besluit",
            list(DECISIONS),
            format_func=DECISIONS.__getitem__,
            horizontal=True,
            index=list(DECISIONS).index(row["besluit"]),
            key=f"{prefix}_decision",
        )
        second.selectbox("Voortgang", PROGRESS, index=PROGRESS.index(row["voortgang"]), key=f"{prefix}_progress")
        first.text_input(
            "Plek in het jaarplan (hoofdstuk of paragraaf)",
            value=row["plek_in_jaarplan"],
            key=f"{prefix}_reference",
            placeholder="bijv. § 3.2 Veilige wijken",
        )
        second.text_input("Reden (verplicht bij niet overnemen)", value=row["reden"], key=f"{prefix}_reason")
        st.form_submit_button("Opslaan", on_click=_decide, args=(action_id, str(row["actie"])))

export = actions.drop(columns=["action_id"]).assign(
    besluit=[DECISIONS[d] for d in actions["besluit"]],
    fictief=actions["fictief"].map({True: "fictieve demodata", False: ""}),
)
st.download_button(
    "Jaarplaninput exporteren (CSV)",
    frame_csv(export),
    file_name=f"jaarplaninput_{places[municipality]}.csv",
    key="jaarplan_export",
    on_click="ignore",
)
