"""Import speed: a generated 100,000-row long-format CSV through the whole pipeline.

Read, validate, compare with the database and write in one transaction (SQLite file). Reported
next to a bare `pandas.read_csv` of the same file, with the process's peak memory growth.
"""

import io
import random
import resource
import tempfile
import time
from pathlib import Path

import pandas as pd
from sqlmodel import col, select

from bench.registry import Figure, benchmark
from core.access import SYSTEM
from core.db import make_engine, transaction
from core.schema import upgrade_schema
from indicators.areas import load_areas
from indicators.catalogue import load_catalogue
from indicators.importing.pipeline import ImportRequest, run_import
from indicators.models import Area, Indicator

ROWS = 100_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def generated_csv(areas: list[str], indicators: list[str], rows: int, seed: int = 100) -> bytes:
    rng = random.Random(seed)
    lines = ["indicator;gemeente;jaar;uitsplitsing;waarde;toelichting"]
    for code in indicators:
        for area in areas:
            for year in range(1995, 2025):
                lines.append(f"{code};{area};{year};totaal;{rng.randint(0, 5000)};")
                if len(lines) > rows:
                    return ("\n".join(lines) + "\n").encode()
    raise ValueError("not enough combinations for the requested rows")


@benchmark("import_100k")
def import_100k(quick: bool) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'import.sqlite'}")
        upgrade_schema(engine)
        with transaction(engine) as db:
            load_catalogue(db=db)
            load_areas(db=db)
            municipalities = db.exec(select(Area).where(col(Area.kind) == "gemeente", col(Area.active))).all()
            for area in municipalities:  # configure every municipality, so that no row is skipped
                area.district_code = area.district_code or "DIS-BENCH"
                db.add(area)
            db.add(Area(code="DIS-BENCH", name="Benchmarkdistrict", kind="district"))
            codes = [a.code for a in municipalities]
            counts = db.exec(
                select(Indicator.code).where(col(Indicator.value_kind) == "aantal", col(Indicator.status) == "actief")
            ).all()
        data = generated_csv(codes, list(counts), ROWS)
        started = time.perf_counter()
        pd.read_csv(io.BytesIO(data), sep=";")
        pandas_seconds = time.perf_counter() - started
        memory_before = _peak_mb()
        started = time.perf_counter()
        with transaction(engine) as db:
            result = run_import(
                actor=SYSTEM, db=db, request=ImportRequest(data, "bench_100k.csv", supplier="Benchmark")
            )
        seconds = time.perf_counter() - started
        memory_growth = _peak_mb() - memory_before
        assert result.delivery is not None
        assert result.delivery.rows_added == ROWS
        engine.dispose()
    return [
        Figure("import_100k_rows_s", seconds, "s"),
        Figure("import_100k_rows_pandas_read_csv_s", pandas_seconds, "s"),
        Figure("import_100k_rows_ratio_to_pandas", seconds / pandas_seconds, "x"),
        Figure("import_100k_rows_peak_memory_growth_mb", memory_growth, "MB"),
    ]
