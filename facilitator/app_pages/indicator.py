"""One indicator: trend per municipality with the district, comparison, breakdown, info and gaps."""

import pandas as pd
import streamlit as st

from core.formatting import format_int, format_value
from facilitator.cached import cached_breakdown, cached_catalogue, cached_national, cached_trend
from facilitator.components import url_state
from facilitator.components.charts import breakdown_chart, comparison_chart, trend_chart
from facilitator.components.dutch_chrome import MISSING
from facilitator.components.follow_up import follow_up_table
from facilitator.components.markdown import markdown_text
from facilitator.components.provenance import demo_banner, sources_caption
from facilitator.components.scope import scope_controls
from facilitator.navigation import MONITOR_PAGE
from facilitator.state import db_session
from indicators.chart_data import nothing_to_draw, trend_for_chart
from indicators.detail import comparison, mixed_source_lines, provisional_years
from indicators.monitor import UNIT_LABELS
from indicators.provenance import MIXED_TOTAL
from indicators.series import SUMMED_KINDS, competing_sources
from sessions.follow_up import earlier_outcomes

catalogue = cached_catalogue()
active = catalogue[catalogue["status"] == "actief"].set_index("code")
url_state.prepare("indicator", list(active.index), str(active.index[0]))
code = st.selectbox(
    "Indicator", list(active.index), format_func=lambda c: f"{c} – {active.loc[c, 'name']}", key="indicator"
)
url_state.publish("indicator")
info = active.loc[code]
st.title(str(info["name"]))
scope = scope_controls()
if scope is None:
    st.stop()
st.page_link(
    MONITOR_PAGE,
    label=f"Terug naar de themetabel {info['theme']}",
    icon=":material/arrow_back:",
    query_params={"thema": str(info["theme_code"]), **scope.query_params()},
)

kind = str(info["kind"])
normalised = scope.per_capita and bool(info["per_capita"]) and kind in SUMMED_KINDS
trend = cached_trend(str(code), scope.district_code, normalised)
unit = str(info["per_capita"]) if normalised else UNIT_LABELS.get(kind, kind)
demo_banner(1.0 if trend["is_demo"].any() else 0.0)

measured = trend[trend["value"].notna()]
empty_chart = nothing_to_draw(trend)
if kind == "kwalitatief":
    st.info("Dit is een beschrijvende indicator; zie de toelichting per gemeente in de themetabel.")
elif empty_chart is not None:
    st.subheader("Verloop per gemeente")
    st.info(empty_chart, icon=":material/show_chart:")
else:
    shown, district_label = trend_for_chart(
        trend, summed_absolute=kind in SUMMED_KINDS and not normalised, district_name=scope.district_name
    )
    st.subheader("Verloop per gemeente")
    st.altair_chart(
        trend_chart(shown, unit=unit, district_label=district_label, highlight=scope.area_code), key="trend_chart"
    )

    st.subheader("Vergelijking tussen gemeenten")
    years = sorted(measured["year"].unique())
    year = st.select_slider("Jaar", options=years, value=years[-1], key="comparison_year")
    compared = comparison(trend, int(year))
    summed_absolute = kind in SUMMED_KINDS and not normalised
    bars = compared[~compared["is_district"]] if summed_absolute else compared
    st.altair_chart(comparison_chart(bars, unit=unit), key="comparison_chart")
    table = {
        "Gebied": list(compared["area_name"]),
        "Waarde": [
            format_value(v, kind, per_capita=normalised) + (" (voorlopig)" if p else "")
            for v, p in zip(compared["value"], compared["provisional"], strict=True)
        ],
    }
    if normalised:
        table["Aantal"] = [format_value(v, kind) for v in compared["raw_value"]]
        table["Inwoners"] = [format_int(v) for v in compared["population"]]
    table["Bron"] = list(compared["attribution"])
    national = cached_national(str(code), normalised)
    reference = national[national["year"] == int(year)]
    if not reference.empty:  # Nederland as the yardstick, below the district
        first = reference.iloc[0]
        table["Gebied"].append("Nederland")
        table["Waarde"].append(
            format_value(first["value"], kind, per_capita=normalised) + (" (voorlopig)" if first["provisional"] else "")
        )
        for column in ("Aantal", "Inwoners"):
            if column in table:
                table[column].append(MISSING)
        table["Bron"].append(str(first["attribution"]))
    st.table(pd.DataFrame(table).set_index("Gebied"))
    provisional = provisional_years(trend)
    if provisional:
        st.caption("Voorlopige cijfers, die de bron nog kan bijstellen: " + "; ".join(provisional))
    mixed = mixed_source_lines(trend)
    if mixed:
        st.caption("Let op, deze lijnen combineren bronnen: " + " · ".join(markdown_text(line) for line in mixed))
    with db_session() as db:
        competing = competing_sources(db=db, code=str(code), district_code=scope.district_code)
    if not competing.empty:
        st.subheader("Twee bronnen voor hetzelfde jaar")
        st.caption(
            "CBS rondt aantallen af op vijftallen, Politie niet. Getoond wordt de voorkeursbron uit de "
            "indicatorenlijst, of zonder voorkeur de bron van de laatst geïmporteerde levering; hieronder beide "
            "waarden en het verschil."
        )
        st.table(
            pd.DataFrame(
                {
                    "Gemeente": competing["area_name"],
                    "Jaar": competing["year"].astype(str),
                    "Getoond": [
                        f"{format_value(v, kind)} ({s})"
                        for v, s in zip(competing["shown_value"], competing["shown_source"], strict=True)
                    ],
                    "Andere bron": [
                        f"{format_value(v, kind)} ({s})"
                        for v, s in zip(competing["other_value"], competing["other_source"], strict=True)
                    ],
                    "Verschil": [format_value(v, kind) for v in competing["difference"]],
                }
            ).set_index("Gemeente")
        )

if info["breakdowns"]:
    st.subheader(f"Uitsplitsing – {scope.area_name}")
    parts = cached_breakdown(str(code), scope.district_code, scope.area_code, normalised)
    if parts.empty:
        st.write("Geen uitgesplitste cijfers voor dit gebied.")
    else:
        st.altair_chart(breakdown_chart(parts, unit=unit, stacked=kind in SUMMED_KINDS), key="breakdown_chart")

# missing municipal years, and district years left out because they would add real and demo values
gaps = trend[trend["value"].isna() & (~trend["is_district"] | (trend["missing_reason"] == MIXED_TOTAL))]
if not gaps.empty:
    with st.expander(f"Ontbrekende jaren ({len(gaps)})"):
        st.dataframe(
            gaps[["area_name", "year", "missing_reason"]].rename(
                columns={"area_name": "Gebied", "year": "Jaar", "missing_reason": "Reden"}
            ),
            hide_index=True,
            key="gaps_table",
            placeholder=MISSING,
        )

with db_session() as db:
    earlier = earlier_outcomes(db=db, indicator_codes=[str(code)], district_code=scope.district_code)
if not earlier.empty:
    st.subheader("Eerder besproken")
    st.caption(
        "Duiding en acties uit dialoogsessies over deze indicator, wat de gemeenten ermee deden in hun "
        "jaarplan, en hoe de indicator sindsdien veranderde (districtswaarde)."
    )
    follow_up_table(earlier)

with st.container(border=True):
    st.markdown("#### Over deze indicator")
    st.write(str(info["definition"]))
    facts = {
        "Thema": info["theme"],
        "Stap in de veiligheidsketen": info["chain_step"],
        "Leverancier(s)": info["supplier"],
        "Soort waarde": kind,
        "Frequentie": info["frequency"],
        "Registratie of beleving": info["perspective"],
        "Per inwoners": info["per_capita"] or "niet van toepassing",
        "Uitsplitsingen": info["breakdowns"] or "geen",
    }
    st.table(pd.DataFrame({"Kenmerk": list(facts), "Waarde": [str(v) for v in facts.values()]}).set_index("Kenmerk"))
    sources = sorted({a for a in trend["attribution"] if isinstance(a, str)})
    sources_caption(["Bronnen van de getoonde waarden: " + ", ".join(sources)] if sources else [])
