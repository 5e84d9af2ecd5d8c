"""Charts for documents: an indicator's trend in the district as a PNG, with a caption naming its unit and
sources. The same picture as the indicator page (a line per municipality, the district as a thick dark dashed
line, gaps stay gaps) without what only a screen needs (tooltips, selection); a year without a neighbouring value is
drawn as a point, since a line cannot show it. The Vega-Lite spec is
written directly and rendered by vl-convert, without a browser: a full report has dozens of charts."""

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
import vl_convert
from sqlmodel import Session

from indicators.catalogue import per_capita_unit
from indicators.chart_data import DISTRICT_COLOUR, VEGA_NUMBER_LOCALE, isolated_years, nothing_to_draw, trend_for_chart
from indicators.detail import indicator_trend
from indicators.monitor import UNIT_LABELS
from indicators.series import SUMMED_KINDS, indicator_meta

CHART_WIDTH_PX = 520
CHART_HEIGHT_PX = 190
SCALE = 1.5  # pixels per CSS pixel: sharp at 15 cm wide in print
_LOCALE: dict[str, Any] = {"number": VEGA_NUMBER_LOCALE}


# Vega's tableau10, fixed per district so a municipality has the same colour in every chart of a document
PALETTE = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"]


@dataclass(frozen=True)
class ChartImage:
    png: bytes
    caption: str
    legend: list[tuple[str, str]]  # (label, colour as #rrggbb); the district line comes last, dark


def colours(names: list[str]) -> dict[str, str]:
    return {name: PALETTE[index % len(PALETTE)] for index, name in enumerate(sorted(names))}


def trend_spec(shown: pd.DataFrame, *, unit: str, district_label: str, palette: dict[str, str]) -> dict[str, Any]:
    """Vega-Lite spec of the trend: municipalities as thin coloured lines, the district thick and dashed; isolated
    years (no value in the neighbouring years) as points in the same colours.

    No legend inside the picture (drawing one doubles the rendering time); the document writes it as coloured
    text under the chart, with the same fixed colours."""
    records = [
        {
            "year": int(year),
            "value": None if value is None or math.isnan(value) else float(value),
            "series": district_label if is_district else str(name),
            "district": bool(is_district),
            "isolated": bool(isolated),
        }
        for year, value, name, is_district, isolated in zip(
            shown["year"], shown["value"], shown["area_name"], shown["is_district"], isolated_years(shown), strict=True
        )
    ]
    colour = {
        "field": "series",
        "type": "nominal",
        "legend": None,
        "scale": {"domain": list(palette), "range": list(palette.values())},
    }
    x = {"field": "year", "type": "ordinal", "title": "Jaar", "axis": {"labelAngle": 0}}
    y = {"field": "value", "type": "quantitative", "title": unit, "axis": {"format": ",.4~f"}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": CHART_WIDTH_PX,
        "height": CHART_HEIGHT_PX,
        "data": {"values": records},
        "config": {
            "locale": _LOCALE,
            "axis": {"labelFontSize": 11, "titleFontSize": 11},
            "legend": {"labelFontSize": 10, "titleFontSize": 10},
            "view": {"stroke": None},
        },
        "layer": [
            {
                "transform": [{"filter": "!datum.district"}],
                "mark": {"type": "line", "strokeWidth": 1.5},
                "encoding": {"x": x, "y": y, "color": colour},
            },
            {
                "transform": [{"filter": "datum.district"}],
                "mark": {"type": "line", "strokeWidth": 3.5, "color": DISTRICT_COLOUR, "strokeDash": [6, 3]},
                "encoding": {"x": x, "y": y},
            },
            {
                "transform": [{"filter": "datum.isolated && !datum.district"}],
                "mark": {"type": "point", "filled": True, "size": 40, "opacity": 1},
                "encoding": {"x": x, "y": y, "color": colour},
            },
            {
                "transform": [{"filter": "datum.isolated && datum.district"}],
                "mark": {"type": "point", "filled": True, "size": 80, "opacity": 1, "color": DISTRICT_COLOUR},
                "encoding": {"x": x, "y": y},
            },
        ],
    }


def render_png(spec: dict[str, Any]) -> bytes:
    return bytes(vl_convert.vegalite_to_png(spec, scale=SCALE))


@dataclass(frozen=True)
class NoChart:
    """A chart with nothing to draw: the sentence that takes its place in the document, saying why."""

    sentence: str


@dataclass(frozen=True)
class ChartPlan:
    """Everything about a chart except the picture: rendering (the slow part) can happen elsewhere."""

    spec: dict[str, Any]
    caption: str
    legend: list[tuple[str, str]]
    is_demo: bool = False  # a value drawn comes from demo values (or, per capita, from demo population)

    def render(self) -> ChartImage:
        return ChartImage(render_png(self.spec), self.caption, self.legend)


def plan_indicator_chart(
    *,
    db: Session,
    code: str,
    district_code: str,
    district_name: str,
    series: pd.DataFrame | None = None,
) -> ChartPlan | NoChart | None:
    """The indicator's trend per municipality with the district line; per 10,000 inhabitants where the catalogue
    allows it (so municipalities of different size compare). `NoChart` with the reason when there is no value to
    draw; None for a descriptive indicator (no chart expected). `series` may hold the district's already fetched
    series."""
    meta = indicator_meta(db=db, codes=[code])[code]
    if meta.value_kind == "kwalitatief":
        return None
    normalised = meta.normalisable and meta.value_kind in SUMMED_KINDS
    trend = indicator_trend(db=db, code=code, district_code=district_code, per_capita=normalised, series=series)
    empty = nothing_to_draw(trend)
    if empty is not None:
        return NoChart(empty)
    unit = (
        per_capita_unit(meta.per_capita_base or 0, meta.per_capita_group or "")
        if normalised
        else UNIT_LABELS.get(meta.value_kind, meta.value_kind)
    )
    district_label = district_name
    if meta.value_kind in SUMMED_KINDS and not normalised:
        trend, district_label = trend_for_chart(trend, summed_absolute=True, district_name=district_name)
    palette = colours(sorted(set(trend.loc[~trend["is_district"], "area_name"].astype(str))))
    spec = trend_spec(trend, unit=unit, district_label=district_label, palette=palette)
    drawn = trend[trend["value"].notna()]
    sources = sorted({str(a) for a in drawn["attribution"].dropna() if str(a)})
    legend = [*palette.items(), (district_label, DISTRICT_COLOUR)]
    caption = f"Eenheid: {unit}. " + " · ".join(sources or ["Bron onbekend"])
    return ChartPlan(spec, caption, legend, bool(drawn["is_demo"].any()))
