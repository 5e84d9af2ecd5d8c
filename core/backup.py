"""Backup and restore.

Two forms:

- **SQLite copy** (`.sqlite`): SQLite's online backup API, a consistent copy of a live database (the app may keep
  running); restoring is copying the file back (or pointing DATABASE_URL at it).
- **Portable backup** (`.zip`): a manifest and one JSON-lines file per table, in dependency order. It moves a
  whole database, including its sessions, between SQLite and PostgreSQL. A restore goes into an empty database
  (or replaces everything with `replace=True`), in one transaction: all or nothing. Afterwards PostgreSQL's id
  sequences continue after the restored ids.

A restore reads no more than it may: `RestoreLimits` bounds the table data in all (as the archive declares it and
as it is read, so a header that lies does not help), one row, and every text value (a column's declared length, the
limit a model puts in its column's `info` under `MAX_CHARS` (a note: 10,000 characters), else `MAX_TEXT_CHARS`). A
small zip that unpacks to a 200 MB note is refused, in Dutch, before anything is written.

`database_fingerprint` is what the round-trip tests compare: every row of every table, values normalised
(times in UTC, JSON as sorted text), so two databases of different engines can be compared.
"""

import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, String, Table, delete, func, insert, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

from core.db import is_sqlite
from core.errors import UserError
from core.formatting import format_int
from core.schema import current_revision, head_revision, upgrade_schema

FORMAT = "veiligheidsdialoog-backup"
FORMAT_VERSION = 1
CHUNK = 5_000
MAX_CHARS = "max_chars"
"""The key in a column's `info` for its longest value in characters (set by the models, checked on restore)."""
MB = 1_000_000
MAX_MANIFEST_BYTES = MB


@dataclass(frozen=True)
class RestoreLimits:
    """What a restore reads at most: the table data in all (uncompressed), one row (a JSON line), and a text value
    of a column without a length of its own (in characters)."""

    total_bytes: int = 4_000 * MB  # a national database (342 municipalities, 10 years) is well under this
    row_bytes: int = MB
    text_chars: int = 100_000


MAX_TEXT_CHARS = RestoreLimits().text_chars


class BackupError(UserError):
    """A backup or restore that cannot be done (message in Dutch)."""


def _tables() -> list[Table]:
    """Every registered table, parents before children.

    The kernel does not import the domains: the entry points (command line, app, tests) import
    `sessions.models`, which registers every table. `check_tables_registered` refuses to work with less."""
    return list(SQLModel.metadata.sorted_tables)


def check_tables_registered(engine: Engine) -> None:
    """Refuse a backup or restore that would miss a table the database has (a model module not imported)."""
    known = {table.name for table in _tables()} | {"alembic_version"}
    missing = sorted(set(inspect(engine).get_table_names()) - known)
    if missing:
        raise BackupError(f"Interne fout: de tabellen {', '.join(missing)} zijn niet geladen; er is niets gedaan.")


def _kind(column: Any) -> Any:
    kind = column.type
    return kind.impl_instance if isinstance(kind, TypeDecorator) else kind


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decoder(table: Table) -> dict[str, Any]:
    decoders: dict[str, Any] = {}
    for column in table.columns:
        kind = _kind(column)
        if isinstance(kind, DateTime):
            decoders[column.name] = lambda v: None if v is None else datetime.fromisoformat(v)
        elif isinstance(kind, Date):
            decoders[column.name] = lambda v: None if v is None else date.fromisoformat(v)
        elif isinstance(kind, Boolean):
            decoders[column.name] = lambda v: None if v is None else bool(v)
    return decoders


def _rows(engine: Engine, table: Table, only: set[str] | None = None) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    chosen = [column for column in table.columns if only is None or column.name in only]
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=CHUNK).execute(select(*chosen).order_by(*order))
        for row in result.mappings():
            yield {key: _encode(value) for key, value in row.items()}


def write_portable_backup(engine: Engine, target: Path) -> dict[str, int]:
    """Write every table to a zip (manifest + JSON lines); returns the row count per table."""
    if current_revision(engine) != head_revision():
        raise BackupError("Het databaseschema is niet bij; start eerst 'veiligheidsdialoog init' (upgrade)")
    check_tables_registered(engine)
    counts: dict[str, int] = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in _tables():
            with archive.open(f"tables/{table.name}.jsonl", "w") as handle:
                count = 0
                for row in _rows(engine, table):
                    handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
                    count += 1
            counts[table.name] = count
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "schema_revision": current_revision(engine),
            "created_at": datetime.now(UTC).isoformat(),
            "engine": engine.dialect.name,
            "tables": counts,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return counts


def sqlite_copy(engine: Engine, target: Path) -> None:
    """A consistent copy of a live SQLite database with SQLite's online backup API."""
    if not is_sqlite(engine) or not engine.url.database:
        raise BackupError("Een .sqlite-kopie kan alleen van een SQLite-database; gebruik een .zip-backup")
    source = sqlite3.connect(engine.url.database)
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination)
    finally:
        destination.close()
        source.close()


def _manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        if archive.getinfo("manifest.json").file_size > MAX_MANIFEST_BYTES:
            raise BackupError(f"{name}: geen backup van Veiligheidsdialoog (manifest.json is te groot)")
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (KeyError, json.JSONDecodeError) as error:
        raise BackupError(
            f"{name}: geen backup van Veiligheidsdialoog (manifest.json ontbreekt of is onleesbaar)"
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BackupError(f"{name}: onbekend backupformaat {manifest.get('format')} {manifest.get('version')}")
    if manifest.get("schema_revision") != head_revision():
        raise BackupError(
            f"{name}: gemaakt met databaseschema {manifest.get('schema_revision')}, deze versie van de app gebruikt "
            f"{head_revision()}; zet de backup terug met dezelfde versie van de app"
        )
    return manifest


def _has_data(engine: Engine) -> bool:
    with engine.connect() as connection:
        return any(connection.execute(select(func.count()).select_from(t)).scalar() for t in _tables())


def _text_limits(table: Table, limits: RestoreLimits) -> dict[str, int]:
    """The longest text each text column of `table` may hold on restore, in characters."""
    bounds = {}
    for column in table.columns:
        kind = _kind(column)
        if MAX_CHARS in column.info:
            bounds[column.name] = int(column.info[MAX_CHARS])
        elif isinstance(kind, String) and not isinstance(kind, JSON):
            bounds[column.name] = kind.length or limits.text_chars
    return bounds


def _check_sizes(archive: zipfile.ZipFile, name: str, limits: RestoreLimits) -> None:
    """Refuse an archive whose table data would unpack to more than `limits.total_bytes` (as it says itself)."""
    declared = sum(info.file_size for info in archive.infolist() if info.filename.startswith("tables/"))
    if declared > limits.total_bytes:
        raise BackupError(
            f"{name}: de backup pakt uit tot {format_int(declared / MB)} MB aan gegevens, meer dan de "
            f"{format_int(limits.total_bytes / MB)} MB die terugzetten toestaat; er is niets gedaan."
        )


class _Reader:
    """The rows of one table file, refusing a row or a total larger than the limits allow."""

    def __init__(self, name: str, table: Table, limits: RestoreLimits, read_before: int) -> None:
        self.name, self.table, self.limits, self.read = name, table, limits, read_before
        self.bounds = _text_limits(table, limits)

    def rows(self, handle: Any) -> Iterator[dict[str, Any]]:
        number = 0
        while line := handle.readline(self.limits.row_bytes + 1):
            number += 1
            self.read += len(line)
            if len(line) > self.limits.row_bytes:
                raise BackupError(
                    f"{self.name}: tabel {self.table.name}, rij {number} is groter dan "
                    f"{format_int(self.limits.row_bytes / MB)} MB; er is niets gedaan."
                )
            if self.read > self.limits.total_bytes:
                raise BackupError(
                    f"{self.name}: de backup bevat meer dan {format_int(self.limits.total_bytes / MB)} MB aan "
                    "gegevens, meer dan terugzetten toestaat; er is niets gedaan."
                )
            row = json.loads(line)
            self._check_texts(row, number)
            yield row

    def _check_texts(self, row: dict[str, Any], number: int) -> None:
        for column, bound in self.bounds.items():
            value = row.get(column)
            if isinstance(value, str) and len(value) > bound:
                raise BackupError(
                    f"{self.name}: tabel {self.table.name}, rij {number}, kolom {column}: "
                    f"{format_int(len(value))} tekens, hoogstens {format_int(bound)} toegestaan; er is niets gedaan."
                )


def restore_portable_backup(
    engine: Engine, source: Path, *, replace: bool = False, limits: RestoreLimits | None = None
) -> dict[str, int]:
    """Load a portable backup into the database, all or nothing; refuses a database that holds data unless
    `replace`, and content beyond `limits` (see the module's description). Returns the row count per table."""
    limits = limits or RestoreLimits()
    upgrade_schema(engine)
    check_tables_registered(engine)
    with zipfile.ZipFile(source) as archive:
        manifest = _manifest(archive, source.name)
        _check_sizes(archive, source.name, limits)
        if _has_data(engine) and not replace:
            raise BackupError(
                "De database bevat al gegevens; zet terug in een lege database of gebruik --replace "
                "(dat wist eerst alles)"
            )
        counts: dict[str, int] = {}
        read = 0
        with engine.begin() as connection:
            for table in reversed(_tables()):
                connection.execute(delete(table))
            for table in _tables():
                decoders = _decoder(table)
                known = {c.name for c in table.columns}
                batch: list[dict[str, Any]] = []
                count = 0
                reader = _Reader(source.name, table, limits, read)
                try:
                    handle = archive.open(f"tables/{table.name}.jsonl")
                except KeyError:
                    raise BackupError(f"{source.name}: tabel {table.name} ontbreekt; de backup is beschadigd") from None
                with handle:
                    for row in reader.rows(handle):
                        batch.append({k: decoders[k](v) if k in decoders else v for k, v in row.items() if k in known})
                        count += 1
                        if len(batch) >= CHUNK:
                            connection.execute(insert(table), batch)
                            batch = []
                read = reader.read
                if batch:
                    connection.execute(insert(table), batch)
                if count != manifest["tables"].get(table.name, 0):
                    raise BackupError(
                        f"{source.name}: tabel {table.name} heeft {count} rijen, het manifest noemt "
                        f"{manifest['tables'].get(table.name)}; de backup is beschadigd"
                    )
                counts[table.name] = count
            if engine.dialect.name == "postgresql":
                _reset_sequences(connection)
    return counts


def _reset_sequences(connection: Any) -> None:
    """Let PostgreSQL's id sequences continue after the restored ids."""
    for table in _tables():
        if "id" in table.columns and table.c.id.primary_key:
            highest = func.coalesce(select(func.max(table.c.id)).scalar_subquery(), 0)
            connection.execute(select(func.setval(func.pg_get_serial_sequence(table.name, "id"), highest + 1, False)))


def database_fingerprint(engine: Engine, columns: Mapping[str, set[str]] | None = None) -> dict[str, str]:
    """Per table a hash of all its rows, normalised so SQLite and PostgreSQL compare equal.

    `columns` limits the hash to these columns per table, and to these tables (`database_columns`): a database of
    an earlier release compared before and after its upgrade, on the columns it had. Tables the database
    does not have yet (an older schema, before the migration that adds them) are left out."""
    hashes: dict[str, str] = {}
    existing = set(inspect(engine).get_table_names())
    for table in _tables():
        if table.name not in existing or (columns is not None and table.name not in columns):
            continue
        json_columns = {c.name for c in table.columns if isinstance(_kind(c), JSON)}
        digest = hashlib.sha256()
        for row in _rows(engine, table, None if columns is None else columns[table.name]):
            normal = {k: json.dumps(v, sort_keys=True) if k in json_columns else v for k, v in row.items()}
            digest.update(json.dumps(normal, sort_keys=True, default=str).encode("utf-8"))
        hashes[table.name] = digest.hexdigest()
    return hashes


def database_columns(engine: Engine) -> dict[str, set[str]]:
    """The columns each registered table has in this database (an earlier release's may have fewer)."""
    inspector = inspect(engine)
    present = set(inspector.get_table_names())
    return {
        table.name: {column["name"] for column in inspector.get_columns(table.name)}
        for table in _tables()
        if table.name in present
    }
