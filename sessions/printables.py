"""Printables for a session: table lists per round, name cards (HTML, Word), and a briefing per table.

A name card carries a QR code to the kiosk with the session and personal code filled in, and that address in
print under it (`sessions.kiosk_link`). Everything that comes from user text (names, organisations) is escaped
for HTML. Table lists and name cards carry
names (and personal codes): only who may export names gets them; a briefing is for whoever reads the session's notes.
"""

from html import escape

from sqlmodel import Session

from core.access import Actor, Permission, require
from core.export_rights import Export, require_export
from core.formatting import format_date, format_value, format_year
from indicators.monitor import Scope, theme_overview, theme_series
from indicators.provenance import series_sources
from indicators.themes import theme_name
from sessions.dialogue import get_dialogue
from sessions.docx_writer import Card, DocxWriter
from sessions.follow_up import earlier_outcomes
from sessions.kiosk_codes import display_code
from sessions.kiosk_link import kiosk_url, qr_png, qr_svg
from sessions.models import Participant
from sessions.participants import participants_of
from sessions.seating import round_overview
from sessions.vocabulary import Rsvp

PAGE_STYLE = """<style>
body{font-family:Arial,Helvetica,sans-serif;margin:2em}h1{font-size:20pt}h2{font-size:15pt;margin-top:1.5em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 8px;text-align:left}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:2px dashed #666;width:10cm;height:6cm;padding:12px;
box-sizing:border-box;page-break-inside:avoid}.card .name{font-size:20pt;font-weight:bold}
.card .org{font-size:13pt;margin-top:6px}.card .code{margin-top:10px;font-size:11pt;color:#444}
.card .qr{float:right;margin-left:8px;text-align:center}.card .url{font-size:6.5pt;word-break:break-all;width:3.2cm}
@media print{h2{page-break-before:always}}
</style>"""
STEP_QUESTIONS = {
    "preventie": "Bereiken we met preventie de mensen en plekken die het nodig hebben?",
    "signalen": "Herkennen jullie dit beeld uit de praktijk? Wat zien jullie dat de cijfers niet laten zien?",
    "interventies": "Passen de interventies bij de signalen? Wat werkt, wat zou anders moeten?",
    "effect": "Hoe verklaren jullie de beleving van inwoners naast de registraties?",
}


def _demo_note(is_demo: bool) -> str:
    return "<p><em>Fictieve demodata.</em></p>" if is_demo else ""


def table_lists_html(*, db: Session, dialogue_id: int, round_number: int, actor: Actor) -> str:
    require_export(actor, Export.NAMES, dialogue_id=dialogue_id)
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    frame = round_overview(db=db, actor=actor, dialogue_id=dialogue_id, round_number=round_number)
    parts = [
        f"<html><head><meta charset='utf-8'><title>Tafellijsten</title>{PAGE_STYLE}</head><body>",
        f"<h1>{escape(dialogue.name)} – tafellijsten ronde {round_number}</h1>",
        f"<p>{format_date(dialogue.session_date)}</p>",
        _demo_note(dialogue.is_demo),
    ]
    for table, members in frame.groupby("tafel", sort=False):
        parts.append(f"<h2>{escape(str(table))}</h2><table><tr><th>Naam</th><th>Organisatie</th><th>Rol</th></tr>")
        for row in members.itertuples():
            parts.append(
                f"<tr><td>{escape(str(row.naam))}</td><td>{escape(str(row.organisatie))}</td>"
                f"<td>{escape(str(row.rol))}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _card_people(db: Session, dialogue_id: int, actor: Actor) -> list[Participant]:
    require_export(actor, Export.NAMES, dialogue_id=dialogue_id)
    return [p for p in participants_of(db=db, actor=actor, dialogue_id=dialogue_id) if p.rsvp != Rsvp.DECLINED]


def name_cards_html(*, db: Session, dialogue_id: int, actor: Actor) -> str:
    """Name cards to print from a browser: name, organisation, personal code, and the kiosk's QR code and address."""
    people = _card_people(db, dialogue_id, actor)
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    cards = []
    for p in people:
        url = kiosk_url(dialogue.kiosk_code, p.personal_code)
        code = escape(display_code(p.personal_code))
        cards.append(
            f"<div class='card'><div class='qr'>{qr_svg(url)}<div class='url'>{escape(url)}</div></div>"
            f"<div class='name'>{escape(p.name)}</div><div class='org'>{escape(p.organisation)}</div>"
            f"<div class='code'>Persoonlijke code voor ronde 2: <strong>{code}</strong></div>"
            "<div class='code'>Scan de code om je thema te kiezen.</div></div>"
        )
    return (
        f"<html><head><meta charset='utf-8'><title>Naambordjes</title>{PAGE_STYLE}</head><body>"
        f"<h1>{escape(dialogue.name)} – naambordjes</h1>{_demo_note(dialogue.is_demo)}"
        f"<div class='cards'>{''.join(cards)}</div></body></html>"
    )


def name_cards_docx(*, db: Session, dialogue_id: int, actor: Actor) -> bytes:
    """The name cards as a Word document (two a row, to cut out); `sessions.documents` makes the PDF of it."""
    people = _card_people(db, dialogue_id, actor)
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    writer = DocxWriter(margins_cm=1.2)
    writer.heading(f"{dialogue.name} – naambordjes", 1)
    if dialogue.is_demo:
        writer.italic("Fictieve demodata.")
    cards = []
    for p in people:
        url = kiosk_url(dialogue.kiosk_code, p.personal_code)
        cards.append(
            Card(
                p.name,
                [
                    p.organisation,
                    f"Persoonlijke code voor ronde 2: {display_code(p.personal_code)}",
                    "Scan om je thema te kiezen:",
                ],
                qr_png(url),
                url,
            )
        )
    writer.cards(cards)
    return writer.to_bytes()


def briefing_markdown(*, db: Session, dialogue_id: int, theme_code: str, actor: Actor) -> str:
    """A briefing for the moderator and note-taker of one theme table: indicators, notables, questions, and what
    earlier sessions noted about these indicators."""
    require(actor, Permission.READ_NOTES, dialogue_id=dialogue_id)
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    series = theme_series(db=db, theme_code=theme_code, district_code=dialogue.district_code)
    overview = theme_overview(db=db, theme_code=theme_code, scope=Scope(dialogue.district_code), series=series)
    name = theme_name(theme_code)
    lines = [f"# Briefing {name}", "", f"{dialogue.name}, {format_date(dialogue.session_date)}.", ""]
    if overview["figure_is_demo"].any() or dialogue.is_demo:
        lines += ["*Let op: deze briefing bevat fictieve demodata.*", ""]
    lines += [
        "## Indicatoren",
        "",
        "| Stap | Indicator | Laatste waarde | Jaar | Opvallend | Bron |",
        "|---|---|---|---|---|---|",
    ]
    for record in overview.to_dict("records"):
        value = format_value(record["latest_value"], record["value_kind"], per_capita=record["per_capita_applied"])
        year = format_year(record["latest_year"])
        notable = f"{record['notable']}: {record['notable_reasons']}" if record["notable"] else ""
        lines.append(
            f"| {record['chain_step']} | {_md(record['name'])} | {value} | {year} | {_md(notable)} | "
            f"{_md(record['figure_source'])} |"
        )
    notables = overview[overview["notable"] != ""]
    lines += ["", "## Vragen voor het gesprek", ""]
    for row in notables.itertuples():
        lines.append(
            f"- {_md(row.name)} is opvallend ({_md(row.notable_reasons)}; {_md(row.figure_source)}): herkennen "
            "jullie dit, en hoe verklaren jullie het?"
        )
    for step, question in STEP_QUESTIONS.items():
        if (overview["chain_step_code"] == step).any():
            lines.append(f"- {question}")
    earlier = earlier_outcomes(
        db=db,
        indicator_codes=list(overview["code"]),
        district_code=dialogue.district_code,
        before=dialogue.session_date,
    )
    if not earlier.empty:
        lines.append("- Wat is er terechtgekomen van de acties van vorige keer (zie 'Eerder besproken')?")
    lines += [
        "- Welke actie stellen jullie voor, wie trekt die, en voor welke gemeenten?",
        "",
        "## Voor de verslaglegger",
        "",
        "Leg de duiding vast per indicator (herkenning, verklaring, vraag aan partner, datakwaliteit, signaal) en "
        "noteer voorgestelde acties met trekker en gemeenten.",
        "",
    ]
    if not earlier.empty:
        names = dict(zip(overview["code"], overview["name"], strict=True))
        lines += [
            "## Eerder besproken",
            "",
            "Wat eerdere sessies over deze indicatoren zeiden en voorstelden, wat de gemeenten ermee deden, en "
            "hoe de indicator sindsdien veranderde (districtswaarde).",
            "",
            "| Indicator | Sessie | Soort | Tekst | In het jaarplan | Sindsdien |",
            "|---|---|---|---|---|---|",
        ]
        for entry in earlier.to_dict("records"):
            lines.append(
                f"| {_md(names.get(entry['indicator'], entry['indicator']))} | {_md(entry['sessie'])} "
                f"({format_date(entry['datum'])}) | {entry['soort']} | {_md(entry['tekst'])} | "
                f"{_md(entry['jaarplan'])} | {entry['sinds']} |"
            )
        lines.append("")
    sources = series_sources(series, [str(code) for code in overview["code"]])
    lines += ["## Bronnen", ""] + ([f"- {_md(line.describe())}" for line in sources] or ["Geen cijfers."]) + [""]
    return "\n".join(lines)


def _md(text: object) -> str:
    """Text for a Markdown table cell: no pipes or markup that could break or inject."""
    return str(text).replace("|", "/").replace("<", "‹").replace(">", "›").replace("\n", " ")
