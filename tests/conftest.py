"""Shared fixtures: databases on SQLite and PostgreSQL, built fresh by the tests themselves.

Every test that asks for `engine` or `session` runs once per backend. Without a reachable
PostgreSQL server those runs are skipped locally, but fail when CI=true.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session

from core.db import make_engine
from core.schema import upgrade_schema
from sessions.demo import build_demo_database
from sessions.models import application_metadata
from sessions.pdf import pdf_available

BACKENDS = ["sqlite", "postgresql"]
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_admin_url() -> str:
    return os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _postgres_unavailable_reason() -> str | None:
    try:
        engine = make_engine(postgres_admin_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure to connect means: not available
        return f"PostgreSQL niet bereikbaar op {postgres_admin_url()}: {error.__class__.__name__}: {error}"
    return None


@pytest.fixture(scope="session")
def postgres_available() -> None:
    reason = _postgres_unavailable_reason()
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true: database tests must run on PostgreSQL too)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def office() -> None:
    """LibreOffice for PDF output: skipped without it locally, a failure under CI (CI installs it)."""
    if pdf_available():
        return
    if in_ci():
        pytest.fail("LibreOffice (soffice) is missing; .ci/run installs libreoffice-writer-nogui")
    pytest.skip("LibreOffice (soffice) is not installed")


class DatabaseFactory:
    """Creates fresh, migrated databases of one backend and removes them afterwards."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self._created: list[str] = []

    def new_url(self) -> str:
        name = f"vd_test_{uuid.uuid4().hex[:12]}"
        if self.backend == "sqlite":
            return f"sqlite:///{self.folder / name}.sqlite"
        admin = make_engine(postgres_admin_url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False)
        self._created.append(name)
        return url

    def new_engine(self, *, migrate: bool = True) -> Engine:
        engine = make_engine(self.new_url())
        if migrate:
            upgrade_schema(engine)
        return engine

    def drop_all(self) -> None:
        if self.backend != "postgresql":
            return
        admin = make_engine(postgres_admin_url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for name in self._created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        request.getfixturevalue("postgres_available")
    return str(request.param)


@pytest.fixture(scope="session")
def database_factory(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(backend, tmp_path_factory.mktemp(f"db-{backend}"))
    yield factory
    factory.drop_all()


@pytest.fixture
def postgres_engine(postgres_available: None, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, migrated PostgreSQL database for tests about PostgreSQL itself (dropped afterwards)."""
    factory = DatabaseFactory("postgresql", tmp_path)
    engine = factory.new_engine()
    yield engine
    engine.dispose()
    factory.drop_all()


@pytest.fixture(scope="session")
def _shared_engine(database_factory: DatabaseFactory) -> Iterator[Engine]:
    engine = database_factory.new_engine()
    yield engine
    engine.dispose()


def _empty_tables(engine: Engine) -> None:
    tables = list(reversed(application_metadata().sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def engine(_shared_engine: Engine) -> Iterator[Engine]:
    """A migrated, empty database of the current backend (emptied again after the test)."""
    yield _shared_engine
    _empty_tables(_shared_engine)


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as db_session:
        yield db_session


@pytest.fixture(scope="session")
def demo_engine(database_factory: DatabaseFactory) -> Iterator[Engine]:
    """A database with the full demo build, shared by read-only tests: do not write to it."""
    engine = database_factory.new_engine()
    build_demo_database(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_db(demo_engine: Engine) -> Iterator[Session]:
    with Session(demo_engine) as db_session:
        yield db_session
        db_session.rollback()


@pytest.fixture(scope="session")
def demo_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo database on SQLite only, for CLI and page tests that need a DATABASE_URL."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo-sqlite') / 'demo.sqlite'}"
    engine = make_engine(url)
    build_demo_database(engine)
    engine.dispose()
    return url
