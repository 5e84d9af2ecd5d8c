"""Files the app cannot use, recognised for what they are, so the refusal says what would make them usable.

- buurt or wijk figures (CBS codes `BU07480000`, `WK074800`): values per municipality are needed; the population of
  CBS "Kerncijfers wijken en buurten" can be summed per municipality by the importer (`--aggregate gemeente`, or
  "Buurten optellen tot gemeenten" on the import page), which the refusal says;
- single incidents (a date or time per row, a postcode or address): counts per municipality and year are needed;
- figures for regions only (politie-eenheden, provincies, landsdelen, …, with no municipality among them).
"""

import re

from indicators.importing.kwb import AGGREGATE_CHOICE, read_kwb
from indicators.importing.lookups import normalise_name
from indicators.importing.statline_labels import region_type
from indicators.importing.tabular import Table

BUURT_CODE = re.compile(r"^\s*(BU\d{4}[0-9A-Z]{4}|WK\d{4}[0-9A-Z]{2})\s*$")  # letters: Amsterdam since 2023
POSTCODE = re.compile(r"^\s*\d{4}\s?[A-Z]{2}\s*$")
INCIDENT_COLUMNS = {"datum", "tijdstip", "tijd", "pleegdatum", "meldingsdatum", "incidentnummer", "registratienummer"}
ADDRESS_COLUMNS = {"postcode", "pc4", "pc6", "straat", "straatnaam", "adres", "huisnummer"}
SAMPLE_ROWS = 200


def _cells(table: Table) -> list[str]:
    return [cell for row in table.rows[:SAMPLE_ROWS] for cell in row if cell.strip()]


def unusable_reason(table: Table) -> str | None:
    """Why this file cannot be imported as it is (Dutch), or None when it is not one of the known unusable kinds."""
    cells = _cells(table)
    buurten = sum(bool(BUURT_CODE.match(cell)) for cell in cells)
    if buurten >= 3 and (kwb := read_kwb(table)) is not None:
        return (
            f"dit bestand bevat cijfers per buurt en wijk ({kwb.describe()}; codes als BU07480000): de monitor werkt "
            "met cijfers per gemeente. Het aantal inwoners kan de app zelf per gemeente optellen uit de buurten: kies "
            f"op de importpagina '{AGGREGATE_CHOICE}', of gebruik op de opdrachtregel --aggregate gemeente"
        )
    if buurten >= 3:
        return (
            "dit bestand bevat cijfers per buurt of wijk (codes als BU07480000): de monitor werkt met cijfers per "
            "gemeente. Download de tabel per gemeente, of tel de buurten per gemeente op en lever die aan (alleen het "
            "aantal inwoners uit CBS Kerncijfers wijken en buurten telt de app zelf op: --aggregate gemeente)"
        )
    header = {normalise_name(cell) for row in table.rows[:5] for cell in row}
    postcodes = sum(bool(POSTCODE.match(cell)) for cell in cells)
    if (header & INCIDENT_COLUMNS and header & ADDRESS_COLUMNS) or postcodes >= 3:
        return (
            "dit bestand bevat losse meldingen of incidenten (met datum, postcode of adres): de monitor werkt met "
            "aantallen per gemeente en jaar. Tel de meldingen per gemeente en jaar en lever die aan in het sjabloon"
        )
    first_cells = [row[0] for row in table.rows[:SAMPLE_ROWS] if row and row[0].strip()]
    kinds = [kind for kind in (region_type(cell) for cell in first_cells) if kind is not None]
    if len(kinds) >= 3 and len(kinds) >= 0.8 * len(first_cells[3:] or first_cells):
        shown = ", ".join(sorted(set(kinds)))
        return (
            f"dit bestand bevat alleen cijfers per regio ({shown}), niet per gemeente. Download de tabel met "
            "gemeenten als regio's (in StatLine: Regio's → Gemeenten)"
        )
    return None
