"""Foundation figures: how long building the demo database and reading the catalogue take."""

import statistics
import tempfile
import time
from pathlib import Path

from bench.registry import Figure, benchmark
from core.db import make_engine, transaction
from indicators.catalogue import catalogue_frame
from sessions.demo import build_demo_database


@benchmark("demo_build")
def demo_build(quick: bool) -> list[Figure]:
    """Seconds to build the demo database from nothing on a SQLite file, and the catalogue read time."""
    runs = 1 if quick else 3
    build_times, read_times = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
            started = time.perf_counter()
            build_demo_database(engine)
            build_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            with transaction(engine) as db:
                catalogue_frame(db=db)
            read_times.append(time.perf_counter() - started)
            engine.dispose()
    return [
        Figure("demo_build_sqlite_s", statistics.median(build_times), "s"),
        Figure("catalogue_read_ms", 1000 * statistics.median(read_times), "ms"),
    ]
