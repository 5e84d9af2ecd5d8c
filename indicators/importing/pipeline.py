"""One entry point for every import: recognise the file, validate it, plan, and (unless a dry run) write.

Nothing is written unless the whole file is valid: validation and planning only read, and the
write happens in one transaction that the caller commits (`core.db.transaction`).
"""

import hashlib
import re
from dataclasses import dataclass, field

from sqlmodel import Session

from core.access import Actor, Permission, require
from core.audit import record
from core.formatting import format_int
from indicators.importing.apply import ConflictPolicy, apply_plan
from indicators.importing.area_list import area_list_columns, import_area_list
from indicators.importing.candidates import REFUSE_FORMER, CandidateBuilder, FormerPolicy
from indicators.importing.issues import ImportIssue, ImportRejected
from indicators.importing.kwb import AGGREGATE_MUNICIPALITY, KWB_FORMAT, add_summed_population, read_kwb
from indicators.importing.long_format import find_long_header, parse_long
from indicators.importing.lookups import AreaLookup, IndicatorLookup, normalise_name
from indicators.importing.plan import ImportPlan, ProgressCallback, build_plan
from indicators.importing.statline import find_periods_header, is_dataset, parse_dataset, parse_periods_as_columns
from indicators.importing.statline_labels import find_labels_layout, known_indicator, labels_topics, parse_labels
from indicators.importing.tabular import Table, read_table
from indicators.importing.unusable import unusable_reason
from indicators.importing.wide_format import WideMapping, parse_wide, suggest_mapping
from indicators.models import Delivery
from indicators.vocabulary import NATIONAL_CODE

LONG, WIDE, DATASET, LABELS, AREA_LIST = (
    "sjabloon",
    "brede tabel",
    "StatLine-dataset",
    "StatLine met labels",
    "regiolijst",
)


@dataclass(frozen=True)
class ImportRequest:
    data: bytes
    file_name: str
    supplier: str | None = None
    indicator: str | None = None  # for wide sheets and label downloads without a known measure
    year: int | None = None  # for files without a period column
    wide_mapping: WideMapping | None = None
    sheet: str | None = None
    topics: dict[str, str] | None = None  # StatLine labels download: topic -> indicator code
    aggregate: str | None = None  # "gemeente": sum the buurten of a Kerncijfers wijken en buurten file per municipality
    # a value for a municipality that had merged away: refused naming the successor, or (counts) added to it
    former_municipalities: FormerPolicy = REFUSE_FORMER


@dataclass
class ImportResult:
    plan: ImportPlan | None
    delivery: Delivery | None = None
    dry_run: bool = False
    areas_added: int = 0
    messages: list[str] = field(default_factory=list)
    nothing_stored: str | None = None  # why an import that was not a dry run stored no delivery

    def summary(self) -> str:
        lines = list(self.messages)
        if self.plan is not None:
            lines.append(self.plan.summary())
            if self.plan.already_imported is None:
                if self.plan.aggregation:
                    lines.append(f"{self.plan.aggregation[0].upper()}{self.plan.aggregation[1:]}.")
                lines.extend(f"Let op: {note}." for note in self.plan.notes)
            if self.plan.skipped and self.plan.already_imported is None:
                regions = sorted({s.region for s in self.plan.skipped})
                shown = ", ".join(regions[:12]) + (f" en {len(regions) - 12} andere" if len(regions) > 12 else "")
                lines.append(f"Overgeslagen gebieden (niet in een ingericht district): {shown}")
        if self.dry_run:
            lines.append("Proefimport: er is niets opgeslagen.")
        elif self.delivery is not None:
            lines.append(
                f"Opgeslagen als levering {self.delivery.id} ({format_int(self.delivery.rows_added)} nieuw, "
                f"{format_int(self.delivery.rows_replaced)} vervangen)."
            )
        elif self.nothing_stored is not None:
            lines.append(f"Er is niets opgeslagen: {self.nothing_stored}.")
        return "\n".join(lines)


def _year_from_file_name(file_name: str) -> int | None:
    years = set(re.findall(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", file_name))
    return int(years.pop()) if len(years) == 1 else None


def _supplier(request: ImportRequest, builder: CandidateBuilder, lookup: IndicatorLookup, source: str) -> str:
    if request.supplier:
        return request.supplier.strip()
    if source:
        return source.split(" ")[0]
    suppliers: set[str] | None = None
    for candidate in builder.candidates:
        ref = lookup.by_code[candidate.indicator_code.upper()]
        suppliers = set(ref.suppliers) if suppliers is None else suppliers & set(ref.suppliers)
    if suppliers and len(suppliers) == 1:
        return suppliers.pop()
    raise ImportRejected(
        [
            ImportIssue(
                request.file_name,
                None,
                None,
                "geef de leverancier op (--supplier): de indicatoren in dit bestand hebben "
                "geen gemeenschappelijke leverancier",
            )
        ]
    )


@dataclass(frozen=True)
class FileTopic:
    """A topic of a StatLine labels download and the indicator it goes to by itself (None: the user chooses)."""

    topic: str
    indicator: str | None


def file_topics(*, data: bytes, file_name: str, sheet: str | None = None) -> list[FileTopic]:
    """The topics of a StatLine 'CSV met labels' download (empty for other files), for choosing an indicator each."""
    try:
        table = read_table(data, file_name, sheet=sheet)
    except ImportRejected:
        return []
    return [FileTopic(topic, known_indicator(topic)) for topic in labels_topics(table)]


def buurt_file(*, data: bytes, file_name: str, sheet: str | None = None) -> str | None:
    """What a CBS 'Kerncijfers wijken en buurten' file holds ('CBS Kerncijfers wijken en buurten 2024 (85984NED):
    39 buurten, …'), for offering to sum its buurten per municipality; None for any other file."""
    try:
        table = read_table(data, file_name, sheet=sheet)
    except ImportRejected:
        return None
    kwb = read_kwb(table)
    return kwb.describe() if kwb is not None else None


def prepare_import(
    *, db: Session, request: ImportRequest, progress: ProgressCallback | None = None
) -> tuple[ImportPlan | None, Table, str]:
    """Read and validate the file and plan the import. Raises ImportRejected with every problem found.

    Returns (plan, table, format); the plan is None for a region list (handled by `run_import`).
    """
    table = read_table(request.data, request.file_name, sheet=request.sheet)
    if progress:
        progress(0.1, f"{len(table.rows)} regels gelezen")
    areas, indicators = AreaLookup(db), IndicatorLookup(db)
    builder = CandidateBuilder(
        table.file_name,
        areas,
        indicators,
        decimal_comma=table.decimal_comma,
        former_municipalities=request.former_municipalities,
    )
    source = ""
    notes: list[str] = []
    long_header = find_long_header(table)
    periods_header = find_periods_header(table)
    labels = find_labels_layout(table) if long_header is None else None
    kwb = read_kwb(table) if long_header is None else None
    aggregation = ""
    # A StatLine download has title lines above its header; a partner's own sheet with the indicator
    # named by the user is a wide table (its values keep the partner as their source).
    partner_sheet = request.wide_mapping is not None or (request.indicator is not None and periods_header == 0)
    if request.aggregate is not None and request.aggregate != AGGREGATE_MUNICIPALITY:
        message = f"onbekende optelling '{request.aggregate}' (alleen '{AGGREGATE_MUNICIPALITY}': buurten per gemeente)"
        raise ImportRejected([ImportIssue(table.file_name, None, None, message)])
    if request.aggregate and kwb is None:
        message = (
            "buurten optellen tot gemeenten (--aggregate gemeente) kan alleen met het aantal inwoners uit CBS "
            "Kerncijfers wijken en buurten (kolommen Soort regio of Codering en Aantal inwoners); dit bestand is dat "
            "niet"
        )
        raise ImportRejected([ImportIssue(table.file_name, None, None, message)])
    if kwb is not None:
        if not request.aggregate:
            raise ImportRejected([ImportIssue(table.file_name, None, None, unusable_reason(table) or "")])
        file_format = KWB_FORMAT
        builder.unknown_areas_are_errors = False
        summed = add_summed_population(kwb, builder, year=request.year, file_name=table.file_name)
        source, notes, aggregation = summed.source, summed.notes, summed.aggregation
    elif long_header is not None:
        file_format = LONG
        parse_long(table, builder, long_header)
    elif is_dataset(table):
        file_format = DATASET
        builder.unknown_areas_are_errors = False
        source = parse_dataset(table, builder, year=request.year or _year_from_file_name(table.file_name))
    elif labels is not None and not partner_sheet:
        file_format = LABELS
        builder.unknown_areas_are_errors = False
        outcome = parse_labels(table, builder, labels, indicator=request.indicator, topics=request.topics)
        source, notes = outcome.source, outcome.notes
    elif periods_header is not None and not partner_sheet:
        file_format = LABELS
        builder.unknown_areas_are_errors = False
        source = parse_periods_as_columns(table, builder, periods_header, indicator=request.indicator)
    elif area_list_columns(table) is not None and not partner_sheet:
        return None, table, AREA_LIST
    elif request.indicator or request.wide_mapping:
        file_format = WIDE
        mapping = request.wide_mapping
        if mapping is None:
            ref = indicators.resolve(request.indicator or "")
            if ref is None:
                raise ImportRejected(
                    [ImportIssue(table.file_name, None, None, f"onbekende indicator '{request.indicator}'")]
                )
            mapping = suggest_mapping(table, ref, year=request.year)
        if mapping is None:
            raise ImportRejected(
                [
                    ImportIssue(
                        table.file_name,
                        table.row_numbers[0],
                        None,
                        "geen kolom met gemeenten en geen kolommen met jaren of uitsplitsingen gevonden",
                    )
                ]
            )
        parse_wide(table, builder, mapping)
    else:
        raise ImportRejected([ImportIssue(table.file_name, table.row_numbers[0], None, _unknown_shape(table))])
    builder.merge_former_values()
    if progress:
        progress(0.5, f"{len(builder.candidates)} waarden gecontroleerd")
    if builder.issues:
        raise ImportRejected(builder.issues)
    national_only = all(candidate.area_code == NATIONAL_CODE for candidate in builder.candidates)
    if national_only and kwb is None:  # Nederland alone is no monitor
        reason = unusable_reason(table) or (
            "" if builder.skipped and not builder.candidates else "het bestand bevat geen waarden voor gemeenten"
        )
        if reason:
            raise ImportRejected([ImportIssue(table.file_name, None, None, reason)])
    supplier = _supplier(request, builder, indicators, source)
    plan = build_plan(
        db=db,
        candidates=builder.candidates,
        skipped=builder.skipped,
        file_name=table.file_name,
        file_format=file_format,
        supplier=supplier,
        source=source or supplier,
        content_hash=hashlib.sha256(request.data).hexdigest(),
        progress=progress,
    )
    plan.notes.extend(notes)
    plan.aggregation = aggregation
    if builder.merged_values:
        plan.merged_from_former = builder.merged_values
        plan.notes.append(
            f"{format_int(builder.merged_values)} "
            f"{'waarde' if builder.merged_values == 1 else 'waarden'} van voormalige gemeenten opgeteld bij hun "
            f"opvolger: {'; '.join(builder.merged_notes)}"
        )
    return plan, table, file_format


def _unknown_shape(table: Table) -> str:
    reason = unusable_reason(table)
    if reason:
        return reason
    keys = {normalise_name(cell) for cell in table.rows[0]}
    if {"key", "title"} <= keys:
        return "dit is een codelijst (dimensie) zonder cijfers; er valt niets te importeren"
    return (
        "onbekende opbouw: gebruik de sjabloonkolommen indicator, gemeente, jaar, uitsplitsing, waarde, "
        "of geef bij een brede tabel de indicator op (--indicator CODE)"
    )


def run_import(
    *,
    db: Session,
    request: ImportRequest,
    dry_run: bool = False,
    conflicts: ConflictPolicy = "keep",
    actor: Actor,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Validate, plan and (unless `dry_run`) write, in the caller's transaction."""
    require(actor, Permission.IMPORT_DATA)
    plan, table, file_format = prepare_import(db=db, request=request, progress=progress)
    if plan is None:  # a region list
        columns = area_list_columns(table)
        assert columns is not None
        outcome = import_area_list(db=db, table=table, columns=columns)
        if dry_run:
            db.rollback()
        else:
            record(
                db=db,
                actor=actor,
                action="gebieden geïmporteerd",
                target=f"bestand {table.file_name}",
                detail=f"{outcome.added} nieuw",
            )
        return ImportResult(
            None, dry_run=dry_run, areas_added=outcome.added, messages=outcome.lines(table.file_name, file_format)
        )
    if dry_run:
        return ImportResult(plan, dry_run=True)
    delivery = apply_plan(db=db, plan=plan, conflicts=conflicts, user=actor.username, progress=progress)
    if delivery is not None:
        record(
            db=db,
            actor=actor,
            action="geïmporteerd",
            target=f"levering {delivery.id}",
            detail=f"{table.file_name}: {delivery.rows_added} nieuw, {delivery.rows_replaced} vervangen",
        )
    if progress:
        progress(1.0, "klaar")
    return ImportResult(plan, delivery=delivery, nothing_stored=None if delivery else _why_nothing(plan, conflicts))


def _why_nothing(plan: ImportPlan, conflicts: ConflictPolicy) -> str | None:
    if plan.already_imported is not None and not (conflicts == "replace" and plan.conflicts):
        return None  # the plan's summary says the file was imported before
    if not plan.values:
        return "het bestand levert geen waarden op voor de gemeenten van een ingericht district, dus geen levering"
    if plan.conflicts:
        return "geen nieuwe waarden en de afwijkende waarden zijn behouden, dus geen levering"
    return "alle waarden in het bestand stonden er al, dus geen levering"
