"""Bestuurlijke dialoog: a handout of one or two pages per theme, for the administrator who introduces the theme
to the mayors. It distils the ambtelijke session: the key conclusions, the figures that stand out (one chart),
the proposals with the most support, what came of earlier proposals, and the questions for the administrators.

Lists are capped and long texts shortened so the handout stays within two A4 pages.
"""

from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from core.formatting import format_date, format_value, format_year
from indicators.areas import areas_by_code, district_municipalities
from indicators.monitor import Scope, theme_overview, theme_series
from indicators.provenance import SourceLine, series_sources
from indicators.themes import theme_name
from sessions.dialogue import get_dialogue
from sessions.docx_writer import DocxWriter
from sessions.follow_up import earlier_outcomes
from sessions.models import Action, DialogueSession, Note
from sessions.report import DEMO_NOTICE, places_text
from sessions.report_charts import ChartImage, ChartPlan, NoChart, plan_indicator_chart

MAX_CONCLUSIONS = 4
MAX_FIGURES = 5
MAX_ACTIONS = 5
MAX_QUESTIONS = 3
MAX_EARLIER = 3
MAX_TEXT = 260


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@dataclass
class Handout:
    dialogue: DialogueSession
    theme_code: str
    theme_name: str
    district_name: str
    conclusions: list[str] = field(default_factory=list)
    # indicator, value (year), what stands out, source ("fictieve demodata" for a demo figure)
    figures: list[tuple[str, str, str, str]] = field(default_factory=list)
    chart: ChartImage | None = None
    chart_title: str = ""
    no_chart: str = ""  # why no figure has a chart, when none has
    actions: list[str] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    is_demo: bool = False
    sources: list[SourceLine] = field(default_factory=list)  # of the figures and the chart, demo included


def build_handout(*, db: Session, dialogue_id: int, theme_code: str) -> Handout:
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    district = areas_by_code(db=db, codes=[dialogue.district_code]).get(dialogue.district_code)
    handout = Handout(
        dialogue,
        theme_code,
        theme_name(theme_code),
        district.name if district else dialogue.district_code,
    )
    notes = db.exec(
        select(Note)
        .where(
            col(Note.session_id) == dialogue_id,
            col(Note.theme_code) == theme_code,
            col(Note.text) != "",
            col(Note.withdrawn_at).is_(None),
        )
        .order_by(col(Note.id))
    ).all()
    actions = db.exec(
        select(Action)
        .where(
            col(Action.session_id) == dialogue_id,
            col(Action.theme_code) == theme_code,
            col(Action.withdrawn_at).is_(None),
        )
        .order_by(col(Action.votes).desc(), col(Action.id))
    ).all()
    key = [n.text for n in notes if n.key_conclusion]
    explanations = [n.text for n in notes if n.kind in ("verklaring", "signaal")]
    handout.conclusions = [shorten(t) for t in (key or explanations)[:MAX_CONCLUSIONS]]

    series = theme_series(db=db, theme_code=theme_code, district_code=dialogue.district_code)
    overview = theme_overview(db=db, theme_code=theme_code, scope=Scope(dialogue.district_code), series=series)
    discussed = {n.indicator_code for n in notes if n.indicator_code}
    notable = overview[overview["notable"] != ""]
    ranked = [
        *notable.to_dict("records"),
        *overview[(overview["notable"] == "") & overview["code"].isin(discussed)].to_dict("records"),
    ]
    for row in ranked[:MAX_FIGURES]:
        value = format_value(row["latest_value"], row["value_kind"], per_capita=row["per_capita_applied"])
        year = f" ({format_year(row['latest_year'])})" if format_year(row["latest_year"]) else ""
        handout.figures.append(
            (str(row["name"]), value + year, str(row["notable_reasons"] or "besproken"), str(row["figure_source"]))
        )
    shown = [str(row["code"]) for row in ranked[:MAX_FIGURES]]
    charted: list[str] = []
    chart_demo = False
    reasons: list[str] = []
    for row in ranked:
        plan = plan_indicator_chart(
            db=db,
            code=str(row["code"]),
            district_code=dialogue.district_code,
            district_name=handout.district_name,
            series=series,
        )
        if isinstance(plan, ChartPlan):
            handout.chart, handout.chart_title = plan.render(), str(row["name"])
            charted, chart_demo = [str(row["code"])], plan.is_demo
            break
        if isinstance(plan, NoChart):
            reasons.append(f"{row['name']}: {plan.sentence}")
    if handout.chart is None and reasons:
        handout.no_chart = "Geen grafiek: " + "; ".join(reasons[:2]) + ("; …" if len(reasons) > 2 else "")
    handout.sources = series_sources(series, [*shown, *charted], per_capita_codes=charted)

    names = {m.code: m.name for m in district_municipalities(db=db, district_code=dialogue.district_code)}
    for action in actions[:MAX_ACTIONS]:
        where = places_text(action, names)
        handout.actions.append(
            f"{shorten(action.title, 160)} – trekker: {action.lead_organisation or 'nog te bepalen'}"
            f"; voor: {where}; prioriteit {action.priority}"
        )
    earlier = earlier_outcomes(
        db=db,
        indicator_codes=list(overview["code"]),
        district_code=dialogue.district_code,
        before=dialogue.session_date,
    )
    for row in earlier[earlier["soort"] == "Actie"].head(MAX_EARLIER).to_dict("records"):
        handout.earlier.append(
            f"{shorten(str(row['tekst']), 140)} ({format_date(row['datum'])}): {row['jaarplan']}; "
            f"indicator sindsdien {row['sinds']}"
        )
    asked = [shorten(n.text, 200) for n in notes if n.kind == "vraag"][: MAX_QUESTIONS - 1]
    handout.questions = [
        *asked,
        f"Welke van deze voorstellen krijgen prioriteit in de jaarplannen veiligheid "
        f"{dialogue.session_date.year + 1}, en wie neemt het voortouw?",
    ]
    shown_demo = bool(overview.loc[overview["code"].isin(shown), "figure_is_demo"].any())
    handout.is_demo = dialogue.is_demo or any(n.is_demo for n in notes) or shown_demo or chart_demo
    return handout


def render_handout_docx(handouts: list[Handout]) -> bytes:
    """One document; each theme's handout starts on a new page."""
    writer = DocxWriter(font_size=10, margins_cm=1.8)
    for index, handout in enumerate(handouts):
        if index:
            writer.page_break()
        d = handout.dialogue
        writer.heading(f"Bestuurlijke dialoog: {handout.theme_name}", 1)
        writer.italic(
            f"District {handout.district_name} · uit de {d.kind}e dialoog van {format_date(d.session_date)}"
            f" · Monitor Integrale Veiligheid editie {d.edition}"
        )
        if handout.is_demo:
            writer.bold(DEMO_NOTICE.replace("verslag", "handout"))
        writer.heading("Wat de partners zien", 2)
        writer.bullets(handout.conclusions, empty="Nog geen kernconclusies vastgelegd.")
        writer.heading("Cijfers die opvallen", 2)
        if handout.figures:
            writer.table(
                ["Indicator", "Laatste waarde", "Wat opvalt", "Bron"], handout.figures, widths_cm=[6.0, 2.8, 5.6, 3.0]
            )
        if handout.chart is not None:
            writer.paragraph(handout.chart_title, "Heading 3")
            writer.picture(handout.chart.png, handout.chart.caption, width_cm=13.0, legend=handout.chart.legend)
        elif handout.no_chart:
            writer.paragraph(handout.no_chart, "Caption")
        writer.heading("Voorstellen uit de dialoog", 2)
        writer.bullets(handout.actions, empty="Geen voorstellen.")
        if handout.earlier:
            writer.heading("Wat kwam er van eerdere voorstellen", 2)
            writer.bullets(handout.earlier)
        writer.heading("Vragen aan het bestuur", 2)
        writer.bullets(handout.questions)
        writer.heading("Bronnen", 2)
        writer.bullets([line.describe() for line in handout.sources], empty="Deze handout bevat geen cijfers.")
    return writer.to_bytes()
