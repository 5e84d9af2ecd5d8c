"""Open data as downloaded: the real extracts, a labels download, and a cbsodata fetch (recorded)."""

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from indicators.importing.issues import ImportRejected
from indicators.importing.live_statline import fetch_as_file
from indicators.normalisation import indicator_values
from indicators.opendata import find_measure, read_statline_dataset, to_number

from .helpers import REAL_DATA, Importer

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MARKIEZATEN = ["GM0748", "GM1674", "GM0873", "GM0851", "GM1655", "GM1709", "GM0840", "GM0716"]
VALUE_FILES = [
    "cbs_70072NED_regionale_kerncijfers_2015.csv",
    "cbs_bevolking_1jan2022_regio.csv",
    "cbs_83648NED_geregistreerde_criminaliteit_soort_misdrijf_gemeente_2015.csv",
    "derived_cbs_83648NED_totaal_gemeente_2022.csv",
]
POLICE_REGIONS = "cbs_IVM_onveiligheidsbeleving_politieregio_2008_2011.csv"


def test_real_files_import_as_they_are_and_match_cbs_per_1000(monitor: Engine, do_import: Importer) -> None:
    for name in VALUE_FILES:
        result = do_import((REAL_DATA / name).read_bytes(), name)
        assert result.plan is not None
        assert result.plan.skipped, name  # national files: the rest of the country is skipped, not an error
    with Session(monitor) as db:
        values = indicator_values(db=db, code="AV-C01", area_codes=MARKIEZATEN, per_capita=True)
    cbs = read_statline_dataset(REAL_DATA / VALUE_FILES[2])
    cbs = cbs[cbs["SoortMisdrijf"] == "0000000"].set_index("RegioS")
    per_1000 = to_number(cbs[find_measure(cbs, "GeregistreerdeMisdrijvenPer1000Inw")])
    in_2015 = values[values["year"] == 2015].set_index("area_code")
    assert sorted(in_2015.index) == sorted(MARKIEZATEN)
    for code, row in in_2015.iterrows():
        tolerance = 2.5 / row["population"] * 10_000 + 0.5  # CBS rounds counts to fives and per-1,000 to 0.1
        assert abs(row["value"] - 10 * per_1000[code]) <= tolerance, code
    assert round(in_2015.loc["GM0748", "value"], 1) == 623.5
    assert set(values["attribution"]) == {"Bron: CBS"}
    assert set(values["year"]) == {2015, 2022}


def test_figures_for_former_police_regions_only_are_refused_saying_why(do_import: Importer) -> None:
    with pytest.raises(ImportRejected, match=r"alleen cijfers per regio \(Nederland, politieregio's \(tot 2013\)\)"):
        do_import((REAL_DATA / POLICE_REGIONS).read_bytes(), POLICE_REGIONS)


def test_region_lists_add_former_municipalities_and_code_lists_are_refused(do_import: Importer) -> None:
    result = do_import(
        (REAL_DATA / "politie_RegioS_dimension_47025NED_or_47021NED.csv").read_bytes(),
        "politie_RegioS_dimension_47025NED_or_47021NED.csv",
    )
    assert result.plan is None
    assert result.areas_added >= 0
    with pytest.raises(ImportRejected, match="codelijst"):
        do_import((REAL_DATA / "politie_SoortMisdrijf_dimension_codes.csv").read_bytes(), "soorten.csv")


def test_labels_download_with_periods_as_columns(monitor: Engine, do_import: Importer) -> None:
    result = do_import((FIXTURES / "statline_labels_83648NED_2015.csv").read_bytes(), "statline_labels.csv")
    assert result.plan is not None
    assert result.plan.file_format == "StatLine met labels"
    assert {s.region for s in result.plan.skipped} >= {"Breda", "Noord-Brabant (PV)"}
    assert "Nederland" not in {s.region for s in result.plan.skipped}  # kept as the national reference
    with Session(monitor) as db:
        values = indicator_values(db=db, code="AV-C01", area_codes=[*MARKIEZATEN, "NL01"])
    stored = dict(zip(values["area_code"], values["value"], strict=True))
    assert stored["GM0748"] == 4135
    assert stored["NL01"] == 938465
    assert set(values["year"]) == {2015}  # "." for 2016: missing, not stored as 0


def test_live_fetch_with_recorded_cbsodata_records(
    monitor: Engine, do_import: Importer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cbsodata

    records = json.loads((FIXTURES / "cbsodata_83648NED_2015_markiezaten.json").read_text(encoding="utf-8"))
    calls = []

    def fake_get_data(table_id: str, **kwargs: object) -> list[dict[str, object]]:
        calls.append((table_id, kwargs))
        return records

    monkeypatch.setattr(cbsodata, "get_data", fake_get_data)
    data, name = fetch_as_file("83648NED", filters="Perioden eq '2015JJ00'")
    assert calls == [("83648NED", {"filters": "Perioden eq '2015JJ00'", "select": None})]
    result = do_import(data, name)
    assert result.plan is not None
    assert result.plan.source == "CBS StatLine 83648NED Geregistreerde criminaliteit"
    assert {s.region for s in result.plan.skipped} == {"Breda"}
    with Session(monitor) as db:
        values = indicator_values(db=db, code="AV-C01", area_codes=["GM0748"])
    assert list(values["value"]) == [4135]
