"""Test databases: one prepared template per backend and kind, copied for every test that writes.

A template is built at most once per test run (on first use): `empty` is the migrated schema, `monitor` adds the
catalogue and the areas, `demo` is the full `build_demo_database`. A copy is a file copy on SQLite and
`CREATE DATABASE ... TEMPLATE ...` on PostgreSQL, which is what makes a fresh database per test cheap.
"""

import os
import shutil
import uuid
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from core.db import make_engine, transaction
from core.schema import upgrade_schema
from indicators.areas import load_areas
from indicators.catalogue import load_catalogue
from sessions.demo import build_demo_database

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_admin_url() -> str:
    return os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def postgres_unavailable_reason() -> str | None:
    try:
        engine = make_engine(postgres_admin_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # any failure to connect means: not available
        return f"PostgreSQL niet bereikbaar op {postgres_admin_url()}: {error.__class__.__name__}: {error}"
    return None


class Kind(StrEnum):
    EMPTY = "empty"  # the migrated schema, no rows
    MONITOR = "monitor"  # plus the catalogue and all areas
    DEMO = "demo"  # the full demo build


def _load_monitor(engine: Engine) -> None:
    with transaction(engine) as db:
        load_catalogue(db=db)
        load_areas(db=db)


def _build_demo(engine: Engine) -> None:
    build_demo_database(engine)


# each kind is built on a copy of the one before it
_BUILD: dict[Kind, tuple[Kind | None, Callable[[Engine], None]]] = {
    Kind.EMPTY: (None, upgrade_schema),
    Kind.MONITOR: (Kind.EMPTY, _load_monitor),
    Kind.DEMO: (Kind.EMPTY, _build_demo),
}


class DatabaseFactory:
    """New databases of one backend: empty, or copies of its templates; all removed by `drop_all`."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self._templates: dict[Kind, str] = {}
        self._created: list[str] = []
        self._admin_engine: Engine | None = None

    # ------------------------------------------------------------------ names and URLs
    def _new_name(self) -> str:
        return f"vd_test_{uuid.uuid4().hex[:12]}"

    def _url(self, name: str) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.folder / name}.sqlite"
        return make_url(postgres_admin_url()).set(database=name).render_as_string(hide_password=False)

    def _admin(self, statement: str) -> None:
        if self._admin_engine is None:
            self._admin_engine = make_engine(postgres_admin_url(), isolation_level="AUTOCOMMIT")
        with self._admin_engine.connect() as connection:
            connection.execute(text(statement))

    def _create(self, template: str | None = None) -> str:
        """A new database (a copy of `template` when given); returns its name."""
        name = self._new_name()
        if self.backend == "sqlite":
            if template is not None:
                shutil.copyfile(self.folder / f"{template}.sqlite", self.folder / f"{name}.sqlite")
            return name
        self._created.append(name)
        self._admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    # ------------------------------------------------------------------ templates
    def _template(self, kind: Kind) -> str:
        """The name of the template of `kind`, built on first use and never written to afterwards."""
        if kind not in self._templates:
            base, build = _BUILD[kind]
            name = self._create(self._template(base) if base is not None else None)
            engine = make_engine(self._url(name))
            try:
                build(engine)
                if self.backend == "sqlite":  # fold the WAL into the file, so a file copy is complete
                    with engine.connect() as connection:
                        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                engine.dispose()  # PostgreSQL copies a template only while nobody is connected to it
            self._check_closed(name)
            self._templates[kind] = name
        return self._templates[kind]

    def _check_closed(self, name: str) -> None:
        if self.backend != "sqlite":
            return
        wal = self.folder / f"{name}.sqlite-wal"
        if wal.exists() and wal.stat().st_size:
            raise RuntimeError(f"template {name} still has a write-ahead log; a file copy would be incomplete")

    # ------------------------------------------------------------------ what tests ask for
    def new_url(self) -> str:
        """The URL of a new, empty database without any schema."""
        return self._url(self._create())

    def new_engine(self, *, migrate: bool = True) -> Engine:
        """A new database: migrated and empty (a copy of the template), or without schema (`migrate=False`)."""
        if not migrate:
            return make_engine(self.new_url())
        return self.copy(Kind.EMPTY)

    def copy_url(self, kind: Kind) -> str:
        """The URL of a new database that is a copy of the template of `kind`."""
        return self._url(self._create(self._template(kind)))

    def copy(self, kind: Kind) -> Engine:
        return make_engine(self.copy_url(kind))

    def remove(self, engine: Engine) -> None:
        """Dispose of `engine` and delete its database now (instead of at the end of the run)."""
        engine.dispose()
        database = engine.url.database or ""
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(database + suffix).unlink(missing_ok=True)
            return
        self._admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if database in self._created:
            self._created.remove(database)

    def drop_all(self) -> None:
        for name in reversed(self._created):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._created.clear()
        if self._admin_engine is not None:
            self._admin_engine.dispose()
            self._admin_engine = None
