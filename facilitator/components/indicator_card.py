"""One indicator in a theme-table cell: latest value, sparkline, change, notable marker, link."""

from collections.abc import Mapping
from typing import Any, Literal

import pandas as pd
import streamlit as st

from core.formatting import format_change, format_value
from facilitator.components.scope import ScopeChoice
from facilitator.navigation import INDICATOR_PAGE
from indicators.monitor import describe_skipped
from indicators.notable import FAVOURABLE, UNFAVOURABLE

PERSPECTIVE_ICONS = {"registratie": ":material/description:", "beleving": ":material/groups:"}
DeltaColour = Literal["normal", "inverse", "off"]
DELTA_COLOURS: dict[str, DeltaColour] = {"hoger_slechter": "inverse", "hoger_beter": "normal", "neutraal": "off"}
NOTABLE_BADGES = {
    UNFAVOURABLE: ":red-badge[:material/priority_high: opvallend, ongunstig]",
    FAVOURABLE: ":green-badge[:material/thumb_up: opvallend, gunstig]",
}
NEUTRAL_BADGE = ":orange-badge[:material/visibility: opvallend]"


def indicator_card(row: Mapping[Any, Any], scope: ScopeChoice) -> None:
    icon = PERSPECTIVE_ICONS.get(row["perspective"], "")
    year = None if pd.isna(row["latest_year"]) else int(row["latest_year"])
    with st.container(border=True):
        st.markdown(f"{icon} **{row['name']}**", help=_help(row))
        if row["value_kind"] == "kwalitatief":
            if row["text_value"]:
                st.text(row["text_value"])
            else:
                st.caption("Beschrijving per gemeente: kies een gemeente." if scope.area_code is None else "–")
        else:
            change = format_change(row["change_pct"])
            st.metric(
                row["name"],
                format_value(row["latest_value"], row["value_kind"], per_capita=row["per_capita_applied"]),
                delta=change or None,
                delta_color=DELTA_COLOURS.get(row["polarity"], "off"),
                delta_description=_previous(row) if change else None,
                chart_data=row["sparkline"] if len(row["sparkline"]) > 1 else None,
                label_visibility="collapsed",
            )
        national = row["national_value"]
        if not pd.isna(national):
            shown = format_value(national, row["value_kind"], per_capita=row["per_capita_applied"])
            st.caption(f"Nederland: {shown} ({row['national_attribution']})")
        if row["notable"]:
            st.markdown(NOTABLE_BADGES.get(row["notable"], NEUTRAL_BADGE), help=row["notable_reasons"])
        when = (f"{year} (voorlopig)" if row["provisional"] else str(year)) if year else "geen meting"
        # the mark beside the figure: its source, or "fictieve demodata" (or why there is no figure)
        details = [when, row["unit"], row["figure_source"], row["scope_note"]]
        if row["attribution"] and row["attribution"] != row["figure_source"]:
            details.append(f"verloop: {row['attribution']}")
        st.caption(" · ".join(d for d in details if d))
        st.page_link(
            INDICATOR_PAGE,
            label="Verloop en vergelijking",
            icon=":material/arrow_forward:",
            query_params={"indicator": row["code"], **scope.query_params()},
        )


def _previous(row: Mapping[Any, Any]) -> str:
    value = format_value(row["previous_value"], row["value_kind"], per_capita=row["per_capita_applied"])
    skipped = describe_skipped(row["skipped_years"])
    return f"t.o.v. {value} in {int(row['previous_year'])}" + (f" ({skipped})" if skipped else "")


def _help(row: Mapping[Any, Any]) -> str:
    parts = [row["definition"], f"Leverancier: {row['supplier']}."]
    if row["population_note"]:
        parts.append(f"Omgerekend {row['population_note']}.")
    if row["notable_reasons"]:
        parts.append(f"Opvallend: {row['notable_reasons']}.")
    return "\n\n".join(parts)
