"""The monitor's themes: the four a dialogue session discusses at its tables, and every theme's name.

The names come from the shipped catalogue (`data/catalogue/themes.csv`). Digitale veiligheid (2022) and
Algemene veiligheid (effect and context measures for every theme) are monitor themes without a table of their
own.
"""

from indicators.catalogue import shipped_theme_names

THEMES: tuple[str, ...] = ("GCC", "ZV", "VB", "RO")
"""The dialogue themes, in the monitor's order (seed 000: georganiseerde criminaliteit en cybercrime, zorg en
veiligheid, veilige buurt, risico's en omgeving)."""

THEME_NAMES: dict[str, str] = shipped_theme_names()
"""Theme code -> name, for every theme of the catalogue."""


def theme_name(code: str) -> str:
    """The theme's name; the code itself for a code the catalogue does not know."""
    return THEME_NAMES.get(code, code)
