"""Logging in with a password: counted per account and per address before the password is checked, holding under
concurrency on both databases, one answer for every refusal, and no database connection held while hashing."""

import statistics
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from core.access import SYSTEM, Role
from core.accounts import LoginRefused, create_user, update_user, user_for_token
from core.db import transaction
from core.login import LOGIN_REFUSED, Login, log_in
from core.login_throttle import FREE_ATTEMPTS, AddressThrottle
from core.models import UserAccount

PASSWORD = "een-lang-wachtwoord"


def _account(engine: Engine, name: str = "anna", roles: tuple[str, ...] = (Role.POLICY,)) -> int:
    with transaction(engine) as db:
        user = create_user(
            db=db, actor=SYSTEM, username=name, display_name=name.title(), password=PASSWORD, roles=list(roles)
        )
        assert user.id is not None
        return user.id


def _stored(engine: Engine, name: str = "anna") -> UserAccount:
    with transaction(engine) as db:
        return db.exec(select(UserAccount).where(UserAccount.username == name)).one()


def _address() -> str:
    """A client address of its own, so one test's failures do not count against another's."""
    return f"test-{uuid.uuid4().hex[:12]}"


def _refusal(attempt: Callable[[], Login]) -> str:
    with pytest.raises(LoginRefused) as refused:
        attempt()
    return str(refused.value)


def test_the_right_password_logs_in_and_resets_the_count(engine: Engine) -> None:
    user_id = _account(engine)
    addresses = AddressThrottle()
    client = _address()
    assert _refusal(lambda: log_in(engine=engine, username="anna", password="fout-wachtwoord", client=client))
    assert _stored(engine).failed_attempts == 1
    login = log_in(engine=engine, username=" ANNA ", password=PASSWORD, client=client, addresses=addresses)
    assert (login.user_id, login.username) == (user_id, "anna")
    with transaction(engine) as db:
        assert user_for_token(db=db, token=login.token) is not None
    stored = _stored(engine)
    assert (stored.failed_attempts, stored.locked_until) == (0, None)
    assert stored.last_login_at is not None


def test_fifty_concurrent_wrong_passwords_lock_the_account(engine: Engine) -> None:
    """The attack that got through: every attempt was checked and the count ended at 1, unlocked. Now exactly
    FREE_ATTEMPTS get a check, the account is locked, and the right password sent after them is refused."""
    _account(engine)
    addresses = AddressThrottle()  # every attempt from its own address: the account's own count must hold

    def wrong(number: int) -> str:
        return _refusal(
            lambda: log_in(
                engine=engine,
                username="anna",
                password=f"fout-wachtwoord-{number}",
                client=f"10.0.{number // 250}.{number % 250}",
                addresses=addresses,
            )
        )

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(wrong, range(50)))
    print(f"50 concurrent wrong passwords ({engine.dialect.name}): {time.monotonic() - started:.1f} s")
    assert set(answers) == {LOGIN_REFUSED}
    stored = _stored(engine)
    assert stored.failed_attempts == FREE_ATTEMPTS  # the others found the lock before any check
    assert stored.locked_until is not None
    assert stored.locked_until.replace(tzinfo=UTC) > datetime.now(UTC)
    refused = _refusal(lambda: log_in(engine=engine, username="anna", password=PASSWORD, client="10.9.9.9"))
    assert refused == LOGIN_REFUSED


def test_failed_logins_lock_the_account_for_a_growing_time(engine: Engine) -> None:
    _account(engine)
    client = _address()
    now = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)

    def attempt(password: str, moment: datetime) -> Login:
        return log_in(engine=engine, username="anna", password=password, client=client, now=moment)

    for _ in range(FREE_ATTEMPTS):
        _refusal(lambda: attempt("fout-wachtwoord", now))
    _refusal(lambda: attempt(PASSWORD, now + timedelta(seconds=10)))  # even the right password, while locked
    assert attempt(PASSWORD, now + timedelta(seconds=31))
    later = now + timedelta(minutes=1)
    for _ in range(FREE_ATTEMPTS):  # counting restarted after the good login
        _refusal(lambda: attempt("fout-wachtwoord", later))
    _refusal(lambda: attempt("fout-wachtwoord", later + timedelta(seconds=31)))  # one more: locked for 60 s
    _refusal(lambda: attempt(PASSWORD, later + timedelta(seconds=80)))
    assert attempt(PASSWORD, later + timedelta(seconds=92))


def test_one_address_is_stopped_after_its_free_attempts_even_concurrently(engine: Engine) -> None:
    _account(engine)
    addresses = AddressThrottle(free=3)
    client = _address()

    def unknown(number: int) -> str:
        return _refusal(
            lambda: log_in(
                engine=engine, username=f"naam{number}", password=PASSWORD, client=client, addresses=addresses
            )
        )

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(unknown, range(20)))
    assert set(answers) == {LOGIN_REFUSED}
    assert addresses.failures(client) == 3  # the others found the address locked before any check
    # the address is locked, whatever account it tries; another address is not
    assert _refusal(
        lambda: log_in(engine=engine, username="anna", password=PASSWORD, client=client, addresses=addresses)
    )
    assert log_in(engine=engine, username="anna", password=PASSWORD, client=_address(), addresses=addresses)
    assert _stored(engine).failed_attempts == 0  # the account itself was never tried from the locked address


def test_a_right_password_takes_back_its_place_in_the_address_count(engine: Engine) -> None:
    _account(engine)
    addresses = AddressThrottle(free=3)
    client = _address()
    for _ in range(4):
        assert log_in(engine=engine, username="anna", password=PASSWORD, client=client, addresses=addresses)
    assert addresses.failures(client) == 0


def test_every_refusal_has_the_same_answer_and_about_the_same_time(engine: Engine) -> None:
    """Unknown, wrong, locked and switched off: neither the text nor the time tells them apart."""
    _account(engine, "anna")
    _account(engine, "bert")
    off = _account(engine, "carla")
    with transaction(engine) as db:
        update_user(db=db, actor=SYSTEM, user_id=off, active=False)
    for _ in range(FREE_ATTEMPTS):
        _refusal(lambda: log_in(engine=engine, username="bert", password="fout-wachtwoord", client=_address()))

    def timed(username: str, password: str) -> tuple[str, float]:
        started = time.perf_counter()
        answer = _refusal(lambda: log_in(engine=engine, username=username, password=password, client=_address()))
        return answer, time.perf_counter() - started

    cases = {
        "onbekend": ("niemand", PASSWORD),
        "verkeerd": ("anna", "fout-wachtwoord"),
        "geblokkeerd": ("bert", PASSWORD),
        "uitgeschakeld": ("carla", PASSWORD),
        "ongeldige naam": ("an\x00na", PASSWORD),
    }
    answers: dict[str, str] = {}
    times: dict[str, list[float]] = {case: [] for case in cases}
    for _ in range(3):
        for case, (username, password) in cases.items():
            answers[case], seconds = timed(username, password)
            times[case].append(seconds)
    assert set(answers.values()) == {LOGIN_REFUSED}
    typical = {case: statistics.median(seconds) for case, seconds in times.items()}
    print({case: round(seconds, 3) for case, seconds in typical.items()})
    assert max(typical.values()) < 4 * min(typical.values()), typical  # before: locked and off answered at once


def test_no_connection_is_held_while_a_login_storm_is_checked(engine: Engine) -> None:
    """40 logins at once held a connection each during the hash, and another user's query waited 6 s for one."""
    _account(engine)
    addresses = AddressThrottle()
    storm_over = threading.Event()
    waits: list[float] = []

    def other_user() -> None:
        while not storm_over.is_set():
            started = time.perf_counter()
            with transaction(engine) as db:
                db.exec(select(UserAccount.id)).all()
            waits.append(time.perf_counter() - started)
            storm_over.wait(0.05)

    def storm(number: int) -> None:
        with pytest.raises(LoginRefused):
            log_in(
                engine=engine,
                username="anna",
                password=f"fout-{number}",
                client=f"10.1.0.{number}",
                addresses=addresses,
            )

    watcher = threading.Thread(target=other_user)
    watcher.start()
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=40) as pool:
            list(pool.map(storm, range(40)))
    finally:
        storm_over.set()
        watcher.join()
    print(
        f"login storm ({engine.dialect.name}): {time.monotonic() - started:.1f} s, other user's query "
        f"median {statistics.median(waits) * 1000:.0f} ms, max {max(waits) * 1000:.0f} ms over {len(waits)} queries"
    )
    assert len(waits) >= 5
    assert max(waits) < 2.0


def test_an_address_is_kept_only_while_its_failures_count() -> None:
    addresses = AddressThrottle(free=3)
    now = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    assert addresses.reserve("10.0.0.1", now)
    addresses.refund("10.0.0.1")  # a login that succeeded leaves nothing behind
    assert addresses.reserve("10.0.0.2", now)  # a failure is kept for a quarter of an hour
    assert addresses.failures("10.0.0.2") == 1
    assert addresses.known() == ["10.0.0.2"]
    assert addresses.reserve("10.0.0.3", now + timedelta(minutes=16))
    assert addresses.known() == ["10.0.0.3"]
