"""Backup and restore speed: the demo database with a generated national-size observation table is too slow
for --quick, so: the demo database (quick) or the demo plus 100.000 extra values (full), written to a portable
backup and restored into a fresh SQLite database, with the round trip checked identical."""

import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import select

from bench.registry import Figure, benchmark
from core.backup import database_fingerprint, restore_portable_backup, sqlite_copy, write_portable_backup
from core.db import make_engine, transaction
from indicators.models import Area, Delivery, Indicator, Observation
from sessions.demo import build_demo_database


def _extra_values(url: str, count: int) -> None:
    """Fictitious extra values (marked demo) on the demo's indicators and areas, for a larger database."""
    engine = make_engine(url)
    rng = random.Random(3)
    with transaction(engine) as db:
        indicators = [i.id for i in db.exec(select(Indicator)).all()]
        areas = [a.id for a in db.exec(select(Area)).all()]
        delivery = Delivery(
            supplier="benchmark",
            file_name="bench",
            content_hash="bench",
            source="benchmark",
            row_count=count,
            is_demo=True,
        )
        db.add(delivery)
        db.flush()
        rows = [
            {
                "indicator_id": rng.choice(indicators),
                "area_id": rng.choice(areas),
                "year": 1900 + i // 50_000,
                "breakdown": f"b{i}",
                "value": rng.random() * 100,
                "source": "benchmark",
                "is_demo": True,
                "delivery_id": delivery.id,
            }
            for i in range(count)
        ]
        for start in range(0, count, 10_000):
            db.execute(insert(Observation), rows[start : start + 10_000])
    engine.dispose()


@benchmark("backup")
def backup(quick: bool) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        source_url = f"sqlite:///{Path(folder) / 'bron.sqlite'}"
        source = make_engine(source_url)
        build_demo_database(source)
        if not quick:
            _extra_values(source_url, 100_000)
        archive = Path(folder) / "backup.zip"
        started = time.perf_counter()
        counts = write_portable_backup(source, archive)
        backup_s = time.perf_counter() - started
        target = make_engine(f"sqlite:///{Path(folder) / 'doel.sqlite'}")
        started = time.perf_counter()
        restore_portable_backup(target, archive)
        restore_s = time.perf_counter() - started
        identical = database_fingerprint(source) == database_fingerprint(target)
        started = time.perf_counter()
        sqlite_copy(source, Path(folder) / "kopie.sqlite")
        copy_s = time.perf_counter() - started
        size = archive.stat().st_size
        source.dispose()
        target.dispose()
    return [
        Figure("backup_portable_s", backup_s, "s"),
        Figure("restore_portable_s", restore_s, "s"),
        Figure("backup_rows", sum(counts.values()), "rows"),
        Figure("backup_zip_bytes", size, "bytes"),
        Figure("backup_round_trip_identical", float(identical), "bool"),
        Figure("backup_sqlite_copy_s", copy_s, "s"),
    ]
