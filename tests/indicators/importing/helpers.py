"""Helpers for import tests: test files as bytes, the importer's signature, and a database snapshot."""

import hashlib
from pathlib import Path
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from indicators.importing.apply import ConflictPolicy
from indicators.importing.candidates import REFUSE_FORMER, FormerPolicy
from indicators.importing.pipeline import ImportResult
from indicators.importing.wide_format import WideMapping

REAL_DATA = Path(__file__).resolve().parents[3] / "data" / "real"


class Importer(Protocol):
    """`run_import` as SYSTEM in one transaction, with the request's fields as keywords."""

    def __call__(
        self,
        data: bytes,
        file_name: str,
        *,
        supplier: str | None = None,
        indicator: str | None = None,
        year: int | None = None,
        wide_mapping: WideMapping | None = None,
        topics: dict[str, str] | None = None,
        aggregate: str | None = None,
        dry_run: bool = False,
        conflicts: ConflictPolicy = "keep",
        former_municipalities: FormerPolicy = REFUSE_FORMER,
    ) -> ImportResult: ...


def snapshot(engine: Engine) -> tuple[object, ...]:
    """Every row of every table (and for SQLite the file's bytes), to prove nothing changed."""
    rows: list[object] = []
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows.append(tuple(map(tuple, connection.execute(table.select().order_by(*table.primary_key)).all())))
        if engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            path = engine.url.database
            assert path
            rows.append(hashlib.sha256(Path(path).read_bytes()).hexdigest())
    return tuple(rows)


def csv_bytes(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)
