"""Import a delivery: upload, check (nothing is written), look at what would change, then import."""

import pandas as pd
import streamlit as st

from core.db import optimise_after_bulk_load
from core.errors import UserError
from facilitator.auth import current_actor
from facilitator.cached import cached_catalogue
from facilitator.components.dutch_chrome import MISSING
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.components.markdown import markdown_text
from facilitator.state import db_session, get_engine
from facilitator.upload_guard import allow_uploads
from indicators.areas import merged_municipalities
from indicators.importing.apply import ConflictPolicy
from indicators.importing.candidates import MERGE_FORMER, REFUSE_FORMER, FormerPolicy
from indicators.importing.issues import ImportRejected
from indicators.importing.kwb import AGGREGATE_CHOICE, AGGREGATE_MUNICIPALITY
from indicators.importing.pipeline import ImportRequest, ImportResult, buurt_file, file_topics, run_import
from indicators.importing.plan import CHANGED, NEW, UNCHANGED, ImportPlan
from indicators.importing.tabular import MAX_FILE_BYTES
from indicators.importing.templates import supplier_names
from indicators.importing.wide_format import WideMapping, preview_wide_sheet

AUTO = "(automatisch)"
SKIP_TOPIC = "(niet inlezen)"
FORMER_CHOICES: dict[FormerPolicy, str] = {
    REFUSE_FORMER: "weigeren (de opvolger wordt genoemd)",
    MERGE_FORMER: "samenvoegen: aantallen optellen bij de opvolger",
}

st.title("Gegevens importeren")
st.write(
    "Lever een bestand aan in het sjabloon (indicator, gemeente, jaar, uitsplitsing, waarde), als brede tabel "
    "(één rij per gemeente) of zoals gedownload van CBS StatLine of Politie open data. Eerst wordt alles "
    "gecontroleerd; er wordt pas iets opgeslagen als het hele bestand klopt."
)

allow_uploads()  # only reached by users who may import (navigation and the domain check the role)
upload = st.file_uploader(
    "Bestand (CSV of Excel)",
    type=["csv", "txt", "xlsx"],
    key="import_file",
    max_upload_size=MAX_FILE_BYTES // (1024 * 1024),
)
catalogue = cached_catalogue()
active = catalogue[catalogue["status"] != "vervallen"].set_index("code")
with db_session() as db:
    suppliers = supplier_names(db=db)
    merged = merged_municipalities(db=db)
left, middle, right = st.columns(3)
supplier = left.selectbox("Leverancier", [AUTO, *suppliers], key="import_supplier")
indicator = middle.selectbox(
    "Indicator (bij een brede tabel)",
    [AUTO, *active.index],
    key="import_indicator",
    format_func=lambda c: c if c == AUTO else f"{c} – {active.loc[c, 'name']}",
)
year = right.number_input(
    "Jaar (als het bestand geen jaarkolom heeft)", min_value=0, max_value=2100, value=0, step=1, key="import_year"
)
former: FormerPolicy = st.radio(
    "Waarden van voormalige gemeenten voor jaren na de herindeling",
    list(FORMER_CHOICES),
    format_func=FORMER_CHOICES.__getitem__,
    key="import_former",
    horizontal=True,
    help="Een gemeente die is opgegaan in een andere heeft geen eigen cijfers meer voor de jaren die na de "
    "herindeling beginnen (Brielle vanaf 2023). Samenvoegen telt aantallen op bij de opvolger; percentages en "
    "andere waarden worden dan geweigerd.",
)
if merged:
    with st.expander(f"Herindelingen ({len(merged)} voormalige gemeenten)"):
        st.markdown("\n".join(f"- {markdown_text(f.label)}" for f in merged))


def _mapping_editor(data: bytes, file_name: str, code: str) -> WideMapping | None:
    """Let the user say which column holds the municipality and what every other column holds."""
    header_row = (
        st.number_input(
            "Rij met kolomkoppen (1 = eerste rij)", min_value=1, max_value=10, value=1, key="mapping_header"
        )
        - 1
    )
    with db_session() as db:
        sheet = preview_wide_sheet(db=db, data=data, file_name=file_name, code=code, header_row=int(header_row))
    header, guess = sheet.header, sheet.guess
    st.dataframe(pd.DataFrame(sheet.sample, columns=None).fillna("").astype(str), hide_index=True, placeholder=MISSING)
    area_column = st.selectbox(
        "Kolom met de gemeente",
        range(len(header)),
        index=guess.area_column or 0,
        format_func=lambda i: header[i],
        key="mapping_area",
    )
    editor = st.data_editor(
        pd.DataFrame(
            {
                "kolom": header,
                "meenemen": [i != area_column and i in guess.value_columns for i in range(len(header))],
                "jaar": [guess.value_columns.get(i, (None, None))[0] for i in range(len(header))],
                "uitsplitsing": [guess.value_columns.get(i, (None, None))[1] for i in range(len(header))],
            }
        ),
        column_config={
            "kolom": st.column_config.TextColumn(disabled=True),
            "jaar": st.column_config.NumberColumn(min_value=1990, max_value=2100, step=1, format="%d"),
            "uitsplitsing": st.column_config.SelectboxColumn(options=sheet.breakdowns),
        },
        hide_index=True,
        key="mapping_columns",
        placeholder=MISSING,
    )
    value_columns: dict[int, tuple[int | None, str | None]] = {}
    for position, choice in enumerate(editor.to_dict("records")):
        if choice["meenemen"] and position != area_column:
            column_year = None if pd.isna(choice["jaar"]) else int(choice["jaar"])
            breakdown = None if pd.isna(choice["uitsplitsing"]) else str(choice["uitsplitsing"])
            value_columns[position] = (column_year, breakdown)
    if not value_columns:
        return None
    return WideMapping(code, int(area_column), value_columns, year=int(year) or None, header_row=int(header_row))


def _topic_choices(data: bytes, file_name: str) -> dict[str, str] | None:
    """A StatLine download with several topics: which indicator each topic goes to (None for other files)."""
    topics = file_topics(data=data, file_name=file_name)
    if len(topics) < 2:
        return None
    st.markdown("**Onderwerpen in dit StatLine-bestand**: kies per onderwerp de indicator.")
    options = [SKIP_TOPIC, *active.index]
    chosen: dict[str, str] = {}
    for number, topic in enumerate(topics):
        code = st.selectbox(
            f"Onderwerp '{topic.topic}'",
            options,
            index=options.index(topic.indicator) if topic.indicator in options else 0,
            key=f"import_topic_{number}",
            format_func=lambda c: c if c == SKIP_TOPIC else f"{c} – {active.loc[c, 'name']}",
        )
        if code != SKIP_TOPIC:
            chosen[topic.topic] = code
    return chosen


def _aggregate_choice(data: bytes, file_name: str) -> str | None:
    """A CBS 'Kerncijfers wijken en buurten' file: offer to sum its buurten per municipality (None: not chosen)."""
    described = buurt_file(data=data, file_name=file_name)
    if described is None:
        return None
    st.info(
        f"Dit bestand bevat cijfers per buurt: {markdown_text(described)}. De monitor werkt met cijfers per gemeente; "
        "het aantal inwoners kan de app per gemeente optellen uit de buurten."
    )
    chosen = st.checkbox(
        AGGREGATE_CHOICE,
        key="import_aggregate",
        help=(
            "Alleen de buurtregels worden opgeteld, nooit de wijk- en gemeenteregels (die zijn zelf al optellingen). "
            "Staat de gemeente zelf ook in het bestand, dan ziet u het verschil. Een gemeente met een buurt zonder "
            "waarde ('.', geheim of onbekend) wordt niet opgeslagen: die som zou te laag zijn."
        ),
    )
    return AGGREGATE_MUNICIPALITY if chosen else None


def _request(mapping: WideMapping | None, topics: dict[str, str] | None, aggregate: str | None) -> ImportRequest:
    assert upload is not None
    return ImportRequest(
        data=upload.getvalue(),
        file_name=upload.name,
        supplier=None if supplier == AUTO else supplier,
        indicator=None if indicator == AUTO or topics is not None else indicator,
        year=int(year) or None,
        wide_mapping=mapping,
        topics=topics or None,
        aggregate=aggregate,
        former_municipalities=former,
    )


def _show_plan(plan: ImportPlan) -> None:
    if plan.already_imported is not None:
        st.info(markdown_text(plan.summary()))
        if not plan.conflicts:
            return
    counts = st.columns(4)
    counts[0].metric("Nieuw", plan.count(NEW))
    counts[1].metric("Afwijkend van opgeslagen", plan.count(CHANGED))
    counts[2].metric("Ongewijzigd", plan.count(UNCHANGED))
    counts[3].metric("Overgeslagen regels", len(plan.skipped))
    st.caption(
        f"Opbouw: {plan.file_format} · bron: {markdown_text(plan.source)} · leverancier: {markdown_text(plan.supplier)}"
    )
    if plan.aggregation:
        st.success(f"{markdown_text(plan.aggregation)}.")
    for note in plan.notes:
        st.info(f"Let op: {markdown_text(note)}.")
    preview = pd.DataFrame(
        [
            {
                "rij": v.candidate.row,
                "indicator": v.candidate.indicator_code,
                "gemeente": v.candidate.area_code,
                "jaar": v.candidate.year,
                "uitsplitsing": v.candidate.breakdown,
                "waarde": v.candidate.value if v.candidate.text_value is None else v.candidate.text_value,
                "ontbreekt omdat": v.candidate.missing_reason or "",
                "status": v.status,
                "was": "" if v.status != CHANGED else v.old_value,
            }
            for v in plan.values[:500]
        ]
    )
    st.dataframe(preview, hide_index=True, width="stretch", key="import_preview", placeholder=MISSING)
    if plan.conflicts:
        st.warning(f"{len(plan.conflicts)} waarden wijken af van wat er al stond (zie kolom 'was').")
    if plan.skipped:
        with st.expander(f"Overgeslagen regels ({len(plan.skipped)})"):
            st.dataframe(
                pd.DataFrame([{"rij": s.row, "gebied": s.region, "reden": s.reason} for s in plan.skipped]),
                hide_index=True,
                placeholder=MISSING,
            )


def _check(request: ImportRequest) -> ImportPlan | None:
    bar = st.progress(0.0, text="Controleren …")

    def progress(fraction: float, text: str) -> None:
        bar.progress(min(1.0, fraction), text=text)

    try:
        with db_session() as db:
            result = run_import(actor=current_actor(), db=db, request=request, dry_run=True, progress=progress)
            db.rollback()
    except ImportRejected as rejected:
        bar.empty()
        count = len(rejected.issues)
        st.error(
            f"Het bestand {markdown_text(request.file_name)} is afgewezen; er is niets opgeslagen. {count} "
            f"{'probleem' if count == 1 else 'problemen'}:"
        )
        former_issues = [issue for issue in rejected.issues if issue.former_municipality]
        if former_issues:
            more = len(former_issues) - 3
            st.warning(
                "**Voormalige gemeenten** (kies hierboven 'samenvoegen' om aantallen op te tellen bij de opvolger):\n"
                + "\n".join(f"- {markdown_text(str(issue))}" for issue in former_issues[:3])
                + (f"\n- … en nog {more}" if more > 0 else "")
            )
        st.dataframe(
            pd.DataFrame([{"rij": i.row, "kolom": i.column or "", "probleem": i.message} for i in rejected.issues]),
            hide_index=True,
            width="stretch",
            placeholder=MISSING,
        )
        return None
    bar.empty()
    for message in result.messages:
        st.info(markdown_text(message))
    return result.plan


def _commit(request: ImportRequest, conflicts: ConflictPolicy) -> None:
    def work() -> ImportResult:
        with db_session() as db:
            return run_import(actor=current_actor(), db=db, request=request, conflicts=conflicts)

    result = run_with_feedback("import", work, success=lambda done: done.summary(), explain=_refusal)
    if result is None:
        return
    if result.delivery is not None and result.delivery.row_count >= 10_000:
        optimise_after_bulk_load(get_engine())
    st.cache_data.clear()


def _refusal(refused: UserError) -> str:
    """A file rejected at import time (the data changed since the check): its first problems, row by row."""
    return refused.summary() if isinstance(refused, ImportRejected) else str(refused)


show_feedback("import")

if upload is not None:
    mapping = None
    if indicator != AUTO and st.toggle("Kolommen zelf koppelen (brede tabel)", key="import_map"):
        mapping = _mapping_editor(upload.getvalue(), upload.name, indicator)
    aggregate = None if mapping else _aggregate_choice(upload.getvalue(), upload.name)
    topics = None if mapping or aggregate else _topic_choices(upload.getvalue(), upload.name)
    request = _request(mapping, topics, aggregate)
    plan = _check(request)
    if plan is not None and (plan.already_imported is None or plan.conflicts):
        _show_plan(plan)
        policy: ConflictPolicy = "keep"
        if plan.conflicts:
            choice = st.radio(
                "Afwijkende waarden",
                ["behouden wat er stond", "vervangen door dit bestand"],
                key="import_conflicts",
                horizontal=True,
            )
            policy = "replace" if choice.startswith("vervangen") else "keep"
        st.button("Importeren", type="primary", key="import_commit", on_click=_commit, args=(request, policy))
    elif plan is not None:
        _show_plan(plan)
