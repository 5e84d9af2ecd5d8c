"""Backup and restore: the round trip is identical, across SQLite and PostgreSQL, and all or nothing."""

import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from core.access import SYSTEM
from core.accounts import create_user
from core.backup import (
    BackupError,
    RestoreLimits,
    database_fingerprint,
    restore_portable_backup,
    write_portable_backup,
)
from core.db import make_engine, transaction
from facilitator.cli import main
from sessions.dialogue import create_dialogue, dialogue_tables
from sessions.models import Note
from sessions.notes import create_note, save_note
from tests.support.databases import DatabaseFactory


@pytest.fixture
def full(writable_demo: Engine) -> Engine:
    """The demo database plus a session with an edited note, a user and audit entries."""
    with transaction(writable_demo) as db:
        later = create_dialogue(db=db, actor=SYSTEM, name="Editie 2021 – “quotes” & ü", session_date=date(2021, 3, 11))
        table_id = dialogue_tables(db=db, dialogue_id=later.id or 0, round_number=1)[0].id or 0
        note = create_note(db=db, actor=SYSTEM, table_id=table_id, author="Jürgen", text="regel 1\nregel 2 ✓")
        save_note(
            db=db,
            actor=SYSTEM,
            note_id=note.id or 0,
            expected_version=1,
            author="Jürgen",
            text="regel 1\nregel 2 ✓ (bijgewerkt)",
            organisations=["Politie", "GGD"],
        )
        create_user(
            db=db,
            actor=SYSTEM,
            username="extra",
            display_name="Extra",
            password="een-lang-wachtwoord",
            roles=["verslaglegger"],
        )
    return writable_demo


@pytest.fixture
def sqlite_target(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'target.sqlite'}")
    yield engine
    engine.dispose()


def test_round_trip_is_identical_within_and_across_engines(
    full: Engine, database_factory: DatabaseFactory, sqlite_target: Engine, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.zip"
    counts = write_portable_backup(full, backup)
    assert counts["note"] >= 2
    assert counts["user_account"] == 5
    same_engine = database_factory.new_engine(migrate=False)
    for target in (same_engine, sqlite_target):
        assert restore_portable_backup(target, backup) == counts
        assert database_fingerprint(target) == database_fingerprint(full)
    same_engine.dispose()


def test_restored_database_keeps_working(full: Engine, database_factory: DatabaseFactory, tmp_path: Path) -> None:
    backup = tmp_path / "backup.zip"
    write_portable_backup(full, backup)
    target = database_factory.new_engine(migrate=False)
    restore_portable_backup(target, backup)
    with transaction(target) as db:  # new ids continue after the restored ones (PostgreSQL sequences)
        table_id = dialogue_tables(db=db, dialogue_id=1, round_number=1)[0].id or 0
        note = create_note(db=db, actor=SYSTEM, table_id=table_id, author="na herstel", text="nieuw")
    assert note.id is not None
    assert note.id > 1
    target.dispose()


def test_restore_refuses_a_database_with_data_and_is_all_or_nothing(full: Engine, tmp_path: Path) -> None:
    backup = tmp_path / "backup.zip"
    write_portable_backup(full, backup)
    before = database_fingerprint(full)
    with pytest.raises(BackupError, match="bevat al gegevens"):
        restore_portable_backup(full, backup)
    damaged = tmp_path / "beschadigd.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "tables/note.jsonl":
                content = content.splitlines(keepends=True)[0]  # rows lost in transit
            target.writestr(item, content)
    with pytest.raises(BackupError, match="beschadigd"):
        restore_portable_backup(full, damaged, replace=True)
    assert database_fingerprint(full) == before  # nothing half-written, nothing wiped
    assert restore_portable_backup(full, backup, replace=True)
    assert database_fingerprint(full) == before


def test_cli_backup_and_restore(
    writable_demo_sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = writable_demo_sqlite_url
    monkeypatch.setenv("DATABASE_URL", source)
    assert main(["backup", str(tmp_path / "kopie.sqlite")]) == 0
    assert main(["backup", str(tmp_path / "backup.zip")]) == 0
    for name in ("kopie.sqlite", "backup.zip"):
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / ('doel-' + name + '.sqlite')}")
        assert main(["restore", str(tmp_path / name)]) == 0
        assert database_fingerprint(make_engine()) == database_fingerprint(make_engine(source))
    assert main(["restore", str(tmp_path / "backup.zip")]) == 2
    assert "bevat al gegevens" in capsys.readouterr().err
    with Session(make_engine()) as db:
        assert db.exec  # the database is still usable after a refused restore


def _with_table(backup: Path, target: Path, table: str, lines: list[bytes]) -> Path:
    """A copy of `backup` whose file of `table` holds `lines` (and a manifest counting them)."""
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == f"tables/{table}.jsonl":
                content = b"".join(lines)
            elif item.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["tables"][table] = len(lines)
                content = json.dumps(manifest).encode()
            copy.writestr(item.filename, content, compress_type=zipfile.ZIP_DEFLATED)
    return target


def test_restore_refuses_oversized_content(full: Engine, database_factory: DatabaseFactory, tmp_path: Path) -> None:
    """Issue 16: a 300 KB backup restored a 200 MB note. A note longer than a note may be, a row or a whole backup
    larger than a restore reads, are refused in Dutch before anything is written."""
    backup = tmp_path / "backup.zip"
    write_portable_backup(full, backup)
    with zipfile.ZipFile(backup) as archive:
        note = json.loads(archive.read("tables/note.jsonl").splitlines()[0])
    target = database_factory.new_engine(migrate=False)

    bomb = _with_table(
        backup, tmp_path / "bom.zip", "note", [json.dumps(note | {"text": "a" * 200_000_000}).encode() + b"\n"]
    )
    assert bomb.stat().st_size < 1_000_000  # a small file …
    with pytest.raises(BackupError, match=r"tabel note, rij 1 is groter dan 1 MB; er is niets gedaan"):
        restore_portable_backup(target, bomb)  # … that would unpack to a 200 MB note

    long_note = _with_table(
        backup, tmp_path / "lang.zip", "note", [json.dumps(note | {"text": "b" * 20_000}).encode() + b"\n"]
    )
    with pytest.raises(BackupError) as refused:
        restore_portable_backup(target, long_note)
    assert str(refused.value) == (
        "lang.zip: tabel note, rij 1, kolom text: 20.000 tekens, hoogstens 10.000 toegestaan; er is niets gedaan."
    )

    with pytest.raises(BackupError, match=r"pakt uit tot \d+ MB aan gegevens, meer dan de 1 MB"):
        restore_portable_backup(target, backup, limits=RestoreLimits(total_bytes=1_000_000))

    with Session(target) as db:  # nothing was written by any of them
        assert db.exec(select(func.count()).select_from(Note)).one() == 0
    assert restore_portable_backup(target, backup)  # the real backup is within every limit
    assert database_fingerprint(target) == database_fingerprint(full)
    target.dispose()
