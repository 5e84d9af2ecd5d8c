"""The duidingsverslag of a session: content assembled once, rendered as Markdown or DOCX.

Per theme: the indicators discussed with their key figures, the interpretations grouped by
indicator and kind, the open questions to partners and the proposed actions. Then a chapter per
municipality: "Input voor het jaarplan veiligheid <jaar>" with the actions that concern it and
its notable changes, and the sources of every figure in it ("Bronnen").

Demo marking follows the figure, whatever the session: every key figure, notable development and chart caption says
"fictieve demodata" beside a figure that comes from demo values (real ones carry their source), and a report that
holds any demo figure says so on the cover and in every municipality chapter.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from core.export_safety import markdown_export_text
from core.formatting import format_date, format_value, format_year
from core.spreadsheet import Sheet, excel_csv, xlsx
from indicators.areas import areas_by_code, district_municipalities
from indicators.monitor import Scope, theme_overview, theme_series
from indicators.provenance import SourceLine, series_sources
from indicators.themes import theme_name
from sessions.dialogue import get_dialogue
from sessions.docx_writer import DocxWriter
from sessions.jaarplan import action_statuses
from sessions.models import Action, DialogueSession, Note, Participant
from sessions.notes import NOTE_KINDS
from sessions.report_charts import ChartImage, NoChart, plan_indicator_chart
from sessions.vocabulary import Rsvp

DEMO_NOTICE = "Dit verslag bevat fictieve demodata."
NO_FIGURES = "Dit verslag bevat geen cijfers."
SOURCES_INTRO = "De cijfers in dit verslag (kerncijfers, grafieken en opvallende ontwikkelingen) komen uit:"
FIGURE_COLUMNS = ["Indicator", "Laatste waarde", "Jaar", "Opvallend", "Bron"]


@dataclass
class ThemeSection:
    code: str
    name: str
    # indicator, value, year, notable, source ("fictieve demodata" for a demo figure; why a figure is missing)
    figures: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    notes: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # indicator label -> kind -> texts
    questions: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    key_conclusions: list[str] = field(default_factory=list)
    charts: dict[str, ChartImage] = field(default_factory=dict)  # indicator label -> its trend chart
    no_charts: dict[str, str] = field(default_factory=dict)  # indicator label -> why it has no chart


@dataclass
class MunicipalitySection:
    code: str
    name: str
    actions: list[Action] = field(default_factory=list)
    notables: list[str] = field(default_factory=list)  # each ends with its figure's source or "fictieve demodata"


@dataclass
class Report:
    dialogue: DialogueSession
    year: int
    participation: dict[str, int]
    participant_names: list[str]
    themes: list[ThemeSection]
    municipalities: list[MunicipalitySection]
    is_demo: bool
    district_name: str = ""
    statuses: dict[int, str] = field(default_factory=dict)  # action id -> what municipalities decided
    place_names: dict[str, str] = field(default_factory=dict)  # municipality code -> name
    sources: list[SourceLine] = field(default_factory=list)  # of every figure in the report, demo included


def build_report(
    *,
    db: Session,
    dialogue_id: int,
    municipality: str | None = None,
    with_names: bool = False,
    with_charts: bool = False,
) -> Report:
    """The report's content. `with_charts` draws a trend chart per discussed indicator (for DOCX and PDF)."""
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    people = db.exec(select(Participant).where(col(Participant.session_id) == dialogue_id)).all()
    present = [p for p in people if p.checked_in_at is not None] or [p for p in people if p.rsvp == Rsvp.ACCEPTED]
    notes = db.exec(
        select(Note)
        .where(col(Note.session_id) == dialogue_id, col(Note.text) != "", col(Note.withdrawn_at).is_(None))
        .order_by(col(Note.id))
    ).all()
    actions = db.exec(
        select(Action)
        .where(col(Action.session_id) == dialogue_id, col(Action.withdrawn_at).is_(None))
        .order_by(col(Action.votes).desc(), col(Action.id))
    ).all()
    year = dialogue.session_date.year + 1
    district = areas_by_code(db=db, codes=[dialogue.district_code]).get(dialogue.district_code)
    district_name = district.name if district else dialogue.district_code
    themes: list[ThemeSection] = []
    # vl-convert releases the GIL: charts render in a worker thread while pandas assembles the rest
    renderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-charts")
    pending: list[tuple[ThemeSection, str, Future[ChartImage]]] = []
    shown_codes: dict[str, set[str]] = defaultdict(set)  # theme -> indicators with a figure in the report
    charted_codes: set[str] = set()
    demo_figures = False
    series_by_theme = {
        code: theme_series(db=db, theme_code=code, district_code=dialogue.district_code) for code in dialogue.themes
    }
    for code in dialogue.themes:
        overview = theme_overview(
            db=db, theme_code=code, scope=Scope(dialogue.district_code), series=series_by_theme[code]
        )
        indicator_names = dict(zip(overview["code"], overview["name"], strict=True))
        section = ThemeSection(code, theme_name(code))
        theme_notes = [n for n in notes if n.theme_code == code]
        discussed = {n.indicator_code for n in theme_notes if n.indicator_code}
        for row in overview.to_dict("records"):
            if row["code"] in discussed:
                value = format_value(row["latest_value"], row["value_kind"], per_capita=row["per_capita_applied"])
                section.figures.append(
                    (
                        row["name"],
                        value,
                        format_year(row["latest_year"]),
                        row["notable_reasons"] or "",
                        row["figure_source"],
                    )
                )
                shown_codes[code].add(str(row["code"]))
                demo_figures = demo_figures or bool(row["figure_is_demo"])
        grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for note in theme_notes:
            label = (
                f"{note.indicator_code} – {indicator_names.get(note.indicator_code, '')}"
                if note.indicator_code
                else "Het thema als geheel"
            )
            grouped[label][NOTE_KINDS.get(note.kind, note.kind)].append(note.text)
            if note.kind == "vraag":
                section.questions.append(note.text)
        section.notes = {label: dict(kinds) for label, kinds in grouped.items()}
        section.key_conclusions = [n.text for n in theme_notes if n.key_conclusion]
        if with_charts:
            for indicator_code in sorted(discussed):
                label = f"{indicator_code} – {indicator_names.get(indicator_code, '')}"
                plan = plan_indicator_chart(
                    db=db,
                    code=indicator_code,
                    district_code=dialogue.district_code,
                    district_name=district_name,
                    series=series_by_theme[code],
                )
                if isinstance(plan, NoChart):
                    section.no_charts[label] = plan.sentence
                elif plan is not None:  # rendered in the background while the rest of the report is assembled
                    pending.append((section, label, renderer.submit(plan.render)))
                    shown_codes[code].add(indicator_code)
                    charted_codes.add(indicator_code)
                    demo_figures = demo_figures or plan.is_demo
        section.actions = [a for a in actions if a.theme_code == code]
        themes.append(section)
    municipalities: list[MunicipalitySection] = []
    members = district_municipalities(db=db, district_code=dialogue.district_code)
    for member in members:
        if municipality and member.code != municipality:
            continue
        place = MunicipalitySection(member.code, member.name)
        place.actions = [a for a in actions if not a.municipalities or member.code in a.municipalities]
        for code in dialogue.themes:
            overview = theme_overview(
                db=db,
                theme_code=code,
                series=series_by_theme[code],
                scope=Scope(dialogue.district_code, member.code),
            )
            for row in overview[overview["notable"] != ""].to_dict("records"):
                place.notables.append(
                    f"{row['name']}: {row['notable']} ({row['notable_reasons']}) – {row['figure_source']}"
                )
                shown_codes[code].add(str(row["code"]))
                demo_figures = demo_figures or bool(row["figure_is_demo"])
        municipalities.append(place)
    participation = dict(Counter(p.organisation_type for p in present))
    is_demo = dialogue.is_demo or any(n.is_demo for n in notes) or demo_figures
    sources = sorted(
        {
            line
            for code, codes in shown_codes.items()
            for line in series_sources(series_by_theme[code], codes, per_capita_codes=charted_codes)
        }
    )
    names = sorted(f"{p.name} ({p.organisation})" for p in present) if with_names else []
    for section, label, picture in pending:
        section.charts[label] = picture.result()
    renderer.shutdown()
    return Report(
        dialogue,
        year,
        participation,
        names,
        themes,
        municipalities,
        is_demo,
        district_name,
        action_statuses(db=db, action_ids=[a.id for a in actions if a.id]),
        {m.code: m.name for m in members},
        sources,
    )


def _md(text: str) -> str:
    """User text as literal Markdown: markup characters escaped, no raw HTML."""
    return markdown_export_text(text)


def _plain(text: str) -> str:
    return text


def places_text(action: Action, names: dict[str, str]) -> str:
    """The municipalities an action is for, by name; 'hele district' when none are named."""
    return ", ".join(names.get(code, code) for code in action.municipalities) or "hele district"


def _action_line(action: Action, report: "Report", escape: Callable[[str], str] = _md) -> str:
    statuses = report.statuses
    where = places_text(action, report.place_names)
    partners = ", ".join(action.partners) or "–"
    status = statuses.get(action.id or 0, "")
    return (
        f"{escape(action.title)} – trekker: {escape(action.lead_organisation or 'nog te bepalen')}; partners: "
        f"{escape(partners)}; voor: {where}; prioriteit {action.priority}; {action.votes} stippen"
        + (f"; jaarplan: {escape(status)}" if status else "")
    )


def render_markdown(report: Report) -> str:
    d = report.dialogue
    lines = [
        f"# Duidingsverslag – {_md(d.name)}",
        "",
        f"{d.kind.capitalize()}e dialoog van {format_date(d.session_date)}, Monitor Integrale Veiligheid editie "
        f"{d.edition}, district {report.district_name}.",
        "",
    ]
    if report.is_demo:
        lines += [f"**{DEMO_NOTICE}**", ""]
    lines += ["## Deelname", ""] + [f"- {kind}: {count}" for kind, count in sorted(report.participation.items())]
    if report.participant_names:
        lines += ["", "Aanwezig: " + "; ".join(_md(n) for n in report.participant_names)]
    for theme in report.themes:
        lines += ["", f"## {theme.name}", ""]
        if theme.key_conclusions:
            lines += ["### Kernconclusies", ""] + [f"- {_md(t)}" for t in theme.key_conclusions] + [""]
        if theme.figures:
            lines += ["| " + " | ".join(FIGURE_COLUMNS) + " |", "|---|---|---|---|---|"]
            lines += [f"| {_md(n)} | {v} | {y} | {_md(o)} | {_md(b)} |" for n, v, y, o, b in theme.figures]
            lines.append("")
        for label, kinds in theme.notes.items():
            lines += [f"### {_md(label)}", ""]
            for kind, texts in kinds.items():
                lines += [f"**{kind}**", ""] + [f"- {_md(t)}" for t in texts] + [""]
        if theme.questions:
            lines += ["### Open vragen aan partners", ""] + [f"- {_md(q)}" for q in theme.questions] + [""]
        lines += ["### Voorgestelde acties", ""] + (
            [f"- {_action_line(a, report)}" for a in theme.actions] or ["- geen"]
        )
    for place in report.municipalities:
        lines += ["", f"## {_md(place.name)}: input voor het jaarplan veiligheid {report.year}", ""]
        if report.is_demo:
            lines += [f"*{DEMO_NOTICE}*", ""]
        actions = [f"- {_action_line(a, report)}" for a in place.actions]
        lines += ["### Acties die deze gemeente aangaan", ""] + (actions or ["- geen"])
        lines += ["", "### Opvallende ontwikkelingen", ""] + ([f"- {_md(n)}" for n in place.notables] or ["- geen"])
    lines += ["", "## Bronnen", "", *_sources_text(report.sources, markdown=True)]
    return "\n".join(lines) + "\n"


def _sources_text(sources: list[SourceLine], *, markdown: bool) -> list[str]:
    """The "Bronnen" section: an introduction and one line per source (demo included), or that there are no figures."""
    if not sources:
        return [NO_FIGURES]
    escape = _md
    if markdown:
        return [SOURCES_INTRO, "", *[f"- {escape(line.describe())}" for line in sources]]
    return [SOURCES_INTRO, *[line.describe() for line in sources]]


def render_docx(report: Report) -> bytes:
    writer = DocxWriter()
    d = report.dialogue
    writer.heading(f"Duidingsverslag – {d.name}", 0)
    writer.paragraph(
        f"{d.kind.capitalize()}e dialoog van {format_date(d.session_date)}, Monitor Integrale "
        f"Veiligheid editie {d.edition}, district {report.district_name}."
    )
    if report.is_demo:
        writer.bold(DEMO_NOTICE)
    writer.heading("Deelname", 1)
    writer.bullets([f"{kind}: {count}" for kind, count in sorted(report.participation.items())])
    if report.participant_names:
        writer.paragraph("Aanwezig: " + "; ".join(report.participant_names))
    for theme in report.themes:
        writer.heading(theme.name, 1)
        if theme.key_conclusions:
            writer.heading("Kernconclusies", 2)
            writer.bullets(theme.key_conclusions)
        if theme.figures:
            writer.table(FIGURE_COLUMNS, theme.figures, widths_cm=[4.8, 2.2, 1.6, 4.6, 3.6])
        for label, kinds in theme.notes.items():
            writer.heading(label, 2)
            chart = theme.charts.get(label)
            if chart is not None:
                writer.picture(chart.png, chart.caption, legend=chart.legend)
            elif label in theme.no_charts:
                writer.paragraph(theme.no_charts[label], "Caption")
            for kind, texts in kinds.items():
                writer.bold(kind)
                writer.bullets(texts)
        if theme.questions:
            writer.heading("Open vragen aan partners", 2)
            writer.bullets(theme.questions)
        writer.heading("Voorgestelde acties", 2)
        writer.bullets([_action_line(a, report, _plain) for a in theme.actions])
    for place in report.municipalities:
        writer.heading(f"{place.name}: input voor het jaarplan veiligheid {report.year}", 1)
        if report.is_demo:
            writer.italic(DEMO_NOTICE)
        writer.heading("Acties die deze gemeente aangaan", 2)
        writer.bullets([_action_line(a, report, _plain) for a in place.actions])
        writer.heading("Opvallende ontwikkelingen", 2)
        writer.bullets(place.notables)
    writer.heading("Bronnen", 1)
    intro, *lines = _sources_text(report.sources, markdown=False)
    writer.paragraph(intro)
    if lines:
        writer.bullets(lines)
    return writer.to_bytes()


ACTION_COLUMNS = [
    "actie",
    "thema",
    "trekker",
    "partners",
    "gemeenten",
    "indicatoren",
    "jaarplanjaar",
    "prioriteit",
    "stippen",
    "sessie",
    "status",
]


def action_rows(report: Report) -> list[list[object]]:
    rows: list[list[object]] = []
    for theme in report.themes:
        for action in theme.actions:
            where = places_text(action, report.place_names)
            rows.append(
                [
                    action.title,
                    theme.name,
                    action.lead_organisation,
                    ", ".join(action.partners),
                    where,
                    ", ".join(action.indicator_codes),
                    action.jaarplan_year,
                    action.priority,
                    action.votes,
                    report.dialogue.name,
                    report.statuses.get(action.id or 0, "voorgesteld"),
                ]
            )
    return rows


def render_actions_csv(report: Report) -> bytes:
    return excel_csv(ACTION_COLUMNS, action_rows(report), notes=[DEMO_NOTICE] if report.is_demo else [])


def render_actions_xlsx(report: Report) -> bytes:
    notes = [DEMO_NOTICE] if report.is_demo else []
    return xlsx([Sheet("Acties", ACTION_COLUMNS, action_rows(report), notes=notes)])
