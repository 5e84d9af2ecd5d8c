"""Throttling at the kiosk (issue 16, part 4), on SQLite and PostgreSQL: wrong codes per browser, per address and per
session, uses of one personal code; counted in the database, atomically, and kept when the attempt is refused."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.access import SYSTEM
from core.db import transaction, write_transaction
from core.errors import UserError
from sessions.dialogue import create_dialogue, dialogue_tables, open_round
from sessions.kiosk import UNKNOWN_CODE, KioskView, kiosk_claim, kiosk_view
from sessions.kiosk_throttle import ADDRESS, BROWSER, CODE, SESSION, KioskClient, TooManyAttempts, current_attempts
from sessions.participants import add_participant
from sessions.privacy import pseudonymise_expired
from sessions.vocabulary import Rsvp

START = datetime(2026, 3, 12, 13, 0, tzinfo=UTC)


def _sessions(engine: Engine, count: int = 2) -> list[tuple[int, str, list[str], int]]:
    """Sessions with round 2 open and three people who accepted: id, kiosk code, personal codes, a round-2 table."""
    made = []
    with transaction(engine) as db:
        for number in range(count):
            dialogue = create_dialogue(
                actor=SYSTEM, db=db, name=f"Sessie {number}", session_date=date(2026, 3, 12), themes=["VB"]
            )
            assert dialogue.id is not None
            people = [
                add_participant(
                    actor=SYSTEM, db=db, dialogue_id=dialogue.id, name=f"P{i}", organisation="GGD", rsvp=Rsvp.ACCEPTED
                )
                for i in range(3)
            ]
            open_round(actor=SYSTEM, db=db, dialogue_id=dialogue.id, round_number=2)
            table = dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=2)[0]
            made.append((dialogue.id, dialogue.kiosk_code, [p.personal_code for p in people], table.id or 0))
    return made


def _as_the_page(engine: Engine, work: Callable[[Session], object]) -> object:
    """As the kiosk page calls the domain: one transaction, a refusal caught inside it (its counts are kept)."""
    with write_transaction(engine) as db:
        try:
            return work(db)
        except UserError as refused:
            return refused


def _look(engine: Engine, kiosk: str, code: str, client: KioskClient, now: datetime) -> object:
    return _as_the_page(
        engine, lambda db: kiosk_view(db=db, kiosk_code=kiosk, personal_code=code, client=client, now=now)
    )


def _wrong_code(number: int) -> str:
    return f"WR{number:06d}".replace("0", "A").replace("1", "B")  # 8 characters of the alphabet, never issued here


def test_a_browser_gets_ten_wrong_codes_then_waits_for_the_window_to_end(engine: Engine) -> None:
    (_, kiosk, codes, table_id), _ = _sessions(engine)
    phone = KioskClient("phone")
    for number in range(BROWSER.attempts):  # through the view and through the claim alike
        moment = START + timedelta(seconds=number)
        if number % 2:
            answer = _look(engine, kiosk, _wrong_code(number), phone, moment)
        else:
            answer = _as_the_page(
                engine,
                lambda db, n=number, m=moment: kiosk_claim(
                    db=db,
                    kiosk_code=kiosk,
                    personal_code=_wrong_code(n),
                    table_id=table_id,
                    shown_choice=None,
                    client=phone,
                    now=m,
                ),
            )
        assert str(answer) == UNKNOWN_CODE
    refused = _look(engine, kiosk, codes[0], phone, START + timedelta(minutes=1))  # even the right code now
    assert isinstance(refused, TooManyAttempts)
    assert refused.limit == BROWSER
    assert refused.seconds == 540  # the window began at START and lasts ten minutes
    assert "Te veel verkeerde codes op dit apparaat. Probeer het over 540 seconden opnieuw" in str(refused)
    assert isinstance(_look(engine, kiosk, codes[0], KioskClient("other phone"), START), KioskView)
    assert isinstance(_look(engine, kiosk, codes[0], phone, START + BROWSER.window), KioskView)


def test_an_address_is_counted_across_its_browsers(engine: Engine) -> None:
    (_, kiosk, codes, _), _ = _sessions(engine)
    for number in range(ADDRESS.attempts):  # three wrong codes each from ten browsers: none of them at its limit
        client = KioskClient(f"browser {number // 3}", "192.0.2.7")
        assert str(_look(engine, kiosk, _wrong_code(number), client, START)) == UNKNOWN_CODE
    refused = _look(engine, kiosk, codes[0], KioskClient("a fresh browser", "192.0.2.7"), START)
    assert isinstance(refused, TooManyAttempts)
    assert refused.limit == ADDRESS
    assert isinstance(_look(engine, kiosk, codes[0], KioskClient("elsewhere", "198.51.100.1"), START), KioskView)


def test_a_session_takes_so_many_wrong_codes_from_everywhere_together(engine: Engine) -> None:
    (_, kiosk, codes, _), (_, other_kiosk, other_codes, _) = _sessions(engine)
    for number in range(SESSION.attempts):  # every guess from another browser and another address
        client = KioskClient(f"browser {number}", f"203.0.113.{number % 250}/{number}")
        assert str(_look(engine, kiosk, _wrong_code(number), client, START)) == UNKNOWN_CODE
    refused = _look(engine, kiosk, codes[0], KioskClient("the real kiosk"), START + timedelta(seconds=1))
    assert isinstance(refused, TooManyAttempts)
    assert refused.limit == SESSION
    assert "bij deze sessie net te veel verkeerde codes" in str(refused)
    assert isinstance(_look(engine, other_kiosk, other_codes[0], KioskClient("the real kiosk"), START), KioskView)
    assert isinstance(_look(engine, kiosk, codes[0], KioskClient("the real kiosk"), START + SESSION.window), KioskView)


def test_one_personal_code_is_used_so_often_per_window(engine: Engine) -> None:
    (_, kiosk, codes, _), _ = _sessions(engine)
    for number in range(CODE.attempts):
        assert isinstance(_look(engine, kiosk, codes[0], KioskClient(f"phone {number}"), START), KioskView)
    refused = _look(engine, kiosk, codes[0], KioskClient("yet another phone"), START)
    assert isinstance(refused, TooManyAttempts)
    assert refused.limit == CODE
    assert isinstance(_look(engine, kiosk, codes[1], KioskClient("yet another phone"), START), KioskView)


def test_simultaneous_wrong_codes_are_all_counted(engine: Engine) -> None:
    """Twenty wrong codes from one browser at the same moment: every one that was answered is counted (no lost
    update), and the browser is stopped."""
    (_, kiosk, codes, _), _ = _sessions(engine)
    phone = KioskClient("phone", "192.0.2.9")
    start = threading.Barrier(20)

    def guess(number: int) -> object:
        start.wait()
        return _look(engine, kiosk, _wrong_code(number), phone, START)

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(guess, range(20)))
    answered = sum(str(a) == UNKNOWN_CODE for a in answers)
    assert answered + sum(isinstance(a, TooManyAttempts) for a in answers) == 20, answers
    assert answered >= BROWSER.attempts
    with Session(engine) as db:
        assert current_attempts(db=db, limit=BROWSER, value="phone", now=START) == answered
        assert current_attempts(db=db, limit=ADDRESS, value="192.0.2.9", now=START) == answered
    assert isinstance(_look(engine, kiosk, codes[0], phone, START), TooManyAttempts)


def test_the_hourly_privacy_job_forgets_counts_older_than_a_day(engine: Engine) -> None:
    (_, kiosk, _, _), _ = _sessions(engine)
    phone = KioskClient("phone", "192.0.2.10")
    assert str(_look(engine, kiosk, _wrong_code(1), phone, START)) == UNKNOWN_CODE
    with Session(engine) as db:
        assert current_attempts(db=db, limit=BROWSER, value="phone", now=START) == 1
    with transaction(engine) as db:
        pseudonymise_expired(db=db, today=START.date())  # START lies more than a day before the real now
    with Session(engine) as db:
        assert current_attempts(db=db, limit=BROWSER, value="phone", now=START) == 0
        assert current_attempts(db=db, limit=ADDRESS, value="192.0.2.10", now=START) == 0
