"""CBS "Kerncijfers wijken en buurten" (KWB) as published, and the population per municipality summed from its buurten.

A KWB table (85618NED for 2023, 85984NED for 2024, 86165NED for 2025, …) holds one row per gemeente, wijk and buurt
(and one for Nederland), with the population on 1 January of the table's year in "Aantal inwoners". Two layouts:

- the OData CSV ("ruwe data", TypedDataSet/UntypedDataSet, and what `cbsodata` returns): columns `WijkenEnBuurten`,
  `Gemeentenaam_1`, `SoortRegio_2` (Gemeente/Wijk/Buurt/Land), `Codering_3` (GM0748, WK074800, BU07480000),
  `AantalInwoners_5`; codes and kinds padded with spaces, numbers left-padded, `.` for unknown or secret;
- the StatLine "CSV met labels": a title line ("Kerncijfers wijken en buurten 2024"), the topic rows ("Gemeentenaam",
  "Soort regio", "Codering", "Aantal inwoners", possibly under a group row), the units row starting with the region
  dimension "Wijken en buurten", one row per region, a footer ("Bron: CBS").

Summing (issue 15, part 4): only Buurt rows are added up, per municipality (the four digits after BU); Wijk and
Gemeente rows are sums already and are never added. Where the file holds the municipality's Gemeente row, the sum
is compared with it and a difference is reported: CBS rounds every buurt count to a multiple of 5, and counts people
whose address within the municipality is unknown in the gemeente figure only.

A municipality with a buurt whose value is missing (`.`: unknown, unreliable or secret; or an empty cell) is not
stored. A sum without that buurt would be too low, and every figure per 10,000 inhabitants computed on it too high,
with nothing on the monitor to show why; a policy advisor would rather see no per-capita figure than a wrong one.
The refusal names the buurten, and the Gemeente row's figure when the file has one, so the coordinator can deliver
that figure instead.
"""

import re
from dataclasses import dataclass, field

from core.formatting import format_int
from indicators.importing.candidates import CandidateBuilder, Columns
from indicators.importing.issues import ImportIssue
from indicators.importing.lookups import normalise_name
from indicators.importing.numbers import parse_number
from indicators.importing.statline import is_footer
from indicators.importing.tabular import Table
from indicators.opendata import measure_name
from indicators.provenance import SUMMED_FROM_BUURTEN
from indicators.vocabulary import POPULATION_INDICATOR_CODE

AGGREGATE_MUNICIPALITY = "gemeente"  # `--aggregate gemeente`: sum the buurten of every municipality
AGGREGATE_CHOICE = "Buurten optellen tot gemeenten"  # the same choice on the import page
KWB_FORMAT = "wijken en buurten, opgeteld"  # Delivery.file_format holds 40 characters
KWB_TITLE = "Kerncijfers wijken en buurten"
# The StatLine tables of "Kerncijfers wijken en buurten" and the year whose 1 January population they hold.
KWB_TABLES = {
    "82931NED": 2014,
    "83487NED": 2016,
    "83765NED": 2017,
    "84286NED": 2018,
    "84583NED": 2019,
    "84799NED": 2020,
    "85039NED": 2021,
    "85318NED": 2022,
    "85618NED": 2023,
    "85984NED": 2024,
    "86165NED": 2025,
}
TABLE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{5}NED)(?![A-Za-z])", re.IGNORECASE)
TITLE_YEAR = re.compile(r"kerncijfers\s+wijken\s+en\s+buurten\s+(\d{4})", re.IGNORECASE)
BUURT_CODE = re.compile(r"^BU(\d{4})[0-9A-Z]{4}$")  # since 2023 wijk and buurt parts may hold letters (Amsterdam)
KINDS = {"gemeente": "gemeente", "wijk": "wijk", "buurt": "buurt", "land": "land"}
CODE_KINDS = {"GM": "gemeente", "WK": "wijk", "BU": "buurt", "NL": "land"}
MISSING = {"", ".", "x", "-", "?"}
REGION_DIMENSION = "wijkenenbuurten"
POPULATION = "aantalinwoners"
KIND = "soortregio"
CODE = "codering"
MUNICIPALITY_NAME = "gemeentenaam"
LIST_LIMIT = 5


@dataclass(frozen=True)
class KwbRow:
    row: int  # the file row
    kind: str  # gemeente, wijk, buurt, land (or the file's own word)
    code: str  # GM0748, WK074800, BU07480000, NL00 ('' when the file has no codes)
    name: str  # the municipality's name (Gemeentenaam)
    value: str  # the population cell as written

    @property
    def municipality(self) -> str:
        """The municipality a row belongs to: GM + the code's four digits, or (without codes) its name."""
        if self.kind == "buurt" and (match := BUURT_CODE.match(self.code)):
            return f"GM{match.group(1)}"
        if self.kind == "gemeente" and self.code.upper().startswith("GM"):
            return self.code.upper()
        return normalise_name(self.name)


@dataclass(frozen=True)
class KwbFile:
    layout: str  # "OData-CSV" or "StatLine met labels"
    title: str
    table_id: str | None
    year: int | None
    value_column: str
    rows: list[KwbRow]

    def count(self, kind: str) -> int:
        return sum(1 for row in self.rows if row.kind == kind)

    @property
    def name(self) -> str:
        """The table's title, or 'Kerncijfers wijken en buurten 2024' made from its year."""
        return self.title or (f"{KWB_TITLE} {self.year}" if self.year else KWB_TITLE)

    def describe(self) -> str:
        """'CBS Kerncijfers wijken en buurten 2024 (85984NED): 39 buurten, 11 wijken, 3 gemeenten'."""
        name = self.name
        table = f" ({self.table_id})" if self.table_id else ""
        counts = [
            _counted(self.count("buurt"), "buurt", "buurten"),
            _counted(self.count("wijk"), "wijk", "wijken"),
            _counted(self.count("gemeente"), "gemeente", "gemeenten"),
        ]
        return f"CBS {name}{table}: {', '.join(counts)}"


def _counted(number: int, singular: str, plural: str) -> str:
    return f"{format_int(number)} {singular if number == 1 else plural}"


def _kind(cell: str, code: str) -> str:
    kind = KINDS.get(normalise_name(cell))
    if kind is not None:
        return kind
    return CODE_KINDS.get(code[:2].upper(), normalise_name(cell))


def _table_id(file_name: str, title: str) -> str | None:
    for text in (file_name, title):
        if match := TABLE_ID.search(text):
            return match.group(1).upper()
    return None


def _year(table_id: str | None, title: str) -> int | None:
    if match := TITLE_YEAR.search(title):
        return int(match.group(1))
    return KWB_TABLES.get(table_id or "")


def _odata(table: Table) -> KwbFile | None:
    header = table.rows[0]
    keys = [normalise_name(measure_name(cell.strip())) for cell in header]
    column = {key: index for index, key in reversed(list(enumerate(keys)))}
    if POPULATION not in column or (CODE not in column and REGION_DIMENSION not in column):
        return None
    if KIND not in column and CODE not in column:
        return None

    def cell(row: list[str], key: str) -> str:
        index = column.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    rows = []
    for row, number in zip(table.rows[1:], table.row_numbers[1:], strict=True):
        code = cell(row, CODE) or cell(row, REGION_DIMENSION)
        rows.append(
            KwbRow(number, _kind(cell(row, KIND), code), code, cell(row, MUNICIPALITY_NAME), cell(row, POPULATION))
        )
    if not any(row.kind == "buurt" for row in rows):
        return None
    table_id = _table_id(table.file_name, "")
    return KwbFile("OData-CSV", "", table_id, _year(table_id, ""), header[column[POPULATION]].strip(), rows)


def _labels(table: Table) -> KwbFile | None:
    closing = next(
        (i for i, row in enumerate(table.rows[:30]) if i > 0 and row and normalise_name(row[0]) == REGION_DIMENSION),
        None,
    )
    if closing is None:
        return None
    title = ""
    column: dict[str, int] = {}
    topics: dict[str, str] = {}
    for row in table.rows[:closing]:
        filled = [cell.strip() for cell in row if cell.strip()]
        if len(filled) == 1 and row[0].strip():
            title = title or filled[0]  # the title line (filter lines, if any, follow it)
            continue
        for index, text in enumerate(row):
            key = normalise_name(text)
            if index > 0 and key in (POPULATION, KIND, CODE, MUNICIPALITY_NAME) and key not in column:
                column[key], topics[key] = index, text.strip()
    if POPULATION not in column or (KIND not in column and CODE not in column):
        return None

    def cell(row: list[str], key: str) -> str:
        index = column.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    rows = []
    data = zip(table.rows[closing + 1 :], table.row_numbers[closing + 1 :], strict=True)
    for row, number in data:
        if is_footer(row):
            break
        code = cell(row, CODE)
        rows.append(
            KwbRow(number, _kind(cell(row, KIND), code), code, cell(row, MUNICIPALITY_NAME), cell(row, POPULATION))
        )
    if not any(row.kind == "buurt" for row in rows):
        return None
    table_id = _table_id(table.file_name, title)
    return KwbFile("StatLine met labels", title, table_id, _year(table_id, title), topics[POPULATION], rows)


def read_kwb(table: Table) -> KwbFile | None:
    """The rows of a KWB file with its population column, in either layout; None for any other file."""
    if not table.rows:
        return None
    return _odata(table) or _labels(table)


@dataclass
class MunicipalSum:
    key: str  # GM code, or the normalised name when the file has no codes
    name: str
    first_row: int
    total: int = 0
    buurten: int = 0
    missing: list[KwbRow] = field(default_factory=list)
    gemeente_figure: int | None = None  # the file's own Gemeente row

    @property
    def label(self) -> str:
        return self.name or self.key


@dataclass
class KwbOutcome:
    source: str = ""
    aggregation: str = ""  # "39 buurten opgeteld tot 2 gemeenten …", shown with the plan and kept with the delivery
    notes: list[str] = field(default_factory=list)


def _count(text: str, row: int, builder: CandidateBuilder, column: str) -> int | None:
    try:
        number = parse_number(text, decimal_comma=builder.decimal_comma)
    except ValueError:
        builder.issues.append(ImportIssue(builder.file_name, row, column, f"geen getal: '{text}'"))
        return None
    if number < 0 or not number.is_integer():
        message = f"een aantal inwoners is een geheel getal van 0 of meer ({text})"
        builder.issues.append(ImportIssue(builder.file_name, row, column, message))
        return None
    return int(number)


def sum_buurten(kwb: KwbFile, builder: CandidateBuilder) -> list[MunicipalSum]:
    """Per municipality: the sum of its buurten, how many, which have no value, and its Gemeente row's figure.

    Wijk, Gemeente and Land rows are never added; a malformed value becomes an issue in `builder`."""
    sums: dict[str, MunicipalSum] = {}
    figures: dict[str, int] = {}
    for row in kwb.rows:
        if row.kind == "gemeente":
            if (
                row.value not in MISSING
                and (count := _count(row.value, row.row, builder, kwb.value_column)) is not None
            ):
                figures[row.municipality] = count
            continue
        if row.kind != "buurt":
            continue
        entry = sums.setdefault(row.municipality, MunicipalSum(row.municipality, row.name, row.row))
        entry.buurten += 1
        if row.value in MISSING:
            entry.missing.append(row)
        elif (count := _count(row.value, row.row, builder, kwb.value_column)) is not None:
            entry.total += count
    for key, entry in sums.items():
        entry.gemeente_figure = figures.get(key)
    return list(sums.values())


def _source(kwb: KwbFile, year: int) -> str:
    name = kwb.title or f"{KWB_TITLE} {year}"
    prefix = f"CBS StatLine {kwb.table_id}" if kwb.table_id else "CBS"
    return f"{prefix} {name}, {SUMMED_FROM_BUURTEN}"


def _missing_note(entry: MunicipalSum) -> str:
    shown = ", ".join(f"{row.code or f'rij {row.row}'} ('{row.value}')" for row in entry.missing[:LIST_LIMIT])
    more = f" en {len(entry.missing) - LIST_LIMIT} andere" if len(entry.missing) > LIST_LIMIT else ""
    count = len(entry.missing)
    note = (
        f"{entry.label} niet opgeslagen: {count} van de {entry.buurten} buurten "
        f"{'heeft' if count == 1 else 'hebben'} geen waarde ({shown}{more}; '.' betekent bij CBS onbekend, "
        f"onvoldoende betrouwbaar of geheim). Zonder {'die buurt' if count == 1 else 'die buurten'} zou het aantal "
        "inwoners te laag zijn en elk cijfer per 10.000 inwoners te hoog"
    )
    if entry.gemeente_figure is not None:
        note += (
            f". Het bestand noemt voor de gemeente zelf {format_int(entry.gemeente_figure)} inwoners: lever dat cijfer "
            "aan, of download de tabel per gemeente"
        )
    else:
        note += ". Download de tabel per gemeente, of lever het aantal inwoners van de gemeente aan"
    return note


def _difference(entry: MunicipalSum) -> str:
    figure = entry.gemeente_figure or 0
    return (
        f"{entry.label}: buurten samen {format_int(entry.total)}, gemeenteregel {format_int(figure)} "
        f"(verschil {entry.total - figure:+d})"
    )


def _comparison_note(compared: list[MunicipalSum]) -> str | None:
    if not compared:
        return None
    differing = [entry for entry in compared if entry.gemeente_figure != entry.total]
    if not differing:
        return f"de optelling is gelijk aan de gemeenteregel in het bestand ({len(compared)} gemeenten)"
    shown = "; ".join(_difference(entry) for entry in differing)
    return (
        f"optelling en gemeenteregel in het bestand verschillen: {shown}. Opgeslagen is de optelling; CBS rondt elke "
        "buurt af op vijftallen en telt inwoners zonder bekend adres in de gemeente alleen bij de gemeente mee"
    )


def add_summed_population(kwb: KwbFile, builder: CandidateBuilder, *, year: int | None, file_name: str) -> KwbOutcome:
    """One population candidate per municipality whose buurten all have a value; notes for the rest."""
    outcome = KwbOutcome()
    if year is not None and kwb.year is not None and year != kwb.year:
        message = (
            f"dit is {kwb.name} met de bevolking op 1 januari {kwb.year}; het opgegeven jaar {year} spreekt dat tegen"
        )
        builder.issues.append(ImportIssue(file_name, None, None, message))
        return outcome
    year = year or kwb.year
    if year is None:
        message = (
            "het jaar van deze Kerncijfers wijken en buurten staat niet in het bestand of de bestandsnaam: geef het "
            "jaar op (--jaar), het jaar van de tabel (de bevolking op 1 januari van dat jaar)"
        )
        builder.issues.append(ImportIssue(file_name, None, None, message))
        return outcome
    outcome.source = _source(kwb, year)
    sums = sum_buurten(kwb, builder)
    if builder.issues:
        return outcome
    columns = Columns(area="Codering", year="jaar", value=kwb.value_column, indicator=kwb.value_column)
    used: list[MunicipalSum] = []
    for entry in sums:
        area = builder.areas.resolve(entry.key if entry.key.startswith("GM") else entry.name)
        if entry.missing:
            if area is not None and area.configured:
                outcome.notes.append(_missing_note(entry))
            continue
        before = len(builder.candidates)
        builder.add(
            row=entry.first_row,
            indicator=POPULATION_INDICATOR_CODE,
            area=entry.key if entry.key.startswith("GM") else entry.name,
            year=str(year),
            value=str(entry.total),
            columns=columns,
        )
        if len(builder.candidates) > before:
            used.append(entry)
    buurten = sum(entry.buurten for entry in used)
    outcome.aggregation = (
        f"{_counted(buurten, 'buurt', 'buurten')} opgeteld tot {_counted(len(used), 'gemeente', 'gemeenten')} "
        f"(bevolking op 1 januari {year}; {_counted(kwb.count('wijk'), 'wijkregel', 'wijkregels')} en "
        f"{_counted(kwb.count('gemeente'), 'gemeenteregel', 'gemeenteregels')} niet meegeteld)"
    )
    comparison = _comparison_note([entry for entry in used if entry.gemeente_figure is not None])
    if comparison:
        outcome.notes.append(comparison)
    return outcome
