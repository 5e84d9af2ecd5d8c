"""Control characters never reach the database: one check on every statement's parameters.

A NUL byte in a login name, a kiosk code in the address bar or a cell of an uploaded file made PostgreSQL fail with
a raw driver error (SQLite stored it silently). Input arrives through many doors (text fields, URL parameters,
files, the command line), so besides the checks at the doors (`has_control_characters` for files and fields), the
engine refuses any statement whose text parameters hold a control character other than tab, newline and carriage
return, with a Dutch message, before the driver sees it. Both databases then behave the same.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from core.errors import UserError

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ControlCharacters(UserError):
    """Text with an invisible control character (such as NUL) that cannot be stored."""

    def __init__(self) -> None:
        super().__init__(
            "De invoer bevat een onzichtbaar stuurteken (zoals NUL) dat niet kan worden opgeslagen. Typ de tekst "
            "opnieuw of kopieer hem zonder opmaak."
        )


def has_control_characters(text: str) -> bool:
    return CONTROL.search(text) is not None


def _strings(parameters: Any) -> Iterable[str]:
    if isinstance(parameters, str):
        yield parameters
    elif isinstance(parameters, Mapping):
        for value in parameters.values():
            yield from _strings(value)
    elif isinstance(parameters, list | tuple):
        for value in parameters:
            yield from _strings(value)


def _refuse_control_characters(
    conn: object, cursor: object, statement: str, parameters: Any, context: object, executemany: bool
) -> None:
    if any(CONTROL.search(text) for text in _strings(parameters)):
        raise ControlCharacters


def guard_engine(engine: Engine) -> None:
    """Check every statement's text parameters on this engine."""
    event.listen(engine, "before_cursor_execute", _refuse_control_characters)
