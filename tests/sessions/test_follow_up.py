"""Follow-up across editions: earlier notes and actions, their jaarplan status and the trend since."""

from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.access import SYSTEM
from core.db import transaction
from sessions.dialogue import create_dialogue
from sessions.follow_up import earlier_outcomes, trend_since
from sessions.jaarplan import decide
from sessions.models import Action, DialogueSession
from sessions.printables import briefing_markdown

PREVENTION = "Buurtpreventie uitbreiden in Tholen en Steenbergen (fictieve demodata)"


def test_follow_up_only_shows_earlier_sessions_with_the_trend_since(writable_demo: Engine) -> None:
    with Session(writable_demo) as db:
        dialogue = db.get(DialogueSession, 1)
        assert dialogue is not None
        same_day = earlier_outcomes(
            db=db, indicator_codes=["VB-S03"], district_code="DIS-MARKIEZATEN", before=dialogue.session_date
        )
        later = earlier_outcomes(
            db=db,
            indicator_codes=["VB-S03", "AV-C01"],
            district_code="DIS-MARKIEZATEN",
            before=date(2023, 3, 1),
        )
    assert same_day.empty
    assert set(later["indicator"]) == {"VB-S03"}
    assert set(later["sessie"]) == {dialogue.name}
    assert set(later["sinds"]) == {"nog geen nieuwere cijfers dan 2020 (fictieve demodata)"}  # VB-S03 is demo


def test_trend_since_compares_the_discussed_value_with_the_newest() -> None:
    by_year = pd.Series([100.0, 110.0, 121.0], index=[2019, 2020, 2022])
    assert trend_since("aantal", by_year, 2020) == "2020: 110 → 2022: 121 (+10,0%)"
    assert trend_since("per_capita", by_year, 2019) == "2019: 100,0 → 2022: 121,0 (+21,0%)"
    assert trend_since("aantal", by_year, 2015) == "geen cijfers van toen"
    assert trend_since("aantal", pd.Series(dtype=float), 2020) == "geen cijfers"
    # either value from demo values: the trend says so
    assert trend_since("aantal", by_year, 2020, {2020}) == "2020: 110 → 2022: 121 (+10,0%) (fictieve demodata)"
    assert trend_since("aantal", by_year, 2020, {2019}) == "2020: 110 → 2022: 121 (+10,0%)"


def test_next_editions_briefing_shows_what_came_of_last_years_actions(writable_demo: Engine) -> None:
    with transaction(writable_demo) as db:
        action = db.exec(select(Action).where(Action.title == PREVENTION)).one()
        assert action.id is not None
        decide(
            actor=SYSTEM,
            db=db,
            action_id=action.id,
            municipality_code="GM0716",
            decision="overgenomen",
            plan_reference="Jaarplan 2021, § 3.2",
            progress="afgerond",
        )
        later = create_dialogue(
            actor=SYSTEM, db=db, name="Dialoogsessie 2021", session_date=date(2021, 3, 11), edition=2021
        )
        assert later.id is not None
        later_id = later.id
    with Session(writable_demo) as db:
        briefing = briefing_markdown(actor=SYSTEM, db=db, dialogue_id=later_id, theme_code="VB")
        first = briefing_markdown(actor=SYSTEM, db=db, dialogue_id=1, theme_code="VB")
    assert "## Eerder besproken" in briefing
    assert PREVENTION in briefing
    assert "Tholen: overgenomen (Jaarplan 2021, § 3.2), afgerond" in briefing
    assert "## Eerder besproken" not in first  # the first edition has no earlier sessions
