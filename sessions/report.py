"""The duidingsverslag of a session: content assembled once, rendered as Markdown or DOCX.

Per theme: the indicators discussed with their key figures, the interpretations grouped by
indicator and kind, the open questions to partners and the proposed actions. Then a chapter per
municipality: "Input voor het jaarplan veiligheid <jaar>" with the actions that concern it and
its notable changes. Fictitious demo data says so on the cover and in every chapter.
"""

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlmodel import Session, col, select

from indicators.areas import areas_by_code, district_municipalities
from indicators.catalogue import catalogue_frame
from indicators.export_safety import safe_cell
from indicators.formatting import format_date, format_value
from indicators.monitor import Scope, theme_overview
from indicators.series import district_series
from sessions.dialogue import get_session
from sessions.models import Action, DialogueSession, Note, Participant
from sessions.notes import NOTE_KINDS
from sessions.seating import THEME_NAMES

DEMO_NOTICE = "Dit verslag bevat fictieve demodata."


@dataclass
class ThemeSection:
    code: str
    name: str
    figures: list[tuple[str, str, str, str]] = field(default_factory=list)  # indicator, value, year, notable
    notes: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # indicator label -> kind -> texts
    questions: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


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


def build_report(
    *, session: Session, dialogue_id: int, municipality: str | None = None, with_names: bool = False
) -> Report:
    dialogue = get_session(session=session, dialogue_id=dialogue_id)
    people = session.exec(select(Participant).where(col(Participant.session_id) == dialogue_id)).all()
    present = [p for p in people if p.checked_in_at is not None] or [p for p in people if p.rsvp == "aangemeld"]
    notes = session.exec(select(Note).where(col(Note.session_id) == dialogue_id, col(Note.text) != "")
                         .order_by(col(Note.id))).all()  # fmt: skip
    actions = session.exec(select(Action).where(col(Action.session_id) == dialogue_id)
                           .order_by(col(Action.votes).desc(), col(Action.id))).all()  # fmt: skip
    year = dialogue.session_date.year + 1
    themes: list[ThemeSection] = []
    series_by_theme = {
        code: district_series(session=session, district_code=dialogue.district_code,
                              indicator_codes=list(catalogue_frame(session=session, status="actief",
                                                                   theme_code=code)["code"]))
        for code in dialogue.themes
    }  # fmt: skip
    for code in dialogue.themes:
        overview = theme_overview(session=session, theme_code=code, scope=Scope(dialogue.district_code),
                                  series=series_by_theme[code])  # fmt: skip
        indicator_names = dict(zip(overview["code"], overview["name"], strict=True))
        section = ThemeSection(code, THEME_NAMES.get(code, code))
        theme_notes = [n for n in notes if n.theme_code == code]
        discussed = {n.indicator_code for n in theme_notes if n.indicator_code}
        for row in overview.to_dict("records"):
            if row["code"] in discussed:
                value = format_value(row["latest_value"], row["value_kind"], per_capita=row["per_capita_applied"])
                year_text = "" if row["latest_year"] is None or row["latest_year"] != row["latest_year"] \
                    else str(int(row["latest_year"]))  # fmt: skip
                section.figures.append((row["name"], value, year_text, row["notable_reasons"] or ""))
        grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for note in theme_notes:
            label = f"{note.indicator_code} – {indicator_names.get(note.indicator_code, '')}" if note.indicator_code \
                else "Het thema als geheel"  # fmt: skip
            grouped[label][NOTE_KINDS.get(note.kind, note.kind)].append(note.text)
            if note.kind == "vraag":
                section.questions.append(note.text)
        section.notes = {label: dict(kinds) for label, kinds in grouped.items()}
        section.actions = [a for a in actions if a.theme_code == code]
        themes.append(section)
    municipalities: list[MunicipalitySection] = []
    members = district_municipalities(session=session, district_code=dialogue.district_code)
    for member in members:
        if municipality and member.code != municipality:
            continue
        place = MunicipalitySection(member.code, member.name)
        place.actions = [a for a in actions if not a.municipalities or member.code in a.municipalities]
        for code in dialogue.themes:
            overview = theme_overview(session=session, theme_code=code, series=series_by_theme[code],
                                      scope=Scope(dialogue.district_code, member.code))  # fmt: skip
            for row in overview[overview["notable"] != ""].to_dict("records"):
                place.notables.append(f"{row['name']}: {row['notable']} ({row['notable_reasons']})")
        municipalities.append(place)
    participation = dict(Counter(p.organisation_type for p in present))
    is_demo = dialogue.is_demo or any(n.is_demo for n in notes)
    names = sorted(f"{p.name} ({p.organisation})" for p in present) if with_names else []
    district = areas_by_code(session=session, codes=[dialogue.district_code]).get(dialogue.district_code)
    return Report(dialogue, year, participation, names, themes, municipalities, is_demo,
                  district.name if district else dialogue.district_code)  # fmt: skip


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|<>~])")


def _md(text: str) -> str:
    """User text as literal Markdown: markup characters escaped, no raw HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))


def _action_line(action: Action) -> str:
    where = ", ".join(action.municipalities) or "hele district"
    partners = ", ".join(action.partners) or "–"
    return (f"{_md(action.title)} – trekker: {_md(action.lead_organisation or 'nog te bepalen')}; partners: "
            f"{_md(partners)}; voor: {where}; prioriteit {action.priority}; {action.votes} stippen")  # fmt: skip


def render_markdown(report: Report) -> str:
    d = report.dialogue
    lines = [f"# Duidingsverslag – {_md(d.name)}", "",
             f"{d.kind.capitalize()}e dialoog van {format_date(d.session_date)}, Monitor Integrale Veiligheid editie "
             f"{d.edition}, district {report.district_name}.", ""]  # fmt: skip
    if report.is_demo:
        lines += [f"**{DEMO_NOTICE}**", ""]
    lines += ["## Deelname", ""] + [f"- {kind}: {count}" for kind, count in sorted(report.participation.items())]
    if report.participant_names:
        lines += ["", "Aanwezig: " + "; ".join(_md(n) for n in report.participant_names)]
    for theme in report.themes:
        lines += ["", f"## {theme.name}", ""]
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
        lines += ["### Voorgestelde acties", ""] + ([f"- {_action_line(a)}" for a in theme.actions] or ["- geen"])
    for place in report.municipalities:
        lines += ["", f"## {_md(place.name)}: input voor het jaarplan veiligheid {report.year}", ""]
        if report.is_demo:
            lines += [f"*{DEMO_NOTICE}*", ""]
        lines += ["### Acties die deze gemeente aangaan", ""] + ([f"- {_action_line(a)}" for a in place.actions]
                                                               or ["- geen"])  # fmt: skip
        lines += ["", "### Opvallende ontwikkelingen", ""] + ([f"- {_md(n)}" for n in place.notables] or ["- geen"])
    return "\n".join(lines) + "\n"


def render_docx(report: Report) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    d = report.dialogue
    document.add_heading(f"Duidingsverslag – {d.name}", level=0)
    document.add_paragraph(f"{d.kind.capitalize()}e dialoog van {format_date(d.session_date)}, Monitor Integrale "
                           f"Veiligheid editie {d.edition}, district {report.district_name}.")  # fmt: skip
    if report.is_demo:
        document.add_paragraph().add_run(DEMO_NOTICE).bold = True
    document.add_heading("Deelname", level=1)
    for kind, count in sorted(report.participation.items()):
        document.add_paragraph(f"{kind}: {count}", style="List Bullet")
    if report.participant_names:
        document.add_paragraph("Aanwezig: " + "; ".join(report.participant_names))
    for theme in report.themes:
        document.add_heading(theme.name, level=1)
        if theme.figures:
            table = document.add_table(rows=1, cols=4)
            table.style = "Light Grid Accent 1"
            for cell, title in zip(table.rows[0].cells, ["Indicator", "Laatste waarde", "Jaar", "Opvallend"],
                                   strict=True):  # fmt: skip
                cell.text = title
            for figure in theme.figures:
                for cell, value in zip(table.add_row().cells, figure, strict=True):
                    cell.text = value
        for label, kinds in theme.notes.items():
            document.add_heading(label, level=2)
            for kind, texts in kinds.items():
                document.add_paragraph().add_run(kind).bold = True
                for text in texts:
                    document.add_paragraph(text, style="List Bullet")
        if theme.questions:
            document.add_heading("Open vragen aan partners", level=2)
            for question in theme.questions:
                document.add_paragraph(question, style="List Bullet")
        document.add_heading("Voorgestelde acties", level=2)
        for action in theme.actions or []:
            document.add_paragraph(_action_line(action).replace("\\", ""), style="List Bullet")
        if not theme.actions:
            document.add_paragraph("geen")
    for place in report.municipalities:
        document.add_heading(f"{place.name}: input voor het jaarplan veiligheid {report.year}", level=1)
        if report.is_demo:
            document.add_paragraph().add_run(DEMO_NOTICE).italic = True
        document.add_heading("Acties die deze gemeente aangaan", level=2)
        for action in place.actions:
            document.add_paragraph(_action_line(action).replace("\\", ""), style="List Bullet")
        if not place.actions:
            document.add_paragraph("geen")
        document.add_heading("Opvallende ontwikkelingen", level=2)
        for notable in place.notables or ["geen"]:
            document.add_paragraph(notable, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ACTION_COLUMNS = ["actie", "thema", "trekker", "partners", "gemeenten", "indicatoren", "jaarplanjaar", "prioriteit",
                  "stippen", "sessie", "status"]  # fmt: skip


def action_rows(report: Report) -> list[list[object]]:
    rows: list[list[object]] = []
    for theme in report.themes:
        for action in theme.actions:
            where = ", ".join(action.municipalities) or "hele district"
            rows.append([action.title, theme.name, action.lead_organisation, ", ".join(action.partners), where,
                         ", ".join(action.indicator_codes), action.jaarplan_year, action.priority, action.votes,
                         report.dialogue.name, "voorgesteld"])  # fmt: skip
    return rows


def render_actions_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(ACTION_COLUMNS)
    writer.writerows([safe_cell(v) for v in row] for row in action_rows(report))
    if report.is_demo:
        writer.writerow([DEMO_NOTICE])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_actions_xlsx(report: Report) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Acties"
    sheet.append(ACTION_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in action_rows(report):
        sheet.append([safe_cell(v) for v in row])
    if report.is_demo:
        sheet.append([])
        sheet.append([DEMO_NOTICE])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
