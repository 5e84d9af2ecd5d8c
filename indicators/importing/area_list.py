"""Region code lists (CBS/Politie 'RegioS' dimensions): add municipalities the database lacks."""

import re

from sqlmodel import Session, select

from indicators.importing.lookups import normalise_name
from indicators.importing.tabular import Table
from indicators.models import Area
from indicators.vocabulary import AreaKind

CODE_HEADERS = {"key", "code", "regios", "code1", "regiocode"}
NAME_HEADERS = {"title", "naam", "naam2", "regionaam", "gemeentenaam"}
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")


def area_list_columns(table: Table) -> tuple[int, int] | None:
    """(code column, name column) when the file is a list of region codes with names and nothing else."""
    keys = [normalise_name(cell) for cell in table.rows[0]]
    code = next((i for i, key in enumerate(keys) if key in CODE_HEADERS), None)
    name = next((i for i, key in enumerate(keys) if key in NAME_HEADERS), None)
    if code is None or name is None:
        return None
    codes = [row[code].strip() for row in table.rows[1:] if code < len(row)]
    return (code, name) if any(MUNICIPALITY_CODE.match(c) for c in codes) else None


def import_area_list(*, db: Session, table: Table, columns: tuple[int, int]) -> tuple[int, int]:
    """Add unknown municipality codes as former (inactive) municipalities; never renames. Returns (added, known)."""
    code_column, name_column = columns
    known_codes = set(db.exec(select(Area.code)).all())
    added = known = 0
    for row in table.rows[1:]:
        code = row[code_column].strip() if code_column < len(row) else ""
        if not MUNICIPALITY_CODE.match(code):
            continue
        if code in known_codes:
            known += 1
            continue
        db.add(Area(code=code, name=row[name_column].strip(), kind=AreaKind.MUNICIPALITY, active=False))
        known_codes.add(code)
        added += 1
    db.flush()
    return added, known
