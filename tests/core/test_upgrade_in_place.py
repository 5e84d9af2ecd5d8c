"""A database made by the previous release upgrades in place and keeps working.

`tests/fixtures/previous_release_demo.sqlite.gz` is the demo database that `veiligheidsdialoog demo` of the
release before the kernel package (commit 1baba14, migrations then in `sessions/migrations/`) wrote. The
Alembic history moved to `core/migrations/` without changing a revision, so the upgrade finds the database
current, changes no row, and every part of the app reads it.
"""

import gzip
import shutil
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from core.backup import database_columns, database_fingerprint
from core.db import make_engine
from core.login import log_in
from core.login_throttle import AddressThrottle
from core.schema import current_revision, head_revision, upgrade_schema
from indicators.monitor import Scope, theme_overview
from sessions.demo_accounts import DEMO_PASSWORD
from sessions.models import application_metadata
from sessions.report import build_report

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "previous_release_demo.sqlite.gz"
PREVIOUS_HEAD = "0007"


def _previous_release_database(folder: Path) -> str:
    target = folder / "previous.sqlite"
    with gzip.open(FIXTURE, "rb") as source, target.open("wb") as copy:
        shutil.copyfileobj(source, copy)
    return f"sqlite:///{target}"


def test_previous_release_database_upgrades_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    engine = make_engine(_previous_release_database(tmp_path))
    assert current_revision(engine) == PREVIOUS_HEAD
    columns = database_columns(engine)  # a later migration may add columns: the old ones keep their values
    before = database_fingerprint(engine, columns)
    with engine.connect() as connection:
        counts = {t: connection.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in ("observation", "note")}
    assert counts["observation"] > 5000
    assert counts["note"] > 0

    upgrade_schema(engine)

    assert current_revision(engine) == head_revision()
    after = database_fingerprint(engine, columns)
    for table in application_metadata().tables:
        if table in before:  # tables a later migration adds start empty; the old ones keep every row
            assert after[table] == before[table], table
    login = log_in(engine=engine, username="beheer", password=DEMO_PASSWORD, client="test", addresses=AddressThrottle())
    assert login.username == "beheer"
    with Session(engine) as db:
        overview = theme_overview(db=db, theme_code="VB", scope=Scope("DIS-MARKIEZATEN", None, False))
        assert len(overview) > 5
        report = build_report(db=db, dialogue_id=1)
        assert report.themes
    engine.dispose()
