"""Bounded Streamlit caches around domain queries (OWID-style: cache wrapper -> domain function -> ORM).

Every wrapper is keyed on the database URL and a cheap data fingerprint, so an import or a new
value invalidates it; only plain DataFrames and values are cached, never sessions or ORM objects.
The `db_key` and `version` arguments exist only to be part of the cache key.
"""

import pandas as pd
import streamlit as st

from facilitator.state import database_key, db_session
from indicators.areas import districts_with_municipalities
from indicators.catalogue import catalogue_frame
from indicators.coverage import coverage_matrix, overlap_candidates
from indicators.detail import indicator_breakdown, indicator_trend
from indicators.monitor import Scope, theme_overview
from indicators.summary import DataSummary, data_summary, data_version

CACHE = {"max_entries": 256, "ttl": 3600, "show_spinner": False}


def current_version() -> tuple[int, int, int, int]:
    with db_session() as db:
        return data_version(db=db)


@st.cache_data(**CACHE)  # type: ignore[call-overload]
def _theme_overview(
    db_key: str, version: tuple[int, int, int, int], theme_code: str, district: str, area: str | None, per_capita: bool
) -> pd.DataFrame:
    with db_session() as db:
        return theme_overview(db=db, theme_code=theme_code, scope=Scope(district, area, per_capita))


def cached_theme_overview(theme_code: str, district: str, area: str | None, per_capita: bool) -> pd.DataFrame:
    return _theme_overview(database_key(), current_version(), theme_code, district, area, per_capita)


@st.cache_data(**CACHE)  # type: ignore[call-overload]
def _trend(db_key: str, version: tuple[int, int, int, int], code: str, district: str, per_capita: bool) -> pd.DataFrame:
    with db_session() as db:
        return indicator_trend(db=db, code=code, district_code=district, per_capita=per_capita)


def cached_trend(code: str, district: str, per_capita: bool) -> pd.DataFrame:
    return _trend(database_key(), current_version(), code, district, per_capita)


@st.cache_data(**CACHE)  # type: ignore[call-overload]
def _breakdown(
    db_key: str, version: tuple[int, int, int, int], code: str, district: str, area: str | None, per_capita: bool
) -> pd.DataFrame:
    with db_session() as db:
        return indicator_breakdown(db=db, code=code, district_code=district, area_code=area, per_capita=per_capita)


def cached_breakdown(code: str, district: str, area: str | None, per_capita: bool) -> pd.DataFrame:
    return _breakdown(database_key(), current_version(), code, district, area, per_capita)


@st.cache_data(**CACHE)  # type: ignore[call-overload]
def _coverage(db_key: str, version: tuple[int, int, int, int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    with db_session() as db:
        return coverage_matrix(db=db), overlap_candidates(db=db)


def cached_coverage() -> tuple[pd.DataFrame, pd.DataFrame]:
    return _coverage(database_key(), current_version())


@st.cache_data(**CACHE)  # type: ignore[call-overload]
def _districts(db_key: str, version: tuple[int, int, int, int]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    with db_session() as db:
        return districts_with_municipalities(db=db)


def cached_districts() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(district code, district name, [(municipality code, name), ...]) per configured district."""
    return _districts(database_key(), current_version())


@st.cache_data(**CACHE)  # type: ignore[call-overload]
def _catalogue(db_key: str, version: tuple[int, int, int, int]) -> pd.DataFrame:
    with db_session() as db:
        return catalogue_frame(db=db)


def cached_catalogue() -> pd.DataFrame:
    return _catalogue(database_key(), current_version())


@st.cache_data(**CACHE)  # type: ignore[call-overload]
def _summary(db_key: str, version: tuple[int, int, int, int], district: str | None) -> DataSummary:
    with db_session() as db:
        return data_summary(db=db, district_code=district)


def cached_summary(district: str | None) -> DataSummary:
    return _summary(database_key(), current_version(), district)
