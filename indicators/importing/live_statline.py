"""Live StatLine access through the `cbsodata` package, for users with internet.

The fetched records go through the same dataset reader and checks as a downloaded file: they are
written to CSV bytes first, so the delivery is recorded with a content hash like any other.
Tests never touch the network: they replace `cbsodata.get_data` with recorded records.
"""

import csv
import io
from typing import Any

POLITIE_CATALOG = "dataderden.cbs.nl"


def fetch_records(
    table_id: str, *, filters: str | None = None, select: list[str] | None = None, catalog_url: str | None = None
) -> list[dict[str, Any]]:
    import cbsodata  # imported here: only needed for a live fetch

    kwargs: dict[str, Any] = {"filters": filters, "select": select}
    if catalog_url:
        kwargs["catalog_url"] = catalog_url
    return list(cbsodata.get_data(table_id, **kwargs))


def records_to_csv(records: list[dict[str, Any]]) -> bytes:
    """Records as a comma-separated dataset CSV (dimension columns first, as StatLine lists them)."""
    if not records:
        return b""
    columns = list(records[0])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow(
            {k: "" if v is None else (str(v).strip() if isinstance(v, str) else v) for k, v in record.items()}
        )
    return buffer.getvalue().encode("utf-8")


def fetch_as_file(
    table_id: str, *, filters: str | None = None, select: list[str] | None = None, catalog_url: str | None = None
) -> tuple[bytes, str]:
    """(file bytes, file name) for the import pipeline."""
    records = fetch_records(table_id, filters=filters, select=select, catalog_url=catalog_url)
    return records_to_csv(records), f"cbsodata_{table_id}.csv"
