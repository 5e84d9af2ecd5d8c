"""CBS StatLine and Politie open data, as downloaded or fetched.

Two shapes are read:
- a *dataset*: one column per dimension (region, period, crime type ...) and one per measure.
  That covers the OData Untyped/TypedDataSet CSV (codes, `2015JJ00`), records fetched with
  `cbsodata` (labels, `2015`), and simple label tables such as the Integrale Veiligheidsmonitor
  extract. Measures are matched on their name part (`TotaleBevolking_1` and `TotaleBevolking_7`
  are the same measure) or on their Dutch label.
- *CSV met labels* with the periods as columns: title line(s) above the header, region names
  instead of codes, `"."` for missing values and a footer line ("Bron: CBS").
Regions that are not part of a configured district (the rest of the country, provinces,
police regions) are listed as skipped, never as errors.
"""

import re
from dataclasses import dataclass

from indicators.importing.candidates import CandidateBuilder, Columns
from indicators.importing.issues import ImportIssue
from indicators.importing.lookups import normalise_name
from indicators.importing.tabular import Table
from indicators.opendata import measure_name

CBS_CRIME_SOURCE = "CBS StatLine 83648NED Geregistreerde criminaliteit"
POLITIE_CRIME_SOURCE = "Politie open data, geregistreerde misdrijven"
CBS_POPULATION_SOURCE = "CBS StatLine bevolking"
CBS_IVM_SOURCE = "CBS Integrale Veiligheidsmonitor"
TOTAL_CRIME = frozenset({"0000000", "t001161", "000", "totaalmisdrijven", "misdrijventotaal"})
REGION_COLUMNS = {"regios", "regio", "gemeente", "gemeenten", "politieregios", "key", "gemeentecode", "regiocode"}
PERIOD_COLUMNS = {"perioden", "periode", "jaar"}
YEAR_HEADER = re.compile(r"^(\d{4})\s*(\*|JJ00)?\s*$")
FOOTER_START = ("bron", "centraal bureau", "cbs", "©", "(c)")


@dataclass(frozen=True)
class MeasureTarget:
    indicator_code: str
    breakdown: str
    source: str
    dimension_values: frozenset[str] = frozenset()  # accepted values of the other dimension (normalised)


KNOWN_MEASURES: dict[str, MeasureTarget] = {
    "totaalgeregistreerdemisdrijven": MeasureTarget("AV-C01", "totaal", CBS_CRIME_SOURCE, TOTAL_CRIME),
    "geregistreerdemisdrijven": MeasureTarget("AV-C01", "totaal", POLITIE_CRIME_SOURCE, TOTAL_CRIME),
    "totalebevolking": MeasureTarget("AV-C02", "totaal", CBS_POPULATION_SOURCE),
    "bevolkingop1januari": MeasureTarget("AV-C02", "totaal", CBS_POPULATION_SOURCE),
    "populatie": MeasureTarget("AV-C02", "totaal", CBS_POPULATION_SOURCE),
    "voeltzichweleensonveilig": MeasureTarget("AV-E02", "weleens", CBS_IVM_SOURCE),
    "voeltzichvaakonveilig": MeasureTarget("AV-E02", "vaak", CBS_IVM_SOURCE),
}


def _measure_key(header: str) -> str:
    """'TotaleBevolking_1' -> 'totalebevolking'; 'Totaal geregistreerde misdrijven (aantal)' -> same style."""
    return normalise_name(re.sub(r"\s*\([^)]*\)\s*$", "", measure_name(header.strip())))


def dimension_value_keys(value: str) -> set[str]:
    """A dimension cell as keys and labels: 'T001161 Misdrijven, totaal' -> {'t001161', 'misdrijventotaal', ...}."""
    text = value.strip()
    keys = {normalise_name(text)}
    first, _, rest = text.partition(" ")
    if rest:
        keys |= {normalise_name(first), normalise_name(rest)}
    return keys


def is_dataset(table: Table) -> bool:
    header = [normalise_name(measure_name(cell)) for cell in table.rows[0]]
    has_region = any(cell in REGION_COLUMNS or cell == "regios" for cell in header)
    return has_region and any(_measure_key(cell) in KNOWN_MEASURES for cell in table.rows[0])


def parse_dataset(table: Table, builder: CandidateBuilder, *, year: int | None = None) -> str:
    """Candidates from every known measure column; returns the source to record."""
    header = table.rows[0]
    keys = [normalise_name(measure_name(cell)) for cell in header]
    region = next(i for i, key in enumerate(keys) if key in REGION_COLUMNS)
    period = next((i for i, key in enumerate(keys) if key in PERIOD_COLUMNS), None)
    measures = {
        i: KNOWN_MEASURES[_measure_key(cell)] for i, cell in enumerate(header) if _measure_key(cell) in KNOWN_MEASURES
    }
    # Datasets list their dimensions first and their measures after them.
    dimensions = [
        i
        for i in range(min(measures))
        if i not in (region, period) and keys[i] not in ("id", "gemeentenaam", "regionaam")
    ]
    if period is None and year is None:
        message = "het bestand heeft geen periodekolom; geef het jaar op (--jaar)"
        builder.issues.append(ImportIssue(table.file_name, None, None, message))
        return ""
    sources: set[str] = set()
    for row, number in zip(table.rows[1:], table.row_numbers[1:], strict=True):
        for column, target in measures.items():
            if not _dimensions_match(row, dimensions, target, keys):
                continue
            sources.add(target.source)
            builder.add(
                row=number,
                indicator=target.indicator_code,
                area=row[region],
                year=row[period] if period is not None else str(year),
                value=row[column] if column < len(row) else "",
                breakdown=target.breakdown,
                columns=Columns(
                    area=header[region],
                    year=header[period] if period is not None else "jaar",
                    value=header[column],
                    indicator=header[column],
                ),
            )
    return " + ".join(sorted(sources))


def _dimensions_match(row: list[str], dimensions: list[int], target: MeasureTarget, keys: list[str]) -> bool:
    for index in dimensions:
        if keys[index] in ("id",):
            continue
        if target.dimension_values and not (dimension_value_keys(row[index]) & target.dimension_values):
            return False
    return True


def find_periods_header(table: Table) -> int | None:
    """Index of the header row of a 'CSV met labels' with the periods as columns."""
    for index, row in enumerate(table.rows[:15]):
        keys = [normalise_name(cell) for cell in row]
        if any(key in REGION_COLUMNS for key in keys) and sum(bool(YEAR_HEADER.match(c)) for c in row) >= 1:
            return index
    return None


def parse_periods_as_columns(
    table: Table, builder: CandidateBuilder, header_index: int, *, indicator: str | None
) -> str:
    """Candidates from a labels download with one column per period; returns the source."""
    header = table.rows[header_index]
    keys = [normalise_name(cell) for cell in header]
    region = next(i for i, key in enumerate(keys) if key in REGION_COLUMNS)
    years = {i: match.group(1) for i, cell in enumerate(header) if (match := YEAR_HEADER.match(cell))}
    dimensions = [i for i in range(len(header)) if i not in years and i != region]
    title = " ".join(" ".join(row) for row in table.rows[:header_index])
    target = _target_from_text(title)
    if indicator:
        source = target.source if target and target.indicator_code == indicator.strip().upper() else "CBS StatLine"
        target = MeasureTarget(
            indicator.strip().upper(), "totaal", source, target.dimension_values if target else frozenset()
        )
    if target is None:
        builder.issues.append(
            ImportIssue(
                table.file_name,
                table.row_numbers[header_index],
                None,
                "onbekende meetwaarde in dit StatLine-bestand: kies de indicator (--indicator CODE)",
            )
        )
        return ""
    for row, number in zip(table.rows[header_index + 1 :], table.row_numbers[header_index + 1 :], strict=True):
        if is_footer(row):
            break
        breakdown = target.breakdown
        if dimensions and target.dimension_values:
            if not any(dimension_value_keys(row[i]) & target.dimension_values for i in dimensions if i < len(row)):
                continue
        elif dimensions and not target.dimension_values:
            breakdown = row[dimensions[0]] if dimensions[0] < len(row) else ""
        for column, year in years.items():
            builder.add(
                row=number,
                indicator=target.indicator_code,
                area=row[region] if region < len(row) else "",
                year=year,
                value=row[column] if column < len(row) else "",
                breakdown=breakdown,
                columns=Columns(
                    area=header[region],
                    year=header[column],
                    value=header[column],
                    breakdown=header[dimensions[0]] if dimensions else "uitsplitsing",
                ),
            )
    return target.source


def known_measure(text: str) -> MeasureTarget | None:
    """The known measure named in `text` (a header, topic or title), if any."""
    key = normalise_name(text)
    return next((target for measure, target in KNOWN_MEASURES.items() if measure in key), None)


def _target_from_text(text: str) -> MeasureTarget | None:
    target = known_measure(text)
    if target is not None:
        return target
    if "geregistreerdecriminaliteit" in normalise_name(text):
        return KNOWN_MEASURES["totaalgeregistreerdemisdrijven"]
    return None


def is_footer(row: list[str]) -> bool:
    """A footer line of a StatLine download ('Bron: CBS') or an empty line."""
    filled = [cell for cell in row if cell.strip()]
    return len(filled) <= 1 and (not filled or filled[0].strip().lower().startswith(FOOTER_START))
