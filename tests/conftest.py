"""Shared fixtures: databases on SQLite and PostgreSQL, copied from templates built once per test run.

Every test that asks for `engine`, `db`, `demo_engine`, `demo_db` or `writable_demo` runs once per backend; the
PostgreSQL runs carry the `postgres` marker. Without a reachable PostgreSQL server those runs are skipped
locally, but fail when CI=true.
"""

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from sessions.pdf import pdf_available
from tests.support.databases import DatabaseFactory, Kind, in_ci, postgres_unavailable_reason

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
POSTGRES_FIXTURES = {"postgres_available", "postgres_factory", "postgres_engine"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that needs the PostgreSQL server is marked `postgres` (the backend param marks its own)."""
    for item in items:
        if POSTGRES_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_available() -> None:
    reason = postgres_unavailable_reason()
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


# ---------------------------------------------------------------- one factory (and its templates) per backend
@pytest.fixture(scope="session")
def sqlite_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory("sqlite", tmp_path_factory.mktemp("db-sqlite"))
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session")
def postgres_factory(postgres_available: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory("postgresql", tmp_path_factory.mktemp("db-postgresql"))
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def database_factory(backend: str, request: pytest.FixtureRequest) -> DatabaseFactory:
    """New databases of the current backend (`new_engine(migrate=False)` for one without schema)."""
    factory = request.getfixturevalue("sqlite_factory" if backend == "sqlite" else "postgres_factory")
    assert isinstance(factory, DatabaseFactory)
    return factory


@pytest.fixture
def postgres_engine(postgres_factory: DatabaseFactory) -> Iterator[Engine]:
    """A migrated, empty PostgreSQL database for tests about PostgreSQL itself (dropped afterwards)."""
    engine = postgres_factory.copy(Kind.EMPTY)
    yield engine
    postgres_factory.remove(engine)


# ---------------------------------------------------------------- databases of the current backend
@pytest.fixture
def engine(database_factory: DatabaseFactory) -> Iterator[Engine]:
    """A migrated, empty database of the current backend, private to the test (a copy of the empty template)."""
    engine = database_factory.copy(Kind.EMPTY)
    yield engine
    database_factory.remove(engine)


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as db_session:
        yield db_session


@pytest.fixture(scope="session")
def demo_engine(database_factory: DatabaseFactory) -> Iterator[Engine]:
    """A database with the full demo build, shared by read-only tests: do not write to it."""
    engine = database_factory.copy(Kind.DEMO)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_db(demo_engine: Engine) -> Iterator[Session]:
    with Session(demo_engine) as db_session:
        yield db_session
        db_session.rollback()


@pytest.fixture
def writable_demo(database_factory: DatabaseFactory) -> Iterator[Engine]:
    """The full demo build on the current backend, private to the test (a copy of the demo template)."""
    engine = database_factory.copy(Kind.DEMO)
    yield engine
    database_factory.remove(engine)


# ---------------------------------------------------------------- SQLite files for the CLI, the app and pages
@pytest.fixture(scope="session")
def demo_sqlite_url(sqlite_factory: DatabaseFactory) -> str:
    """A demo database on SQLite only, shared by CLI and page tests that need a DATABASE_URL: do not write to it."""
    return sqlite_factory.copy_url(Kind.DEMO)


@pytest.fixture
def writable_demo_sqlite_url(sqlite_factory: DatabaseFactory) -> str:
    """The URL of a demo database on SQLite, private to the test (a copy of the demo template)."""
    return sqlite_factory.copy_url(Kind.DEMO)
