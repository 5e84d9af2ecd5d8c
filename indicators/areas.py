"""Areas: municipalities with their CBS codes, and the districts they form.

Areas are data: municipalities come from CBS's region list, districts and their
basisteams from `data/areas/districts.csv`; both can be edited afterwards.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlmodel import Session, col, select

from data import AREAS_DIR, REAL_DIR
from indicators.models import Area
from indicators.opendata import read_population_plain
from indicators.vocabulary import NATIONAL_CODE, NATIONAL_NAME, AreaKind

MUNICIPALITY_LIST = REAL_DIR / "cbs_bevolking_1jan2022_regio.csv"
DISTRICT_LIST = AREAS_DIR / "districts.csv"
DEFAULT_DISTRICT = "DIS-MARKIEZATEN"


@dataclass(frozen=True)
class AreaCounts:
    municipalities: int
    active_municipalities: int
    districts: int


def load_areas(
    *, db: Session, municipality_list: Path = MUNICIPALITY_LIST, district_list: Path = DISTRICT_LIST
) -> AreaCounts:
    """Insert or update all municipalities (current ones active) and the configured districts."""
    existing = {a.code: a for a in db.exec(select(Area)).all()}
    regions = read_population_plain(municipality_list)
    municipalities = regions[regions["code"].str.startswith("GM")]
    for code, name, population in zip(
        municipalities["code"], municipalities["name"], municipalities["population"], strict=True
    ):
        area = existing.get(code) or Area(code=code, name=name, kind=AreaKind.MUNICIPALITY)
        area.name = name
        area.active = bool(pd.notna(population))  # no population in 2022: municipality no longer exists
        db.add(area)
        existing[area.code] = area

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
        municipalities=len(municipalities),
        active_municipalities=int(municipalities["population"].notna().sum()),
        districts=len(districts),
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
