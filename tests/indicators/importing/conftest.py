"""Fixtures for import tests: the catalogue and areas of De Markiezaten, and a database snapshot."""

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from core.access import SYSTEM
from core.db import transaction
from indicators.areas import load_areas
from indicators.catalogue import load_catalogue
from indicators.importing.pipeline import ImportRequest, ImportResult, run_import

REAL_DATA = Path(__file__).resolve().parents[3] / "data" / "real"


@pytest.fixture
def monitor(engine: Engine) -> Engine:
    """A database with the catalogue and all areas (De Markiezaten configured), no values."""
    with transaction(engine) as db:
        load_catalogue(db=db)
        load_areas(db=db)
    return engine


def snapshot(engine: Engine) -> tuple[object, ...]:
    """Every row of every table (and for SQLite the file's bytes), to prove nothing changed."""
    rows = []
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows.append(tuple(map(tuple, connection.execute(table.select().order_by(*table.primary_key)).all())))
        if engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            path = engine.url.database
            assert path
            rows.append(hashlib.sha256(Path(path).read_bytes()).hexdigest())
    return tuple(rows)


Importer = Callable[..., ImportResult]


@pytest.fixture
def do_import(monitor: Engine) -> Importer:
    def run(data: bytes, file_name: str, **options: object) -> ImportResult:
        request_fields = {k: options.pop(k) for k in ("supplier", "indicator", "year", "wide_mapping") if k in options}
        with transaction(monitor) as db:
            return run_import(actor=SYSTEM, db=db, request=ImportRequest(data, file_name, **request_fields), **options)  # type: ignore[arg-type]

    return run


def csv_bytes(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


@pytest.fixture
def read_session(monitor: Engine) -> Iterator[Session]:
    with Session(monitor) as db:
        yield db
