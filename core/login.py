"""Logging in with a name and a password, in three steps that each hold the database only briefly:

1. count the attempt (`core.login_throttle`): per client address in memory, then per account in one conditional
   UPDATE, in a short write transaction; a locked address or account stops here;
2. check the password (`core.passwords.verify`, a few at a time per process), holding no database connection;
3. on success, in a second short transaction: reset the account's counter (only if the account is still active and
   has the same password) and start a login token.

Every refusal has the same text and about the same duration, whatever the reason: an unknown name, a wrong
password, a locked or switched-off account, or a demo account after a real administrator exists (a dummy hash is
checked for names without a usable account; a lock waits as long as a check takes). So neither the answer nor its
timing tells whether an account exists. This function takes the engine, not a session, because it must not hold a
transaction while the password is checked.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import update
from sqlalchemy.engine import Engine

from core.accounts import LoginRefused, account_named, start_login
from core.db import table_of, write_transaction
from core.demo_logins import may_log_in
from core.login_throttle import ADDRESSES, AddressThrottle, forget_failures, reserve_account_attempt
from core.models import UserAccount
from core.passwords import hash_password, needs_rehash, pause_like_a_check, verify

LOGIN_REFUSED = (
    "Inloggen lukt niet: onbekende gebruikersnaam of verkeerd wachtwoord, of het account is (tijdelijk) "
    "geblokkeerd. Probeer het later opnieuw of vraag de beheerder."
)
UNKNOWN_ADDRESS = "onbekend"  # one counter for every client whose address the app does not know


class _Locked(Enum):
    LOCKED = "locked"


@dataclass(frozen=True)
class Login:
    """A successful login: the account and the token to keep in the browser's cookie."""

    user_id: int
    username: str
    token: str


@dataclass(frozen=True)
class _Candidate:
    user_id: int
    password_hash: str


def _count_attempt(engine: Engine, username: str, moment: datetime) -> _Candidate | _Locked | None:
    """Step 1 for the account: None when no usable account has this name (not counted), LOCKED when it is locked."""
    with write_transaction(engine) as db:
        user = account_named(db=db, username=username)
        if user is None or user.id is None or user.password_hash is None or not may_log_in(db=db, user=user):
            return None
        if not reserve_account_attempt(db=db, user_id=user.id, now=moment):
            return _Locked.LOCKED
        return _Candidate(user.id, user.password_hash)


def _finish(engine: Engine, candidate: _Candidate, password: str, moment: datetime) -> Login | None:
    """Step 3: reset the counter and start a login, unless the account changed while its password was checked."""
    with write_transaction(engine) as db:
        user = db.get(UserAccount, candidate.user_id)
        if user is None or not may_log_in(db=db, user=user):
            return None
        if not forget_failures(db=db, user_id=candidate.user_id, password_hash=candidate.password_hash, now=moment):
            return None
        if needs_rehash(candidate.password_hash):
            db.execute(
                update(table_of(UserAccount))
                .where(table_of(UserAccount).c.id == candidate.user_id)
                .values(password_hash=hash_password(password))
            )
        return Login(candidate.user_id, user.username, start_login(db=db, user=user, now=moment))


def log_in(
    *,
    engine: Engine,
    username: str,
    password: str,
    client: str | None,
    now: datetime | None = None,
    addresses: AddressThrottle = ADDRESSES,
) -> Login:
    """The login of a correct name and password from `client` (an IP address; None when unknown); LoginRefused
    otherwise, always with LOGIN_REFUSED. See the module's description for the steps."""
    moment = now or datetime.now(UTC)
    address = client or UNKNOWN_ADDRESS
    if not addresses.reserve(address, moment):
        pause_like_a_check()
        raise LoginRefused(LOGIN_REFUSED)
    candidate = _count_attempt(engine, username, moment)
    if candidate is _Locked.LOCKED:
        pause_like_a_check()
        raise LoginRefused(LOGIN_REFUSED)
    # a name without a usable account has a dummy checked: the same cost, and never correct
    known = candidate if isinstance(candidate, _Candidate) else None
    correct = verify(known.password_hash if known else None, password)
    login = _finish(engine, known, password, moment) if correct and known else None
    if login is None:
        raise LoginRefused(LOGIN_REFUSED)
    addresses.refund(address)
    return login
