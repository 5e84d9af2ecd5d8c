"""The list of deliveries, for the data coordinator."""

import pandas as pd
from sqlmodel import Session, col, select

from core.formatting import format_date
from indicators.models import Delivery

DELIVERY_COLUMNS = [
    "id",
    "leverancier",
    "bestand",
    "opbouw",
    "bron",
    "geïmporteerd",
    "door",
    "nieuw",
    "vervangen",
    "overgeslagen",
    "status",
]


def deliveries_frame(*, db: Session) -> pd.DataFrame:
    rows = []
    for d in db.exec(select(Delivery).order_by(col(Delivery.id).desc())).all():
        if d.is_demo:
            status = "fictieve demodata"
        elif d.rolled_back_at is not None:
            status = f"teruggedraaid op {format_date(d.rolled_back_at)} door {d.rolled_back_by}"
        else:
            status = "actief"
        rows.append(
            [
                d.id,
                d.supplier,
                d.file_name,
                d.file_format or "meegeleverd",
                d.source,
                format_date(d.imported_at),
                d.imported_by,
                d.rows_added or d.row_count,
                d.rows_replaced,
                d.rows_skipped,
                status,
            ]
        )
    return pd.DataFrame(rows, columns=DELIVERY_COLUMNS)
