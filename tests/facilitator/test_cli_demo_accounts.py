"""`veiligheidsdialoog run` on a fresh machine names the demo accounts and says when they go off; the first real
administrator switches them off, and the demo password stops working."""

import io
from pathlib import Path

import pytest

from core.accounts import LoginRefused
from core.db import make_engine
from core.login import log_in
from core.login_throttle import AddressThrottle
from facilitator.cli import main
from sessions.demo_accounts import DEMO_PASSWORD


def _start(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """`run` up to where the process becomes the Streamlit server; what it printed."""

    def become(path: str, command: list[str], env: dict[str, str]) -> None:
        raise SystemExit(0)  # os.execve does not return: this process is now the Streamlit server

    monkeypatch.setattr("facilitator.cli.os.execve", become)
    with pytest.raises(SystemExit):
        main(["run", "--port", "8599"])
    return capsys.readouterr().out


def test_run_on_a_fresh_machine_names_the_demo_accounts_until_a_real_administrator_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    first = _start(monkeypatch, capsys)
    assert "de demodatabase wordt eerst gebouwd" in first
    assert (
        f"Fictieve demo-accounts (wachtwoord '{DEMO_PASSWORD}'): beheer, beleid, gespreksleider, verslaglegger."
        in first
    )
    assert "Ze gaan uit zodra er een echte beheerder is: veiligheidsdialoog user add" in first
    engine = make_engine(url)
    assert log_in(engine=engine, username="beheer", password=DEMO_PASSWORD, client="cli", addresses=AddressThrottle())

    monkeypatch.setattr("sys.stdin", io.StringIO("een-echt-wachtwoord\n"))
    assert main(["user", "add", "--username", "echte.beheerder", "--role", "beheerder", "--password-stdin"]) == 0
    added = capsys.readouterr().out
    assert "Demo-accounts uitgeschakeld, want er is nu een echte beheerder: beheer, beleid" in added
    with pytest.raises(LoginRefused):
        log_in(engine=engine, username="beheer", password=DEMO_PASSWORD, client="cli", addresses=AddressThrottle())

    again = _start(monkeypatch, capsys)
    assert "demo-accounts" not in again.lower()
    assert main(["demo"]) == 0  # rebuilding the demo data makes no demo accounts beside a real administrator
    assert "Geen demo-accounts: deze database heeft een echte beheerder." in capsys.readouterr().out
    with pytest.raises(LoginRefused):
        log_in(engine=engine, username="beheer", password=DEMO_PASSWORD, client="cli", addresses=AddressThrottle())
    engine.dispose()
