"""The one place that owns Streamlit caches of resources and the session helper.

Never keep a Session or ORM objects in st.session_state or a cache: cache the engine,
open a short session per use, and cache only plain data.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.db import database_url, make_engine, transaction
from sessions.privacy import pseudonymise_expired


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return make_engine(url)


def get_engine() -> Engine:
    return _engine_for(database_url())


@contextmanager
def db_session() -> Iterator[Session]:
    """A short unit of work on the app's database."""
    with transaction(get_engine()) as db:
        yield db


def database_key() -> str:
    """The database URL, as part of every cache key (never shown)."""
    return database_url()


@st.cache_data(ttl=3600, show_spinner=False)
def _privacy_job(db_key: str) -> list[int]:
    with transaction(get_engine()) as db:
        return pseudonymise_expired(db=db)


def run_privacy_job() -> None:
    """Pseudonymise sessions whose retention has passed: at most once an hour per app process."""
    _privacy_job(database_key())
