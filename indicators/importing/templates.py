"""The data request ("data-uitvraag"): a long-format template per supplier, in CSV and XLSX.

Pre-filled with only that supplier's active indicators, the district's municipalities (or the
district itself for district-level indicators), every breakdown and the requested year; the
partner fills in `waarde` (and `toelichting` where a value is missing).
"""

from sqlmodel import Session, col, select

from core.spreadsheet import Sheet, excel_csv, xlsx
from indicators.areas import district_municipalities
from indicators.importing.long_format import TEMPLATE_COLUMNS
from indicators.importing.lookups import normalise_name
from indicators.models import Area, Indicator
from indicators.vocabulary import AreaLevel, IndicatorStatus

EXTRA_COLUMNS = ["indicatornaam", "gemeentenaam", "eenheid"]
INSTRUCTIONS = [
    "Vul per regel de kolom 'waarde' in. Laat een waarde leeg als u die niet heeft; vermeld dan in "
    "'toelichting' waarom (bijvoorbeeld 'niet geregistreerd').",
    "Gebruik een komma of een punt als decimaalteken; geen duizendtallenscheiding nodig.",
    "Verander de kolommen indicator, gemeente, jaar en uitsplitsing niet.",
    "Aantallen zijn absolute aantallen; de monitor rekent zelf om naar per 10.000 inwoners.",
]


def supplier_names(*, db: Session) -> list[str]:
    names: set[str] = set()
    for suppliers in db.exec(select(Indicator.suppliers).where(col(Indicator.status) == IndicatorStatus.ACTIVE)):
        names |= set(suppliers)
    return sorted(names)


def supplies(indicator: Indicator, supplier: str) -> bool:
    wanted = normalise_name(supplier)
    return any(normalise_name(s).startswith(wanted) for s in indicator.suppliers)


def template_rows(*, db: Session, supplier: str, district_code: str, year: int) -> list[dict[str, str]]:
    indicators = [
        i
        for i in db.exec(
            select(Indicator).where(col(Indicator.status) == IndicatorStatus.ACTIVE).order_by(col(Indicator.code))
        ).all()
        if supplies(i, supplier) and not i.is_context
    ]
    municipalities = district_municipalities(db=db, district_code=district_code)
    district = db.exec(select(Area).where(col(Area.code) == district_code)).one()
    rows = []
    for indicator in indicators:
        areas = [district] if indicator.area_level == AreaLevel.DISTRICT else municipalities
        for area in areas:
            for breakdown in ["totaal", *indicator.breakdowns]:
                rows.append(
                    {
                        "indicator": indicator.code,
                        "gemeente": area.code,
                        "jaar": str(year),
                        "uitsplitsing": breakdown,
                        "waarde": "",
                        "toelichting": "",
                        "indicatornaam": indicator.name,
                        "gemeentenaam": area.name,
                        "eenheid": indicator.value_kind,
                    }
                )
    return rows


def template_csv(rows: list[dict[str, str]]) -> bytes:
    """Semicolon-separated UTF-8 with BOM, so Excel opens it with the columns right."""
    columns = TEMPLATE_COLUMNS + EXTRA_COLUMNS
    return excel_csv(columns, ([row[c] for c in columns] for row in rows))


def template_xlsx(rows: list[dict[str, str]], *, supplier: str, year: int) -> bytes:
    columns = TEMPLATE_COLUMNS + EXTRA_COLUMNS
    request = Sheet(
        "Uitvraag",
        columns,
        ([row[c] for c in columns] for row in rows),
        widths=[10, 10, 6, 28, 12, 30, 45, 22, 12],
        highlight=["waarde"],
    )
    notes = Sheet(
        "Toelichting",
        rows=[[line] for line in INSTRUCTIONS],
        heading=f"Data-uitvraag Monitor Integrale Veiligheid {year} – {supplier}",
        heading_size=13,
        widths=[120],
    )
    return xlsx([request, notes])
