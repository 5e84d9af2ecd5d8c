"""Dutch number, date and time formatting (decimal comma, dot as thousands separator, Dutch time).

Times are stored in UTC (a naive time from the database is UTC) and shown in Europe/Amsterdam, summer time
included: a session in Tholen starts at 13:00, not at 12:00 or 11:00.
"""

import math
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def format_number(value: float | int | None, decimals: int = 1, *, missing: str = "–") -> str:
    """1234.56 -> '1.234,6'; None or NaN -> missing marker (never '0')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_int(value: float | int | None, *, missing: str = "–") -> str:
    return format_number(value, 0, missing=missing)


def format_percentage(value: float | None, decimals: int = 1) -> str:
    text = format_number(value, decimals)
    return text if text == "–" else f"{text}%"


def format_year(value: float | int | None) -> str:
    """A measurement year as text; '' when there is none (None or NaN from a DataFrame)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(int(value))


def format_date(value: date | datetime) -> str:
    """date(2020, 3, 12) -> '12 maart 2020'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def dutch_time(moment: datetime) -> datetime:
    """The moment in Dutch time; a naive moment (as the database returns it) is UTC."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(DUTCH_TIME)


def format_time(moment: datetime) -> str:
    """datetime(2026, 7, 1, 11, 5, 9, tzinfo=UTC) -> '13:05:09' (Dutch summer time)."""
    return f"{dutch_time(moment):%H:%M:%S}"


def format_datetime(moment: datetime) -> str:
    """datetime(2026, 12, 1, 11, 5, 9, tzinfo=UTC) -> '01-12-2026 12:05:09' (Dutch winter time)."""
    return f"{dutch_time(moment):%d-%m-%Y %H:%M:%S}"


def format_value(value: float | int | None, kind: str, *, per_capita: bool = False) -> str:
    """A value as shown in the monitor: counts whole, per-capita and marks with one decimal, % and €."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if per_capita:
        return format_number(value, 1)
    if kind == "percentage":
        return format_percentage(value)
    if kind in ("rapportcijfer", "score", "ratio"):
        return format_number(value, 1)
    if kind == "bedrag":
        return f"€ {format_int(value)}"
    return format_int(value)


def format_change(change_pct: float | None) -> str:
    """+12,3% / -4,0% (ASCII minus, which st.metric reads as a decrease); '' when unknown."""
    if change_pct is None or math.isnan(change_pct):
        return ""
    sign = "+" if change_pct >= 0 else "-"
    return f"{sign}{format_number(abs(change_pct), 1)}%"
