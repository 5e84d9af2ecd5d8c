"""The duidingsverslag: every note and action in the right theme and municipality sections."""

import io
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.access import SYSTEM
from core.db import transaction
from facilitator.cli import main
from indicators.chart_data import NOTHING_DELIVERED
from indicators.themes import THEME_NAMES, THEMES
from sessions.dialogue import dialogue_tables
from sessions.jaarplan import decide
from sessions.models import Action, Note
from sessions.notes import create_note
from sessions.report import (
    ACTION_COLUMNS,
    DEMO_NOTICE,
    build_report,
    render_actions_csv,
    render_actions_xlsx,
    render_docx,
    render_markdown,
)
from tests.sessions.pdf_text import pdf_pages


def _sections(document: DocxDocument) -> dict[str, list[str]]:
    """Text under each level-1 heading."""
    sections: dict[str, list[str]] = {}
    current = ""
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            current = paragraph.text
            sections[current] = []
        elif current:
            sections[current].append(paragraph.text)
    return sections


def test_docx_has_every_note_and_action_in_its_theme_and_municipality(demo_db: Session) -> None:
    report = build_report(db=demo_db, dialogue_id=1)
    document = Document(io.BytesIO(render_docx(report)))
    sections = _sections(document)
    notes = demo_db.exec(select(Note).where(Note.session_id == 1)).all()
    actions = demo_db.exec(select(Action).where(Action.session_id == 1)).all()
    for note in notes:
        assert note.text in sections[THEME_NAMES[note.theme_code]], note.text
    for action in actions:
        assert any(action.title in line for line in sections[THEME_NAMES[action.theme_code]])
        for municipality in report.municipalities:
            chapter = sections[f"{municipality.name}: input voor het jaarplan veiligheid {report.year}"]
            concerned = not action.municipalities or municipality.code in action.municipalities
            assert any(action.title in line for line in chapter) == concerned
    text = "\n".join(p.text for p in document.paragraphs)
    assert DEMO_NOTICE in text


def test_markdown_escapes_user_text_and_one_municipality(demo_db: Session) -> None:
    report = build_report(db=demo_db, dialogue_id=1, municipality="GM0716")
    assert [m.code for m in report.municipalities] == ["GM0716"]
    text = render_markdown(report)
    assert "## Tholen: input voor het jaarplan veiligheid 2021" in text
    assert "<script" not in text


def test_action_list_in_xlsx_and_csv(demo_db: Session) -> None:
    report = build_report(db=demo_db, dialogue_id=1)
    sheet = load_workbook(io.BytesIO(render_actions_xlsx(report)))["Acties"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[0].value]
    titles = {a.title for a in demo_db.exec(select(Action).where(Action.session_id == 1)).all()}
    assert {r[0] for r in rows if r[0] != DEMO_NOTICE} == titles
    csv_text = render_actions_csv(report).decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("actie;thema;trekker")


def test_cli_report_formats(
    demo_sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    for fmt in ("docx", "md", "xlsx", "csv"):
        out = tmp_path / f"verslag.{fmt}"
        assert main(["report", "--session", "1", "--format", fmt, "--out", str(out)]) == 0
        assert out.stat().st_size > 100
    monkeypatch.setenv("VD_SOFFICE", "/nonexistent/soffice")
    assert main(["report", "--session", "1", "--format", "pdf", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "LibreOffice is niet geïnstalleerd" in capsys.readouterr().err
    assert main(["report", "--session", "9", "--out", str(tmp_path / "x.docx")]) == 2


def test_cli_report_pdf_renders_every_theme_and_municipality(
    office: None, demo_sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    out = tmp_path / "verslag.pdf"
    assert main(["report", "--session", "1", "--format", "pdf", "--out", str(out)]) == 0
    pages = pdf_pages(out.read_bytes())
    text = " ".join(pages)
    assert len(pages) > 3
    for code in THEMES:
        assert THEME_NAMES[code] in text
    assert "Tholen: input voor het jaarplan veiligheid 2021" in text
    assert DEMO_NOTICE in text


def test_docx_has_a_chart_with_its_source_per_discussed_indicator(demo_db: Session) -> None:
    report = build_report(db=demo_db, dialogue_id=1, with_charts=True)
    discussed = {label for theme in report.themes for label in theme.notes if label != "Het thema als geheel"}
    charted = {label for theme in report.themes for label in theme.charts}
    assert charted
    assert charted <= discussed
    document = Document(io.BytesIO(render_docx(report)))
    assert len(document.inline_shapes) == len(charted)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Eenheid: ")]
    keys = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("■")]
    assert len(captions) == len(keys) == len(charted)
    assert all("fictieve demodata" in c for c in captions)
    assert all("Tholen" in k and "De Markiezaten" in k for k in keys)  # the colour key names every line
    for theme in report.themes:  # every chart is a real PNG
        for chart in theme.charts.values():
            assert chart.png.startswith(b"\x89PNG")


def test_a_discussed_indicator_without_values_gets_a_sentence_instead_of_a_chart(writable_demo: Engine) -> None:
    with transaction(writable_demo) as db:  # ZV-I02 has no values in the demo district
        table = next(t for t in dialogue_tables(db=db, dialogue_id=1, round_number=1) if t.theme_code == "ZV")
        assert table.id is not None
        create_note(
            actor=SYSTEM, db=db, table_id=table.id, author="verslag", text="Geen cijfers", indicator_code="ZV-I02"
        )
    with Session(writable_demo) as db:
        report = build_report(db=db, dialogue_id=1, with_charts=True)
    [label] = [label for theme in report.themes for label in theme.notes if label.startswith("ZV-I02")]
    document = Document(io.BytesIO(render_docx(report)))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    heading = texts.index(("Heading 2", label))
    assert texts[heading + 1] == ("Caption", NOTHING_DELIVERED)
    assert len(document.inline_shapes) == sum(len(theme.charts) for theme in report.themes)


def test_action_list_status_follows_the_jaarplan_decisions(writable_demo: Engine) -> None:
    title = "Buurtpreventie uitbreiden in Tholen en Steenbergen (fictieve demodata)"
    with transaction(writable_demo) as db:
        action = db.exec(select(Action).where(Action.title == title)).one()
        assert action.id is not None
        decide(
            actor=SYSTEM,
            db=db,
            action_id=action.id,
            municipality_code="GM0716",
            decision="overgenomen",
            plan_reference="§ 4.1",
            progress="loopt",
        )
    with Session(writable_demo) as db:
        report = build_report(db=db, dialogue_id=1)
    sheet = load_workbook(io.BytesIO(render_actions_xlsx(report)))["Acties"]
    rows = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[0].value}
    assert rows[title][ACTION_COLUMNS.index("status")] == "Tholen: overgenomen (§ 4.1), loopt"
    assert rows[title][ACTION_COLUMNS.index("gemeenten")] == "Tholen, Steenbergen"
    assert {r[ACTION_COLUMNS.index("status")] for t, r in rows.items() if t not in (title, DEMO_NOTICE)} == {
        "voorgesteld"
    }
    assert "jaarplan: Tholen: overgenomen (§ 4.1), loopt" in render_markdown(report)
