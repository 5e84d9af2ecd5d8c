"""The administrator's preferred source per indicator: who may choose, and which sources can be chosen."""

import pytest
from sqlmodel import Session

from core.access import SYSTEM, Actor, PermissionDenied, Role
from indicators.catalogue import get_indicator
from indicators.observations import ObservationRow as Row
from indicators.source_choice import SourceChoiceRefused, indicator_sources, set_preferred_source

from .builders import two_town_district, values


def test_only_stored_real_sources_can_be_chosen_and_none_goes_back_to_the_newest(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("AV-C01", "GM0748", 2022, 3120.0)], source="CBS test")
    values(db, [Row("AV-C01", "GM0748", 2022, 3109.0)], source="Politie test")
    values(db, [Row("AV-C01", "GM0716", 2019, 600.0)], source="demo", demo=True)
    assert indicator_sources(db=db, code="AV-C01") == ["CBS test", "Politie test"]
    with pytest.raises(SourceChoiceRefused, match="geen waarden uit de bron 'demo'"):
        set_preferred_source(db=db, actor=SYSTEM, code="AV-C01", source="demo")
    set_preferred_source(db=db, actor=SYSTEM, code="AV-C01", source="Politie test")
    indicator = get_indicator(db=db, code="AV-C01")
    assert indicator is not None
    assert indicator.preferred_source == "Politie test"
    set_preferred_source(db=db, actor=SYSTEM, code="AV-C01", source=None)
    assert indicator.preferred_source is None


def test_a_moderator_may_not_choose_the_source(db: Session) -> None:
    two_town_district(db)
    values(db, [Row("AV-C01", "GM0748", 2022, 3120.0)], source="CBS test")
    moderator = Actor("gespreksleider", frozenset({Role.MODERATOR}))
    with pytest.raises(PermissionDenied):
        set_preferred_source(db=db, actor=moderator, code="AV-C01", source="CBS test")
