"""Database faults: a dropped connection is retried and loses nothing; a full or read-only database gives a
clear Dutch message and no corruption."""

from typing import Any

import pytest
from sqlalchemy import event, func, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.db import make_engine
from core.db_faults import DatabaseUnavailable, database_problem, run_with_retry
from core.models import AuditEvent
from tests.support.databases import DatabaseFactory, Kind


def _event(db: Session, detail: str = "x") -> None:
    db.add(AuditEvent(username="test", action="test", target="test", detail=detail))
    db.flush()


def _count(engine: Engine) -> int:
    with Session(engine) as db:
        return int(db.exec(select(func.count()).select_from(AuditEvent)).one())


def test_a_full_sqlite_database_refuses_cleanly_and_stays_intact(sqlite_factory: DatabaseFactory) -> None:
    url = sqlite_factory.copy_url(Kind.EMPTY)
    first = make_engine(url)
    run_with_retry(first, _event)
    with first.connect() as connection:
        pages = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    first.dispose()
    small = make_engine(url)

    def cap(dbapi_connection: Any, _record: Any) -> None:  # a disk with room for two more pages
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    event.listen(small, "connect", cap)
    with pytest.raises(DatabaseUnavailable, match="De database is vol") as refused:
        run_with_retry(small, lambda db: [_event(db, "y" * 1000) for _ in range(200)])
    assert not refused.value.retryable
    small.dispose()
    check = make_engine(url)
    with check.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert _count(check) == 1  # the failed unit of work left nothing behind


def test_a_read_only_sqlite_database_says_so(sqlite_factory: DatabaseFactory) -> None:
    url = sqlite_factory.copy_url(Kind.EMPTY)
    path = make_url(url).database
    writable = make_engine(url)
    run_with_retry(writable, _event)
    writable.dispose()
    read_only = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(DatabaseUnavailable, match="alleen-lezen"):
        run_with_retry(read_only, _event)
    assert _count(read_only) == 1


def test_other_errors_are_not_disguised(engine: Engine) -> None:
    def twice(db: Session) -> None:
        db.add(AuditEvent(id=7, username="a", action="a", target="a"))
        db.flush()
        db.add(AuditEvent(id=7, username="b", action="b", target="b"))
        db.flush()

    with pytest.raises(IntegrityError):
        run_with_retry(engine, twice)
    assert database_problem(ValueError("x")) is None


KILL = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()"


@pytest.mark.postgres
def test_postgres_connections_dropped_mid_session_are_retried_and_nothing_is_lost(postgres_engine: Engine) -> None:
    engine = postgres_engine
    run_with_retry(engine, _event)  # a pooled connection exists now
    name = engine.url.database
    admin = make_engine(
        engine.url.set(database="postgres").render_as_string(hide_password=False), isolation_level="AUTOCOMMIT"
    )
    attempts = []

    def write_after_a_restart(db: Session) -> None:
        attempts.append(1)
        db.connection()  # the unit of work holds its connection, as in the middle of a save
        if len(attempts) == 1:  # what a server restart looks like to the app: every connection is cut
            with admin.connect() as connection:
                connection.execute(text(KILL), {"name": name})
        _event(db, "na herstart")

    run_with_retry(engine, write_after_a_restart)
    admin.dispose()
    assert len(attempts) == 2
    assert _count(engine) == 2


@pytest.mark.postgres
def test_a_read_only_postgres_database_says_so(postgres_engine: Engine) -> None:
    with postgres_engine.connect() as connection:
        connection.execute(text("SET TRANSACTION READ ONLY"))
        problem = None
        try:
            connection.execute(
                text("INSERT INTO audit_event (at, username, action, target, detail) VALUES (now(), 'x', 'x', 'x', '')")
            )
        except Exception as error:
            problem = database_problem(error)
    assert problem is not None
    assert "alleen-lezen" in str(problem)
    assert not problem.retryable
