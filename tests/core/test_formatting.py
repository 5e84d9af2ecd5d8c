from datetime import date

import pytest

from core.formatting import format_date, format_int, format_number, format_percentage


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (623.4917, 1, "623,5"),
        (1234567.891, 2, "1.234.567,89"),
        (0, 1, "0,0"),
        (-12.5, 0, "-12"),
        (None, 1, "–"),
        (float("nan"), 1, "–"),
    ],
)
def test_format_number_dutch(value: float | None, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


def test_other_formats() -> None:
    assert format_int(66320) == "66.320"
    assert format_percentage(12.34) == "12,3%"
    assert format_percentage(None) == "–"
    assert format_date(date(2020, 3, 12)) == "12 maart 2020"
