"""The bestuurlijke handout: one or two pages per theme, even after a long session."""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.access import SYSTEM
from core.db import make_engine, transaction
from facilitator.cli import main
from indicators.chart_data import NOTHING_DELIVERED
from indicators.models import Indicator, Observation, Theme
from indicators.themes import THEME_NAMES, THEMES
from sessions.dialogue import dialogue_tables
from sessions.documents import handout_document
from sessions.handout import MAX_ACTIONS, build_handout, render_handout_docx, shorten
from sessions.notes import create_action, create_note, mark_key_conclusion, vote
from tests.sessions.pdf_text import pdf_pages


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert shorten("kort") == "kort"
    assert shorten("een  twee\ndrie vier", 12) == "een twee…"
    assert len(shorten("woord " * 100)) <= 260


def test_handout_distils_the_theme(demo_db: Session) -> None:
    handout = build_handout(db=demo_db, dialogue_id=1, theme_code="VB")
    assert handout.theme_name == THEME_NAMES["VB"]
    assert handout.is_demo
    assert handout.conclusions
    assert handout.figures
    assert handout.chart is not None
    assert any("Buurtpreventie uitbreiden" in a and "Tholen, Steenbergen" in a for a in handout.actions)
    assert handout.questions[-1].startswith("Welke van deze voorstellen krijgen prioriteit")
    text = "\n".join(p.text for p in Document(io.BytesIO(render_handout_docx([handout]))).paragraphs)
    assert "Dit handout bevat fictieve demodata." in text
    assert "Bestuurlijke dialoog: Veilige buurt" in text


@pytest.fixture
def long_session(writable_demo_sqlite_url: str) -> Iterator[Engine]:
    """The demo session after a long day: 60 long notes per table (all key conclusions), 12 actions per theme."""
    engine = make_engine(writable_demo_sqlite_url)
    explanation = "de partners zien dit ook in de wijk " * 12
    question = "kunnen jullie dit uitsplitsen " * 10
    proposal = "samen optrekken met alle partners " * 8
    with transaction(engine) as db:
        for table in dialogue_tables(db=db, dialogue_id=1, round_number=1):
            assert table.id is not None
            for number in range(60):
                note = create_note(
                    actor=SYSTEM,
                    db=db,
                    table_id=table.id,
                    author="test",
                    kind="verklaring",
                    text=f"Lange duiding {number}: {explanation}",
                )
                assert note.id is not None
                mark_key_conclusion(actor=SYSTEM, db=db, note_id=note.id, marked=True)
                create_note(
                    actor=SYSTEM,
                    db=db,
                    table_id=table.id,
                    author="test",
                    kind="vraag",
                    text=f"Vraag {number} aan de partners: {question}",
                )
            for number in range(12):
                action = create_action(
                    actor=SYSTEM, db=db, table_id=table.id, author="test", title=f"Actie {number}: {proposal}"
                )
                assert action.id is not None
                vote(actor=SYSTEM, db=db, action_id=action.id, dots=number)
    yield engine
    engine.dispose()


def test_each_theme_fits_on_two_pages_after_a_long_session(office: None, long_session: Engine) -> None:
    with Session(long_session) as db:
        for theme in THEMES:
            handout = build_handout(db=db, dialogue_id=1, theme_code=theme)
            assert len(handout.actions) == MAX_ACTIONS
            assert handout.actions[0].startswith("Actie 11:")  # most dots first
            pages = pdf_pages(handout_document(actor=SYSTEM, db=db, dialogue_id=1, theme_code=theme, fmt="pdf"))
            assert 1 <= len(pages) <= 2, (theme, len(pages))
            assert f"Bestuurlijke dialoog: {THEME_NAMES[theme]}" in pages[0]


def test_cli_handout(
    demo_sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_sqlite_url)
    out = tmp_path / "handout.docx"
    assert main(["handout", "--session", "1", "--out", str(out)]) == 0
    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"Bestuurlijke dialoog: {THEME_NAMES[t]}" for t in THEMES]
    assert main(["handout", "--session", "1", "--theme", "XX", "--out", str(out)]) == 2
    assert "hoort niet bij deze sessie" in capsys.readouterr().err


def test_a_handout_whose_figures_cannot_be_drawn_says_why_instead_of_leaving_the_chart_out(demo_db: Session) -> None:
    theme_indicators = (
        select(Indicator.id).join(Theme, col(Theme.id) == col(Indicator.theme_id)).where(Theme.code == "VB")
    )
    demo_db.execute(delete(Observation).where(col(Observation.indicator_id).in_(theme_indicators)))
    handout = build_handout(db=demo_db, dialogue_id=1, theme_code="VB")
    assert handout.chart is None
    assert handout.no_chart.startswith("Geen grafiek: ")
    assert NOTHING_DELIVERED in handout.no_chart
    text = "\n".join(p.text for p in Document(io.BytesIO(render_handout_docx([handout]))).paragraphs)
    assert handout.no_chart in text
