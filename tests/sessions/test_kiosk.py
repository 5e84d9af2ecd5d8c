"""The kiosk's rules (issue 16, part 4), on SQLite and PostgreSQL: both codes, round 2 open, only people present who
may choose, staff at their own table, a locked seat stays; two taps at once give one seat and a Dutch message."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from core.access import SYSTEM, PermissionDenied
from core.db import transaction, write_transaction
from core.errors import UserError
from sessions.dialogue import create_dialogue, dialogue_tables, open_round
from sessions.kiosk import (
    CLOSED,
    DECLINED,
    JUST_CHOSEN,
    NOT_OPEN,
    NOT_PRESENT,
    KioskRefused,
    kiosk_claim,
    kiosk_view,
    open_kiosk,
)
from sessions.kiosk_throttle import KioskClient
from sessions.models import DialogueSession, DialogueTable, Participant, Seat
from sessions.participants import (
    add_participant,
    check_in,
    import_participants,
    participants_of,
    renew_short_codes,
    short_codes,
)
from sessions.seating import assign_round_one, claim_seat
from sessions.vocabulary import Rsvp
from tests.support.invitations import INVITATIONS

CLIENT = KioskClient("test-browser")


@dataclass(frozen=True)
class Kiosk:
    dialogue_id: int
    code: str
    people: dict[str, Participant]  # by first name: Anna (moderator VB), Bert (note-taker VB), Els … (participants)
    tables: dict[str, int]  # round-2 table by theme


def _session(db: Session, *, open_two: bool = True, absent: tuple[str, ...] = ("Ingrid",), seats: int = 5) -> Kiosk:
    """The invitation list (Jan declined), everyone else checked in but `absent`, round 1 seated, round 2 open."""
    dialogue = create_dialogue(
        actor=SYSTEM, db=db, name="Kiosk", session_date=date(2026, 3, 12), themes=["VB", "ZV"], seats_per_table=seats
    )
    assert dialogue.id is not None
    import_participants(actor=SYSTEM, db=db, dialogue_id=dialogue.id, data=INVITATIONS.encode(), file_name="l.csv")
    people = {p.name.split()[0]: p for p in participants_of(actor=SYSTEM, db=db, dialogue_id=dialogue.id)}
    for name, person in people.items():
        if person.rsvp != Rsvp.DECLINED and name not in absent:
            check_in(actor=SYSTEM, db=db, participant_id=person.id or 0)
    assign_round_one(actor=SYSTEM, db=db, dialogue_id=dialogue.id, time_limit=5)
    if open_two:
        open_round(actor=SYSTEM, db=db, dialogue_id=dialogue.id, round_number=2)
    tables = {t.theme_code: t.id or 0 for t in dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=2)}
    db.commit()
    return Kiosk(dialogue.id, dialogue.kiosk_code, people, tables)


def _claim(db: Session, kiosk: Kiosk, name: str, theme: str, client: KioskClient = CLIENT) -> Seat:
    """A claim by someone the kiosk showed no choice (yet)."""
    code = kiosk.people[name].personal_code
    return kiosk_claim(
        db=db, kiosk_code=kiosk.code, personal_code=code, table_id=kiosk.tables[theme], shown_choice=None, client=client
    )


def _round_one_theme(db: Session, person: Participant) -> str:
    table = db.exec(select(DialogueTable).join(Seat).where(Seat.participant_id == person.id, Seat.round == 1)).one()
    return table.theme_code


def test_kiosk_claims_need_the_session_code_the_personal_code_and_a_round_two_table(db: Session) -> None:
    kiosk = _session(db)
    person = kiosk.people["Els"]
    round_one = dialogue_tables(db=db, dialogue_id=kiosk.dialogue_id, round_number=1)[0]
    with pytest.raises(PermissionDenied, match="Onbekende sessiecode"):
        kiosk_claim(
            db=db,
            kiosk_code="XXXXXX",
            personal_code=person.personal_code,
            table_id=kiosk.tables["VB"],
            shown_choice=None,
            client=CLIENT,
        )
    with pytest.raises(PermissionDenied, match="Deze code kennen we niet"):
        kiosk_claim(
            db=db,
            kiosk_code=kiosk.code,
            personal_code="ZZZZ",
            table_id=kiosk.tables["VB"],
            shown_choice=None,
            client=CLIENT,
        )
    with pytest.raises(PermissionDenied, match="hoort niet bij ronde 2"):
        kiosk_claim(
            db=db,
            kiosk_code=kiosk.code,
            personal_code=person.personal_code,
            table_id=round_one.id or 0,
            shown_choice=None,
            client=CLIENT,
        )
    seat = _claim(db, kiosk, "Els", "VB")
    assert (seat.participant_id, seat.assigned_by) == (person.id, "kiosk")


def test_personal_codes_are_long_and_typed_as_printed(db: Session) -> None:
    kiosk = _session(db)
    code = kiosk.people["Els"].personal_code
    assert len(code) == 8
    assert len({p.personal_code for p in kiosk.people.values()}) == len(kiosk.people)
    typed = f" {code[:4].lower()} - {code[4:]} "  # as a phone keyboard sends it, from the printed K7P2-QX9M
    view = kiosk_view(db=db, kiosk_code=kiosk.code.lower(), personal_code=typed, client=CLIENT)
    assert {o.theme_code for o in view.options} == {"VB", "ZV"}


def test_the_kiosk_shows_a_persons_choice_and_lets_them_change_it_while_seats_last(db: Session) -> None:
    kiosk = _session(db)
    codes = {"kiosk_code": kiosk.code, "personal_code": kiosk.people["Els"].personal_code, "client": CLIENT}
    with pytest.raises(PermissionDenied, match="Deze code kennen we niet"):
        kiosk_view(db=db, kiosk_code=kiosk.code, personal_code="ZZZZ", client=CLIENT)
    before = kiosk_view(db=db, **codes)
    assert before.chosen is None
    assert before.notice is None
    assert before.allowed == {kiosk.tables["VB"], kiosk.tables["ZV"]}
    vb, zv = (next(o for o in before.options if o.theme_code == theme) for theme in ("VB", "ZV"))
    kiosk_claim(db=db, table_id=vb.table_id, shown_choice=None, **codes)
    chosen = kiosk_view(db=db, **codes).chosen
    assert chosen is not None
    assert (chosen.table_id, chosen.label, chosen.number) == (vb.table_id, "Veilige buurt", 1)
    with pytest.raises(KioskRefused, match="net al opgeslagen: Veilige buurt"):  # from a screen without that choice
        kiosk_claim(db=db, table_id=zv.table_id, shown_choice=None, **codes)
    kiosk_claim(db=db, table_id=zv.table_id, shown_choice=vb.table_id, **codes)  # a change: Veilige buurt gets it back
    after = kiosk_view(db=db, **codes)
    assert after.chosen is not None
    assert after.chosen.table_id == zv.table_id
    assert {o.theme_code: o.free for o in after.options} == {"VB": 5, "ZV": 4}
    other = kiosk_view(db=db, kiosk_code=kiosk.code, personal_code=kiosk.people["Frank"].personal_code, client=CLIENT)
    assert other.chosen is None


def test_nobody_chooses_before_round_two_is_open_or_after_it(db: Session) -> None:
    kiosk = _session(db, open_two=False)
    assert open_kiosk(db=db, kiosk_code=kiosk.code, client=CLIENT).notice == NOT_OPEN
    with pytest.raises(KioskRefused, match="nog niet open"):
        _claim(db, kiosk, "Els", "VB")
    with pytest.raises(KioskRefused, match="nog niet open"):  # not even a wrong code is looked up (nothing to guess)
        kiosk_view(db=db, kiosk_code=kiosk.code, personal_code="ZZZZZZZZ", client=CLIENT)
    open_round(actor=SYSTEM, db=db, dialogue_id=kiosk.dialogue_id, round_number=2)
    assert open_kiosk(db=db, kiosk_code=kiosk.code, client=CLIENT).notice is None
    assert _claim(db, kiosk, "Els", "VB").table_id == kiosk.tables["VB"]
    dialogue = db.get(DialogueSession, kiosk.dialogue_id)
    assert dialogue is not None
    dialogue.rounds, dialogue.current_round = 3, 3  # a later round has begun: round 2 is settled
    db.add(dialogue)
    db.flush()
    assert open_kiosk(db=db, kiosk_code=kiosk.code, client=CLIENT).notice == CLOSED
    with pytest.raises(KioskRefused, match="voorbij"):
        _claim(db, kiosk, "Frank", "ZV")


def test_who_declined_or_did_not_come_cannot_choose(db: Session) -> None:
    kiosk = _session(db)
    for name, message in (("Jan", DECLINED), ("Ingrid", NOT_PRESENT)):
        with pytest.raises(KioskRefused) as refused:
            _claim(db, kiosk, name, "VB")
        assert str(refused.value) == message
        view = kiosk_view(db=db, kiosk_code=kiosk.code, personal_code=kiosk.people[name].personal_code, client=CLIENT)
        assert (view.notice, view.allowed) == (message, frozenset())
    check_in(actor=SYSTEM, db=db, participant_id=kiosk.people["Ingrid"].id or 0)  # she arrives after all
    assert _claim(db, kiosk, "Ingrid", "VB").participant_id == kiosk.people["Ingrid"].id
    assert db.exec(select(func.count()).select_from(Seat).where(Seat.round == 2)).one() == 1


def test_before_anyone_is_checked_in_who_accepted_may_choose(db: Session) -> None:
    names = tuple(p.split(";")[0].split()[0] for p in INVITATIONS.splitlines()[1:])
    kiosk = _session(db, absent=names)  # the door does not check people in: acceptance counts
    assert _claim(db, kiosk, "Els", "ZV").participant_id == kiosk.people["Els"].id
    with pytest.raises(KioskRefused, match="afgemeld"):
        _claim(db, kiosk, "Jan", "VB")


def test_a_seat_the_organiser_locked_stays(db: Session) -> None:
    kiosk = _session(db)
    person = kiosk.people["Gina"]
    claim_seat(actor=SYSTEM, db=db, participant_id=person.id or 0, table_id=kiosk.tables["VB"], lock=True)
    with pytest.raises(KioskRefused, match="vastgezet: Veilige buurt"):
        _claim(db, kiosk, "Gina", "ZV")
    view = kiosk_view(db=db, kiosk_code=kiosk.code, personal_code=person.personal_code, client=CLIENT)
    assert view.chosen is not None
    assert view.chosen.table_id == kiosk.tables["VB"]
    assert view.allowed == frozenset()
    seat = db.exec(select(Seat).where(Seat.participant_id == person.id, Seat.round == 2)).one()
    assert (seat.table_id, seat.locked, seat.assigned_by) == (kiosk.tables["VB"], True, "hand")


def test_moderators_and_note_takers_stay_at_their_own_table(db: Session) -> None:
    kiosk = _session(db)
    for name in ("Anna", "Bert", "Carla", "Dirk"):
        person = kiosk.people[name]
        own = _round_one_theme(db, person)
        other = next(theme for theme in kiosk.tables if theme != own)
        role = person.role
        with pytest.raises(KioskRefused, match=f"Als {role} blijf je in ronde 2 aan je eigen tafel"):
            _claim(db, kiosk, name, other)
        view = kiosk_view(db=db, kiosk_code=kiosk.code, personal_code=person.personal_code, client=CLIENT)
        assert view.allowed == {kiosk.tables[own]}
        assert view.notice is not None
        assert _claim(db, kiosk, name, own).table_id == kiosk.tables[own]


def _as_the_page(engine: Engine, work: Callable[[Session], object]) -> object:
    """As the kiosk page calls the domain: one transaction, a refusal caught inside it (its counts are kept)."""
    with write_transaction(engine) as db:
        try:
            return work(db)
        except UserError as refused:
            return refused


def test_two_taps_at_once_give_one_seat_and_a_clear_message(engine: Engine) -> None:
    """Five people each tap two tables at the same moment, and five others the same table twice: never a database
    error, one seat each, every table's count right."""
    with transaction(engine) as db:
        kiosk = _session(db, seats=20)
        people = [
            check_in(
                actor=SYSTEM,
                db=db,
                participant_id=add_participant(
                    actor=SYSTEM, db=db, dialogue_id=kiosk.dialogue_id, name=f"Tikker {i}", organisation="GGD"
                ).id
                or 0,
            )
            for i in range(10)
        ]
    for index, person in enumerate(people):
        same = index % 2 == 1
        themes = ["VB", "VB"] if same else ["VB", "ZV"]
        start = threading.Barrier(2)

        def tap(theme: str, person: Participant = person, start: threading.Barrier = start) -> object:
            start.wait()
            return _as_the_page(
                engine,
                lambda db: kiosk_claim(
                    db=db,
                    kiosk_code=kiosk.code,
                    personal_code=person.personal_code,
                    table_id=kiosk.tables[theme],
                    shown_choice=None,  # both screens showed no choice yet
                    client=KioskClient(f"phone-{theme}"),
                ),
            )

        with ThreadPoolExecutor(2) as pool:
            both = list(pool.map(tap, themes))
        seats = [o for o in both if isinstance(o, Seat)]
        refusals = [o for o in both if not isinstance(o, Seat)]
        if same:
            assert len(seats) == 2, both  # the second tap keeps the seat the first one took
            assert seats[0].id == seats[1].id
        else:  # the later tap came from a screen that did not show the first one's choice
            assert (len(seats), len(refusals)) == (1, 1), both
            assert isinstance(refusals[0], KioskRefused), both
            place = "Veilige buurt" if seats[0].table_id == kiosk.tables["VB"] else "Zorg en veiligheid"
            assert str(refusals[0]) == JUST_CHOSEN.format(place=f"{place} (tafelnummer 1)")
    with Session(engine) as db:
        seats = db.exec(select(Seat).where(Seat.round == 2)).all()
        assert sorted(s.participant_id for s in seats) == sorted(p.id or 0 for p in people)
        for table_id in kiosk.tables.values():
            table = db.get(DialogueTable, table_id)
            assert table is not None
            assert table.taken == sum(s.table_id == table_id for s in seats)


def test_people_swapping_tables_at_once_do_not_deadlock(engine: Engine) -> None:
    """Ten people, half at each table, all change sides at the same moment (PostgreSQL would otherwise detect a
    deadlock between two crossing moves and answer one with a database error)."""
    with transaction(engine) as db:
        dialogue = create_dialogue(
            actor=SYSTEM, db=db, name="Wissel", session_date=date(2026, 3, 12), themes=["VB", "ZV"], seats_per_table=10
        )
        assert dialogue.id is not None
        people = [
            add_participant(
                actor=SYSTEM, db=db, dialogue_id=dialogue.id, name=f"P{i}", organisation="GGD", rsvp=Rsvp.ACCEPTED
            )
            for i in range(10)
        ]
        open_round(actor=SYSTEM, db=db, dialogue_id=dialogue.id, round_number=2)
        tables = [t.id or 0 for t in dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=2)]
        for index, person in enumerate(people):
            claim_seat(actor=SYSTEM, db=db, participant_id=person.id or 0, table_id=tables[index % 2])
        code = dialogue.kiosk_code
    start = threading.Barrier(len(people))

    def swap(index: int) -> object:
        start.wait()
        return _as_the_page(
            engine,
            lambda db: kiosk_claim(
                db=db,
                kiosk_code=code,
                personal_code=people[index].personal_code,
                table_id=tables[(index + 1) % 2],
                shown_choice=tables[index % 2],
                client=KioskClient(f"phone-{index}"),
            ),
        )

    with ThreadPoolExecutor(len(people)) as pool:
        outcomes = list(pool.map(swap, range(len(people))))
    assert all(isinstance(o, Seat) for o in outcomes), outcomes
    with Session(engine) as db:
        counts = dict(
            db.exec(
                select(Seat.table_id, func.count()).where(col(Seat.table_id).in_(tables)).group_by(col(Seat.table_id))
            ).all()
        )
        assert counts == {tables[0]: 5, tables[1]: 5}
        for table_id in tables:
            table = db.get(DialogueTable, table_id)
            assert table is not None
            assert table.taken == 5


def test_short_codes_from_an_earlier_version_keep_working_until_renewed(db: Session) -> None:
    kiosk = _session(db)
    person = kiosk.people["Hans"]
    person.personal_code = "K7P2"  # as the version before made them
    db.add(person)
    db.flush()
    assert kiosk_view(db=db, kiosk_code=kiosk.code, personal_code="k7p2", client=CLIENT).notice is None
    assert short_codes(actor=SYSTEM, db=db, dialogue_id=kiosk.dialogue_id) == 1
    assert renew_short_codes(actor=SYSTEM, db=db, dialogue_id=kiosk.dialogue_id) == 1
    db.refresh(person)
    assert len(person.personal_code) == 8
    assert short_codes(actor=SYSTEM, db=db, dialogue_id=kiosk.dialogue_id) == 0
    with pytest.raises(KioskRefused, match="kennen we niet"):
        kiosk_view(db=db, kiosk_code=kiosk.code, personal_code="K7P2", client=CLIENT)
    assert kiosk_view(db=db, kiosk_code=kiosk.code, personal_code=person.personal_code, client=CLIENT).notice is None
