"""Reading CSV files: the delimiter as the file really has it, for partner templates and real downloads."""

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from indicators.importing.issues import ImportRejected
from indicators.importing.tabular import detect_delimiter, read_table
from indicators.normalisation import indicator_values

from .helpers import Importer, csv_bytes

SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
# Checked by eye, file by file: the delimiter each real download uses.
SHARED_DELIMITERS = {
    "cbs_70072NED_regionale_kerncijfers_2015.csv": ";",
    "cbs_82949NED_gemeenten_2018_codes_namen.csv": ";",
    "cbs_83648NED_SoortMisdrijf_dimension_newkeys.csv": ",",
    "cbs_83648NED_geregistreerde_criminaliteit_soort_misdrijf_gemeente_2015.csv": ";",
    "cbs_IVM_onveiligheidsbeleving_politieregio_2008_2011.csv": ";",
    "cbs_bevolking_1jan2022_regio.csv": ",",
    "derived_cbs_83648NED_totaal_gemeente_2022.csv": ",",
    "politie_RegioS_dimension_47025NED_or_47021NED.csv": ",",
    "politie_SoortMisdrijf_dimension_codes.csv": ",",
    "statline_labels/cbs_vermogen_huishoudens_regio_2022_labels.csv": ";",
    "statline_labels/cbs_vermogen_huishoudens_regio_2023_labels.csv": ";",
    "statline_labels/cbs_vermogen_huishoudens_regio_2024_labels.csv": ";",
    "areas/derived_gemeenten_2022_codes_namen.csv": ";",
    "areas/derived_gemeenten_2023_codes_namen.csv": ";",
    "areas/derived_gemeenten_2026_codes_namen.csv": ";",
}

# A filled-in data request: the partner's explanations hold commas (more commas than the row has semicolons)
# and quotes, as Excel writes them.
TEMPLATE_WITH_COMMAS = csv_bytes(
    [
        "indicator;gemeente;jaar;uitsplitsing;waarde;toelichting",
        "AV-E02;GM0748;2019;;32,5;enquête, steekproef, gewogen, afgerond, zie bijlage, versie 2",
        'AV-E02;GM0716;2019;;;"niet gemeten, te weinig respons, ""zie"" mail, 3, 4, 5, 6"',
        "AV-E02;GM0851;2019;;28,25;schatting, op basis van, drie, metingen, in, 2019, en 2018",
        "AV-E02;GM0873;2019;;30;gemeten in maart, april, mei, juni, juli, augustus, september, oktober, november",
    ],
    encoding="utf-8-sig",
)


def test_semicolon_template_with_commas_in_the_explanation_is_read_with_semicolons() -> None:
    table = read_table(TEMPLATE_WITH_COMMAS, "uitvraag_ingevuld.csv")
    assert (table.delimiter, table.decimal_comma) == (";", True)
    assert table.rows[0] == ["indicator", "gemeente", "jaar", "uitsplitsing", "waarde", "toelichting"]
    assert table.rows[1] == [
        "AV-E02",
        "GM0748",
        "2019",
        "",
        "32,5",
        "enquête, steekproef, gewogen, afgerond, zie bijlage, versie 2",
    ]
    assert table.rows[2][5] == 'niet gemeten, te weinig respons, "zie" mail, 3, 4, 5, 6'
    assert {len(row) for row in table.rows} == {6}


def test_semicolon_template_with_commas_imports_its_values(monitor: Engine, do_import: Importer) -> None:
    result = do_import(TEMPLATE_WITH_COMMAS, "uitvraag_ingevuld.csv", supplier="Gemeente")
    assert result.delivery is not None
    with Session(monitor) as db:
        frame = indicator_values(db=db, code="AV-E02").set_index("area_code")
    assert frame.loc["GM0748", "value"] == 32.5
    assert frame.loc["GM0851", "value"] == 28.25
    assert frame.loc["GM0716", "missing_reason"] == 'niet gemeten, te weinig respons, "zie" mail, 3, 4, 5, 6'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a,b,c\n1,2,3\n4,5,6\n", ","),
        ("a\tb\n1,5\t2\n3,5\t4\n", "\t"),
        ("gemeente\nGM0748\n", ";"),  # one column: nothing to split, the Dutch default
        ('"Titel, met komma"\n"Perioden: 2024"\n"Regio\'s";"aantal"\n"Tholen";"5,5"\n', ";"),
    ],
)
def test_delimiter_of_small_files(text: str, expected: str) -> None:
    assert detect_delimiter(text) == expected


def test_every_shared_download_is_read_with_its_real_delimiter() -> None:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is not present")
    present = {str(p.relative_to(SHARED_DATA)) for p in SHARED_DATA.rglob("*.csv")}
    assert present == set(SHARED_DELIMITERS), "classify every shared CSV by eye in SHARED_DELIMITERS"
    wrong = {}
    for name, delimiter in SHARED_DELIMITERS.items():
        table = read_table((SHARED_DATA / name).read_bytes(), Path(name).name)
        if table.delimiter != delimiter or table.width < 2:
            wrong[name] = (table.delimiter, table.width)
    assert wrong == {}


def test_a_cell_with_a_nul_is_refused_by_row_and_column_before_anything_is_stored() -> None:
    data = csv_bytes(["indicator;gemeente;jaar;uitsplitsing;waarde", "AV-C01;GM0748;2023;totaal;3\x0050"])
    with pytest.raises(ImportRejected) as refused:
        read_table(data, "beschadigd.csv")
    assert str(refused.value.issues[0]).startswith(
        "beschadigd.csv, rij 2, kolom 'waarde': de cel bevat een onzichtbaar"
    )
