"""The monitor per theme: the theme table of the appendix, with latest values, trends and notables."""

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlmodel import Session

from indicators.catalogue import catalogue_frame
from indicators.formatting import format_int
from indicators.notable import NotableRules, assess
from indicators.provenance import attribution
from indicators.series import (
    AVERAGED_KINDS,
    SUMMED_KINDS,
    IndicatorMeta,
    district_series,
    empty_series,
    indicator_meta,
)
from indicators.vocabulary import POPULATION_GROUP_LABELS, AreaLevel, IndicatorStatus, ValueKind

SPARKLINE_YEARS = 5
STABLE_PCT = 2.0
UNIT_LABELS: dict[str, str] = {
    ValueKind.COUNT: "aantal",
    ValueKind.PERCENTAGE: "%",
    ValueKind.REPORT_MARK: "rapportcijfer",
    ValueKind.SCORE: "score",
    ValueKind.RATE: "ratio",
    ValueKind.AMOUNT: "euro",
    ValueKind.QUALITATIVE: "",
}
OVERVIEW_COLUMNS = [
    "code",
    "name",
    "chain_step_code",
    "chain_step",
    "perspective",
    "value_kind",
    "latest_year",
    "latest_value",
    "unit",
    "previous_value",
    "previous_year",
    "change_pct",
    "trend",
    "sparkline",
    "notable",
    "notable_reasons",
    "is_demo",
    "attribution",
    "per_capita_applied",
    "population_note",
    "scope_note",
    "text_value",
    "definition",
    "supplier",
    "polarity",
]


@dataclass(frozen=True)
class Scope:
    district_code: str
    area_code: str | None = None  # None: the whole district
    per_capita: bool = False


def per_capita_unit(base: int, group: str) -> str:
    return f"per {format_int(base)} {POPULATION_GROUP_LABELS[group]}"


def display_series(series: pd.DataFrame, *, per_capita: bool, normalisable: bool) -> pd.Series:
    """The value to show per row: per capita when asked and applicable, else the value itself."""
    return series["per_capita"] if (per_capita and normalisable) else series["value"]


def theme_overview(
    *, session: Session, theme_code: str, scope: Scope, rules: NotableRules | None = None
) -> pd.DataFrame:
    """One row per active indicator of the theme, in chain-step order, for the scope."""
    rules = rules or NotableRules()
    catalogue = catalogue_frame(session=session, status=IndicatorStatus.ACTIVE, theme_code=theme_code)
    if catalogue.empty:
        return pd.DataFrame(columns=OVERVIEW_COLUMNS)
    codes = list(catalogue["code"])
    meta = indicator_meta(session=session, codes=codes)
    series = district_series(session=session, indicator_codes=codes, district_code=scope.district_code)
    by_indicator = {str(code): rows for code, rows in series.groupby("indicator_code")}
    rows = []
    for entry in catalogue.itertuples(index=False):
        code = str(entry.code)
        info = meta[code]
        values = by_indicator.get(code, empty_series())
        district_rows = values[values["is_district"]]
        if scope.area_code is None or info.area_level == AreaLevel.DISTRICT:
            own = district_rows
            scope_note = "districtscijfer" if (scope.area_code and info.area_level == AreaLevel.DISTRICT) else ""
        else:
            own = values[values["area_code"] == scope.area_code]
            scope_note = ""
        rows.append(_overview_row(entry, info, own, district_rows, scope, scope_note, rules))
    return pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)


def _overview_row(
    entry: Any,
    info: IndicatorMeta,
    own: pd.DataFrame,
    district_rows: pd.DataFrame,
    scope: Scope,
    scope_note: str,
    rules: NotableRules,
) -> dict[str, Any]:
    apply_pc = scope.per_capita and info.normalisable and info.value_kind in SUMMED_KINDS
    unit = UNIT_LABELS[info.value_kind]
    if apply_pc and info.per_capita_base and info.per_capita_group:
        unit = per_capita_unit(info.per_capita_base, info.per_capita_group)
    own = own.sort_values("year")
    shown = display_series(own, per_capita=scope.per_capita, normalisable=apply_pc)
    measured = own.assign(shown=shown)[shown.notna() | own["text_value"].notna()]
    row = {
        "code": entry.code,
        "name": entry.name,
        "chain_step_code": entry.chain_step_code,
        "chain_step": entry.chain_step,
        "perspective": entry.perspective,
        "value_kind": info.value_kind,
        "latest_year": None,
        "latest_value": math.nan,
        "unit": unit,
        "previous_value": math.nan,
        "previous_year": None,
        "change_pct": math.nan,
        "trend": "",
        "sparkline": [],
        "notable": "",
        "notable_reasons": "",
        "is_demo": bool(own["is_demo"].any()) if not own.empty else False,
        "attribution": " · ".join(
            sorted({attribution(s, is_demo=d) for s, d in zip(own["source"], own["is_demo"], strict=True)})
        ),
        "per_capita_applied": apply_pc,
        "population_note": "",
        "scope_note": scope_note,
        "text_value": None,
        "definition": entry.definition,
        "supplier": entry.supplier,
        "polarity": info.polarity,
    }
    if measured.empty:
        return row
    latest = measured.iloc[-1]
    row["latest_year"] = int(latest["year"])
    row["text_value"] = latest["text_value"] if isinstance(latest["text_value"], str) else None
    if info.value_kind == ValueKind.QUALITATIVE:
        return row
    numbers = measured[measured["shown"].notna()]
    row["latest_value"] = float(latest["shown"])
    window = numbers[numbers["year"] > row["latest_year"] - SPARKLINE_YEARS]
    row["sparkline"] = [float(v) for v in window["shown"]]
    if apply_pc and isinstance(latest["population_source"], str):
        row["population_note"] = (
            f"{unit}; bevolking 1 januari {row['latest_year']}: {format_int(latest['population'])} "
            f"({attribution(latest['population_source'], is_demo='demodata' in latest['population_source'])})"
        )
    if len(numbers) >= 2:
        previous = float(numbers.iloc[-2]["shown"])
        row["previous_value"] = previous
        row["previous_year"] = int(numbers.iloc[-2]["year"])
        if previous:
            change = 100 * (row["latest_value"] - previous) / abs(previous)
            row["change_pct"] = change
            row["trend"] = "stabiel" if abs(change) <= STABLE_PCT else ("stijgend" if change > 0 else "dalend")
    district_value = _district_comparable(district_rows, row["latest_year"], info, apply_pc, scope)
    notable = assess(
        latest=row["latest_value"],
        previous=None if math.isnan(row["previous_value"]) else row["previous_value"],
        earlier=[float(v) for v in numbers["shown"].iloc[:-1]],
        district=district_value,
        polarity=info.polarity,
        is_count=info.value_kind in SUMMED_KINDS and not apply_pc,
        rules=rules,
    )
    if notable:
        row["notable"] = notable.direction
        row["notable_reasons"] = "; ".join(notable.reasons)
    return row


def _district_comparable(
    district_rows: pd.DataFrame, year: int, info: IndicatorMeta, apply_pc: bool, scope: Scope
) -> float | None:
    """The district figure a municipality is compared with (per capita, or a mean-like value)."""
    if scope.area_code is None or info.area_level == AreaLevel.DISTRICT:
        return None
    same_year = district_rows[district_rows["year"] == year]
    if same_year.empty:
        return None
    if apply_pc:
        value = same_year.iloc[0]["per_capita"]
    elif info.value_kind in AVERAGED_KINDS:
        value = same_year.iloc[0]["value"]
    else:
        return None
    return None if pd.isna(value) else float(value)
