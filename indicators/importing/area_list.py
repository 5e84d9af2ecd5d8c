"""Region code lists (CBS/Politie 'RegioS' dimensions): add municipalities the database lacks.

A code the database lacks is placed by the shipped municipal division: a municipality of the current list is
added as current (by the name in that list), one of the table of municipal changes as former with its successor.
Codes neither knows are added outside the current division and named in the result, so someone checks them;
rows that are no municipality although they carry a GM code ("Buitenland", "Gemeenten; niet in te delen") are
left out.
"""

import re
from dataclasses import dataclass, field

from sqlmodel import Session, select

from indicators.areas import current_municipalities, former_label, read_municipal_changes
from indicators.importing.lookups import normalise_name
from indicators.importing.statline_labels import region_type
from indicators.importing.tabular import Table
from indicators.models import Area
from indicators.vocabulary import AreaKind

CODE_HEADERS = {"key", "code", "regios", "code1", "regiocode"}
NAME_HEADERS = {"title", "naam", "naam2", "regionaam", "gemeentenaam"}
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
SHOWN = 12


@dataclass
class AreaListOutcome:
    current: list[str] = field(default_factory=list)  # added as current municipalities: 'Voorne aan Zee (GM1992)'
    former: list[str] = field(default_factory=list)  # added as former municipalities, with their successor
    unknown: list[str] = field(default_factory=list)  # in neither shipped list: added, to be checked
    not_municipalities: list[str] = field(default_factory=list)
    known: int = 0

    @property
    def added(self) -> int:
        return len(self.current) + len(self.former) + len(self.unknown)

    def lines(self, file_name: str, file_format: str) -> list[str]:
        lines = [
            f"{file_name} ({file_format}): {self.added} gemeenten toegevoegd ({len(self.current)} huidige, "
            f"{len(self.former)} voormalige, {len(self.unknown)} onbekende), {self.known} al bekend."
        ]
        if self.current:
            lines.append(f"Toegevoegd als huidige gemeente: {_shown(self.current)}")
        if self.former:
            lines.append(f"Toegevoegd als voormalige gemeente: {_shown(self.former)}")
        if self.unknown:
            lines.append(
                f"Let op: {len(self.unknown)} onbekende gemeentecodes, niet in de gemeentelijst en niet als voormalige "
                f"gemeente bekend, toegevoegd buiten de huidige indeling (controleer ze): {_shown(self.unknown)}"
            )
        if self.not_municipalities:
            lines.append(f"Geen gemeente, niet toegevoegd: {_shown(self.not_municipalities)}")
        return lines


def _shown(names: list[str]) -> str:
    more = f" en {len(names) - SHOWN} andere" if len(names) > SHOWN else ""
    return "; ".join(names[:SHOWN]) + more


def area_list_columns(table: Table) -> tuple[int, int] | None:
    """(code column, name column) when the file is a list of region codes with names and nothing else."""
    keys = [normalise_name(cell) for cell in table.rows[0]]
    code = next((i for i, key in enumerate(keys) if key in CODE_HEADERS), None)
    name = next((i for i, key in enumerate(keys) if key in NAME_HEADERS), None)
    if code is None or name is None:
        return None
    codes = [row[code].strip() for row in table.rows[1:] if code < len(row)]
    return (code, name) if any(MUNICIPALITY_CODE.match(c) for c in codes) else None


def import_area_list(*, db: Session, table: Table, columns: tuple[int, int]) -> AreaListOutcome:
    """Add the municipality codes the database lacks, placed by the shipped division; never renames."""
    code_column, name_column = columns
    known_codes = set(db.exec(select(Area.code)).all())
    current = current_municipalities()
    changes = {change.former_code: change for change in read_municipal_changes()}
    outcome = AreaListOutcome()
    for row in table.rows[1:]:
        code = row[code_column].strip() if code_column < len(row) else ""
        if not MUNICIPALITY_CODE.match(code):
            continue
        name = row[name_column].strip() if name_column < len(row) else ""
        if region_type(name) is not None:
            outcome.not_municipalities.append(f"{name} ({code})")
            continue
        if code in known_codes:
            outcome.known += 1
            continue
        known_codes.add(code)
        change = changes.get(code)
        if code in current:
            db.add(Area(code=code, name=current[code], kind=AreaKind.MUNICIPALITY, active=True))
            outcome.current.append(f"{current[code]} ({code})")
        elif change is not None:
            db.add(
                Area(
                    code=code,
                    name=change.former_name,
                    kind=AreaKind.MUNICIPALITY,
                    active=False,
                    successor_code=change.successor_code,
                    ended_on=change.ended_on,
                )
            )
            outcome.former.append(former_label(change.former_name, change.successor_name, change.ended_on))
        else:
            db.add(Area(code=code, name=name or code, kind=AreaKind.MUNICIPALITY, active=False))
            outcome.unknown.append(f"{name or '(zonder naam)'} ({code})")
    db.flush()
    return outcome
