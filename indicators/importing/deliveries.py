"""The list of deliveries, for the data coordinator."""

from collections.abc import Callable
from datetime import datetime

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


def list_deliveries(*, db: Session) -> list[Delivery]:
    """Every delivery, oldest first."""
    return list(db.exec(select(Delivery).order_by(col(Delivery.id))).all())


def delivery_status(delivery: Delivery, *, when: Callable[[datetime], str] = format_date) -> str:
    """'actief', 'fictieve demodata' or 'teruggedraaid op … door …' (the moment written by `when`)."""
    if delivery.is_demo:
        return "fictieve demodata"
    if delivery.rolled_back_at is not None:
        return f"teruggedraaid op {when(delivery.rolled_back_at)} door {delivery.rolled_back_by}"
    return "actief"


def deliveries_frame(*, db: Session) -> pd.DataFrame:
    rows = []
    for d in reversed(list_deliveries(db=db)):
        status = delivery_status(d)
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
