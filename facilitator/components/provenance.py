"""Banners and captions that say where figures come from."""

import streamlit as st

from indicators.provenance import DEMO_LABEL


def demo_banner(demo_share: float) -> None:
    """A visible warning whenever invented values are in play."""
    if demo_share > 0:
        st.warning(
            f"Deze omgeving bevat **{DEMO_LABEL}**: verzonnen waarden om de app te kunnen bekijken. "
            "Gebruik ze niet voor beleid. Echte cijfers dragen hun bron (Bron: CBS, © Politie).",
            icon=":material/warning:",
        )


def sources_caption(lines: list[str]) -> None:
    if lines:
        st.caption(" · ".join(lines))
