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


NOTHING_DELIVERED = "Geen waarden om te tekenen: voor deze indicator zijn in deze jaren geen cijfers geleverd."
NO_POPULATION = (
    "Geen waarden om te tekenen: er zijn aantallen geleverd, maar de bevolking van die jaren ontbreekt, "
    "dus er is geen cijfer per inwoners."
)


def nothing_to_draw(trend: pd.DataFrame) -> str | None:
    """The sentence that replaces a trend chart without a single value, saying why; None when there is a value."""
    if not trend.empty and trend["value"].notna().any():
        return None
    if "raw_value" in trend and trend["raw_value"].notna().any():
        return NO_POPULATION
    return NOTHING_DELIVERED


def isolated_years(trend: pd.DataFrame) -> pd.Series:
    """True for a value whose neighbouring expected years in its series (area) have none: a line cannot show it,
    so charts draw it as a point. `trend` holds a row per expected year, NaN where a value is missing."""
    ordered = trend.sort_values(["area_code", "year"])
    has_value = ordered["value"].notna()
    grouped = has_value.groupby(ordered["area_code"])
    before = grouped.shift(1, fill_value=False).astype(bool)
    after = grouped.shift(-1, fill_value=False).astype(bool)
    return (has_value & ~before & ~after).reindex(trend.index)
