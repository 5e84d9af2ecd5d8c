"""Numbers as partners write them: decimal comma or point, thousands separators, spaces."""

import re

_GROUPED_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_GROUPED_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3})+$")


def parse_number(text: str, *, decimal_comma: bool) -> float:
    """'1.234,5' -> 1234.5 (decimal comma); '1,234.5' -> 1234.5; '12,5' -> 12.5; raises ValueError.

    With `decimal_comma` (a `;`-separated Dutch file) a lone point followed by groups of three
    digits is a thousands separator ('1.234' -> 1234); otherwise it is the decimal point.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if cleaned.startswith("+"):
        cleaned = cleaned[1:]
    if not cleaned:
        raise ValueError("leeg")
    has_comma, has_point = "," in cleaned, "." in cleaned
    if has_comma and has_point:
        if cleaned.rfind(",") > cleaned.rfind("."):  # 1.234,5
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:  # 1,234.5
            cleaned = cleaned.replace(",", "")
    elif has_comma:
        if not decimal_comma and _GROUPED_THOUSANDS_COMMA.match(cleaned):
            cleaned = cleaned.replace(",", "")
        else:
            cleaned = cleaned.replace(",", ".")
    elif has_point and decimal_comma and _GROUPED_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("geen eindig getal")
    return value
