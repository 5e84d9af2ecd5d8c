"""Value series for a district: municipalities plus the district aggregate, optionally per capita.

All values of a scope come from two queries (observations, population); aggregation and
normalisation are vectorised in pandas, never per cell.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from indicators.models import Area, Indicator, Observation, Population
from indicators.provenance import MIXED_TOTAL
from indicators.vocabulary import (
    NATIONAL_CODE,
    POPULATION_INDICATOR_CODE,
    TOTAL_BREAKDOWN,
    AreaKind,
    AreaLevel,
    PopulationGroup,
    ValueKind,
)

SUMMED_KINDS = {ValueKind.COUNT, ValueKind.AMOUNT}
AVERAGED_KINDS = {ValueKind.PERCENTAGE, ValueKind.REPORT_MARK, ValueKind.SCORE, ValueKind.RATE}
SERIES_COLUMNS = [
    "indicator_code",
    "area_code",
    "area_name",
    "is_district",
    "year",
    "breakdown",
    "value",
    "per_capita",
    "population",
    "population_source",
    "population_is_demo",
    "missing_reason",
    "source",
    "is_demo",
    "provisional",
    "text_value",
]
_KEY = ["indicator_code", "area_id", "year", "breakdown"]
_DTYPES = {
    "is_district": bool,
    "year": int,
    "value": float,
    "per_capita": float,
    "population": float,
    "population_is_demo": bool,
    "is_demo": bool,
    "provisional": bool,
}


def empty_series() -> pd.DataFrame:
    """A series table without rows, with the column types of a filled one."""
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in SERIES_COLUMNS})


@dataclass(frozen=True)
class IndicatorMeta:
    code: str
    value_kind: str
    area_level: str
    per_capita_group: str | None
    per_capita_base: int | None
    polarity: str
    frequency: str
    preferred_source: str | None = None  # gives the line where it has values (the catalogue's choice)

    @property
    def normalisable(self) -> bool:
        return bool(self.per_capita_group and self.per_capita_base)


def indicator_meta(*, db: Session, codes: list[str]) -> dict[str, IndicatorMeta]:
    statement = sa_select(
        col(Indicator.code),
        col(Indicator.value_kind),
        col(Indicator.area_level),
        col(Indicator.per_capita_group),
        col(Indicator.per_capita_base),
        col(Indicator.polarity),
        col(Indicator.frequency),
        col(Indicator.preferred_source),
    ).where(col(Indicator.code).in_(codes))
    return {row[0]: IndicatorMeta(*row) for row in db.execute(statement).all()}


def _areas(db: Session, condition: ColumnElement[bool]) -> pd.DataFrame:
    """id, code, name and kind of the areas that meet `condition`."""
    statement = sa_select(col(Area.id), col(Area.code), col(Area.name), col(Area.kind)).where(condition)
    return pd.DataFrame.from_records(db.execute(statement).all(), columns=["area_id", "area_code", "area_name", "kind"])


def _district_areas(db: Session, district_code: str) -> pd.DataFrame:
    return _areas(db, (col(Area.district_code) == district_code) | (col(Area.code) == district_code))


def _population(db: Session, area_ids: list[int]) -> pd.DataFrame:
    statement = sa_select(
        col(Population.area_id),
        col(Population.year),
        col(Population.population_group),
        col(Population.value),
        col(Population.source),
        col(Population.is_demo),
    ).where(col(Population.area_id).in_(area_ids))
    frame = pd.DataFrame.from_records(
        db.execute(statement).all(),
        columns=["area_id", "year", "population_group", "population", "population_source", "is_demo"],
    )
    frame["population"] = frame["population"].astype(float)
    return frame


def _population_as_observations(population: pd.DataFrame) -> pd.DataFrame:
    """The population indicator's values are the total population of each area and year; an area
    with real figures shows only those (interpolated demo years are denominators, not a series)."""
    totals = population[population["population_group"] == PopulationGroup.TOTAL]
    with_real = set(totals.loc[~totals["is_demo"].astype(bool), "area_id"])
    totals = totals[~(totals["is_demo"].astype(bool) & totals["area_id"].isin(with_real))]
    return pd.DataFrame(
        {
            "indicator_code": POPULATION_INDICATOR_CODE,
            "area_id": totals["area_id"],
            "year": totals["year"],
            "breakdown": TOTAL_BREAKDOWN,
            "value": totals["population"],
            "missing_reason": None,
            "source": totals["population_source"],
            "is_demo": totals["is_demo"],
            "provisional": False,
            "text_value": None,
        }
    )


_STORED_COLUMNS = [
    *_KEY[:3],
    "breakdown",
    "value",
    "missing_reason",
    "source",
    "is_demo",
    "provisional",
    "text_value",
    "delivery_id",
]


def _stored_observations(
    db: Session, indicator_codes: list[str], area_ids: list[int], breakdown: str | None
) -> pd.DataFrame:
    """The stored values of the indicators in the areas (one breakdown, or all when None), every source;
    `delivery_id` -1 for values without a delivery."""
    statement = (
        sa_select(
            col(Indicator.code),
            col(Observation.area_id),
            col(Observation.year),
            col(Observation.breakdown),
            col(Observation.value),
            col(Observation.missing_reason),
            col(Observation.source),
            col(Observation.is_demo),
            col(Observation.provisional),
            col(Observation.text_value),
            col(Observation.delivery_id),
        )
        .join(Indicator, col(Indicator.id) == col(Observation.indicator_id))
        .where(col(Indicator.code).in_(indicator_codes), col(Observation.area_id).in_(area_ids))
    )
    if breakdown is not None:
        statement = statement.where(col(Observation.breakdown) == breakdown)
    frame = pd.DataFrame.from_records(db.execute(statement).all(), columns=_STORED_COLUMNS)
    frame["delivery_id"] = pd.to_numeric(frame["delivery_id"], errors="coerce").fillna(-1)
    return frame


def _observations(
    db: Session,
    indicator_codes: list[str],
    area_ids: list[int],
    breakdown: str | None,
    population: pd.DataFrame,
    preferred: dict[str, str],
) -> pd.DataFrame:
    frame = _stored_observations(db, indicator_codes, area_ids, breakdown)
    if POPULATION_INDICATOR_CODE in indicator_codes and breakdown in (None, TOTAL_BREAKDOWN):
        population_rows = _population_as_observations(population).assign(delivery_id=-1)
        frame = pd.concat([frame, population_rows], ignore_index=True)
    frame["value"] = frame["value"].astype(float)
    # A series with real values never shows invented ones: demo values of an indicator and area
    # that has any real value are dropped. Then one value per key, from one source per series.
    frame["is_demo"] = frame["is_demo"].astype(bool)
    frame["provisional"] = frame["provisional"].astype(bool)
    real = frame.loc[~frame["is_demo"], ["indicator_code", "area_id"]].drop_duplicates()
    if not real.empty:
        marked = frame.merge(real.assign(has_real=True), on=["indicator_code", "area_id"], how="left")
        frame = frame[~(frame["is_demo"].to_numpy() & marked["has_real"].fillna(False).astype(bool).to_numpy())]
    return one_source_per_series(frame, preferred=preferred).drop(columns="delivery_id")


def one_source_per_series(frame: pd.DataFrame, *, preferred: dict[str, str] | None = None) -> pd.DataFrame:
    """One value per indicator, area, year and breakdown, the whole line from one source where it can be.

    Two sources can give the same year (CBS rounds counts to fives, Politie does not). The line of an indicator in
    an area takes the catalogue's preferred source of the indicator (`preferred`: code → source) when the line has
    values from it, else the source of the newest delivery among its values (what was imported last is what is
    shown); a year that source lacks is filled from another source, newest delivery first, and that row keeps its
    own source, so the line says it mixes sources (`detail.mixed_sources`)."""
    if frame.empty:
        return frame
    series_key = ["indicator_code", "area_id", "breakdown"]
    chosen = frame["indicator_code"].map(preferred or {})
    newest = (
        frame.assign(not_preferred=chosen.ne(frame["source"]).to_numpy())
        .sort_values(["is_demo", "not_preferred", "delivery_id"], ascending=[True, True, False])
        .drop_duplicates(series_key)[[*series_key, "source"]]
        .rename(columns={"source": "series_source"})
    )
    ranked = frame.merge(newest, on=series_key, how="left")
    ranked["other_source"] = ranked["source"] != ranked["series_source"]
    ranked = ranked.sort_values(["is_demo", "other_source", "delivery_id"], ascending=[True, True, False])
    return ranked.drop_duplicates(_KEY).drop(columns=["series_source", "other_source"])


def district_series(
    *,
    db: Session,
    indicator_codes: list[str],
    district_code: str,
    breakdown: str | None = TOTAL_BREAKDOWN,
) -> pd.DataFrame:
    """Values per municipality of the district and for the district itself, with per-capita values.

    The district row is the stored district value (district-level indicators) or the aggregate of
    its municipalities: a sum for counts and amounts, a population-weighted mean for percentages,
    marks and scores; only when every municipality has a value for that year. Per-capita values
    use the population of the same area, year and group. `breakdown=None` returns every breakdown.
    """
    meta = indicator_meta(db=db, codes=indicator_codes)
    areas = _district_areas(db, district_code)
    if areas.empty or not meta:
        return empty_series()
    values = _values_with_population(db, meta, areas, breakdown)
    municipal = values[values["kind"] == AreaKind.MUNICIPALITY]
    stored_district = values[values["kind"] == AreaKind.DISTRICT]
    n_municipalities = int((areas["kind"] == AreaKind.MUNICIPALITY).sum())
    aggregated = _aggregate(municipal, n_municipalities=n_municipalities)
    if not aggregated.empty:
        district_area = areas[areas["kind"] == AreaKind.DISTRICT].drop(columns="area_id")
        aggregated = aggregated.merge(district_area, how="cross")
        if not stored_district.empty:  # a stored district value wins over an aggregate
            key = ["indicator_code", "year", "breakdown"]
            stored = set(map(tuple, stored_district[key].to_numpy().tolist()))
            aggregated = aggregated[[tuple(k) not in stored for k in aggregated[key].to_numpy().tolist()]]
    parts = [df for df in (municipal, stored_district, aggregated) if not df.empty]
    if not parts:  # no values at all for these indicators in this district
        return empty_series()
    frame = _per_capita(pd.concat(parts, ignore_index=True))
    frame["is_district"] = frame["kind"] == AreaKind.DISTRICT
    frame["is_demo"] = frame["is_demo"].astype(bool)
    frame["population_is_demo"] = frame["population_is_demo"].fillna(False).astype(bool)
    frame["provisional"] = frame["provisional"].astype(bool)
    order = ["indicator_code", "is_district", "area_name", "year", "breakdown"]
    return frame[SERIES_COLUMNS].sort_values(order).reset_index(drop=True)


def _values_with_population(
    db: Session, meta: dict[str, IndicatorMeta], areas: pd.DataFrame, breakdown: str | None
) -> pd.DataFrame:
    """The shown values of the areas (one source per series) with each indicator's kind and the population of the
    group it is normalised by, same area and year."""
    area_ids = [int(a) for a in areas["area_id"]]
    population = _population(db, area_ids)
    preferred = {code: m.preferred_source for code, m in meta.items() if m.preferred_source}
    values = _observations(db, list(meta), area_ids, breakdown, population, preferred).merge(areas, on="area_id")
    kinds = pd.DataFrame(
        [
            (m.code, m.value_kind, m.area_level, m.per_capita_group or PopulationGroup.TOTAL, m.per_capita_base or 0)
            for m in meta.values()
        ],
        columns=["indicator_code", "value_kind", "area_level", "population_group", "per_capita_base"],
    )
    values = values.merge(kinds, on="indicator_code").merge(
        population.rename(columns={"is_demo": "population_is_demo"}),
        on=["area_id", "year", "population_group"],
        how="left",
    )
    values["population_is_demo"] = values["population_is_demo"].fillna(False).astype(bool)
    return values


def _per_capita(frame: pd.DataFrame) -> pd.DataFrame:
    """`per_capita`: counts and amounts per the indicator's base (10,000 inhabitants, …) where the population is
    known; NaN otherwise."""
    base = frame["per_capita_base"].astype(float)
    normalisable = (base > 0) & frame["value_kind"].isin(list(SUMMED_KINDS)) & (frame["population"] > 0)
    frame["per_capita"] = np.where(normalisable, frame["value"] / frame["population"] * base, np.nan)
    return frame


NATIONAL_COLUMNS = [
    "indicator_code",
    "year",
    "value",
    "per_capita",
    "source",
    "is_demo",
    "population_is_demo",
    "provisional",
]


def national_series(*, db: Session, indicator_codes: list[str]) -> pd.DataFrame:
    """Nederland's stored values of the indicators (totals) per year, with per-capita values from Nederland's
    population of the same year: the reference shown beside the district. Empty when nothing national is stored."""
    meta = indicator_meta(db=db, codes=indicator_codes)
    areas = _areas(db, col(Area.code) == NATIONAL_CODE)
    if areas.empty or not meta:
        return pd.DataFrame(columns=NATIONAL_COLUMNS)
    values = _values_with_population(db, meta, areas, TOTAL_BREAKDOWN)
    values = values[values["value"].notna()]
    if values.empty:
        return pd.DataFrame(columns=NATIONAL_COLUMNS)
    frame = _per_capita(values)
    frame["year"] = frame["year"].astype(int)
    return frame[NATIONAL_COLUMNS].sort_values(["indicator_code", "year"]).reset_index(drop=True)


def _aggregate(municipal: pd.DataFrame, *, n_municipalities: int) -> pd.DataFrame:
    """District aggregates from years in which every municipality has a value.

    A total never adds real and demo values: a year whose municipal values mix both has no district value
    (`missing_reason` says why), and a district population that would mix real and demo population has none
    either (so no district figure per capita). A weighted mean on invented (demo) population is marked demo."""
    numeric = municipal[
        municipal["value"].notna()
        & (municipal["area_level"] == AreaLevel.MUNICIPALITY)
        & municipal["value_kind"].isin(list(SUMMED_KINDS | AVERAGED_KINDS))
    ]
    if numeric.empty:
        return pd.DataFrame()
    with_population = numeric["population"].notna()
    numeric = numeric.assign(
        weighted=numeric["value"] * numeric["population"],
        demo_value=numeric["is_demo"].astype(int),
        demo_population=(with_population & numeric["population_is_demo"]).astype(int),
    )
    keys = ["indicator_code", "year", "breakdown", "value_kind", "area_level", "population_group", "per_capita_base"]
    grouped = numeric.groupby(keys, as_index=False).agg(
        n=("value", "size"),
        total=("value", "sum"),
        weighted=("weighted", "sum"),
        population=("population", "sum"),
        with_population=("population", "count"),
        demo_values=("demo_value", "sum"),
        demo_populations=("demo_population", "sum"),
        provisional=("provisional", "max"),
        source=("source", lambda s: " + ".join(sorted(set(s)))),
        population_source=("population_source", lambda s: " + ".join(sorted({x for x in s if isinstance(x, str)}))),
    )
    grouped = grouped[grouped["n"] == n_municipalities].copy()
    complete_population = grouped["with_population"] == n_municipalities
    mixed_values = (grouped["demo_values"] > 0) & (grouped["demo_values"] < grouped["n"])
    mixed_population = (grouped["demo_populations"] > 0) & (grouped["demo_populations"] < grouped["with_population"])
    grouped["population"] = grouped["population"].where(complete_population & ~mixed_population)
    grouped["population_is_demo"] = (grouped["demo_populations"] > 0) & ~mixed_population
    summed = grouped["value_kind"].isin(list(SUMMED_KINDS))
    grouped["value"] = np.where(summed, grouped["total"], grouped["weighted"] / grouped["population"])
    grouped["value"] = grouped["value"].where(~mixed_values)
    grouped["is_demo"] = (grouped["demo_values"] == grouped["n"]) | (~summed & grouped["population_is_demo"])
    grouped["missing_reason"] = [MIXED_TOTAL if mixed else None for mixed in mixed_values | mixed_population]
    grouped["text_value"] = None
    return grouped.drop(columns=["n", "total", "weighted", "with_population", "demo_values", "demo_populations"])


COMPETING_COLUMNS = ["area_name", "year", "shown_source", "shown_value", "other_source", "other_value", "difference"]


def competing_sources(*, db: Session, code: str, district_code: str) -> pd.DataFrame:
    """Municipality-years of the district where two sources give the indicator's total: the value shown (see
    `one_source_per_series`), the other source's value, and the difference (shown minus other)."""
    areas = _district_areas(db, district_code)
    municipal = areas[areas["kind"] == AreaKind.MUNICIPALITY]
    if municipal.empty:
        return pd.DataFrame(columns=COMPETING_COLUMNS)
    frame = _stored_observations(db, [code], [int(a) for a in municipal["area_id"]], TOTAL_BREAKDOWN)
    frame = frame[~frame["is_demo"].astype(bool) & frame["value"].notna()]
    counted = frame.groupby(["area_id", "year"])["source"].transform("nunique")
    frame = frame[counted >= 2]
    if frame.empty:
        return pd.DataFrame(columns=COMPETING_COLUMNS)
    meta = indicator_meta(db=db, codes=[code]).get(code)
    preferred = {code: meta.preferred_source} if meta and meta.preferred_source else {}
    shown = one_source_per_series(frame, preferred=preferred)[[*_KEY, "source", "value"]]
    others = frame.merge(shown[[*_KEY, "source"]], on=_KEY, suffixes=("", "_shown"))
    others = others[others["source"] != others["source_shown"]].drop_duplicates(_KEY)
    pairs = shown.merge(others[[*_KEY, "source", "value"]], on=_KEY, suffixes=("_s", "_o")).merge(
        municipal[["area_id", "area_name"]], on="area_id"
    )
    result = pd.DataFrame(
        {
            "area_name": pairs["area_name"],
            "year": pairs["year"].astype(int),
            "shown_source": pairs["source_s"],
            "shown_value": pairs["value_s"].astype(float),
            "other_source": pairs["source_o"],
            "other_value": pairs["value_o"].astype(float),
        }
    )
    result["difference"] = result["shown_value"] - result["other_value"]
    return result.sort_values(["area_name", "year"]).reset_index(drop=True)
