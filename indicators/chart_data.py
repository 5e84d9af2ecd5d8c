"""What every trend chart shares, on screen (Altair, facilitator) and in documents (vl-convert, sessions)."""

from typing import Any

import pandas as pd

VEGA_NUMBER_LOCALE: dict[str, Any] = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
"""Dutch numbers in Vega-Lite: decimal comma, dot for thousands."""
DISTRICT_COLOUR = "#1f2937"


def trend_for_chart(trend: pd.DataFrame, *, summed_absolute: bool, district_name: str) -> tuple[pd.DataFrame, str]:
    """The trend as drawn: for absolute counts the district line is the average per municipality (a district
    total would dwarf the municipalities); returns the frame to draw and the district line's label."""
    if not summed_absolute:
        return trend, district_name
    shown = trend.copy()
    n = max(1, int((~trend["is_district"]).groupby(trend["year"]).sum().max()))
    shown.loc[shown["is_district"], "value"] = shown.loc[shown["is_district"], "value"] / n
    return shown, f"{district_name} (gemiddelde per gemeente)"
