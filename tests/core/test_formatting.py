from datetime import UTC, date, datetime

import pytest

from core.formatting import format_date, format_datetime, format_int, format_number, format_percentage, format_time


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


def test_times_are_shown_in_dutch_time_summer_and_winter() -> None:
    summer = datetime(2026, 7, 1, 11, 5, 9, tzinfo=UTC)
    winter = datetime(2026, 12, 1, 11, 5, 9)  # naive, as the database returns it: UTC
    assert format_time(summer) == "13:05:09"
    assert format_datetime(winter) == "01-12-2026 12:05:09"
    assert format_datetime(datetime(2026, 3, 29, 0, 59, tzinfo=UTC)) == "29-03-2026 01:59:00"  # before the switch
    assert format_datetime(datetime(2026, 3, 29, 1, 0, tzinfo=UTC)) == "29-03-2026 03:00:00"  # summer time begins
