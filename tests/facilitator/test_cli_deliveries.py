"""`veiligheidsdialoog import --replace` on a re-import, conflicts old → new, `deliveries` and `rollback N`,
no empty deliveries; on SQLite and PostgreSQL."""

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session, col, select

from facilitator.cli import main
from indicators.models import Delivery, Observation
from tests.support.databases import DatabaseFactory, Kind

HEADER = "indicator;gemeente;jaar;uitsplitsing;waarde;toelichting"


@pytest.fixture
def monitor_url(database_factory: DatabaseFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """DATABASE_URL points at a private copy of the catalogue-and-areas database of the current backend."""
    url = database_factory.copy_url(Kind.MONITOR)
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    database_factory.remove(create_engine(url))


def _write(folder: object, name: str, lines: list[str]) -> str:
    path = f"{folder}/{name}"
    with open(path, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    return path


def _stored(url: str) -> dict[tuple[int, int, int], float | None]:
    engine = create_engine(url)
    try:
        with Session(engine) as db:
            return {(o.indicator_id, o.area_id, o.year): o.value for o in db.exec(select(Observation)).all()}
    finally:
        engine.dispose()


def _deliveries(url: str) -> list[Delivery]:
    engine = create_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as db:
            return list(db.exec(select(Delivery).order_by(col(Delivery.id))).all())
    finally:
        engine.dispose()


def test_replace_after_keep_replaces_and_shows_old_to_new(
    monitor_url: str, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _write(tmp_path, "politie.csv", [HEADER, "VB-S03;GM0748;2020;;4135;", "AV-E02;GM0748;2020;;32,5;"])
    assert main(["import", first, "--supplier", "Politie"]) == 0
    capsys.readouterr()
    correction = _write(
        tmp_path,
        "correctie.csv",
        [HEADER, "VB-S03;GM0748;2020;;4200;", "AV-E02;GM0748;2020;;33,25;", "VB-S03;GM0716;2020;;48;"],
    )
    assert main(["import", correction, "--supplier", "Politie"]) == 0
    kept = capsys.readouterr().out
    assert "2 waarden wijken af van wat er al stond en zijn behouden" in kept
    assert "  VB-S03, GM0748, 2020: 4.135 → 4.200" in kept
    assert "  AV-E02, GM0748, 2020: 32,5 → 33,25" in kept
    assert "Gebruik --replace om ze te vervangen." in kept
    before = _stored(monitor_url)
    assert sorted(v for v in before.values() if v is not None) == [32.5, 48, 4135]

    assert main(["import", correction, "--supplier", "Politie", "--replace"]) == 0
    replaced = capsys.readouterr().out
    assert "er verandert niets" not in replaced
    assert "2 afwijkende waarden zijn vervangen (oud → nieuw):" in replaced
    assert "  VB-S03, GM0748, 2020: 4.135 → 4.200" in replaced
    assert "(0 nieuw, 2 vervangen)" in replaced
    assert sorted(v for v in _stored(monitor_url).values() if v is not None) == [33.25, 48, 4200]

    assert main(["import", correction, "--supplier", "Politie", "--replace"]) == 0  # now truly nothing to do
    assert "dit bestand is al geïmporteerd" in capsys.readouterr().out
    assert len(_deliveries(monitor_url)) == 3


def test_deliveries_lists_and_rollback_restores(
    monitor_url: str, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deliveries"]) == 0
    assert "Nog geen leveringen." in capsys.readouterr().out
    first = _write(tmp_path, "halt_2021.csv", [HEADER, "ZV-I01;GM0748;2021;;41;", "ZV-I01;GM0716;2021;;7;"])
    second = _write(tmp_path, "halt_correctie.csv", [HEADER, "ZV-I01;GM0748;2021;;1250;"])
    assert main(["import", first, "--supplier", "Halt"]) == 0
    assert main(["import", second, "--supplier", "Halt", "--replace"]) == 0
    capsys.readouterr()
    assert main(["deliveries"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["nr", "datum", "leverancier", "bestand", "waarden", "status"]
    one, two = _deliveries(monitor_url)
    when = datetime.fromisoformat(str(one.imported_at)).replace(tzinfo=ZoneInfo("UTC"))
    dutch = when.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%d-%m-%Y %H:%M:%S")
    assert listing[1].split() == ["1", *dutch.split(), "Halt", "halt_2021.csv", "2", "actief"]
    assert listing[2].split()[-4:] == ["Halt", "halt_correctie.csv", "1", "actief"]

    assert main(["rollback", "1"]) == 2  # delivery 2 replaced one of its values
    assert "Levering 2 heeft waarden uit levering 1 vervangen; draai die eerst terug." in capsys.readouterr().err
    assert main(["rollback", "2"]) == 0
    assert "Levering 2 (halt_correctie.csv, Halt) is teruggedraaid" in capsys.readouterr().out
    assert sorted(v for v in _stored(monitor_url).values() if v is not None) == [7, 41]
    assert main(["rollback", "2"]) == 2
    assert "Levering 2 is al teruggedraaid." in capsys.readouterr().err
    assert main(["rollback", "99"]) == 2
    assert "Levering 99 bestaat niet." in capsys.readouterr().err
    assert main(["deliveries"]) == 0
    assert "teruggedraaid op" in capsys.readouterr().out.splitlines()[2]
    assert two.rolled_back_at is None
    assert _deliveries(monitor_url)[1].rolled_back_at is not None


def test_a_file_without_values_for_the_district_stores_no_delivery(
    monitor_url: str, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = _write(tmp_path, "groningen.csv", [HEADER, "ZV-I01;GM0014;2021;;41;"])  # not in a district
    assert main(["import", elsewhere, "--supplier", "Halt"]) == 0
    out = capsys.readouterr().out
    assert "Er is niets opgeslagen: het bestand levert geen waarden op" in out
    assert "Opgeslagen als levering" not in out
    assert _deliveries(monitor_url) == []
    assert main(["deliveries"]) == 0
    assert "Nog geen leveringen." in capsys.readouterr().out
