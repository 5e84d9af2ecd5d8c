"""Jaarplan decisions per municipality and the follow-up of an indicator across editions."""

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.access import SYSTEM
from core.db import transaction
from sessions.follow_up import earlier_outcomes
from sessions.jaarplan import JaarplanError, action_statuses, actions_for_municipality, decide


def test_municipality_sees_its_own_and_district_wide_actions(writable_demo: Engine) -> None:
    with Session(writable_demo) as db:
        tholen = actions_for_municipality(actor=SYSTEM, db=db, municipality_code="GM0716")
        roosendaal = actions_for_municipality(actor=SYSTEM, db=db, municipality_code="GM1674")
    assert "Buurtpreventie uitbreiden in Tholen en Steenbergen (fictieve demodata)" in set(tholen["actie"])
    assert "Buurtpreventie uitbreiden in Tholen en Steenbergen (fictieve demodata)" not in set(roosendaal["actie"])
    assert set(tholen["besluit"]) == {"open"}


def test_decisions_are_recorded_and_shown_in_the_follow_up(writable_demo: Engine) -> None:
    with Session(writable_demo) as db:
        actions = actions_for_municipality(actor=SYSTEM, db=db, municipality_code="GM0716").set_index("actie")
        action_id = int(
            actions.loc["Buurtpreventie uitbreiden in Tholen en Steenbergen (fictieve demodata)", "action_id"]
        )
    with transaction(writable_demo) as db:
        with pytest.raises(JaarplanError, match="reden"):
            decide(
                actor=SYSTEM,
                db=db,
                action_id=action_id,
                municipality_code="GM0716",
                decision="niet_overgenomen",
            )
        with pytest.raises(JaarplanError, match="niet aan"):
            decide(actor=SYSTEM, db=db, action_id=action_id, municipality_code="GM1674", decision="overgenomen")
        decide(
            actor=SYSTEM,
            db=db,
            action_id=action_id,
            municipality_code="GM0716",
            decision="overgenomen",
            plan_reference="Jaarplan 2021, §3.2",
            progress="loopt",
        )
        decide(
            actor=SYSTEM,
            db=db,
            action_id=action_id,
            municipality_code="GM0716",
            decision="aangepast",
            plan_reference="Jaarplan 2021, §3.2",
            progress="loopt",
        )
    with Session(writable_demo) as db:
        tholen = actions_for_municipality(actor=SYSTEM, db=db, municipality_code="GM0716").set_index("action_id")
        assert tholen.loc[action_id, "besluit"] == "aangepast"
        history = earlier_outcomes(db=db, indicator_codes=["VB-S03"], district_code="DIS-MARKIEZATEN")
        assert action_statuses(db=db, action_ids=[action_id]) == {
            action_id: "Tholen: aangepast overgenomen (Jaarplan 2021, §3.2), loopt"
        }
    action_rows = history[history["soort"] == "Actie"]
    assert "Tholen: aangepast overgenomen (Jaarplan 2021, §3.2), loopt" in set(action_rows["jaarplan"])
    assert "Woninginbraken zijn gedaald waar buurtpreventie actief is. (fictieve demodata)" in set(history["tekst"])
