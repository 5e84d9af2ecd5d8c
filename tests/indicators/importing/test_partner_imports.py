"""Partner deliveries in the template: stored with provenance, idempotent, conflicts, rollback."""

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.access import SYSTEM, Actor, Role
from core.db import transaction
from indicators.importing.apply import RollbackRefused, rollback_delivery
from indicators.models import Delivery, ValueHistory
from indicators.normalisation import indicator_values
from indicators.population import population_frame

from .helpers import Importer, csv_bytes, snapshot

HEADER = "indicator;gemeente;jaar;uitsplitsing;waarde;toelichting"
FIRST = csv_bytes(
    [
        HEADER,
        "VB-S03;GM0748;2020;totaal;310;",
        "VB-S03;Bergen op Zoom;2020;woninginbraak;95;",
        "VB-S03;GM0716;2020;;48;",
        "VB-S03;GM0716;2019;;;niet geregistreerd",
    ]
)


def _values(engine: Engine, code: str = "VB-S03") -> dict[tuple[str, int, str], float | None]:
    with Session(engine) as db:
        frame = indicator_values(db=db, code=code)
    return {(r.area_code, r.year, r.breakdown): None if r.value != r.value else r.value for r in frame.itertuples()}


def test_template_import_stores_values_with_supplier_as_source(monitor: Engine, do_import: Importer) -> None:
    result = do_import(FIRST, "politie_2020.csv", supplier="Politie")
    assert result.delivery is not None
    assert (result.delivery.rows_added, result.delivery.file_format) == (4, "sjabloon")
    values = _values(monitor)
    assert values[("GM0748", 2020, "totaal")] == 310
    assert values[("GM0748", 2020, "woninginbraak")] == 95
    assert values[("GM0716", 2019, "totaal")] is None  # missing with its reason, never 0
    with Session(monitor) as db:
        reasons = indicator_values(db=db, code="VB-S03").set_index(["area_code", "year"])["missing_reason"]
    assert reasons.loc[("GM0716", 2019)] == "niet geregistreerd"
    with Session(monitor) as db:
        frame = indicator_values(db=db, code="VB-S03")
        delivery = db.exec(select(Delivery)).one()
    assert set(frame["source"]) == {"Politie"}
    assert (delivery.supplier, delivery.file_name, len(delivery.content_hash)) == ("Politie", "politie_2020.csv", 64)


def test_dry_run_and_second_import_change_nothing(monitor: Engine, do_import: Importer) -> None:
    before = snapshot(monitor)
    dry = do_import(FIRST, "politie_2020.csv", supplier="Politie", dry_run=True)
    assert dry.plan is not None
    assert dry.plan.count("nieuw") == 4
    assert snapshot(monitor) == before
    do_import(FIRST, "politie_2020.csv", supplier="Politie")
    after_first = snapshot(monitor)
    again = do_import(FIRST, "zelfde_bestand_andere_naam.csv", supplier="Politie")
    assert again.delivery is None
    assert again.plan is not None
    assert again.plan.already_imported is not None
    assert snapshot(monitor) == after_first


def test_conflicting_value_is_kept_or_replaced_and_rollback_restores(monitor: Engine, do_import: Importer) -> None:
    do_import(FIRST, "politie_2020.csv", supplier="Politie")
    correction = csv_bytes([HEADER, "VB-S03;GM0748;2020;totaal;312;", "VB-S03;GM0716;2020;;48;"])
    planned = do_import(correction, "correctie.csv", supplier="Politie", dry_run=True).plan
    assert planned is not None
    [conflict] = planned.conflicts
    assert (conflict.old_value, conflict.candidate.value) == (310, 312)
    assert planned.count("ongewijzigd") == 1

    before_keep = snapshot(monitor)
    kept = do_import(correction, "correctie.csv", supplier="Politie", conflicts="keep")
    assert kept.delivery is None  # nothing new and the differing value kept: no (empty) delivery
    assert kept.nothing_stored is not None
    assert "Er is niets opgeslagen: geen nieuwe waarden en de afwijkende waarden zijn behouden" in kept.summary()
    assert snapshot(monitor) == before_keep
    assert _values(monitor)[("GM0748", 2020, "totaal")] == 310

    replaced = do_import(correction, "correctie.csv", supplier="Politie", conflicts="replace")
    assert replaced.delivery is not None
    assert replaced.delivery.rows_replaced == 1
    assert _values(monitor)[("GM0748", 2020, "totaal")] == 312
    with transaction(monitor) as db:
        assert len(db.exec(select(ValueHistory)).all()) == 1
        first = db.exec(select(Delivery).where(Delivery.file_name == "politie_2020.csv")).one()
        assert first.id is not None
        with pytest.raises(RollbackRefused, match="draai die eerst terug"):
            rollback_delivery(actor=SYSTEM, db=db, delivery_id=first.id)
        assert replaced.delivery.id is not None
        rollback_delivery(actor=SYSTEM, db=db, delivery_id=replaced.delivery.id)
    assert _values(monitor)[("GM0748", 2020, "totaal")] == 310


def test_rollback_of_a_whole_delivery_removes_its_values(monitor: Engine, do_import: Importer) -> None:
    before = _values(monitor)
    result = do_import(FIRST, "politie_2020.csv", supplier="Politie")
    assert result.delivery is not None
    with transaction(monitor) as db:
        assert result.delivery.id is not None
        rolled = rollback_delivery(actor=COORDINATOR, db=db, delivery_id=result.delivery.id)
        assert (rolled.rolled_back_by, rolled.rolled_back_at is not None) == ("coördinator", True)
    assert _values(monitor) == before
    again = do_import(FIRST, "politie_2020.csv", supplier="Politie")  # a rolled-back file may come back
    assert again.delivery is not None


def test_supplier_is_derived_when_all_indicators_share_one(monitor: Engine, do_import: Importer) -> None:
    result = do_import(csv_bytes([HEADER, "ZV-I01;GM0748;2020;;40;"]), "halt.csv")
    assert result.plan is not None
    assert result.plan.supplier == "Halt"


def test_population_imports_into_population_table(monitor: Engine, do_import: Importer) -> None:
    data = csv_bytes([HEADER, "AV-C02;GM0748;2021;totaal;67.500;", "AV-C02;GM0748;2021;12-17;4.800;"])
    do_import(data, "bevolking.csv", supplier="CBS")
    with Session(monitor) as db:
        population = population_frame(db=db, area_codes=["GM0748"])
    assert dict(zip(population["population_group"], population["population"], strict=True)) == {
        "totaal": 67500,
        "jeugd_12_17": 4800,
    }


def test_decimal_comma_and_encodings(monitor: Engine, do_import: Importer) -> None:
    lines = [HEADER, "AV-E02;GM0748;2019;;32,5;", "AV-E02;GM0716;2019;vaak;2,5;gemiddelde"]
    for encoding, name in (("utf-8-sig", "bom.csv"), ("cp1252", "ansi.csv")):
        data = csv_bytes([*lines[:2], lines[2].replace("gemiddelde", f"één {name}")], encoding=encoding)
        do_import(data, name, supplier="CBS Veiligheidsmonitor")
    values = _values(monitor, "AV-E02")
    assert values[("GM0748", 2019, "totaal")] == 32.5
    assert values[("GM0716", 2019, "vaak")] == 2.5
    comma = csv_bytes(["indicator,gemeente,jaar,waarde", "AV-E02,GM0851,2019,28.5"])
    do_import(comma, "komma.csv", supplier="CBS Veiligheidsmonitor")
    assert _values(monitor, "AV-E02")[("GM0851", 2019, "totaal")] == 28.5


COORDINATOR = Actor("coördinator", frozenset({Role.ADMIN}))
