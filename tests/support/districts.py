"""A district of the test's own, added the way the shipped one is: a district list read by `load_areas`."""

import csv
from pathlib import Path

from sqlmodel import Session

from indicators.areas import load_areas

COLUMNS = ["municipality_code", "municipality_name", "district_code", "district_name", "basisteam"]
COLUMNS += ["veiligheidsregio", "provincie"]
# Voorne aan Zee (GM1992, since 1 January 2023) with its neighbour Nissewaard, in Zuid-Holland
VOORNE_PUTTEN = ("DIS-VOORNE-PUTTEN", "Voorne-Putten", {"GM1992": "Voorne aan Zee", "GM1930": "Nissewaard"})


def add_district(
    db: Session,
    folder: Path,
    district: tuple[str, str, dict[str, str]] = VOORNE_PUTTEN,
    *,
    veiligheidsregio: str = "Rotterdam-Rijnmond",
    provincie: str = "Zuid-Holland",
) -> None:
    code, name, members = district
    path = folder / f"{code}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for member_code, member_name in members.items():
            writer.writerow([member_code, member_name, code, name, "", veiligheidsregio, provincie])
    load_areas(db=db, district_list=path)
