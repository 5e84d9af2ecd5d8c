"""Shipped data: the indicator catalogue, area definitions and real open-data extracts.

The files are data, not code; this module only tells where they are.
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
CATALOGUE_DIR = DATA_DIR / "catalogue"
AREAS_DIR = DATA_DIR / "areas"
REAL_DIR = DATA_DIR / "real"


def data_file(*parts: str) -> Path:
    """Path of a shipped data file; raises FileNotFoundError when it is missing."""
    path = DATA_DIR.joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"Meegeleverd databestand ontbreekt: {path}")
    return path
