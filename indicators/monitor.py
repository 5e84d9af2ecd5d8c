"""The monitor per theme: the theme table of the appendix, with latest values, trends and notables.

The per-indicator figures (latest, previous, sparkline window, district comparison) are computed
with grouped pandas operations over one series table; only the notable rule and the assembling
of the result run per indicator.
"""

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlmodel import Session

from core.formatting import format_int
from indicators.catalogue import catalogue_frame, per_capita_unit
from indicators.detail import expected_years
from indicators.notable import NotableRules, assess
from indicators.provenance import attribution, figure_attribution
from indicators.series import AVERAGED_KINDS, SUMMED_KINDS, district_series, indicator_meta, national_series
from indicators.vocabulary import AreaLevel, IndicatorStatus, ValueKind

SPARKLINE_YEARS = 5
STABLE_PCT = 2.0
NO_VALUE = "geen waarde"
NO_POPULATION = "bevolking ontbreekt"
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
    "skipped_years",
    "change_pct",
    "trend",
    "sparkline",
    "notable",
    "notable_reasons",
    "is_demo",
    "provisional",
    "attribution",
    "figure_is_demo",
    "figure_source",
    "national_value",
    "national_attribution",
    "per_capita_applied",
    "population_note",
    "scope_note",
    "text_value",
    "definition",
    "supplier",
    "polarity",
]


@dataclass(frozen=True)
class SkippedYears:
    """Expected years between the compared year and the latest one without a comparable value, and why."""

    first: int
    last: int
    reason: str

    def describe(self) -> str:
        years = str(self.first) if self.first == self.last else f"{self.first}–{self.last}"
        return f"{years}: {self.reason}"


def describe_skipped(skipped: list[SkippedYears]) -> str:
    """'2016–2021: geen waarde; 2022: bevolking ontbreekt', or '' when no year was skipped."""
    return "; ".join(s.describe() for s in skipped)


def compared_with(previous_year: int, skipped: list[SkippedYears]) -> str:
    """What the latest value is compared with, naming the year and any skipped years."""
    if not skipped:
        return f"vorige meting ({previous_year})"
    return f"{previous_year} ({describe_skipped(skipped)})"


def skipped_years(rows: pd.DataFrame, previous_year: int, latest_year: int, frequency: str) -> list[SkippedYears]:
    """The expected years strictly between `previous_year` and `latest_year` of one indicator's rows (with `shown`),
    grouped into runs of consecutive years with the same reason: no comparable value delivered, or (per capita) a
    count whose population is missing."""
    # plain values per year (the last row of a year counts): looking rows up in pandas per year was the monitor's
    # slowest step when a report builds every theme
    by_year = {
        int(year): (value, shown, reason)
        for year, value, shown, reason in zip(
            rows["year"], rows["value"], rows["shown"], rows["missing_reason"], strict=True
        )
    }
    runs: list[SkippedYears] = []
    expected = expected_years([previous_year, *sorted(by_year), latest_year], frequency)
    for year in [y for y in expected if previous_year < y < latest_year]:
        reason = NO_VALUE
        if year in by_year:
            value, shown, stored_reason = by_year[year]
            if isinstance(stored_reason, str) and stored_reason:
                reason = stored_reason
            elif pd.notna(value) and pd.isna(shown):
                reason = NO_POPULATION
        if runs and runs[-1].reason == reason:
            runs[-1] = SkippedYears(runs[-1].first, year, reason)
        else:
            runs.append(SkippedYears(year, year, reason))
    return runs


@dataclass(frozen=True)
class Scope:
    district_code: str
    area_code: str | None = None  # None: the whole district
    per_capita: bool = False


def _indicator_table(db: Session, codes: list[str], scope: Scope) -> pd.DataFrame:
    """Per indicator: kind, level, normalisation applied, unit and polarity."""
    meta = indicator_meta(db=db, codes=codes)
    rows = []
    for code in codes:
        info = meta[code]
        applied = scope.per_capita and info.normalisable and info.value_kind in SUMMED_KINDS
        unit = UNIT_LABELS[info.value_kind]
        if applied and info.per_capita_base and info.per_capita_group:
            unit = per_capita_unit(info.per_capita_base, info.per_capita_group)
        rows.append((code, info.value_kind, info.area_level, applied, unit, info.polarity, info.frequency))
    return pd.DataFrame(
        rows, columns=["indicator_code", "value_kind", "area_level", "applied", "unit", "polarity", "frequency"]
    )


def _own_rows(series: pd.DataFrame, kinds: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """The rows of the chosen area (district rows for district-level indicators), with `shown`."""
    frame = series.merge(kinds[["indicator_code", "area_level", "applied"]], on="indicator_code")
    if scope.area_code is None:
        own = frame[frame["is_district"]]
    else:
        district_level = frame["area_level"] == AreaLevel.DISTRICT
        own = frame[
            (district_level & frame["is_district"]) | (~district_level & (frame["area_code"] == scope.area_code))
        ]
    on_demo_population = own["applied"] & own["population_is_demo"]
    own = own.assign(
        shown=np.where(own["applied"], own["per_capita"], own["value"]),
        shown_is_demo=own["is_demo"] | on_demo_population,
        mark=[
            figure_attribution(source, is_demo=demo, population_is_demo=population_demo)
            for source, demo, population_demo in zip(own["source"], own["is_demo"], on_demo_population, strict=True)
        ],
    )
    return own.sort_values(["indicator_code", "year"])


def theme_series(*, db: Session, theme_code: str, district_code: str) -> pd.DataFrame:
    """The district series of the theme's active indicators: what `theme_overview` and the documents' sources read."""
    codes = [str(code) for code in catalogue_frame(db=db, status=IndicatorStatus.ACTIVE, theme_code=theme_code)["code"]]
    return district_series(db=db, indicator_codes=codes, district_code=district_code)


def theme_overview(
    *,
    db: Session,
    theme_code: str,
    scope: Scope,
    rules: NotableRules | None = None,
    series: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per active indicator of the theme, in chain-step order, for the scope.

    `series` may be passed when several scopes of one district are needed (it is the same for all).
    """
    rules = rules or NotableRules()
    catalogue = catalogue_frame(db=db, status=IndicatorStatus.ACTIVE, theme_code=theme_code)
    if catalogue.empty:
        return pd.DataFrame(columns=OVERVIEW_COLUMNS)
    codes = [str(code) for code in catalogue["code"]]
    kinds = _indicator_table(db, codes, scope)
    if series is None:
        series = district_series(db=db, indicator_codes=codes, district_code=scope.district_code)
    own = _own_rows(series, kinds, scope)
    national = _national_comparables(national_series(db=db, indicator_codes=codes), kinds)

    measured = own[own["shown"].notna() | own["text_value"].notna()]
    latest = measured.groupby("indicator_code").tail(1).set_index("indicator_code")
    numbers = own[own["shown"].notna()]
    position = numbers.groupby("indicator_code").cumcount(ascending=False)  # 0 = latest
    previous = {
        str(code): (int(year), float(value))
        for code, year, value in numbers.loc[position == 1, ["indicator_code", "year", "shown"]].itertuples(index=False)
    }
    earlier = numbers[position >= 1].groupby("indicator_code")["shown"].agg(list)
    latest_year = latest["year"]
    window_start = numbers["indicator_code"].map(latest_year) - SPARKLINE_YEARS
    sparkline = numbers[numbers["year"] > window_start].groupby("indicator_code")["shown"].agg(list)
    shown_rows = own[own["shown"].notna() | own["text_value"].notna()]
    sources = (
        shown_rows.groupby("indicator_code")["mark"].agg(lambda marks: " · ".join(sorted(set(marks))))
        if not shown_rows.empty
        else pd.Series(dtype=object)
    )
    demo = shown_rows.groupby("indicator_code")["shown_is_demo"].any()
    last_reason = own.groupby("indicator_code")["missing_reason"].last()
    by_indicator = {str(code): rows for code, rows in own.groupby("indicator_code")}
    district = _district_comparables(series, kinds, latest_year, scope)

    info = kinds.set_index("indicator_code")
    rows = []
    for entry in catalogue.itertuples(index=False):
        code = str(entry.code)
        meta = info.loc[code]
        row: dict[str, Any] = {
            "code": code,
            "name": entry.name,
            "chain_step_code": entry.chain_step_code,
            "chain_step": entry.chain_step,
            "perspective": entry.perspective,
            "value_kind": meta["value_kind"],
            "latest_year": None,
            "latest_value": math.nan,
            "unit": meta["unit"],
            "previous_value": math.nan,
            "previous_year": None,
            "skipped_years": [],
            "change_pct": math.nan,
            "trend": "",
            "sparkline": list(sparkline.get(code, [])),
            "notable": "",
            "notable_reasons": "",
            "is_demo": bool(demo.get(code, False)),
            "provisional": False,
            "attribution": sources.get(code, ""),
            "figure_is_demo": False,
            "figure_source": _reason_text(last_reason.get(code)),
            "national_value": math.nan,
            "national_attribution": "",
            "per_capita_applied": bool(meta["applied"]),
            "population_note": "",
            "scope_note": "districtscijfer" if scope.area_code and meta["area_level"] == AreaLevel.DISTRICT else "",
            "text_value": None,
            "definition": entry.definition,
            "supplier": entry.supplier,
            "polarity": meta["polarity"],
        }
        if code in latest.index:
            last = latest.loc[code]
            assert isinstance(last, pd.Series)  # one latest row per indicator
            _fill_values(row, last, previous, code)
            row["provisional"] = bool(last["provisional"])
            reference = national.get((code, row["latest_year"]))
            if reference is not None:
                row["national_value"], row["national_attribution"] = reference
            if row["previous_year"] is not None:
                row["skipped_years"] = skipped_years(
                    by_indicator[code], row["previous_year"], row["latest_year"], str(meta["frequency"])
                )
            if not math.isnan(row["latest_value"]):
                _assess(row, earlier, district, code, rules)
        rows.append(row)
    return pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)


def _reason_text(reason: object) -> str:
    return reason if isinstance(reason, str) else ""


def _fill_values(row: dict[str, Any], last: pd.Series, previous: dict[str, tuple[int, float]], code: str) -> None:
    row["latest_year"] = int(last["year"])
    row["figure_is_demo"] = bool(last["shown_is_demo"])
    row["figure_source"] = str(last["mark"])
    row["text_value"] = last["text_value"] if isinstance(last["text_value"], str) else None
    if row["value_kind"] == ValueKind.QUALITATIVE or pd.isna(last["shown"]):
        return
    row["latest_value"] = float(last["shown"])
    if row["per_capita_applied"] and isinstance(last["population_source"], str):
        source = last["population_source"]
        row["population_note"] = (
            f"{row['unit']}; bevolking 1 januari {row['latest_year']}: {format_int(last['population'])} "
            f"({attribution(source, is_demo='demodata' in source)})"
        )
    if code in previous:
        row["previous_year"], row["previous_value"] = previous[code]
        if row["previous_value"]:
            change = 100 * (row["latest_value"] - row["previous_value"]) / abs(row["previous_value"])
            row["change_pct"] = change
            row["trend"] = "stabiel" if abs(change) <= STABLE_PCT else ("stijgend" if change > 0 else "dalend")


def _assess(row: dict[str, Any], earlier: pd.Series, district: pd.Series, code: str, rules: NotableRules) -> None:
    """The notable rule on a filled row; the change is described against the year it compares with."""
    comparable = district.get(code)
    notable = assess(
        latest=row["latest_value"],
        previous=None if math.isnan(row["previous_value"]) else row["previous_value"],
        earlier=[float(v) for v in earlier.get(code, [])],
        district=None if comparable is None or pd.isna(comparable) else float(comparable),
        polarity=row["polarity"],
        is_count=row["value_kind"] in SUMMED_KINDS and not row["per_capita_applied"],
        rules=rules,
        compared_with=(
            compared_with(row["previous_year"], row["skipped_years"]) if row["previous_year"] is not None else ""
        ),
    )
    if notable:
        row["notable"] = notable.direction
        row["notable_reasons"] = "; ".join(notable.reasons)


def _national_comparables(national: pd.DataFrame, kinds: pd.DataFrame) -> dict[tuple[str, int], tuple[float, str]]:
    """(indicator, year) → (Nederland's value as the district's is shown, its attribution): per capita where the
    district's figure is, the value itself for percentages, marks and scores; absolute counts and amounts of a
    whole country are no yardstick for a district and are left out."""
    if national.empty:
        return {}
    rows = national.merge(kinds[["indicator_code", "value_kind", "applied"]], on="indicator_code")
    comparable = rows["applied"] | rows["value_kind"].isin(list(AVERAGED_KINDS))
    rows = rows[comparable]
    values = np.where(rows["applied"], rows["per_capita"], rows["value"])
    population_demo = rows["applied"] & rows["population_is_demo"].astype(bool)
    return {
        (str(code), int(year)): (
            float(value),
            figure_attribution(str(source), is_demo=bool(demo), population_is_demo=bool(on_demo_population)),
        )
        for code, year, value, source, demo, on_demo_population in zip(
            rows["indicator_code"], rows["year"], values, rows["source"], rows["is_demo"], population_demo, strict=True
        )
        if pd.notna(value)
    }


def _district_comparables(series: pd.DataFrame, kinds: pd.DataFrame, latest_year: pd.Series, scope: Scope) -> pd.Series:
    """Per indicator, the district figure of the latest year that a municipality is compared with:
    per capita for normalised counts, the value itself for percentages, marks and scores."""
    if scope.area_code is None or series.empty:
        return pd.Series(dtype=float)
    comparable = kinds[
        (kinds["area_level"] == AreaLevel.MUNICIPALITY)
        & (kinds["applied"] | kinds["value_kind"].isin(list(AVERAGED_KINDS)))
    ]
    rows = series[series["is_district"]].merge(comparable, on="indicator_code")
    rows = rows[rows["year"] == rows["indicator_code"].map(latest_year)]
    values = np.where(rows["applied"], rows["per_capita"], rows["value"])
    return pd.Series(values, index=rows["indicator_code"].to_numpy(), dtype=float)
