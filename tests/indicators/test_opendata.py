from pathlib import Path

import pandas as pd
import pytest

from indicators.opendata import find_measure, measure_name, period_year, read_statline_dataset, to_number


def test_measure_matches_on_name_part_not_number() -> None:
    frame = pd.DataFrame(columns=["ID", "TotaleBevolking_1", "Mannen_2"])
    assert measure_name("GeregistreerdeMisdrijvenPer1000Inw_3") == "GeregistreerdeMisdrijvenPer1000Inw"
    assert find_measure(frame, "TotaleBevolking") == "TotaleBevolking_1"
    renumbered = pd.DataFrame(columns=["ID", "TotaleBevolking_7"])
    assert find_measure(renumbered, "TotaleBevolking") == "TotaleBevolking_7"
    with pytest.raises(KeyError, match="Vrouwen"):
        find_measure(frame, "Vrouwen")


def test_period_keys() -> None:
    assert period_year("2015JJ00") == 2015
    assert period_year(" 2022 ") == 2022
    with pytest.raises(ValueError, match="Onbekende periode"):
        period_year("JJ00")


def test_statline_dataset_strips_padding_and_marks_missing(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(
        '\ufeff"ID";"RegioS";"Perioden";"Totaal_1";"Per1000_3"\n'
        '"1";"GM0748    ";"2015JJ00";"    4135";"    62.3"\n'
        '"2";"GM0305";"2015JJ00";"";"       ."\n'.encode()
    )
    frame = read_statline_dataset(path)
    assert list(frame["RegioS"]) == ["GM0748", "GM0305"]
    values = to_number(frame["Totaal_1"])
    assert values.iloc[0] == 4135
    assert pd.isna(values.iloc[1])
    assert pd.isna(to_number(frame["Per1000_3"]).iloc[1])
