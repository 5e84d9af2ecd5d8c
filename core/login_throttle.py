"""Throttling of password logins, per account and per client address, counted BEFORE the password is checked.

An attempt first reserves its place: the account's counter goes up in one conditional UPDATE, which also sets the
lock when the counter reaches FREE_ATTEMPTS, and which changes nothing while the account is locked. Concurrent
attempts queue on the row (PostgreSQL re-reads the row after the one before commits; SQLite's BEGIN IMMEDIATE takes
turns), so of 50 simultaneous wrong passwords exactly FREE_ATTEMPTS get a check and the rest find the lock. A
correct password afterwards resets the counter (`forget_failures`).

Per client address the same happens in this process's memory (`AddressThrottle`): it stops one client from trying
many accounts, and it keeps a storm from one address out of the hashing queue. An address is forgotten ADDRESS_WINDOW
after its last failure (once its lock is over). Client addresses are never stored in the database.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlmodel import Session

from core.db import table_of
from core.models import UserAccount

FREE_ATTEMPTS = 5
LOCK_BASE = timedelta(seconds=30)
LOCK_MAX = timedelta(minutes=15)
ADDRESS_FREE_ATTEMPTS = 20
ADDRESS_WINDOW = timedelta(minutes=15)
ADDRESSES_KEPT = 10_000  # the oldest quiet addresses are forgotten beyond this many


def lock_for(failures: int, free: int = FREE_ATTEMPTS) -> timedelta | None:
    """How long the `failures`-th failure locks: none before `free`, then doubling from LOCK_BASE to LOCK_MAX."""
    if failures < free:
        return None
    lock: timedelta = LOCK_BASE * (2 ** min(failures - free, 10))
    return min(lock, LOCK_MAX)


def reserve_account_attempt(*, db: Session, user_id: int, now: datetime) -> bool:
    """Count an attempt on the account before its password is checked; False while the account is locked.

    Run inside `write_transaction`: the row stays locked until the commit, so the lock set here (when this attempt
    is the FREE_ATTEMPTS-th or later) is what every concurrent attempt after it finds."""
    table = table_of(UserAccount)
    free = or_(table.c.locked_until.is_(None), table.c.locked_until <= now)
    counted = db.execute(
        update(table)
        .where(and_(table.c.id == user_id, free))
        .values(failed_attempts=table.c.failed_attempts + 1)
        .returning(table.c.failed_attempts)
    ).first()
    if counted is None:
        return False
    lock = lock_for(int(counted[0]))
    if lock is not None:
        db.execute(update(table).where(table.c.id == user_id).values(locked_until=now + lock))
    return True


def forget_failures(*, db: Session, user_id: int, password_hash: str, now: datetime) -> bool:
    """After a correct password: reset the counter and the lock, note the login. False (and nothing changed) when
    the account was switched off or got another password while the password was being checked."""
    table = table_of(UserAccount)
    done = db.execute(
        update(table)
        .where(
            and_(
                table.c.id == user_id,
                table.c.active.is_(True),
                table.c.password_hash == password_hash,
            )
        )
        .values(failed_attempts=0, locked_until=None, last_login_at=now)
        .returning(table.c.id)
    ).first()
    return done is not None


@dataclass
class _Address:
    failures: int
    last_failure: datetime
    locked_until: datetime | None = None


class AddressThrottle:
    """Failures per client address in this process (thread-safe); see the module's description."""

    def __init__(
        self, *, free: int = ADDRESS_FREE_ATTEMPTS, window: timedelta = ADDRESS_WINDOW, kept: int = ADDRESSES_KEPT
    ) -> None:
        self._free, self._window, self._kept = free, window, kept
        self._lock = threading.Lock()
        self._addresses: OrderedDict[str, _Address] = OrderedDict()

    def reserve(self, address: str, now: datetime) -> bool:
        """Count an attempt from `address` before the password is checked; False while the address is locked."""
        with self._lock:
            self._forget_quiet(now)
            entry = self._addresses.get(address)
            if entry is not None and entry.locked_until is not None and entry.locked_until > now:
                return False
            if entry is None or now - entry.last_failure > self._window:
                entry = _Address(0, now)
            entry.failures += 1
            entry.last_failure = now
            lock = lock_for(entry.failures, self._free)
            entry.locked_until = now + lock if lock is not None else None
            self._addresses[address] = entry
            self._addresses.move_to_end(address)
            while len(self._addresses) > self._kept:
                self._addresses.popitem(last=False)
            return True

    def _forget_quiet(self, now: datetime) -> None:
        """Drop the addresses without a failure for ADDRESS_WINDOW and without a lock (the oldest come first)."""
        while self._addresses:
            oldest = next(iter(self._addresses.values()))
            if now - oldest.last_failure <= self._window or (oldest.locked_until and oldest.locked_until > now):
                return
            self._addresses.popitem(last=False)

    def refund(self, address: str) -> None:
        """A correct password: the attempt it reserved was no failure."""
        with self._lock:
            entry = self._addresses.get(address)
            if entry is None:
                return
            entry.failures = max(0, entry.failures - 1)
            if entry.failures == 0 and entry.locked_until is None:
                del self._addresses[address]  # only addresses with failures are kept

    def known(self) -> list[str]:
        """The addresses kept now (oldest failure first)."""
        with self._lock:
            return list(self._addresses)

    def failures(self, address: str) -> int:
        with self._lock:
            entry = self._addresses.get(address)
            return entry.failures if entry is not None else 0


ADDRESSES = AddressThrottle()
