"""Areas: municipalities with their CBS codes, and the districts they form.

Areas are data: the current municipalities come from the newest shipped municipality list (2026), former ones
from the shipped table of municipal changes (with the municipality they became part of and from when) and, for
municipalities that ended before 2022, from CBS's 2022 region list. Districts and their basisteams come from
`data/areas/districts.csv`. All can be edited afterwards.
"""

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from sqlmodel import Session, col, select

from core.formatting import format_date
from data import AREAS_DIR, REAL_DIR
from indicators.models import Area
from indicators.opendata import read_population_plain
from indicators.vocabulary import NATIONAL_CODE, NATIONAL_NAME, AreaKind

CURRENT_MUNICIPALITIES = AREAS_DIR / "derived_gemeenten_2026_codes_namen.csv"
CURRENT_DIVISION_YEAR = 2026
EARLIER_MUNICIPALITY_LISTS = (
    AREAS_DIR / "derived_gemeenten_2022_codes_namen.csv",
    AREAS_DIR / "derived_gemeenten_2023_codes_namen.csv",
)
MUNICIPAL_CHANGES = AREAS_DIR / "municipal_changes.csv"
OLDER_MUNICIPALITIES = REAL_DIR / "cbs_bevolking_1jan2022_regio.csv"  # lists municipalities that ended before 2022
DISTRICT_LIST = AREAS_DIR / "districts.csv"
DEFAULT_DISTRICT = "DIS-MARKIEZATEN"


@dataclass(frozen=True)
class AreaCounts:
    municipalities: int
    active_municipalities: int
    districts: int
    merged_municipalities: int = 0  # former municipalities with a known successor


@dataclass(frozen=True)
class MunicipalChange:
    """A municipality that ended: it became part of `successor_code` on `ended_on`."""

    former_code: str
    former_name: str
    successor_code: str
    successor_name: str
    ended_on: date
    source: str


@cache
def read_municipality_list(path: Path) -> Mapping[str, str]:
    """A shipped `code;name` list of municipalities: {code: name}, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"].strip(): row["name"].strip() for row in csv.DictReader(handle, delimiter=";")}


@cache
def read_municipal_changes(path: Path = MUNICIPAL_CHANGES) -> tuple[MunicipalChange, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            MunicipalChange(
                row["former_code"].strip(),
                row["former_name"].strip(),
                row["successor_code"].strip(),
                row["successor_name"].strip(),
                date.fromisoformat(row["ended_on"].strip()),
                row["source"].strip(),
            )
            for row in csv.DictReader(handle)
        )


def current_municipalities() -> Mapping[str, str]:
    """The municipalities of the current division: {code: name as in the current list}."""
    return read_municipality_list(CURRENT_MUNICIPALITIES)


def merged_into(successor_name: str, ended_on: date) -> str:
    """'opgegaan in Voorne aan Zee (per 1 januari 2023)'."""
    return f"opgegaan in {successor_name} (per {format_date(ended_on)})"


def former_label(name: str, successor_name: str | None, ended_on: date | None) -> str:
    """How a former municipality is named in lists: 'Brielle – opgegaan in Voorne aan Zee (per 1 januari 2023)',
    or 'Aalburg (niet in de huidige gemeentelijst)' when the shipped data names no successor."""
    if successor_name and ended_on:
        return f"{name} – {merged_into(successor_name, ended_on)}"
    return f"{name} (niet in de huidige gemeentelijst)"


def load_areas(
    *,
    db: Session,
    current_list: Path = CURRENT_MUNICIPALITIES,
    changes: Path = MUNICIPAL_CHANGES,
    older_list: Path = OLDER_MUNICIPALITIES,
    district_list: Path = DISTRICT_LIST,
) -> AreaCounts:
    """Insert or update all municipalities and the configured districts.

    Active are exactly the municipalities of the current list, by the name in that list. A municipality of the
    changes table is inactive with its successor and end date; one that only the older CBS list names (ended
    before 2022) is inactive without a successor.
    """
    existing = {a.code: a for a in db.exec(select(Area)).all()}

    def put(code: str, name: str, *, successor: str | None = None, ended_on: date | None = None) -> None:
        area = existing.get(code) or Area(code=code, name=name, kind=AreaKind.MUNICIPALITY)
        area.name = name
        area.active = code in current
        area.successor_code = successor
        area.ended_on = ended_on
        db.add(area)
        existing[code] = area

    current = read_municipality_list(current_list)
    merged = {change.former_code: change for change in read_municipal_changes(changes)}
    older = read_population_plain(older_list)
    older = older[older["code"].str.startswith("GM") & ~older["code"].isin([*current, *merged])]
    for code, name in zip(older["code"], older["name"], strict=True):
        put(code, name)
    for change in merged.values():
        put(change.former_code, change.former_name, successor=change.successor_code, ended_on=change.ended_on)
    for code, name in current.items():
        put(code, name)

    with district_list.open(encoding="utf-8", newline="") as handle:
        members = list(csv.DictReader(handle))
    districts: set[str] = set()
    for member in members:
        district_code = member["district_code"]
        if district_code not in districts:
            district = existing.get(district_code) or Area(
                code=district_code, name=member["district_name"], kind=AreaKind.DISTRICT
            )
            district.name = member["district_name"]
            db.add(district)
            existing[district_code] = district
            districts.add(district_code)
        municipality = existing.get(member["municipality_code"])
        if municipality is None:
            municipality = Area(
                code=member["municipality_code"], name=member["municipality_name"], kind=AreaKind.MUNICIPALITY
            )
            existing[municipality.code] = municipality
        municipality.district_code = district_code
        municipality.basisteam = member["basisteam"]
        municipality.veiligheidsregio = member["veiligheidsregio"]
        municipality.provincie = member["provincie"]
        db.add(municipality)
    ensure_country(db=db, existing=existing)
    db.flush()
    return AreaCounts(
        municipalities=len(older) + len(merged) + len(current),
        active_municipalities=len(current),
        districts=len(districts),
        merged_municipalities=len(merged),
    )


def ensure_country(*, db: Session, existing: dict[str, Area]) -> None:
    """Nederland as an area of its own, so national figures in a file are kept as a reference."""
    country = existing.get(NATIONAL_CODE) or Area(code=NATIONAL_CODE, name=NATIONAL_NAME, kind=AreaKind.COUNTRY)
    country.name, country.kind = NATIONAL_NAME, AreaKind.COUNTRY
    db.add(country)
    existing[NATIONAL_CODE] = country


def districts(*, db: Session) -> list[Area]:
    return list(db.exec(select(Area).where(col(Area.kind) == AreaKind.DISTRICT).order_by(col(Area.name))).all())


def district_municipalities(*, db: Session, district_code: str) -> list[Area]:
    statement = (
        select(Area)
        .where(col(Area.kind) == AreaKind.MUNICIPALITY, col(Area.district_code) == district_code)
        .order_by(col(Area.name))
    )
    return list(db.exec(statement).all())


def areas_by_code(*, db: Session, codes: list[str] | None = None) -> dict[str, Area]:
    statement = select(Area)
    if codes is not None:
        statement = statement.where(col(Area.code).in_(codes))
    return {area.code: area for area in db.exec(statement).all()}


def districts_with_municipalities(*, db: Session) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(district code, district name, [(municipality code, name), ...]) for every district, in two queries."""
    members: dict[str, list[tuple[str, str]]] = {}
    statement = (
        select(Area.district_code, Area.code, Area.name)
        .where(col(Area.kind) == AreaKind.MUNICIPALITY, col(Area.district_code).is_not(None))
        .order_by(col(Area.name))
    )
    for district_code, code, name in db.exec(statement).all():
        members.setdefault(str(district_code), []).append((code, name))
    return [(d.code, d.name, members.get(d.code, [])) for d in districts(db=db)]


@dataclass(frozen=True)
class FormerMunicipality:
    code: str
    name: str
    successor_code: str
    successor_name: str
    ended_on: date

    @property
    def label(self) -> str:
        """'Brielle (GM0501) – opgegaan in Voorne aan Zee (per 1 januari 2023)'."""
        return former_label(f"{self.name} ({self.code})", self.successor_name, self.ended_on)


def merged_municipalities(*, db: Session) -> list[FormerMunicipality]:
    """Former municipalities with the municipality they became part of, newest change first."""
    statement = (
        select(Area)
        .where(col(Area.kind) == AreaKind.MUNICIPALITY, col(Area.successor_code).is_not(None))
        .order_by(col(Area.ended_on).desc(), col(Area.name))
    )
    former = db.exec(statement).all()
    names = {a.code: a.name for a in areas_by_code(db=db, codes=[str(a.successor_code) for a in former]).values()}
    return [
        FormerMunicipality(a.code, a.name, a.successor_code, names.get(a.successor_code, a.successor_code), a.ended_on)
        for a in former
        if a.successor_code is not None and a.ended_on is not None
    ]
