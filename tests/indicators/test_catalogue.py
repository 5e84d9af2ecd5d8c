import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from data import CATALOGUE_DIR
from indicators.catalogue import CatalogueError, catalogue_frame, get_indicator, load_catalogue, search_catalogue
from indicators.models import Indicator


def test_load_catalogue_is_idempotent(db: Session) -> None:
    first = load_catalogue(db=db)
    second = load_catalogue(db=db)
    db.commit()
    assert first == second
    assert len(db.exec(select(Indicator)).all()) == first.indicators


def test_catalogue_frame_covers_all_themes_and_steps(db: Session) -> None:
    load_catalogue(db=db)
    active = catalogue_frame(db=db, status="actief")
    assert len(active) >= 40
    assert {
        "Georganiseerde criminaliteit en cybercrime",
        "Zorg en veiligheid",
        "Veilige buurt",
        "Risico's en omgeving",
    } <= set(active["theme"])
    assert {"Preventie", "Signalen", "Interventies", "Effect"} <= set(active["chain_step"])
    assert (active["definition"] != "").all()
    assert (active["supplier"] != "").all()


def test_indicator_attributes_from_the_catalogue(db: Session) -> None:
    load_catalogue(db=db)
    halt = get_indicator(db=db, code="ZV-I01")
    assert halt is not None
    assert (halt.per_capita_group, halt.per_capita_base) == ("jeugd_12_17", 1000)
    survey = get_indicator(db=db, code="AV-E01")
    assert survey is not None
    assert (survey.frequency, survey.perspective, survey.value_kind) == ("tweejaarlijks", "beleving", "rapportcijfer")
    burglary = get_indicator(db=db, code="VB-S03")
    assert burglary is not None
    assert "Woninginbraak" in [b.capitalize() for b in burglary.breakdowns]


def test_search_matches_code_name_definition_and_supplier(db: Session) -> None:
    load_catalogue(db=db)
    frame = catalogue_frame(db=db)
    assert set(search_catalogue(frame, "halt")["code"]) >= {"ZV-P01", "ZV-I01"}
    assert list(search_catalogue(frame, "READY2HELPERS")["code"]) == ["RO-I02"]
    assert search_catalogue(frame, "bestaat niet").empty


def test_invalid_catalogue_value_names_file_row_and_column(db: Session, tmp_path: Path) -> None:
    for name in ("themes.csv", "chain_steps.csv"):
        shutil.copy(CATALOGUE_DIR / name, tmp_path / name)
    lines = (CATALOGUE_DIR / "indicators.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",aantal,", ",stuks,", 1)
    (tmp_path / "indicators.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"indicators.csv, rij 4, kolom 'value_kind': onbekende waarde 'stuks'"):
        load_catalogue(db=db, directory=tmp_path)
