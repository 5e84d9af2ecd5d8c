"""The monitor's scope controls: district or municipality, absolute or per 10,000.

Both live in the URL (`gebied=GM0748`, `per10k=1`), so a view can be bookmarked and shared.
"""

from dataclasses import dataclass

import streamlit as st

from facilitator.cached import cached_districts
from facilitator.components import url_state


@dataclass(frozen=True)
class ScopeChoice:
    district_code: str
    district_name: str
    area_code: str | None  # None: whole district
    area_name: str
    per_capita: bool

    def query_params(self) -> dict[str, str]:
        params = {"gebied": self.area_code or self.district_code}
        if self.per_capita:
            params["per10k"] = url_state.TRUE
        return params


def scope_controls() -> ScopeChoice | None:
    """Renders the area selector and the per-10,000 toggle; None when no district is configured."""
    configured = cached_districts()
    if not configured:
        st.info("Er is nog geen district met gemeenten ingericht.")
        return None
    names: dict[str, str] = {}
    district_of: dict[str, str] = {}
    for code, name, members in configured:
        names[code] = f"{name} (hele district)"
        district_of[code] = code
        for member_code, member_name in members:
            names[member_code] = member_name
            district_of[member_code] = code
    url_state.prepare("gebied", list(names), configured[0][0])
    url_state.prepare_flag("per10k")
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    area = left.selectbox("Gebied", list(names), format_func=names.__getitem__, key="gebied")
    per_capita = right.toggle(
        "Per 10.000 inwoners",
        key="per10k",
        help="Aantallen omgerekend per 10.000 inwoners (of per 1.000 jongeren, waar de indicator dat zegt), "
        "met de bevolking van hetzelfde jaar. Percentages en rapportcijfers blijven zoals ze zijn.",
    )
    url_state.publish("gebied")
    url_state.publish("per10k")
    district = district_of[area]
    district_name = next(name for code, name, _ in configured if code == district)
    return ScopeChoice(
        district_code=district,
        district_name=district_name,
        area_code=None if area == district else area,
        area_name=district_name if area == district else names[area],
        per_capita=bool(per_capita),
    )
