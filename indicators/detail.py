"""One indicator in depth: trend per municipality with the district, comparison, breakdowns, gaps."""

import pandas as pd
from sqlmodel import Session

from indicators.provenance import figure_attribution
from indicators.series import AVERAGED_KINDS, SUMMED_KINDS, district_series, indicator_meta, national_series
from indicators.vocabulary import SURVEY_YEARS, TOTAL_BREAKDOWN, Frequency

NOT_DELIVERED = "geen waarde geleverd"
POPULATION_MISSING = "aantal geleverd, bevolking {year} ontbreekt"
TREND_COLUMNS = [
    "area_code",
    "area_name",
    "is_district",
    "year",
    "value",
    "raw_value",
    "population",
    "missing_reason",
    "attribution",
    "is_demo",
    "provisional",
]


def expected_years(years: list[int], frequency: str) -> list[int]:
    """Every year between the first and last measurement that should have one."""
    if not years:
        return []
    span = range(min(years), max(years) + 1)
    if frequency == Frequency.TWO_YEARLY:
        parity = min(SURVEY_YEARS) % 2
        return [y for y in span if y % 2 == parity or y in years]
    return list(span)


def _shown(frame: pd.DataFrame, per_capita: bool) -> pd.Series:
    return frame["per_capita"] if per_capita else frame["value"]


def population_missing(year: int) -> str:
    """Why a per-capita value is missing although the count was delivered."""
    return POPULATION_MISSING.format(year=year)


def _missing_reasons(series: pd.DataFrame, per_capita: bool) -> pd.Series:
    """The stored reason, or for a per-capita figure whose count is there: the missing population of that year."""
    reasons = series["missing_reason"].astype(object)
    if not per_capita:
        return reasons
    count_without_population = series["value"].notna() & series["per_capita"].isna() & reasons.isna()
    named = [population_missing(int(year)) for year in series["year"]]
    return reasons.where(~count_without_population, pd.Series(named, index=series.index, dtype=object))


def indicator_trend(
    *,
    db: Session,
    code: str,
    district_code: str,
    per_capita: bool = False,
    series: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Values per area and year, with a row (value NaN, reason) for every missing expected year.

    `series` may hold an already fetched `district_series` of the district (with this indicator among others)."""
    meta = indicator_meta(db=db, codes=[code])[code]
    apply_pc = per_capita and meta.normalisable and meta.value_kind in SUMMED_KINDS
    if series is None:
        series = district_series(db=db, indicator_codes=[code], district_code=district_code)
    else:
        series = series[series["indicator_code"] == code]
    if series.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    trend = pd.DataFrame(
        {
            "area_code": series["area_code"],
            "area_name": series["area_name"],
            "is_district": series["is_district"],
            "year": series["year"].astype(int),
            "value": _shown(series, apply_pc),
            "raw_value": series["value"],
            "population": series["population"],
            "missing_reason": _missing_reasons(series, apply_pc),
            "attribution": [
                figure_attribution(s, is_demo=d, population_is_demo=apply_pc and p)
                for s, d, p in zip(series["source"], series["is_demo"], series["population_is_demo"], strict=True)
            ],
            "is_demo": series["is_demo"] | (apply_pc & series["population_is_demo"]),
            "provisional": series["provisional"],
        }
    )
    years = expected_years(sorted(set(trend["year"])), meta.frequency)
    areas = trend[["area_code", "area_name", "is_district"]].drop_duplicates()
    grid = areas.merge(pd.DataFrame({"year": years}), how="cross")
    full = grid.merge(trend, on=["area_code", "area_name", "is_district", "year"], how="left")
    full["missing_reason"] = full["missing_reason"].where(
        full["value"].notna() | full["missing_reason"].notna(), NOT_DELIVERED
    )
    full["is_demo"] = full["is_demo"].fillna(False).astype(bool)
    full["provisional"] = full["provisional"].fillna(False).astype(bool)
    return full[TREND_COLUMNS].sort_values(["is_district", "area_name", "year"]).reset_index(drop=True)


NATIONAL_REFERENCE_COLUMNS = ["year", "value", "attribution", "provisional"]


def national_reference(*, db: Session, code: str, per_capita: bool = False) -> pd.DataFrame:
    """Nederland's value per year as the indicator is shown (per capita where the page shows per capita; the value
    itself for percentages, marks and scores); empty when nothing national is stored or the national figure is no
    yardstick (the absolute count of a whole country beside a district's)."""
    meta = indicator_meta(db=db, codes=[code])[code]
    national = national_series(db=db, indicator_codes=[code])
    apply_pc = per_capita and meta.normalisable and meta.value_kind in SUMMED_KINDS
    if national.empty or not (apply_pc or meta.value_kind in AVERAGED_KINDS):
        return pd.DataFrame(columns=NATIONAL_REFERENCE_COLUMNS)
    shown = national.assign(value=_shown(national, apply_pc))
    shown = shown[shown["value"].notna()]
    shown["attribution"] = [
        figure_attribution(s, is_demo=d, population_is_demo=apply_pc and p)
        for s, d, p in zip(shown["source"], shown["is_demo"], shown["population_is_demo"], strict=True)
    ]
    return shown[NATIONAL_REFERENCE_COLUMNS].reset_index(drop=True)


def provisional_years(trend: pd.DataFrame) -> list[str]:
    """'2024 (Bergen op Zoom, Tholen)' per year that holds provisional values; empty when none does."""
    marked = trend[trend["provisional"] & trend["value"].notna() & ~trend["is_district"]]
    return [f"{year} ({', '.join(sorted(rows['area_name']))})" for year, rows in marked.groupby("year", sort=True)]


def comparison(trend: pd.DataFrame, year: int) -> pd.DataFrame:
    """The municipalities' values in one year, highest first, with the district row last."""
    in_year = trend[(trend["year"] == year) & trend["value"].notna()]
    municipalities = in_year[~in_year["is_district"]].sort_values("value", ascending=False)
    return pd.concat([municipalities, in_year[in_year["is_district"]]], ignore_index=True)


def indicator_breakdown(
    *, db: Session, code: str, district_code: str, area_code: str | None, per_capita: bool = False
) -> pd.DataFrame:
    """Breakdown values (not the total) per year for one municipality or the district."""
    meta = indicator_meta(db=db, codes=[code])[code]
    apply_pc = per_capita and meta.normalisable and meta.value_kind in SUMMED_KINDS
    series = district_series(db=db, indicator_codes=[code], district_code=district_code, breakdown=None)
    series = series[series["breakdown"] != TOTAL_BREAKDOWN]
    own = series[series["is_district"]] if area_code is None else series[series["area_code"] == area_code]
    return (
        pd.DataFrame(
            {
                "year": own["year"].astype(int),
                "breakdown": own["breakdown"],
                "value": _shown(own, apply_pc),
                "is_demo": own["is_demo"],
            }
        )
        .dropna(subset=["value"])
        .reset_index(drop=True)
    )


def mixed_source_lines(trend: pd.DataFrame) -> list[str]:
    """For each municipality whose line takes its years from more than one source, which years come from where
    (e.g. 'Bergen op Zoom: 2015 Bron: CBS; 2022, 2023 © Politie'); empty when every line has one source."""
    measured = trend[trend["value"].notna() & ~trend["is_district"]]
    lines = []
    for area_name, rows in measured.groupby("area_name", sort=True):
        if rows["attribution"].nunique() < 2:
            continue
        parts = [
            f"{', '.join(str(year) for year in sorted(part['year']))} {source}"
            for source, part in rows.groupby("attribution", sort=False)
        ]
        lines.append(f"{area_name}: {'; '.join(sorted(parts))}")
    return lines
