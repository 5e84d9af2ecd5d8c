"""Loads the real CBS extracts shipped in `data/real/` (population and registered crime).

Every value keeps its source; every file becomes a Delivery with its content hash, and a
file that was loaded before (same hash) is not loaded again.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlmodel import Session, col, select

from data import REAL_DIR
from indicators.models import Delivery
from indicators.observations import ObservationRow, store_observations
from indicators.opendata import (
    file_sha256,
    find_measure,
    period_year,
    read_population_plain,
    read_statline_dataset,
    to_number,
)
from indicators.population import PopulationRow, store_population
from indicators.vocabulary import NATIONAL_CODE, PopulationGroup

TOTAL_CRIME_CODE = "AV-C01"
POPULATION_2015 = REAL_DIR / "cbs_70072NED_regionale_kerncijfers_2015.csv"
POPULATION_2022 = REAL_DIR / "cbs_bevolking_1jan2022_regio.csv"
CRIME_2015 = REAL_DIR / "cbs_83648NED_geregistreerde_criminaliteit_soort_misdrijf_gemeente_2015.csv"
CRIME_2022 = REAL_DIR / "derived_cbs_83648NED_totaal_gemeente_2022.csv"
TOTAL_CRIME_KEYS = {"0000000", "T001161"}  # 83648NED total key before and after the 2018 key change

SOURCE_POPULATION_2015 = "CBS StatLine 70072NED Regionale kerncijfers"
SOURCE_POPULATION_2022 = "CBS StatLine bevolking op 1 januari"
SOURCE_CRIME = "CBS StatLine 83648NED Geregistreerde criminaliteit"


@dataclass(frozen=True)
class OpenDataCounts:
    population_rows: int
    crime_rows: int
    skipped_files: int


def _delivery(db: Session, path: Path, source: str) -> Delivery | None:
    """A new Delivery for the file, or None when a file with the same content was loaded before."""
    digest = file_sha256(path)
    if db.exec(select(Delivery).where(col(Delivery.content_hash) == digest)).first():
        return None
    delivery = Delivery(supplier="CBS", file_name=path.name, content_hash=digest, source=source)
    db.add(delivery)
    db.flush()
    return delivery


def population_2015_rows(path: Path = POPULATION_2015) -> list[PopulationRow]:
    frame = read_statline_dataset(path)
    frame = frame[frame["RegioS"].str.startswith("GM") | (frame["RegioS"] == NATIONAL_CODE)]
    values = to_number(frame[find_measure(frame, "TotaleBevolking")])
    return [
        PopulationRow(area_code=code, year=period_year(period), population_group=PopulationGroup.TOTAL, value=int(v))
        for code, period, v in zip(frame["RegioS"], frame["Perioden"], values, strict=True)
        if pd.notna(v)
    ]


def population_2022_rows(path: Path = POPULATION_2022) -> list[PopulationRow]:
    frame = read_population_plain(path)
    frame = frame[(frame["code"].str.startswith("GM") | (frame["code"] == NATIONAL_CODE)) & frame["population"].notna()]
    return [
        PopulationRow(area_code=code, year=2022, population_group=PopulationGroup.TOTAL, value=int(v))
        for code, v in zip(frame["code"], frame["population"], strict=True)
    ]


def crime_2015_rows(path: Path = CRIME_2015) -> list[ObservationRow]:
    frame = read_statline_dataset(path)
    frame = frame[frame["SoortMisdrijf"].isin(TOTAL_CRIME_KEYS) & frame["RegioS"].str.startswith("GM")]
    values = to_number(frame[find_measure(frame, "TotaalGeregistreerdeMisdrijven")])
    return [
        ObservationRow(
            indicator_code=TOTAL_CRIME_CODE,
            area_code=code,
            year=period_year(period),
            value=None if pd.isna(v) else float(v),
            missing_reason="geen waarde in CBS-bestand" if pd.isna(v) else None,
        )
        for code, period, v in zip(frame["RegioS"], frame["Perioden"], values, strict=True)
    ]


def crime_2022_rows(path: Path = CRIME_2022) -> list[ObservationRow]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame = frame[frame["SoortMisdrijf"].str.split(" ").str[0].isin(TOTAL_CRIME_KEYS)]
    values = to_number(frame["TotaalGeregistreerdeMisdrijven"].str.strip())
    return [
        ObservationRow(
            indicator_code=TOTAL_CRIME_CODE, area_code=code.strip(), year=period_year(period), value=float(v)
        )
        for code, period, v in zip(frame["RegioS"], frame["Perioden"], values, strict=True)
        if pd.notna(v)
    ]


def load_shipped_open_data(*, db: Session) -> OpenDataCounts:
    """Population 2015 and 2022 and total registered crime 2015 and 2022 for all known municipalities."""
    population = crime = skipped = 0
    for path, source, reader in (
        (POPULATION_2015, SOURCE_POPULATION_2015, population_2015_rows),
        (POPULATION_2022, SOURCE_POPULATION_2022, population_2022_rows),
    ):
        delivery = _delivery(db, path, source)
        if delivery is None:
            skipped += 1
            continue
        population += store_population(db=db, rows=reader(path), source=source, delivery=delivery)
    for path, reader2 in ((CRIME_2015, crime_2015_rows), (CRIME_2022, crime_2022_rows)):
        delivery = _delivery(db, path, SOURCE_CRIME)
        if delivery is None:
            skipped += 1
            continue
        crime += store_observations(db=db, rows=reader2(path), delivery=delivery)
    return OpenDataCounts(population_rows=population, crime_rows=crime, skipped_files=skipped)
