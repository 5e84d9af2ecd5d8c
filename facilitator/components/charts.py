"""Altair chart builders with Dutch number formatting (decimal comma, dot for thousands)."""

from typing import TypeVar

import altair as alt
import pandas as pd

from indicators.chart_data import DISTRICT_COLOUR, VEGA_NUMBER_LOCALE

DUTCH_LOCALE = alt.Locale(number=alt.NumberLocale(**VEGA_NUMBER_LOCALE))
ChartT = TypeVar("ChartT", alt.Chart, alt.LayerChart)


def _dutch(chart: ChartT) -> ChartT:
    # Altair's configure methods return `Self` at run time, but their signature-copying decorator hides it from mypy.
    configured: ChartT = chart.configure(locale=DUTCH_LOCALE).configure_axis(labelFontSize=12, titleFontSize=12)
    return configured


def trend_chart(trend: pd.DataFrame, *, unit: str, district_label: str, highlight: str | None = None) -> alt.LayerChart:
    """Lines per municipality over the years (the chosen one bold); the district as a thick dark
    dashed line; missing years stay gaps. Every value is also a point, so a year without a value in
    the neighbouring years (which a line cannot show) is still drawn."""
    data = trend.assign(
        series=trend["area_name"].where(~trend["is_district"], district_label),
        kind=trend["is_district"].map({True: "district", False: "gemeente"}),
        emphasis=1.0 if highlight is None else (trend["area_code"] == highlight).map({True: 1.0, False: 0.3}),
    )
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title="Jaar"),
        y=alt.Y("value:Q", title=unit, axis=alt.Axis(format=",.4~f")),
        detail="series:N",
        tooltip=[
            alt.Tooltip("series:N", title="Gebied"),
            alt.Tooltip("year:O", title="Jaar"),
            alt.Tooltip("value:Q", title=unit, format=",.1f"),
            alt.Tooltip("attribution:N", title="Bron"),
            alt.Tooltip("missing_reason:N", title="Ontbreekt"),
        ],
    )
    municipalities = base.transform_filter("datum.kind == 'gemeente'").mark_line(point=True, strokeWidth=1.5)
    municipalities = municipalities.encode(
        color=alt.Color("series:N", title="Gemeente"), opacity=alt.Opacity("emphasis:Q", legend=None, scale=None)
    )
    district = base.transform_filter("datum.kind == 'district'").mark_line(
        point=True, strokeWidth=4, color=DISTRICT_COLOUR, strokeDash=[6, 3]
    )
    return _dutch(alt.LayerChart(layer=[municipalities, district], height=360))


def comparison_chart(values: pd.DataFrame, *, unit: str) -> alt.Chart:
    """Horizontal bars for one year, the district bar dark."""
    data = values.assign(kind=values["is_district"].map({True: "district", False: "gemeente"}))
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("area_name:N", sort=None, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=220)),
            x=alt.X("value:Q", title=unit, axis=alt.Axis(format=",.4~f")),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=["gemeente", "district"], range=["#60a5fa", DISTRICT_COLOUR]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("area_name:N", title="Gebied"),
                alt.Tooltip("value:Q", title=unit, format=",.1f"),
                alt.Tooltip("attribution:N", title="Bron"),
            ],
        )
        .properties(height=max(160, 28 * len(data)))
    )
    return _dutch(chart)


def breakdown_chart(values: pd.DataFrame, *, unit: str, stacked: bool) -> alt.Chart:
    """Breakdown per year: stacked bars for parts of a count, grouped bars otherwise."""
    encoding = {
        "x": alt.X("year:O", title="Jaar"),
        "y": alt.Y("value:Q", title=unit, stack="zero" if stacked else None, axis=alt.Axis(format=",.4~f")),
        "color": alt.Color("breakdown:N", title="Uitsplitsing"),
        "tooltip": [
            alt.Tooltip("breakdown:N", title="Uitsplitsing"),
            alt.Tooltip("year:O", title="Jaar"),
            alt.Tooltip("value:Q", title=unit, format=",.1f"),
        ],
    }
    if not stacked:
        encoding["xOffset"] = alt.XOffset("breakdown:N")
    chart: alt.Chart = alt.Chart(values).mark_bar().encode(**encoding).properties(height=320)
    return _dutch(chart)
