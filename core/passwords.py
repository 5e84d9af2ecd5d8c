"""Password hashes (Argon2id), checked a few at a time.

One check costs about 64 MiB of memory and a good part of a second on a busy core, so a login storm would starve
everyone else: `verify` lets at most HASHING_SLOTS checks run at once in this process, and the others wait their
turn (holding no database connection; the login code hashes outside its transactions). An answer that needs no
check (a lock) waits about as long as a check takes (`pause_like_a_check`), so the time of an answer does not say
whether the account exists, is locked or is switched off.
"""

import os
import threading
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_PASSWORD_LENGTH = 10
HASHING_SLOTS = max(1, (os.cpu_count() or 2) // 2)
_HASHER = PasswordHasher()  # Argon2id, the library's current recommended parameters
_SLOTS = threading.BoundedSemaphore(HASHING_SLOTS)
_DUMMY = "geen-account-dummy-wachtwoord"


class _Timing:
    """How long a check has taken lately (a moving average), measured on the first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._dummy_hash: str | None = None
        self._seconds = 0.0

    def dummy_hash(self) -> str:
        with self._lock:
            if self._dummy_hash is None:
                started = time.perf_counter()
                self._dummy_hash = _HASHER.hash(_DUMMY)
                self._seconds = time.perf_counter() - started
            return self._dummy_hash

    def seen(self, seconds: float) -> None:
        with self._lock:
            self._seconds = seconds if self._seconds == 0 else 0.8 * self._seconds + 0.2 * seconds

    def typical(self) -> float:
        self.dummy_hash()
        with self._lock:
            return self._seconds


_TIMING = _Timing()


def hash_password(password: str) -> str:
    """The stored form of a new password (the caller has checked its length)."""
    return _HASHER.hash(password)


def needs_rehash(password_hash: str) -> bool:
    return _HASHER.check_needs_rehash(password_hash)


def verify(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; without a hash a dummy is checked (same cost) and the answer is False."""
    with _SLOTS:
        started = time.perf_counter()
        try:
            return bool(_HASHER.verify(password_hash or _TIMING.dummy_hash(), password)) and password_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        finally:
            _TIMING.seen(time.perf_counter() - started)


def pause_like_a_check() -> None:
    """Wait as long as a check takes, without spending the processor or a hashing slot on it."""
    time.sleep(_TIMING.typical())
