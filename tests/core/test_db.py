from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from core.db import database_url, default_database_path, make_engine, transaction
from indicators.models import Theme


def test_database_url_defaults_to_sqlite_file_in_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{default_database_path()}"
    assert default_database_path().name == "veiligheidsdialoog.sqlite"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.sqlite", "sqlite:///x.sqlite"),
    ],
)
def test_database_url_from_environment(monkeypatch: pytest.MonkeyPatch, given: str, expected: str) -> None:
    monkeypatch.setenv("DATABASE_URL", given)
    assert database_url() == expected


def test_sqlite_engine_has_wal_foreign_keys_and_creates_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "db.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert path.parent.is_dir()
    engine.dispose()


def test_transaction_rolls_back_on_error(engine: Engine) -> None:
    def add_then_fail() -> None:
        with transaction(engine) as db:
            db.add(Theme(code="XX", name="Test"))
            db.flush()
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        add_then_fail()
    with transaction(engine) as db:
        assert db.get(Theme, 1) is None
