"""Builds the demo database: catalogue, areas, real CBS figures and fictitious demo values."""

from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from core.db import transaction
from core.formatting import format_int
from core.schema import upgrade_schema
from indicators.areas import DEFAULT_DISTRICT, AreaCounts, load_areas
from indicators.catalogue import CatalogueCounts, load_catalogue
from indicators.demo import DemoCounts, build_demo_values
from indicators.shipped_open_data import OpenDataCounts, load_shipped_open_data
from sessions.demo_accounts import build_demo_accounts
from sessions.demo_notes import build_demo_notes
from sessions.demo_session import build_demo_session
from sessions.models import DialogueSession


@dataclass(frozen=True)
class DemoReport:
    catalogue: CatalogueCounts
    areas: AreaCounts
    open_data: OpenDataCounts
    demo: DemoCounts
    dialogue_id: int | None = None

    def summary(self) -> str:
        return (
            f"Catalogus: {format_int(self.catalogue.indicators)} indicatoren in {self.catalogue.themes} thema's; "
            f"gebieden: {self.areas.active_municipalities} huidige gemeenten, {self.areas.districts} district(en); "
            f"echte CBS-cijfers: {format_int(self.open_data.population_rows)} bevolkingswaarden, "
            f"{format_int(self.open_data.crime_rows)} misdrijfcijfers; "
            f"fictieve demodata: {format_int(self.demo.observations)} waarden "
            f"voor {format_int(self.demo.indicators)} indicatoren"
            + (f"; demosessie {self.dialogue_id} met 40 genodigden." if self.dialogue_id else ".")
        )


def build_demo_database(engine: Engine, *, district_code: str = DEFAULT_DISTRICT) -> DemoReport:
    """Everything `veiligheidsdialoog demo` does, in one transaction after the schema upgrade."""
    upgrade_schema(engine)
    with transaction(engine) as db:
        catalogue = load_catalogue(db=db)
        areas = load_areas(db=db)
        open_data = load_shipped_open_data(db=db)
        demo = build_demo_values(db=db, district_code=district_code)
        existing = db.exec(select(DialogueSession).where(col(DialogueSession.is_demo))).first()
        dialogue = existing
        if dialogue is None:
            dialogue = build_demo_session(db=db)
            assert dialogue.id is not None
            build_demo_notes(db=db, dialogue_id=dialogue.id)
        assert dialogue.id is not None
        build_demo_accounts(db=db, dialogue_id=dialogue.id)
    return DemoReport(catalogue=catalogue, areas=areas, open_data=open_data, demo=demo, dialogue_id=dialogue.id)
