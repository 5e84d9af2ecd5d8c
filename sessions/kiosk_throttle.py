"""Throttling at the kiosk: how many wrong codes a browser, an address and a whole session may try, and how often
one personal code may be used, per window of time.

The counts live in the database (`kiosk_throttle`), so every app process behind a load balancer shares them. A
count is one `INSERT … ON CONFLICT DO UPDATE … RETURNING` per key (SQLite and PostgreSQL alike): atomic, so
simultaneous attempts are all counted. A window starts with the first attempt and lasts `Limit.window`; when it
has run out the next attempt starts a new one. Keys are SHA-256 digests: no address or code is stored.

Counting happens in the caller's transaction, so a refusal must be caught inside it for the count to be kept
(as `core.accounts.authenticate`'s failed attempts): the kiosk page does.

The limits (see `kiosk_codes` for what they mean for guessing):

| what | counts | allowed per window |
|---|---|---|
| `BROWSER` | wrong session or personal codes from one browser (kiosk page session) | 10 per 10 minutes |
| `ADDRESS` | wrong codes from one client address (behind a reverse proxy: the proxy's) | 30 per 10 minutes |
| `SESSION` | wrong personal codes for one dialogue session, from anywhere | 300 per 10 minutes |
| `CODE` | uses (look-ups and choices) of one valid personal code | 30 per 10 minutes |
"""

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from core.access import PermissionDenied
from core.db import table_of
from sessions.models import KioskThrottle

FORGET_AFTER = timedelta(days=1)  # counts older than this are deleted when a new wrong code is counted


@dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    window: timedelta
    refusal: str  # the Dutch message; {seconds} is filled in

    def message(self, seconds: int) -> str:
        return self.refusal.format(seconds=seconds)


BROWSER = Limit(
    "browser",
    10,
    timedelta(minutes=10),
    "Te veel verkeerde codes op dit apparaat. Probeer het over {seconds} seconden opnieuw, of vraag de organisatie.",
)
ADDRESS = Limit(
    "address",
    30,
    timedelta(minutes=10),
    "Te veel verkeerde codes vanaf dit netwerk. Probeer het over {seconds} seconden opnieuw, of vraag de organisatie.",
)
SESSION = Limit(
    "session",
    300,
    timedelta(minutes=10),
    "Er zijn bij deze sessie net te veel verkeerde codes ingevuld. Probeer het over {seconds} seconden opnieuw, of "
    "vraag de organisatie.",
)
CODE = Limit(
    "code",
    30,
    timedelta(minutes=10),
    "Met deze code is het de laatste minuten te vaak geprobeerd. Probeer het over {seconds} seconden opnieuw, of "
    "vraag de organisatie.",
)


@dataclass(frozen=True)
class KioskClient:
    """Who is at the kiosk: one browser session (the kiosk page gives each a random id) and, when known, the client
    address (None on the machine itself)."""

    browser: str
    address: str | None = None

    def counters(self) -> list[tuple[Limit, str]]:
        return [(BROWSER, self.browser)] + ([(ADDRESS, self.address)] if self.address else [])


class TooManyAttempts(PermissionDenied):
    """Too many attempts in the current window: try again after `seconds`."""

    def __init__(self, limit: Limit, seconds: int) -> None:
        super().__init__(limit.message(seconds))
        self.limit = limit
        self.seconds = seconds


Counter = tuple[Limit, str]


def _key(limit: Limit, value: str) -> str:
    return hashlib.sha256(f"{limit.name}:{value}".encode()).hexdigest()


def refuse_when_exceeded(*, db: Session, counters: Sequence[Counter], now: datetime) -> None:
    """Raise TooManyAttempts when any counter has used up its window (naming the longest wait)."""
    keys = {_key(limit, value): limit for limit, value in counters}
    rows = db.exec(select(KioskThrottle).where(col(KioskThrottle.key).in_(list(keys)))).all()
    waits = []
    for row in rows:
        limit = keys[row.key]
        ends = row.window_started_at + limit.window
        if row.attempts >= limit.attempts and ends > now:
            waits.append((math.ceil((ends - now).total_seconds()), limit))
    if waits:
        seconds, limit = max(waits, key=lambda wait: wait[0])
        raise TooManyAttempts(limit, seconds)


def count(*, db: Session, counters: Sequence[Counter], now: datetime) -> list[int]:
    """Count one attempt on every counter, in the order given (the same order everywhere, so simultaneous
    attempts queue instead of deadlocking); returns the attempts of each one's current window."""
    table = table_of(KioskThrottle)
    insert = postgresql_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    counts = []
    for limit, value in counters:
        stale = table.c.window_started_at <= now - limit.window
        first = insert(table).values(key=_key(limit, value), window_started_at=now, attempts=1)
        statement = first.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "attempts": case((stale, 1), else_=table.c.attempts + 1),
                "window_started_at": case((stale, now), else_=table.c.window_started_at),
            },
        ).returning(table.c.attempts)
        counts.append(int(db.execute(statement).scalar_one()))
    return counts


def current_attempts(*, db: Session, limit: Limit, value: str, now: datetime) -> int:
    """The attempts counted for `value` in its current window (0 when its window has run out)."""
    row = db.get(KioskThrottle, _key(limit, value))
    if row is None or row.window_started_at + limit.window <= now:
        return 0
    return row.attempts


def forget_old(*, db: Session, now: datetime) -> None:
    """Delete counts whose window ended long ago (the table stays small)."""
    db.execute(delete(KioskThrottle).where(col(KioskThrottle.window_started_at) < now - FORGET_AFTER))
