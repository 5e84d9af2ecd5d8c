"""Control characters never reach either database: the same Dutch refusal on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.text_guard import ControlCharacters, has_control_characters
from indicators.models import Area


@pytest.mark.parametrize("value", ["GM\x000748", "naam\x07", "\x1b[31m", "\x7f"])
def test_a_control_character_in_a_parameter_is_refused_before_the_driver_sees_it(engine: Engine, value: str) -> None:
    with Session(engine) as db:
        with pytest.raises(ControlCharacters, match="onzichtbaar stuurteken"):
            db.exec(select(Area).where(Area.code == value)).all()
        with pytest.raises(ControlCharacters):
            db.execute(text("SELECT :a"), [{"a": "ok"}, {"a": value}])


def test_tabs_newlines_and_any_printable_text_pass(engine: Engine) -> None:
    with engine.connect() as connection:
        shown = connection.execute(text("SELECT :a"), {"a": "regel 1\r\n\tregel 2 – ’s-Hertogenbosch ✓"}).scalar()
    assert shown == "regel 1\r\n\tregel 2 – ’s-Hertogenbosch ✓"
    assert not has_control_characters("tab\tnieuwe regel\n")
    assert has_control_characters("nul\x00")
