"""Report speed: the duidingsverslag of a full session as DOCX.

The demo session plus generated notes: ~50 notes per theme table over both rounds (most about an indicator of
the table's theme, so nearly every indicator is discussed and gets a chart) and 30 actions. Also the four
bestuurlijke handouts.
"""

import random
import tempfile
import time
from pathlib import Path

from bench.registry import Figure, benchmark
from core.access import SYSTEM
from core.db import make_engine, transaction
from indicators.catalogue import catalogue_frame
from sessions.demo import build_demo_database
from sessions.dialogue import dialogue_tables
from sessions.documents import handout_document
from sessions.notes import NOTE_KINDS, create_action, create_note
from sessions.report import build_report, render_docx


@benchmark("report")
def report(quick: bool) -> list[Figure]:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'report.sqlite'}")
        build_demo_database(engine)
        with transaction(engine) as db:
            tables = [t for r in (1, 2) for t in dialogue_tables(db=db, dialogue_id=1, round_number=r)]
            for table in tables:
                assert table.id is not None
                codes = [*catalogue_frame(db=db, status="actief", theme_code=table.theme_code)["code"], None]
                for number in range(25):
                    create_note(
                        actor=SYSTEM,
                        db=db,
                        table_id=table.id,
                        author="bench",
                        kind=rng.choice(list(NOTE_KINDS)),
                        indicator_code=rng.choice(codes),
                        text=f"Notitie {number} aan tafel {table.id}: " + "duiding " * 20,
                    )
            for number in range(26):
                table_id = tables[number % len(tables)].id
                assert table_id is not None
                create_action(actor=SYSTEM, db=db, table_id=table_id, author="bench", title=f"Actie {number}")
        started = time.perf_counter()
        with transaction(engine) as db:
            report = build_report(db=db, dialogue_id=1, with_charts=True)
            document = render_docx(report)
        seconds = time.perf_counter() - started
        charts = sum(len(theme.charts) for theme in report.themes)
        started = time.perf_counter()
        with transaction(engine) as db:
            handouts = handout_document(actor=SYSTEM, db=db, dialogue_id=1)
        handout_seconds = time.perf_counter() - started
        engine.dispose()
    return [
        Figure("report_docx_full_s", seconds, "s"),
        Figure("report_docx_charts", charts, "charts"),
        Figure("report_docx_bytes", len(document), "bytes"),
        Figure("handouts_docx_s", handout_seconds, "s"),
        Figure("handouts_docx_bytes", len(handouts), "bytes"),
    ]
