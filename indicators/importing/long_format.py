"""The long-format template: one row per indicator, municipality, year and breakdown."""

from indicators.importing.candidates import CandidateBuilder, Columns
from indicators.importing.lookups import normalise_name
from indicators.importing.tabular import Table

TEMPLATE_COLUMNS = ["indicator", "gemeente", "jaar", "uitsplitsing", "waarde", "toelichting"]
ALIASES = {
    "indicator": {"indicator", "indicatorcode", "code"},
    "gemeente": {"gemeente", "gemeentecode", "gebied", "gebiedcode", "regio", "area", "areacode", "municipality"},
    "jaar": {"jaar", "year", "periode", "perioden"},
    "uitsplitsing": {"uitsplitsing", "breakdown", "categorie", "bevolkingsgroep"},
    "waarde": {"waarde", "value", "aantal"},
    "toelichting": {"toelichting", "opmerking", "note", "notitie"},
}
REQUIRED = ("indicator", "gemeente", "jaar", "waarde")
HEADER_SEARCH_ROWS = 10


def find_long_header(table: Table) -> tuple[int, dict[str, int]] | None:
    """(index of the header row, column per template field) when the file is in long format."""
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for position, cell in enumerate(row):
            key = normalise_name(cell)
            for field, names in ALIASES.items():
                if key in names and field not in found:
                    found[field] = position
        if all(field in found for field in REQUIRED):
            return index, found
    return None


def parse_long(table: Table, builder: CandidateBuilder, header: tuple[int, dict[str, int]]) -> None:
    index, positions = header
    names = table.rows[index]
    columns = Columns(**{_attr(field): names[pos] for field, pos in positions.items()})

    def cell(row: list[str], field: str) -> str:
        position = positions.get(field)
        return row[position] if position is not None and position < len(row) else ""

    for row, number in zip(table.rows[index + 1 :], table.row_numbers[index + 1 :], strict=True):
        builder.add(
            row=number,
            indicator=cell(row, "indicator"),
            area=cell(row, "gemeente"),
            year=cell(row, "jaar"),
            value=cell(row, "waarde"),
            breakdown=cell(row, "uitsplitsing"),
            note=cell(row, "toelichting"),
            columns=columns,
        )


def _attr(field: str) -> str:
    return {
        "indicator": "indicator",
        "gemeente": "area",
        "jaar": "year",
        "uitsplitsing": "breakdown",
        "waarde": "value",
        "toelichting": "note",
    }[field]
