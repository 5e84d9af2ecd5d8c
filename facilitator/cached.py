"""Bounded Streamlit caches around domain queries (OWID-style: cache wrapper -> domain function -> ORM).

Every wrapper is keyed on the database URL and a cheap data fingerprint, so an import or a new
value invalidates it; only plain DataFrames and values are cached, never sessions or ORM objects.
A query decorated with `keyed_on_data` takes `db_key` and `version` first: they exist only to be
part of the cache key, and the decorator fills them in, so callers pass only the remaining arguments.
"""

from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from facilitator.state import database_key, db_session
from indicators.areas import districts_with_municipalities
from indicators.catalogue import catalogue_frame
from indicators.coverage import coverage_matrix, overlap_candidates
from indicators.detail import indicator_breakdown, indicator_trend, national_reference
from indicators.monitor import Scope, theme_overview
from indicators.summary import DataSummary, data_summary, data_version

P = ParamSpec("P")
R = TypeVar("R")
Version = tuple[int, int, int, int, int]


def current_version() -> Version:
    with db_session() as db:
        return data_version(db=db)


def keyed_on_data(query: Callable[Concatenate[str, Version, P], R]) -> Callable[P, R]:
    """Cache `query` with st.cache_data (bounded, an hour, no spinner), keyed also on the database and its data.

    Each decorated query is its own st.cache_data function (its own `max_entries`), since Streamlit keys a cache
    on the function's module, name and source.
    """
    cached = st.cache_data(max_entries=256, ttl=3600, show_spinner=False)(query)

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return cached(database_key(), current_version(), *args, **kwargs)

    call.__doc__ = query.__doc__
    return call


@keyed_on_data
def cached_theme_overview(
    db_key: str, version: Version, theme_code: str, district: str, area: str | None, per_capita: bool
) -> pd.DataFrame:
    with db_session() as db:
        return theme_overview(db=db, theme_code=theme_code, scope=Scope(district, area, per_capita))


@keyed_on_data
def cached_trend(db_key: str, version: Version, code: str, district: str, per_capita: bool) -> pd.DataFrame:
    with db_session() as db:
        return indicator_trend(db=db, code=code, district_code=district, per_capita=per_capita)


@keyed_on_data
def cached_breakdown(
    db_key: str, version: Version, code: str, district: str, area: str | None, per_capita: bool
) -> pd.DataFrame:
    with db_session() as db:
        return indicator_breakdown(db=db, code=code, district_code=district, area_code=area, per_capita=per_capita)


@keyed_on_data
def cached_national(db_key: str, version: Version, code: str, per_capita: bool) -> pd.DataFrame:
    with db_session() as db:
        return national_reference(db=db, code=code, per_capita=per_capita)


@keyed_on_data
def cached_coverage(db_key: str, version: Version) -> tuple[pd.DataFrame, pd.DataFrame]:
    with db_session() as db:
        return coverage_matrix(db=db), overlap_candidates(db=db)


@keyed_on_data
def cached_districts(db_key: str, version: Version) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(district code, district name, [(municipality code, name), ...]) per configured district."""
    with db_session() as db:
        return districts_with_municipalities(db=db)


@keyed_on_data
def cached_catalogue(db_key: str, version: Version) -> pd.DataFrame:
    with db_session() as db:
        return catalogue_frame(db=db)


@keyed_on_data
def cached_summary(db_key: str, version: Version, district: str | None) -> DataSummary:
    with db_session() as db:
        return data_summary(db=db, district_code=district)
