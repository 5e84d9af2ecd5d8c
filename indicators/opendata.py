"""Readers for CBS StatLine and Politie open-data files, read as they are downloaded.

StatLine OData CSV exports (Untyped/TypedDataSet) are `;`-separated, fully quoted,
UTF-8 with a BOM, with left-padded numbers and codes padded with spaces; a missing
value is `""` or `"."`. Measure columns carry a trailing number (`TotaleBevolking_1`)
that changes between table versions, so they are matched on the name part.
"""

import hashlib
import re
from pathlib import Path

import pandas as pd

MISSING_MARKERS = {"", "."}
_MEASURE_SUFFIX = re.compile(r"_\d+$")


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def measure_name(column: str) -> str:
    """'TotaalGeregistreerdeMisdrijven_1' -> 'TotaalGeregistreerdeMisdrijven'."""
    return _MEASURE_SUFFIX.sub("", column)


def find_measure(frame: pd.DataFrame, name: str) -> str:
    """The column whose name part is `name`, whatever number the table version gave it."""
    for column in frame.columns:
        if measure_name(str(column)) == name:
            return str(column)
    raise KeyError(f"Kolom '{name}' niet gevonden (aanwezig: {', '.join(map(str, frame.columns))})")


def _stripped(column: "pd.Series[str]") -> "pd.Series[str]":
    return column.str.strip()


def read_statline_dataset(path: Path) -> pd.DataFrame:
    """An OData Untyped/TypedDataSet CSV as strings with padding stripped; missing -> <NA>."""
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame = frame.apply(_stripped)
    return frame.mask(frame.isin(MISSING_MARKERS))


def to_number(values: pd.Series) -> pd.Series:
    """Strings like '    62.3' to floats; missing markers become NaN."""
    return pd.to_numeric(values.where(~values.isin(MISSING_MARKERS)), errors="raise")


def period_year(period: str) -> int:
    """StatLine period key '2015JJ00' (or plain '2015') -> 2015."""
    match = re.match(r"^(\d{4})", period.strip())
    if not match:
        raise ValueError(f"Onbekende periode '{period}'")
    return int(match.group(1))


def read_population_plain(path: Path) -> pd.DataFrame:
    """The plain `Populatie,Key,Regio` export: columns code, name, population (float or NaN)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return pd.DataFrame(
        {
            "code": frame["Key"].str.strip(),
            "name": frame["Regio"].str.strip(),
            "population": to_number(frame["Populatie"].str.strip()),
        }
    )
