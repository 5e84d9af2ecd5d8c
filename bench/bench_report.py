"""Report speed: the duidingsverslag of a full session as DOCX.

The demo session plus generated notes: ~50 notes per table over both rounds and 30 actions.
(Charts per indicator are not in the report yet, so they are not in this figure either.)
"""

import random
import tempfile
import time
from pathlib import Path

from bench.registry import Figure, benchmark
from indicators.db import make_engine, transaction
from sessions.demo import build_demo_database
from sessions.dialogue import session_tables
from sessions.notes import NOTE_KINDS, create_action, create_note
from sessions.report import build_report, render_docx


@benchmark("report")
def report(quick: bool) -> list[Figure]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'report.sqlite'}")
        build_demo_database(engine)
        with transaction(engine) as session:
            tables = [t for r in (1, 2) for t in session_tables(session=session, dialogue_id=1, round_number=r)]
            for table in tables:
                assert table.id is not None
                for number in range(25):
                    create_note(session=session, table_id=table.id, author="bench", kind=rng.choice(list(NOTE_KINDS)),
                                text=f"Notitie {number} aan tafel {table.id}: " + "duiding " * 20)  # fmt: skip
            for number in range(26):
                table_id = tables[number % len(tables)].id
                assert table_id is not None
                create_action(session=session, table_id=table_id, author="bench", title=f"Actie {number}")
        started = time.perf_counter()
        with transaction(engine) as session:
            document = render_docx(build_report(session=session, dialogue_id=1))
        seconds = time.perf_counter() - started
        engine.dispose()
    return [Figure("report_docx_full_s", seconds, "s"), Figure("report_docx_bytes", len(document), "bytes")]
