"""StatLine "CSV met labels" as a person downloads it from the StatLine website.

Such a download has a title line, filter lines ("Soort misdrijf: Totaal misdrijven", "Perioden: 2024*"), then a
header spread over several rows and only then one row per region, closed by a footer ("Bron: CBS"). Two layouts
are published, and mixes of them:

(a) the dimension's name in the first cell of its header row::

    "Onderwerp";"Geregistreerde misdrijven";"Geregistreerde misdrijven"
    "Perioden";"2022";"2023"
    "Regio's";"aantal";"aantal"

(b) a row naming the dimension over the columns, and the values in the row under it::

    "";"Onderwerp"
    "";"Particuliere huishoudens";"Totaal vermogen"
    "Regio's";"x 1 000";"mld euro"

The row that starts with the region dimension ("Regio's") closes the header and holds the units. A header cell
that is empty repeats the one to its left (a merged cell). A period such as `2024*` is provisional. Region rows
that are not municipalities (Nederland, landsdelen `(LD)`, provincies `(PV)`, politie-eenheden `(RE)`, …) are
recognised by their type and skipped with a count, never matched to a municipality of the same name.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from indicators.importing.candidates import CandidateBuilder, Columns
from indicators.importing.issues import ImportIssue
from indicators.importing.lookups import normalise_name
from indicators.importing.statline import MeasureTarget, dimension_value_keys, is_footer, known_measure
from indicators.importing.tabular import Table

REGION_LABELS = {"regios", "regio", "gemeenten", "gemeente"}
TOPIC = "onderwerp"
PERIODS = "perioden"
PERIOD = re.compile(r"^\s*(\d{4})\s*(\*?)\s*$")
FILTER_LINE = re.compile(r"^(?P<name>[^:]{2,80}):\s*(?P<value>.+)$")
REGION_TYPES = {
    "LD": "landsdelen",
    "PV": "provincies",
    "CR": "COROP-gebieden",
    "RE": "politie-eenheden",
    "PO": "politieregio's (tot 2013)",
    "DT": "districten (politie)",
    "BT": "basisteams (politie)",
    "VR": "veiligheidsregio's",
    "GGD": "GGD-regio's",
    "AM": "arbeidsmarktregio's",
    "JZ": "jeugdzorgregio's",
}
REGION_TYPE = re.compile(r"\((?P<type>[A-Z]{2,3})\)\s*$")
COUNTRY = "Nederland"
NOT_MUNICIPALITIES = {"buitenland": "buitenland", "nederland": "Nederland"}


@dataclass(frozen=True)
class LabelsColumn:
    """One value column: what it holds, read from the header rows and the filter lines."""

    index: int
    topic: str
    period: str
    unit: str
    dimensions: dict[str, str]

    @property
    def year(self) -> int | None:
        match = PERIOD.match(self.period)
        return int(match.group(1)) if match else None

    @property
    def provisional(self) -> bool:
        return self.period.strip().endswith("*")


@dataclass(frozen=True)
class LabelsLayout:
    title: str
    filters: dict[str, str]
    region_column: int
    data_start: int  # index in table.rows of the first region row
    columns: list[LabelsColumn]


@dataclass
class LabelsOutcome:
    source: str = ""
    notes: list[str] = field(default_factory=list)


def _single_cell(row: list[str]) -> str | None:
    filled = [cell.strip() for cell in row if cell.strip()]
    return filled[0] if len(filled) == 1 and row and row[0].strip() == filled[0] else None


def _carried(cells: list[str], width: int) -> list[str]:
    """Header cells with an empty cell repeating its left neighbour (a merged cell), `width` long."""
    values, last = [], ""
    for cell in [*cells, *[""] * (width - len(cells))][:width]:
        last = cell.strip() or last
        values.append(last)
    return values


def find_labels_layout(table: Table) -> LabelsLayout | None:
    """The layout of a labels download with its header over several rows; None for any other file."""
    closing = next(
        (
            index
            for index, row in enumerate(table.rows[:30])
            if row and normalise_name(row[0]) in REGION_LABELS and len(row) >= 2 and index > 0
        ),
        None,
    )
    if closing is None:
        return None
    width = max(len(row) for row in table.rows[: closing + 1])
    title = ""
    filters: dict[str, str] = {}
    dimensions: dict[str, list[str]] = {}
    pending: str | None = None
    for index, row in enumerate(table.rows[:closing]):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        single = _single_cell(row)
        if single is not None:
            match = FILTER_LINE.match(single)
            if index > 0 and match:
                filters[normalise_name(match.group("name"))] = match.group("value").strip()
            elif not title:
                title = single
            continue
        if cells[0]:  # layout (a): the dimension's name, then its values
            dimensions[normalise_name(cells[0])] = _carried(cells[1:], width - 1)
            continue
        filled = [cell for cell in cells[1:] if cell]
        if pending is None and len(filled) == 1 and normalise_name(filled[0]) in (TOPIC, PERIODS):
            pending = normalise_name(filled[0])  # layout (b): the name over the columns ...
            continue
        dimensions[pending or TOPIC] = _carried(cells[1:], width - 1)  # ... and its values under it
        pending = None
    if TOPIC not in dimensions and PERIODS not in dimensions:
        return None
    units = _carried(table.rows[closing][1:], width - 1)
    if PERIODS not in dimensions and all(PERIOD.match(unit) for unit in units if unit):
        dimensions[PERIODS], units = units, [""] * len(units)  # periods in the closing row (older downloads)
    columns = []
    for offset in range(width - 1):
        topic = dimensions.get(TOPIC, [filters.get(TOPIC, "")] * (width - 1))[offset]
        period = dimensions.get(PERIODS, [filters.get(PERIODS, "")] * (width - 1))[offset]
        others = {name: values[offset] for name, values in dimensions.items() if name not in (TOPIC, PERIODS)}
        others |= {name: value for name, value in filters.items() if name not in (TOPIC, PERIODS)}
        if topic or period:
            columns.append(LabelsColumn(offset + 1, topic, period, units[offset], others))
    return LabelsLayout(title, filters, 0, closing + 1, columns)


def region_type(name: str) -> str | None:
    """What a region row is when it is not a municipality ('politie-eenheden' for 'Amsterdam (RE)'), else None."""
    text = name.strip()
    match = REGION_TYPE.search(text)
    if match and match.group("type") in REGION_TYPES:
        return REGION_TYPES[match.group("type")]
    key = text.lower()
    if key in NOT_MUNICIPALITIES:
        return NOT_MUNICIPALITIES[key]
    if "niet in te delen" in key:
        return "niet in te delen"
    return None


def _target(column: LabelsColumn, title: str, chosen: dict[str, str], single: str | None) -> MeasureTarget | None:
    topic_key = normalise_name(column.topic)
    for topic, code in chosen.items():
        if normalise_name(topic) == topic_key:
            known = _known(column.topic)
            source = known.source if known and known.indicator_code == code else "CBS StatLine"
            return MeasureTarget(code, "totaal", source, known.dimension_values if known else frozenset())
    known = _known(column.topic) or (_known(title) if not column.topic else None)
    if single:
        source = known.source if known and known.indicator_code == single else "CBS StatLine"
        return MeasureTarget(single, "totaal", source, known.dimension_values if known else frozenset())
    return known


def _known(text: str) -> MeasureTarget | None:
    return known_measure(re.sub(r"\s*\([^)]*\)\s*$", "", text))


def _matches(column: LabelsColumn, target: MeasureTarget) -> bool:
    """A column counts for its target when every other dimension (soort misdrijf, …) is the one it wants."""
    if not target.dimension_values:
        return True
    return all(dimension_value_keys(value) & target.dimension_values for value in column.dimensions.values())


def parse_labels(
    table: Table,
    builder: CandidateBuilder,
    layout: LabelsLayout,
    *,
    indicator: str | None = None,
    topics: dict[str, str] | None = None,
) -> LabelsOutcome:
    """Candidates from every value column that maps to an indicator, by a known measure name, by `topics`
    (topic → indicator code) or, when the file has one topic, by `indicator`."""
    outcome = LabelsOutcome()
    distinct_topics = sorted({column.topic for column in layout.columns})
    single = indicator.strip().upper() if indicator and len(distinct_topics) == 1 else None
    if indicator and len(distinct_topics) > 1 and not topics:
        builder.issues.append(
            ImportIssue(
                table.file_name,
                table.row_numbers[layout.data_start - 1],
                None,
                f"dit bestand heeft {len(distinct_topics)} onderwerpen ({', '.join(distinct_topics)}): "
                "koppel elk onderwerp aan een indicator (--onderwerp 'ONDERWERP=CODE')",
            )
        )
        return outcome
    chosen = {topic: code.strip().upper() for topic, code in (topics or {}).items()}
    mapped: list[tuple[LabelsColumn, MeasureTarget]] = []
    unmapped: set[str] = set()
    for column in layout.columns:
        target = _target(column, layout.title, chosen, single)
        if target is None:
            unmapped.add(column.topic or layout.title)
        elif _matches(column, target):
            if column.year is None:
                builder.issues.append(
                    ImportIssue(
                        table.file_name,
                        table.row_numbers[layout.data_start - 1],
                        None,
                        f"periode '{column.period}' in kolom {column.index + 1} is geen jaar; alleen jaarcijfers "
                        "kunnen worden ingelezen",
                    )
                )
                return outcome
            mapped.append((column, target))
    if not mapped:
        names = ", ".join(sorted(unmapped)) or "geen"
        builder.issues.append(
            ImportIssue(
                table.file_name,
                table.row_numbers[layout.data_start - 1],
                None,
                f"geen onderwerp in dit StatLine-bestand hoort bij een bekende indicator ({names}): kies de indicator "
                "(--indicator CODE, of --onderwerp 'ONDERWERP=CODE' per onderwerp)",
            )
        )
        return outcome
    if unmapped:
        outcome.notes.append(f"niet ingelezen onderwerpen (geen indicator gekozen): {', '.join(sorted(unmapped))}")
    provisional = sorted({column.period.strip() for column, _ in mapped if column.provisional})
    if provisional:
        outcome.notes.append(f"voorlopige cijfers (CBS): {', '.join(provisional)}")
    not_municipal: Counter[str] = Counter()
    national = 0
    rows = zip(table.rows[layout.data_start :], table.row_numbers[layout.data_start :], strict=True)
    for row, number in rows:
        if is_footer(row):
            break
        region = row[layout.region_column].strip() if row else ""
        kind = region_type(region)
        if kind == COUNTRY:
            national += 1  # kept as the reference beside the district (stored when the database knows Nederland)
        elif kind is not None:
            not_municipal[kind] += 1
            continue
        for column, target in mapped:
            builder.add(
                row=number,
                indicator=target.indicator_code,
                area=region,
                year=str(column.year),
                value=row[column.index] if column.index < len(row) else "",
                breakdown=target.breakdown,
                columns=Columns(
                    area=table.rows[layout.data_start - 1][0] or "Regio's",
                    year=column.period,
                    value=f"kolom {column.index + 1} ({column.topic or layout.title}, {column.period})",
                    indicator=column.topic or layout.title,
                ),
                provisional=column.provisional,
            )
    if national:
        outcome.notes.append("Nederland ingelezen als vergelijkingscijfer")
    if not_municipal:
        counts = ", ".join(f"{kind}: {count}" for kind, count in sorted(not_municipal.items()))
        outcome.notes.append(f"regels die geen gemeente zijn, overgeslagen ({counts})")
    outcome.source = " + ".join(sorted({target.source for _, target in mapped}))
    return outcome


def labels_topics(table: Table) -> list[str]:
    """The topics of a labels download, in file order (empty for any other file)."""
    layout = find_labels_layout(table)
    if layout is None:
        return []
    return list(dict.fromkeys(column.topic for column in layout.columns if column.topic))


def known_indicator(topic: str) -> str | None:
    """The indicator a topic maps to by itself (a known measure such as 'Geregistreerde misdrijven')."""
    target = _known(topic)
    return target.indicator_code if target else None
