"""Feedback to a supplier: their own figures as processed, with where each value came from."""

import csv
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from core.export_safety import safe_cell
from core.formatting import format_date
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
            col(Observation.missing_reason),
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(FEEDBACK_COLUMNS)
    for row in frame.itertuples(index=False):
        writer.writerow(
            [safe_cell("" if pd.isna(v) else (str(v).replace(".", ",") if isinstance(v, float) else v)) for v in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def feedback_xlsx(frame: pd.DataFrame, *, supplier: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Uw cijfers"
    sheet.append(
        [
            f"Terugkoppeling aan {supplier}: uw cijfers zoals verwerkt in de Monitor Integrale Veiligheid. "
            "Hartelijk dank voor de levering."
        ]
    )
    sheet["A1"].font = Font(bold=True)
    sheet.append(FEEDBACK_COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        sheet.append([None if (isinstance(v, float) and pd.isna(v)) else safe_cell(v) for v in row])
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
