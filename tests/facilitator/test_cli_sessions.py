"""`session create`, `participants import` and `assign` on a fresh database."""

import csv
import io
import json
from pathlib import Path

import pytest

from facilitator.cli import main
from tests.support.invitations import INVITATIONS


def test_create_import_assign_round_one_and_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    assert main(["session", "create", "--name", "Dialoog voorjaar", "--date", "2026-03-12"]) == 0
    session_id = capsys.readouterr().out.strip()
    assert session_id.isdigit()
    invitations = tmp_path / "genodigden.csv"
    invitations.write_text(INVITATIONS, encoding="utf-8")
    assert main(["participants", "import", str(invitations), "--session", session_id]) == 0
    assert "10 genodigden" in capsys.readouterr().out
    out = tmp_path / "ronde1.csv"
    assert main(["assign", "--session", session_id, "--round", "1", "--out", str(out)]) == 0
    assert "zelfde organisatie aan tafel" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["naam", "organisatie", "organisatietype", "rol", "ronde", "thema", "tafel"]
    assert len(rows) == 9  # Jan Peters declined
    assert {r["ronde"] for r in rows} == {"1"}
    assert main(["assign", "--session", session_id, "--round", "2"]) == 0
    captured = capsys.readouterr()
    assert len(list(csv.DictReader(io.StringIO(captured.out)))) == 9
    assert "Ronde 2 aangevuld: 9 mensen ingedeeld" in captured.err
    assert "paren die opnieuw samen zitten" in captured.err


def test_bad_input_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    assert main(["session", "create", "--name", "X", "--date", "12-03-2026"]) == 2
    assert "Ongeldige datum" in capsys.readouterr().err
    assert main(["session", "create", "--name", "X", "--date", "2026-03-12"]) == 0
    capsys.readouterr()
    bad = tmp_path / "fout.csv"
    bad.write_text("naam;organisatie;rol\nA;Politie;baas\n", encoding="utf-8")
    assert main(["participants", "import", str(bad), "--session", "1"]) == 2
    assert "fout.csv, rij 2, kolom 'rol'" in capsys.readouterr().err
    assert main(["assign", "--session", "99", "--round", "1"]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_notes_export_of_the_demo_session(
    demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    assert main(["notes", "--session", "1"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"type", "indicator", "tafel", "ronde", "soort", "auteur", "tijd", "tekst"} <= set(rows[0])
    assert {r["type"] for r in rows} == {"notitie", "actie"}
    assert main(["notes", "--session", "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["type"] == "notitie"
    assert main(["notes", "--session", "42"]) == 2
