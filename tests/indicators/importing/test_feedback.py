"""The supplier's toelichting: stored with each value, kept through replace and rollback, fed back."""

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.access import SYSTEM
from core.db import transaction
from indicators.importing.apply import rollback_delivery
from indicators.importing.feedback import supplier_feedback
from indicators.models import Observation

from .helpers import Importer, csv_bytes

HEADER = "indicator;gemeente;jaar;uitsplitsing;waarde;toelichting"


def _notes(engine: Engine) -> dict[int, tuple[float | None, str | None]]:
    with Session(engine) as db:
        return {o.area_id: (o.value, o.note) for o in db.exec(select(Observation)).all()}


def test_toelichting_is_stored_replaced_restored_and_fed_back(monitor: Engine, do_import: Importer) -> None:
    first = csv_bytes([HEADER, "ZV-I01;GM0748;2020;;40;incl. doorverwijzingen, voorlopig", "ZV-I01;GM0716;2020;;6;"])
    do_import(first, "halt.csv", supplier="Halt")
    assert sorted(note for _, note in _notes(monitor).values() if note) == ["incl. doorverwijzingen, voorlopig"]
    with Session(monitor) as db:
        frame = supplier_feedback(db=db, supplier="Halt").set_index("gemeente")
    assert frame.loc["GM0748", "toelichting"] == "incl. doorverwijzingen, voorlopig"
    assert frame.loc["GM0716", "toelichting"] != frame.loc["GM0716", "toelichting"]  # NaN: no toelichting

    correction = csv_bytes([HEADER, "ZV-I01;GM0748;2020;;42;definitief"])
    result = do_import(correction, "halt_def.csv", supplier="Halt", conflicts="replace")
    assert result.delivery is not None
    assert (40.0, "incl. doorverwijzingen, voorlopig") not in _notes(monitor).values()
    assert (42.0, "definitief") in _notes(monitor).values()
    with transaction(monitor) as db:
        assert result.delivery.id is not None
        rollback_delivery(actor=SYSTEM, db=db, delivery_id=result.delivery.id)
    assert (40.0, "incl. doorverwijzingen, voorlopig") in _notes(monitor).values()


def test_missing_value_feeds_back_its_reason(monitor: Engine, do_import: Importer) -> None:
    do_import(csv_bytes([HEADER, "ZV-I01;GM0748;2020;;;niet geregistreerd"]), "halt.csv", supplier="Halt")
    with Session(monitor) as db:
        frame = supplier_feedback(db=db, supplier="Halt")
    assert list(frame["toelichting"]) == ["niet geregistreerd"]
