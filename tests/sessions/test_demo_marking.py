"""Demo marking follows the figure (issue 15, finding "demo figures unlabelled in a real session's report").

A real (non-demo) session over a database that holds both real and demo values: every figure that comes from
demo values says "fictieve demodata" beside it, real figures carry their source, no total adds demo and real
values, and every export names its sources (Markdown included)."""

import io
import math
from datetime import date

import pytest
from docx import Document
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.access import SYSTEM
from core.db import transaction
from indicators.detail import indicator_trend
from indicators.models import Delivery
from indicators.monitor import Scope, theme_overview
from indicators.observations import ObservationRow, delete_delivery_values
from indicators.provenance import DEMO_LABEL, MIXED_TOTAL
from indicators.series import district_series
from sessions.dialogue import create_dialogue, dialogue_tables
from sessions.handout import build_handout, render_handout_docx
from sessions.notes import create_note
from sessions.printables import briefing_markdown
from sessions.report import DEMO_NOTICE, build_report, render_docx, render_markdown
from tests.support.real_session import DISTRICT, MUNICIPALITIES, REAL_MARK, REAL_SOURCE, import_real, real_counts
from tests.support.real_session import real_session as real_session_on


@pytest.fixture
def real_session(writable_demo: Engine) -> tuple[Engine, int]:
    return writable_demo, real_session_on(writable_demo)


def test_a_district_total_never_adds_demo_and_real_values(real_session: tuple[Engine, int]) -> None:
    engine, _ = real_session
    with Session(engine) as db:
        series = district_series(db=db, indicator_codes=["GCC-S01"], district_code=DISTRICT)
    district = series[series["is_district"]].set_index("year")
    # 2020: Bergen op Zoom real, the seven others demo: no sum, and the reason says why
    assert 2020 in district.index
    assert math.isnan(district.loc[2020, "value"])
    assert district.loc[2020, "missing_reason"] == MIXED_TOTAL
    # a total of one kind only is still made (GCC-S02: real everywhere)
    with Session(engine) as db:
        real = district_series(db=db, indicator_codes=["GCC-S02"], district_code=DISTRICT)
    real_district = real[real["is_district"]].set_index("year")
    assert real_district.loc[2020, "value"] == sum(real_counts(2020, i) for i in range(len(MUNICIPALITIES)))
    assert not real_district.loc[2020, "is_demo"]


def test_the_monitor_names_the_skipped_mixed_total(real_session: tuple[Engine, int]) -> None:
    engine, _ = real_session
    with Session(engine) as db:
        trend = indicator_trend(db=db, code="GCC-S01", district_code=DISTRICT)
    district_2020 = trend[trend["is_district"] & (trend["year"] == 2020)].iloc[0]
    assert math.isnan(district_2020["value"])
    assert district_2020["missing_reason"] == MIXED_TOTAL


def test_a_per_capita_figure_on_a_demo_population_is_marked(real_session: tuple[Engine, int]) -> None:
    """Real counts divided by interpolated (demo) population: the per-10,000 figure is partly invented."""
    engine, _ = real_session
    with Session(engine) as db:
        overview = theme_overview(db=db, theme_code="GCC", scope=Scope(DISTRICT, "GM0716", per_capita=True))
        absolute = theme_overview(db=db, theme_code="GCC", scope=Scope(DISTRICT, "GM0716"))
        trend = indicator_trend(db=db, code="GCC-S02", district_code=DISTRICT, per_capita=True)
    per_capita = overview.set_index("code").loc["GCC-S02"]
    assert per_capita["figure_is_demo"]
    assert DEMO_LABEL in per_capita["figure_source"]
    plain = absolute.set_index("code").loc["GCC-S02"]
    assert not plain["figure_is_demo"]
    assert plain["figure_source"] == REAL_MARK
    assert all(DEMO_LABEL in a for a in trend.loc[trend["value"].notna(), "attribution"])


def test_a_real_sessions_report_marks_every_demo_figure(real_session: tuple[Engine, int]) -> None:
    engine, dialogue_id = real_session
    with Session(engine) as db:
        report = build_report(db=db, dialogue_id=dialogue_id)
    assert not report.dialogue.is_demo
    text = render_markdown(report)
    figures = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| Indicator")]
    assert len(figures) == 3
    with Session(engine) as db:
        names = theme_overview(db=db, theme_code="GCC", scope=Scope(DISTRICT)).set_index("code")["name"]
    by_code = {
        code: next(line for line in figures if str(names[code]) in line) for code in ("GCC-S01", "GCC-S02", "GCC-S03")
    }
    assert DEMO_LABEL in by_code["GCC-S03"]
    assert DEMO_LABEL not in by_code["GCC-S02"]
    assert REAL_MARK in by_code["GCC-S02"]
    assert MIXED_TOTAL in by_code["GCC-S01"]  # no district figure: real and demo values are not added
    # the session is real, but the report holds demo figures: the notice is there too
    assert DEMO_NOTICE in text
    # every notable development says where its figure comes from
    chapter = text.split("### Opvallende ontwikkelingen")[1:]
    notables = [line for part in chapter for line in part.split("\n## ")[0].splitlines() if line.startswith("- ")]
    notables = [line for line in notables if line != "- geen"]
    assert notables
    assert all(DEMO_LABEL in line or REAL_MARK in line for line in notables), notables
    # the Markdown report names its sources
    sources = text.split("## Bronnen", 1)[1]
    assert REAL_SOURCE in sources
    assert DEMO_LABEL in sources


def test_a_real_sessions_word_report_marks_figures_charts_and_sources(real_session: tuple[Engine, int]) -> None:
    engine, dialogue_id = real_session
    with Session(engine) as db:
        report = build_report(db=db, dialogue_id=dialogue_id, with_charts=True)
    document = Document(io.BytesIO(render_docx(report)))
    [figures] = [t for t in document.tables if t.rows[0].cells[0].text == "Indicator"]
    header = [c.text for c in figures.rows[0].cells]
    assert "Bron" in header
    marks = [row.cells[header.index("Bron")].text for row in figures.rows[1:]]
    assert sorted(marks) == sorted([DEMO_LABEL, REAL_MARK, MIXED_TOTAL])
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    captions = [t for s, t in paragraphs if s == "Caption" and t.startswith("Eenheid: ")]
    assert len(captions) == 3
    # GCC-S02 is drawn per 10,000 on interpolated (demo) population: that chart is marked too
    assert all(DEMO_LABEL in c for c in captions), captions
    headings = [t for s, t in paragraphs if s == "Heading 1"]
    assert "Bronnen" in headings
    after = paragraphs[[t for _, t in paragraphs].index("Bronnen") :]
    assert any(REAL_SOURCE in t for _, t in after)
    assert any(DEMO_LABEL in t for _, t in after)
    assert DEMO_NOTICE in [t for _, t in paragraphs]


def test_a_real_report_without_demo_figures_has_no_demo_notice(writable_demo: Engine) -> None:
    """Demo values removed, real GCC-S02 counts imported: no demo notice, the real source named."""
    with transaction(writable_demo) as db:
        demo_delivery = db.exec(select(Delivery).where(col(Delivery.is_demo))).one()
        assert demo_delivery.id is not None
        delete_delivery_values(db=db, delivery_id=demo_delivery.id)
        import_real(
            db,
            [
                ObservationRow("GCC-S02", m, y, 10.0 + i)
                for i, m in enumerate(MUNICIPALITIES)
                for y in range(2016, 2021)
            ],
            "gcc-s02.csv",
        )
        dialogue = create_dialogue(
            db=db, name="Ambtelijke dialoog 2021", session_date=date(2021, 3, 1), themes=["GCC"], actor=SYSTEM
        )
        assert dialogue.id is not None
        table = dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=1)[0]
        assert table.id is not None
        create_note(actor=SYSTEM, db=db, table_id=table.id, author="verslag", text="Over", indicator_code="GCC-S02")
        dialogue_id = dialogue.id
    with Session(writable_demo) as db:
        report = build_report(db=db, dialogue_id=dialogue_id)
    text = render_markdown(report)
    assert DEMO_NOTICE not in text
    sources = text.split("## Bronnen", 1)[1]
    assert REAL_MARK in sources
    assert REAL_SOURCE in sources
    assert DEMO_LABEL not in sources


def test_briefing_and_handout_mark_demo_figures_in_a_real_session(real_session: tuple[Engine, int]) -> None:
    engine, dialogue_id = real_session
    with Session(engine) as db:
        briefing = briefing_markdown(db=db, dialogue_id=dialogue_id, theme_code="GCC", actor=SYSTEM)
        handout = build_handout(db=db, dialogue_id=dialogue_id, theme_code="GCC")
    table = briefing.split("## Indicatoren", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| ") and "Stap" not in line]
    measured = [cells for cells in rows if len(cells) > 2 and cells[2] != "–"]
    assert measured
    assert all(DEMO_LABEL in cells[-1] or REAL_MARK in cells[-1] for cells in measured), measured
    assert "## Bronnen" in briefing
    assert handout.figures
    assert all(len(figure) == 4 for figure in handout.figures)
    assert all(figure[3] for figure in handout.figures)
    document = Document(io.BytesIO(render_handout_docx([handout])))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Bronnen" in headings
