"""When the database fails: recognise the failure, say it in Dutch, and retry what can be retried.

A dropped connection (PostgreSQL restarted, network blip) is retried with a short back-off: the unit of work is
run again from the start, so nothing is half-written and nothing typed is lost. A read-only or full database is
not retried; the user gets a clear message and the data already stored stays intact (each unit of work is one
transaction).
"""

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from core.db import transaction
from core.errors import UserError

T = TypeVar("T")
RETRY_DELAYS_S = (0.2, 0.5, 1.0, 2.0, 3.0)  # about 7 s in all: long enough for a PostgreSQL restart

READ_ONLY = ("readonly database", "read-only transaction", "read only", "readonly")
FULL = ("database or disk is full", "no space left on device", "disk full", "could not extend file")
UNREACHABLE = (
    "connection refused",
    "terminating connection",
    "server closed the connection",
    "connection is closed",
    "could not connect",
    "connection reset",
    "unable to open database file",
    "the database system is",
    "ssl connection has been closed",
    "consuming input failed",
    "connection has been closed",
)


class DatabaseUnavailable(UserError):
    """The database cannot do this now; the message (Dutch) says why and what happens next."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def database_problem(error: BaseException) -> DatabaseUnavailable | None:
    """The Dutch explanation of a database failure, or None when it is not one of the known kinds."""
    if not isinstance(error, DBAPIError):
        return None
    text = str(error.orig if error.orig is not None else error).lower()
    if any(marker in text for marker in FULL):
        return DatabaseUnavailable(
            "De database is vol (geen schijfruimte meer). Er is niets half opgeslagen; vraag "
            "de beheerder ruimte te maken en probeer het dan opnieuw.",
            retryable=False,
        )
    if any(marker in text for marker in READ_ONLY):
        return DatabaseUnavailable(
            "De database is alleen-lezen: er kan nu niets worden opgeslagen. Wat er al stond "
            "is veilig; vraag de beheerder de database weer schrijfbaar te maken.",
            retryable=False,
        )
    if error.connection_invalidated or (isinstance(error, OperationalError) and any(m in text for m in UNREACHABLE)):
        return DatabaseUnavailable(
            "De database is even niet bereikbaar. Er wordt automatisch opnieuw geprobeerd; wat u typte blijft bewaard.",
            retryable=True,
        )
    return None


def run_with_retry(
    engine: Engine,
    work: Callable[[Session], T],
    *,
    immediate: bool = False,
    delays: tuple[float, ...] = RETRY_DELAYS_S,
) -> T:
    """Run `work` in one transaction; when the connection drops, run it again (from the start) after a short
    wait. Raises DatabaseUnavailable (Dutch) when the database stays away or cannot write."""
    for attempt in range(len(delays) + 1):
        try:
            with transaction(engine, immediate=immediate) as db:
                return work(db)
        except DBAPIError as error:
            problem = database_problem(error)
            if problem is None:
                raise
            if not problem.retryable or attempt == len(delays):
                raise problem from error
            engine.dispose()  # drop every pooled connection: after a restart they are all dead
            time.sleep(delays[attempt])
    raise AssertionError("unreachable")
