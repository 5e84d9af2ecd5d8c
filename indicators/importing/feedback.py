"""Feedback to a supplier: their own figures as processed, with where each value came from."""

import pandas as pd
from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from core.formatting import format_date
from core.spreadsheet import Sheet, excel_csv, xlsx
from indicators.models import Area, Delivery, Indicator, Observation

FEEDBACK_COLUMNS = [
    "indicator",
    "indicatornaam",
    "gemeente",
    "gemeentenaam",
    "jaar",
    "uitsplitsing",
    "waarde",
    "toelichting",
    "bestand",
    "verwerkt_op",
]


def supplier_feedback(*, db: Session, supplier: str) -> pd.DataFrame:
    """Every stored value that came from this supplier's deliveries (not rolled back)."""
    statement = (
        sa_select(
            col(Indicator.code),
            col(Indicator.name),
            col(Area.code),
            col(Area.name),
            col(Observation.year),
            col(Observation.breakdown),
            col(Observation.value),
            func.coalesce(col(Observation.note), col(Observation.missing_reason)),  # the supplier's own toelichting
            col(Delivery.file_name),
            col(Delivery.imported_at),
        )
        .join(Indicator, col(Indicator.id) == col(Observation.indicator_id))
        .join(Area, col(Area.id) == col(Observation.area_id))
        .join(Delivery, col(Delivery.id) == col(Observation.delivery_id))
        .where(
            col(Delivery.supplier) == supplier, col(Delivery.rolled_back_at).is_(None), col(Delivery.is_demo).is_(False)
        )
        .order_by(col(Indicator.code), col(Area.code), col(Observation.year), col(Observation.breakdown))
    )
    frame = pd.DataFrame.from_records(db.execute(statement).all(), columns=FEEDBACK_COLUMNS)
    frame["verwerkt_op"] = [format_date(d) for d in frame["verwerkt_op"]]
    return frame


def feedback_csv(frame: pd.DataFrame) -> bytes:
    return excel_csv(FEEDBACK_COLUMNS, frame.itertuples(index=False))


def feedback_xlsx(frame: pd.DataFrame, *, supplier: str) -> bytes:
    heading = (
        f"Terugkoppeling aan {supplier}: uw cijfers zoals verwerkt in de Monitor Integrale Veiligheid. "
        "Hartelijk dank voor de levering."
    )
    return xlsx([Sheet("Uw cijfers", FEEDBACK_COLUMNS, frame.itertuples(index=False), heading=heading)])
