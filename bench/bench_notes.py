"""Note saving under load: 8 concurrent writers, 100 notes each, each note typed in 3 autosaves.

`note_save_p95_ms_<backend>`: 95th percentile of one save (one transaction); `notes_lost_<backend>`:
notes written minus notes found afterwards (must be 0). Runs on SQLite and, when it is reachable,
on PostgreSQL (TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test).
"""

import os
import statistics
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from sqlalchemy import func, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import select

from bench.registry import Figure, benchmark
from core.access import SYSTEM
from core.db import make_engine, transaction, write_transaction
from core.schema import upgrade_schema
from sessions.dialogue import create_dialogue, dialogue_tables
from sessions.models import Note
from sessions.notes import create_note, save_note

WRITERS, NOTES, AUTOSAVES = 8, 100, 3


def _run(engine: Engine, notes: int) -> tuple[float, int]:
    upgrade_schema(engine)
    with transaction(engine) as db:
        dialogue = create_dialogue(actor=SYSTEM, db=db, name="Belasting", session_date=date(2026, 3, 12))
        assert dialogue.id is not None
        tables = [t.id for t in dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=1)]

    def writer(number: int) -> list[float]:
        latencies = []
        table_id = tables[number % len(tables)]
        assert table_id is not None
        for index in range(notes):
            started = time.perf_counter()
            with write_transaction(engine) as db:
                note = create_note(actor=SYSTEM, db=db, table_id=table_id, author=f"verslaglegger {number}")
                note_id = note.id
            latencies.append(time.perf_counter() - started)
            assert note_id is not None
            typed = ""
            for save in range(1, AUTOSAVES + 1):
                typed += f" woord{save}"
                started = time.perf_counter()
                with write_transaction(engine) as db:
                    save_note(
                        actor=SYSTEM,
                        db=db,
                        note_id=note_id,
                        expected_version=save,
                        author=f"verslaglegger {number}",
                        text=f"notitie {number}-{index}:{typed}",
                    )
                latencies.append(time.perf_counter() - started)
        return latencies

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        latencies = [x for result in pool.map(writer, range(WRITERS)) for x in result]
    with transaction(engine) as db:
        complete = db.exec(select(func.count()).select_from(Note).where(Note.version == AUTOSAVES + 1)).one()
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    return p95, WRITERS * notes - int(complete)


def _postgres_url() -> str | None:
    admin_url = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        admin = make_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        name = f"vd_bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception:  # no server: the PostgreSQL figures are left out
        return None
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _drop(url: str) -> None:
    admin_url = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


@benchmark("notes")
def notes(quick: bool) -> list[Figure]:
    count = 30 if quick else NOTES
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'notes.sqlite'}")
        p95, lost = _run(engine, count)
        engine.dispose()
    figures += [Figure("note_save_p95_ms_sqlite", p95, "ms"), Figure("notes_lost_sqlite", lost, "notes")]
    url = _postgres_url()
    if url is not None:
        engine = make_engine(url)
        try:
            p95, lost = _run(engine, count)
        finally:
            engine.dispose()
            _drop(url)
        figures += [Figure("note_save_p95_ms_postgresql", p95, "ms"), Figure("notes_lost_postgresql", lost, "notes")]
    return figures
