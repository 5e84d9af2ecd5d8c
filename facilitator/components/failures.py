"""What a person sees when something fails: a Dutch message, never a traceback, file path or SQL.

A refusal (`UserError`) shows its own message. A database that is away shows what `database_problem` says. Anything
else is a bug: the page says so with a short incident code, and the full detail goes to the server log under that
code, so the administrator can find it. Pages are covered by `app.py`; a fragment (which reruns on its own) is
covered by decorating it with `guarded`, below `st.fragment`.
"""

import functools
import logging
import secrets
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st
from sqlalchemy.exc import DBAPIError

from core.db_faults import DatabaseUnavailable, database_problem
from core.errors import UserError

LOGGER = logging.getLogger("veiligheidsdialoog")
P = ParamSpec("P")


def describe_failure(error: Exception) -> str:
    """The Dutch message for an error of any kind; the detail of a bug goes to the log under an incident code."""
    if isinstance(error, UserError):
        return str(error)
    problem = error if isinstance(error, DatabaseUnavailable) else None
    if isinstance(error, DBAPIError):
        problem = database_problem(error)
    if problem is not None:
        return str(problem)
    incident = secrets.token_hex(3).upper()
    LOGGER.error("Onverwachte fout %s", incident, exc_info=error)
    return (
        f"Er ging iets mis op deze pagina (foutcode {incident}). Probeer het opnieuw; gaat het weer mis, geef de "
        "foutcode dan door aan de beheerder."
    )


def show_failure(error: Exception) -> None:
    """Show `describe_failure` as an error on the page."""
    st.error(describe_failure(error), icon=":material/error:")


def guarded(render: Callable[P, None]) -> Callable[P, None]:
    """Run a fragment's body so that a failure shows as a Dutch message inside the fragment."""

    @functools.wraps(render)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            render(*args, **kwargs)
        except Exception as error:
            show_failure(error)

    return run
