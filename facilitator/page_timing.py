"""Timing a page's script run headlessly (Streamlit's AppTest), for the benchmarks in `bench/`.

Lives here because only the facilitator package may import streamlit.
"""

import gc
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from core.access import SYSTEM, Role
from core.accounts import create_user, user_by_name
from core.db import make_engine, transaction
from facilitator.auth import USER_KEY

APP = Path(__file__).resolve().parent / "app.py"


@contextmanager
def _database(url: str) -> Iterator[None]:
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous


BENCH_USER = "benchmark"


def _benchmark_user(url: str) -> str:
    """An admin account to run pages as (the generated benchmark databases have none)."""
    engine = make_engine(url)
    with transaction(engine) as db:
        if user_by_name(db=db, username=BENCH_USER) is None:
            create_user(
                db=db,
                actor=SYSTEM,
                username=BENCH_USER,
                display_name="Benchmark",
                password=None,
                roles=[str(Role.ADMIN)],
            )
    engine.dispose()
    return BENCH_USER


def page_run_samples(
    database_url: str, page: str, query_params: dict[str, str], runs: int
) -> tuple[list[float], list[float]]:
    """Seconds of `runs` cold runs (data caches cleared first) and `runs` warm runs of `page`."""
    with _database(database_url):
        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(str(APP), default_timeout=120)
        app.session_state[USER_KEY] = _benchmark_user(database_url)
        app.run()
        for key, value in query_params.items():
            app.query_params[key] = value
        app.switch_page(page).run()  # warm-up: imports, engine, first queries
        if app.exception:
            raise RuntimeError(str(app.exception))
        cold, warm = [], []
        for _ in range(runs):
            gc.collect()
            st.cache_data.clear()
            started = time.perf_counter()
            app.run()
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            app.run()
            warm.append(time.perf_counter() - started)
        st.cache_resource.clear()
    return cold, warm


def page_run_seconds(database_url: str, page: str, query_params: dict[str, str], runs: int) -> tuple[float, float]:
    """Median seconds of a cold and of a warm run of `page`."""
    cold, warm = page_run_samples(database_url, page, query_params, runs)
    return statistics.median(cold), statistics.median(warm)
