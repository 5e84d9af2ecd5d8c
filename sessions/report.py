"""The duidingsverslag of a session: content assembled once, rendered as Markdown or DOCX.

Per theme: the indicators discussed with their key figures, the interpretations grouped by
indicator and kind, the open questions to partners and the proposed actions. Then a chapter per
municipality: "Input voor het jaarplan veiligheid <jaar>" with the actions that concern it and
its notable changes. Fictitious demo data says so on the cover and in every chapter.
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
from indicators.catalogue import catalogue_frame
from indicators.monitor import Scope, theme_overview
from indicators.series import district_series
from indicators.themes import theme_name
from sessions.dialogue import get_dialogue
from sessions.docx_writer import DocxWriter
from sessions.jaarplan import action_statuses
from sessions.models import Action, DialogueSession, Note, Participant
from sessions.notes import NOTE_KINDS
from sessions.report_charts import ChartImage, NoChart, plan_indicator_chart
from sessions.vocabulary import Rsvp

DEMO_NOTICE = "Dit verslag bevat fictieve demodata."


@dataclass
class ThemeSection:
    code: str
    name: str
    figures: list[tuple[str, str, str, str]] = field(default_factory=list)  # indicator, value, year, notable
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
    notables: list[str] = field(default_factory=list)


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
    series_by_theme = {
        code: district_series(
            db=db,
            district_code=dialogue.district_code,
            indicator_codes=list(catalogue_frame(db=db, status="actief", theme_code=code)["code"]),
        )
        for code in dialogue.themes
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
                    (row["name"], value, format_year(row["latest_year"]), row["notable_reasons"] or "")
                )
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
                place.notables.append(f"{row['name']}: {row['notable']} ({row['notable_reasons']})")
        municipalities.append(place)
    participation = dict(Counter(p.organisation_type for p in present))
    is_demo = dialogue.is_demo or any(n.is_demo for n in notes)
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
            lines += ["| Indicator | Laatste waarde | Jaar | Opvallend |", "|---|---|---|---|"]
            lines += [f"| {_md(n)} | {v} | {y} | {_md(o)} |" for n, v, y, o in theme.figures]
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
    return "\n".join(lines) + "\n"


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
            writer.table(
                ["Indicator", "Laatste waarde", "Jaar", "Opvallend"], theme.figures, widths_cm=[7.0, 2.8, 1.4, 5.4]
            )
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
