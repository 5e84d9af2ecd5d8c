"""Monitor per theme: the appendix's theme table, four chain steps side by side."""

import pandas as pd
import streamlit as st

from core.formatting import format_value
from facilitator.cached import cached_catalogue, cached_theme_overview
from facilitator.components import url_state
from facilitator.components.dutch_chrome import MISSING
from facilitator.components.indicator_card import indicator_card
from facilitator.components.provenance import demo_banner, sources_caption
from facilitator.components.scope import scope_controls
from indicators.notable import UNFAVOURABLE, NotableRules

STEPS = [("preventie", "Preventie"), ("signalen", "Signalen"), ("interventies", "Interventies"), ("effect", "Effect")]

st.title("Monitor per thema")
catalogue = cached_catalogue()
active = catalogue[catalogue["status"] == "actief"]
themes = dict(zip(active["theme_code"], active["theme"], strict=True))
url_state.prepare("thema", list(themes), next(iter(themes)))
theme = st.segmented_control("Thema", list(themes), format_func=themes.__getitem__, required=True, key="thema")
url_state.publish("thema")
scope = scope_controls()
if scope is None or theme is None:
    st.stop()

overview = cached_theme_overview(theme, scope.district_code, scope.area_code, scope.per_capita)
demo_banner(1.0 if overview["is_demo"].any() else 0.0)
mode = "per 10.000 inwoners waar dat kan" if scope.per_capita else "absolute aantallen"
st.caption(
    f"**{themes[theme]}** · {scope.area_name} · {mode} · laatste meting per indicator, lijntje: verloop "
    "over de laatste vijf jaar · :material/description: registratie · :material/groups: beleving van inwoners"
)

context = overview[overview["chain_step_code"] == ""]
if not context.empty:
    for column, (_, row) in zip(st.columns(4), context.iterrows(), strict=False):
        with column:
            indicator_card(row.to_dict(), scope)

for column, (step_code, step_name) in zip(st.columns(4), STEPS, strict=True):
    with column:
        st.subheader(step_name)
        cell = overview[overview["chain_step_code"] == step_code]
        if cell.empty:
            st.info("Geen indicator in deze stap (lacune).", icon=":material/crop_free:")
        for _, row in cell.iterrows():
            indicator_card(row.to_dict(), scope)

st.subheader("Opvallendheden")
notables = overview[overview["notable"] != ""].copy()
if notables.empty:
    st.write("Geen opvallende veranderingen volgens de regel hieronder.")
else:
    notables["order"] = (notables["notable"] != UNFAVOURABLE).astype(int)
    notables = notables.sort_values(["order", "chain_step_code"])
    table = pd.DataFrame(
        {
            "Indicator": notables["name"],
            "Stap": notables["chain_step"],
            "Jaar": notables["latest_year"].astype("Int64"),
            "Waarde": [
                format_value(v, k, per_capita=p)
                for v, k, p in zip(
                    notables["latest_value"], notables["value_kind"], notables["per_capita_applied"], strict=True
                )
            ],
            "Beoordeling": notables["notable"],
            "Waarom": notables["notable_reasons"],
            "Bron": notables["figure_source"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="notables_table", placeholder=MISSING)
with st.expander("Hoe bepalen we wat opvallend is?"):
    st.write(NotableRules().describe())

sources_caption(sorted({part for text in overview["attribution"] for part in text.split(" · ") if part}))
notes = sorted({n for n in overview["population_note"] if n})
if notes:
    st.caption("Bevolking gebruikt: " + "; ".join(notes[:3]) + (" …" if len(notes) > 3 else ""))
