"""A real (non-demo) session on the demo database, for the demo-marking tests (issue 15, part 8).

Real Politie counts for GCC-S02 in every municipality of De Markiezaten (2016-2020), one real GCC-S01 value
(Bergen op Zoom 2020) beside the demo values of the other municipalities, and notes on a demo indicator (GCC-S01),
a real one (GCC-S02) and another demo one (GCC-S03)."""

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.access import SYSTEM
from core.db import transaction
from indicators.models import Delivery
from indicators.observations import ObservationRow, store_observations
from sessions.dialogue import create_dialogue, dialogue_tables
from sessions.notes import create_note

DISTRICT = "DIS-MARKIEZATEN"
MUNICIPALITIES = ["GM0748", "GM0716", "GM1709", "GM1655", "GM0851", "GM0873", "GM0840", "GM1674"]
REAL_SOURCE = "Politie open data test"
REAL_MARK = "© Politie"
SESSION_NAME = "Ambtelijke dialoog 2021"
DISCUSSED = ("GCC-S01", "GCC-S02", "GCC-S03")


def real_counts(year: int, index: int) -> float:
    """The imported GCC-S02 count of the municipality at `index` of MUNICIPALITIES in `year`."""
    return 10.0 + index + year % 7


def import_real(db: Session, rows: list[ObservationRow], name: str) -> None:
    delivery = Delivery(supplier="Politie", file_name=name, content_hash=name, source=REAL_SOURCE)
    store_observations(db=db, rows=rows, delivery=delivery)


def real_session(engine: Engine) -> int:
    """Import the real values and create the session with its notes; returns the session id."""
    with transaction(engine) as db:
        import_real(
            db,
            [
                ObservationRow("GCC-S02", m, y, real_counts(y, i))
                for i, m in enumerate(MUNICIPALITIES)
                for y in range(2016, 2021)
            ],
            "gcc-s02.csv",
        )
        import_real(db, [ObservationRow("GCC-S01", "GM0748", 2020, 123.0)], "gcc-s01-boz.csv")
        dialogue = create_dialogue(
            db=db, name=SESSION_NAME, session_date=date(2021, 3, 1), themes=["GCC"], actor=SYSTEM
        )
        assert dialogue.id is not None
        assert not dialogue.is_demo
        table = dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=1)[0]
        assert table.id is not None
        for code in DISCUSSED:
            create_note(
                actor=SYSTEM, db=db, table_id=table.id, author="verslag", text=f"Over {code}", indicator_code=code
            )
        return dialogue.id
