"""The command line, run in-process against temporary databases."""

import csv
import io
import json
from pathlib import Path

import pytest

from facilitator.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_indicators_csv_lists_the_active_catalogue(
    demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    rows = list(csv.DictReader(io.StringIO(_run(capsys, "indicators", "--format", "csv"))))
    assert {"code", "name", "theme", "chain_step", "supplier", "kind", "status"} <= set(rows[0])
    assert len(rows) >= 40
    assert {r["status"] for r in rows} == {"actief"}
    assert {
        "Georganiseerde criminaliteit en cybercrime",
        "Zorg en veiligheid",
        "Veilige buurt",
        "Risico's en omgeving",
    } <= {r["theme"] for r in rows}
    assert {"Preventie", "Signalen", "Interventies", "Effect"} <= {r["chain_step"] for r in rows}
    assert all(r["definition"] and r["supplier"] for r in rows)


def test_indicators_json_with_all_statuses(
    demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    records = json.loads(_run(capsys, "indicators", "--format", "json", "--all"))
    assert {r["status"] for r in records} == {"actief", "voorgesteld", "vervallen"}


def test_init_then_demo_on_a_new_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    assert "indicatoren in de catalogus" in _run(capsys, "init")
    output = _run(capsys, "demo")
    assert "fictieve demodata" in output
    assert "CBS" in output


def test_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["onbekend"])
    assert exit_info.value.code == 2


def test_run_keeps_xsrf_protection_and_limits_uploads(
    demo_sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    started: list[list[str]] = []

    def become(path: str, command: list[str], env: dict[str, str]) -> None:
        started.append(command)
        raise SystemExit(0)  # os.execve does not return: this process is now the Streamlit server

    monkeypatch.setattr("facilitator.cli.os.execve", become)
    with pytest.raises(SystemExit):
        main(["run", "--port", "8599"])
    flags = " ".join(started[0])
    assert "--server.enableXsrfProtection true" in flags
    assert "--server.maxUploadSize 50" in flags
    assert "disable" not in flags.lower()


def test_user_add_creates_an_account_with_a_password_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'accounts.sqlite'}")
    assert main(["init"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord\n"))
    out = _run(capsys, "user", "add", "--username", "Beheer.Een", "--role", "beheerder", "--password-stdin")
    assert "Gebruiker 'beheer.een' aangemaakt (beheerder)" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["user", "add", "--username", "twee", "--password-stdin"]) == 2
    assert "minstens 10 tekens" in capsys.readouterr().err
