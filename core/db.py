"""Engine factory and transactions.

No engine exists at import time: callers build one from `DATABASE_URL` (or the
default SQLite file in the user's data directory) and pass sessions around.
"""

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Table, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, SQLModel, create_engine

from core.text_guard import guard_engine

APP_NAME = "veiligheidsdialoog"
SQLITE_BUSY_TIMEOUT_MS = 15_000


def default_database_path() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / f"{APP_NAME}.sqlite"


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else `DATABASE_URL`, else the default SQLite file.

    `postgresql://` and `postgres://` URLs are routed to the psycopg 3 driver.
    """
    raw = url or os.environ.get("DATABASE_URL") or f"sqlite:///{default_database_path()}"
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw.removeprefix("postgres://")
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw.removeprefix("postgresql://")
    return raw


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """Create an engine; for SQLite the file's folder is created and WAL + foreign keys are on."""
    resolved = database_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _configure_sqlite)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        engine = create_engine(resolved, **kwargs)
    guard_engine(engine)
    return engine


@contextmanager
def transaction(engine: Engine, *, immediate: bool = False) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll back on any error.

    `immediate=True` is for writes under contention (seat claims): on SQLite the write lock is
    taken at the start (BEGIN IMMEDIATE), so concurrent writers queue on the busy timeout instead
    of failing when a read lock cannot be upgraded. On PostgreSQL it changes nothing.
    """
    with Session(engine, expire_on_commit=False) as db:
        if immediate and is_sqlite(engine):
            db.connection().exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield db
            db.commit()
        except BaseException:
            db.rollback()
            raise


def optimise_after_bulk_load(engine: Engine) -> None:
    """Refresh the query planner's statistics after a large load (and fold SQLite's WAL back in)."""
    with engine.connect() as connection:
        if is_sqlite(engine):
            connection.exec_driver_sql("PRAGMA optimize")
            connection.exec_driver_sql("ANALYZE")
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            connection.exec_driver_sql("ANALYZE")
        connection.commit()


def write_transaction(engine: Engine) -> AbstractContextManager[Session]:
    """`transaction(engine, immediate=True)`: a unit of work that writes under contention."""
    return transaction(engine, immediate=True)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model, for Core inserts and updates (SQLModel does not type `__table__`)."""
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table
