"""Attribution lines that must accompany values wherever they are shown or exported."""

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

DEMO_LABEL = "fictieve demodata"
CBS_ATTRIBUTION = "Bron: CBS"
POLITIE_ATTRIBUTION = "© Politie"
SUMMED_FROM_BUURTEN = "opgeteld uit buurten"  # a municipality's figure made by adding up CBS's buurt figures


def attribution(source: str, *, is_demo: bool = False) -> str:
    """'Bron: CBS', '© Politie', 'fictieve demodata' or 'Bron: <source>'; a figure the app summed from CBS's buurten
    says so ('Bron: CBS, opgeteld uit buurten'): it is not CBS's own figure for the municipality."""
    if is_demo:
        return DEMO_LABEL
    lowered = source.lower()
    if lowered.startswith("cbs"):
        return f"{CBS_ATTRIBUTION}, {SUMMED_FROM_BUURTEN}" if SUMMED_FROM_BUURTEN in lowered else CBS_ATTRIBUTION
    if lowered.startswith("politie"):
        return POLITIE_ATTRIBUTION
    return f"Bron: {source}"


POPULATION_DEMO = f"bevolking: {DEMO_LABEL}"


def figure_attribution(source: str, *, is_demo: bool, population_is_demo: bool = False) -> str:
    """The mark beside one figure: its source, or 'fictieve demodata'; a real count per capita on invented
    population says so ('© Politie; bevolking: fictieve demodata')."""
    mark = attribution(source, is_demo=is_demo)
    if population_is_demo and not is_demo:
        return f"{mark}; {POPULATION_DEMO}"
    return mark


def attributions(sources: list[tuple[str, bool]]) -> list[str]:
    """Distinct attribution lines for a set of (source, is_demo) pairs, in a stable order."""
    return sorted({attribution(source, is_demo=demo) for source, demo in sources})


MIXED_TOTAL = "niet opgeteld: echte cijfers en fictieve demodata worden niet bij elkaar opgeteld"
"""Why a district total (sum, weighted mean or per-capita figure) is left out: its parts mix real and demo values."""


DEMO_EXPLANATION = "verzonnen waarden om de app te kunnen bekijken, geen echte cijfers; niet gebruiken voor beleid"


@dataclass(frozen=True, order=True)
class SourceLine:
    """One source of the figures in a page or document: what it gave (values or population), its name, its mark."""

    kind: str  # "waarden" or "bevolking"
    source: str
    mark: str

    def describe(self) -> str:
        what = "Bevolking: " if self.kind == "bevolking" else ""
        explanation = f": {DEMO_EXPLANATION}" if self.mark == DEMO_LABEL else ""
        return f"{what}{self.source} ({self.mark}{explanation})"


def _parts(source: object) -> list[str]:
    """The sources of a value; a district aggregate names its municipalities' sources joined by ' + '."""
    return [part for part in str(source).split(" + ") if part] if isinstance(source, str) else []


def series_sources(
    series: pd.DataFrame, codes: Iterable[str], *, per_capita_codes: Iterable[str] = ()
) -> list[SourceLine]:
    """The sources of the values of these indicators in a `district_series` frame (every area, every year with a
    value), and of the population behind the per-capita figures of `per_capita_codes`; demo values included."""
    wanted = set(codes)
    rows = series[series["indicator_code"].isin(wanted) & (series["value"].notna() | series["text_value"].notna())]
    known = {str(s): bool(d) for s, d in zip(rows["source"], rows["is_demo"], strict=True) if " + " not in str(s)}
    lines: set[SourceLine] = set()
    for source, demo in zip(rows["source"], rows["is_demo"], strict=True):
        for part in _parts(source):
            is_demo = known.get(part, bool(demo))
            lines.add(SourceLine("waarden", part, attribution(part, is_demo=is_demo)))
    per_capita = rows[rows["indicator_code"].isin(set(per_capita_codes)) & rows["per_capita"].notna()]
    for source, demo in zip(per_capita["population_source"], per_capita["population_is_demo"], strict=True):
        for part in _parts(source):
            lines.add(SourceLine("bevolking", part, attribution(part, is_demo=bool(demo) or DEMO_LABEL in part)))
    return sorted(lines)
