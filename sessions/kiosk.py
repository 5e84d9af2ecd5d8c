"""The kiosk of round 2: with the session's kiosk code and one's personal code, see and choose a round-2 table.

Nobody logs in at the kiosk, so these functions are where its rules hold (the page only shows their answers):

- **Guessing is throttled** (`kiosk_throttle`): wrong codes per browser, per address and per session, and the uses
  of one personal code, counted in the database for every app process. The counts are written in the caller's
  transaction: catch the refusal inside it, so they are kept.
- **Only while round 2 is open**: the organiser opens it (`dialogue.open_round`, or by starting its clocks); before
  that, and once a later round is current, no personal code is even looked up.
- **Only for who may choose**: someone present (`dialogue.is_present`: checked in, or before anyone is checked in,
  accepted), not someone who declined, and not someone whose round-2 seat the organiser locked. Moderators and
  note-takers stay at their own table (the round-2 table with the theme and number of their round-1 table, or
  without one a table of their theme), as `fill_round` keeps them.
- **Two taps at once** for one person are taken one after the other (`seating.take_seat` locks the person). A claim
  says which table the kiosk showed as the person's choice when they tapped (`shown_choice`, as a note's save says
  its version): the same table twice keeps the one seat; a tap made on a screen that no longer shows what is stored
  (another tap got there first) is refused with the stored choice. A database conflict all the same becomes a Dutch
  message, never a database error.

Every refusal is a `KioskRefused` (a `PermissionDenied`) with a Dutch message for the person at the kiosk.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from core.access import PermissionDenied, Role
from sessions.dialogue import dialogue_by_kiosk_code, dialogue_tables, is_present
from sessions.kiosk_throttle import CODE, SESSION, Counter, KioskClient, count, forget_old, refuse_when_exceeded
from sessions.models import DialogueSession, DialogueTable, Participant, Seat
from sessions.participants import find_by_code
from sessions.seating import RoundTwoOption, round_two_options, table_label, take_seat
from sessions.vocabulary import Rsvp

KIOSK_ROUND = 2
CONCURRENCY_STATES = {"40001", "40P01"}  # PostgreSQL: serialization failure, deadlock detected

UNKNOWN_SESSION = "Onbekende sessiecode."
UNKNOWN_CODE = "Deze code kennen we niet. Vraag het aan de organisatie."
NO_SECOND_ROUND = "Deze sessie heeft geen tweede ronde."
NOT_OPEN = "De keuze voor ronde 2 is nog niet open. De organisatie zegt het als je kunt kiezen."
CLOSED = "De keuze voor ronde 2 is voorbij. Wil je wisselen, vraag het de organisatie."
DECLINED = "Je bent afgemeld voor deze sessie. Ben je er toch? Meld je bij de organisatie."
NOT_PRESENT = "Je staat nog niet als aanwezig genoteerd. Meld je eerst bij de ingang."
LOCKED = "De organisatie heeft je plaats in ronde 2 vastgezet: {place}. Wisselen kan alleen via de organisatie."
STAFF_TABLE = "Als {role} blijf je in ronde 2 aan je eigen tafel: {place}. Wisselen kan alleen via de organisatie."
STAFF_NO_TABLE = "Als {role} kies je niet op de kiosk: de organisatie deelt je in voor ronde 2."
NOT_THIS_ROUND = "Deze tafel hoort niet bij ronde 2 van deze sessie."
JUST_CHOSEN = "Je keuze is net al opgeslagen: {place}. Wil je toch wisselen, vul je code dan opnieuw in."
AT_ONCE = "Je keuze kwam tegelijk met een andere binnen. Vul je code opnieuw in en kijk wat er is opgeslagen."


class KioskRefused(PermissionDenied):
    """The kiosk does not do this for this person now (the message says why, in Dutch)."""


@dataclass(frozen=True)
class Kiosk:
    """The session behind a kiosk code: `notice` says why nobody can choose now (None while round 2 is open)."""

    dialogue_id: int
    notice: str | None


@dataclass(frozen=True)
class KioskView:
    """What the kiosk shows one person: their round-2 table if they have one, every round-2 table with its free seats,
    the tables they may take now, and `notice`, why they may take no table or only some."""

    chosen: RoundTwoOption | None
    options: list[RoundTwoOption]
    allowed: frozenset[int] = frozenset()
    notice: str | None = None


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _round_notice(dialogue: DialogueSession) -> str | None:
    if dialogue.rounds < KIOSK_ROUND:
        return NO_SECOND_ROUND
    if dialogue.current_round < KIOSK_ROUND:
        return NOT_OPEN
    if dialogue.current_round > KIOSK_ROUND:
        return CLOSED
    return None


def _wrong(db: Session, counters: list[Counter], moment: datetime, message: str) -> KioskRefused:
    count(db=db, counters=counters, now=moment)
    forget_old(db=db, now=moment)
    return KioskRefused(message)


def open_kiosk(*, db: Session, kiosk_code: str, client: KioskClient, now: datetime | None = None) -> Kiosk:
    """The session of a kiosk code, and whether round 2 can be chosen now. An unknown code counts as a wrong one."""
    moment = _now(now)
    refuse_when_exceeded(db=db, counters=client.counters(), now=moment)
    dialogue = dialogue_by_kiosk_code(db=db, code=kiosk_code)
    if dialogue is None or dialogue.id is None:
        raise _wrong(db, client.counters(), moment, UNKNOWN_SESSION)
    return Kiosk(dialogue.id, _round_notice(dialogue))


def _identify(
    db: Session, kiosk_code: str, personal_code: str, client: KioskClient, moment: datetime
) -> tuple[DialogueSession, Participant]:
    """The session and the person of a pair of codes, with every throttle and the round checked."""
    kiosk = open_kiosk(db=db, kiosk_code=kiosk_code, client=client, now=moment)
    if kiosk.notice is not None:
        raise KioskRefused(kiosk.notice)
    session = (SESSION, str(kiosk.dialogue_id))
    refuse_when_exceeded(db=db, counters=[session], now=moment)
    participant = find_by_code(db=db, dialogue_id=kiosk.dialogue_id, code=personal_code)
    if participant is None or participant.id is None:
        raise _wrong(db, [*client.counters(), session], moment, UNKNOWN_CODE)
    uses = (CODE, f"{kiosk.dialogue_id}:{participant.id}")
    refuse_when_exceeded(db=db, counters=[uses], now=moment)
    count(db=db, counters=[uses], now=moment)
    dialogue = db.get(DialogueSession, kiosk.dialogue_id)
    assert dialogue is not None
    return dialogue, participant


def _round_two_seat(db: Session, participant_id: int) -> Seat | None:
    return db.exec(
        select(Seat)
        .where(col(Seat.participant_id) == participant_id, col(Seat.round) == KIOSK_ROUND)
        .execution_options(populate_existing=True)
    ).first()


def _place(db: Session, dialogue: DialogueSession, table_id: int) -> str:
    table = db.get(DialogueTable, table_id)
    if table is None:
        return "je tafel"
    return f"{table_label(table, dialogue.tables_per_theme)} (tafelnummer {table.number})"


def _person_refusal(db: Session, dialogue: DialogueSession, person: Participant, seat: Seat | None) -> str | None:
    """Why this person may take no round-2 table at all, or None."""
    if person.rsvp == Rsvp.DECLINED:
        return DECLINED
    if not is_present(db=db, participant=person):
        return NOT_PRESENT
    if seat is not None and seat.locked:
        return LOCKED.format(place=_place(db, dialogue, seat.table_id))
    return None


def _own_tables(db: Session, dialogue: DialogueSession, person: Participant) -> list[DialogueTable] | None:
    """A moderator's or note-taker's round-2 tables: that of their round-1 table's theme and number, or without a
    round-1 seat those of their theme (none without a theme). None for a participant: any table."""
    if person.role == Role.PARTICIPANT:
        return None
    assert dialogue.id is not None
    tables = dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=KIOSK_ROUND)
    first = db.exec(
        select(DialogueTable)
        .join(Seat, col(Seat.table_id) == col(DialogueTable.id))
        .where(col(Seat.participant_id) == person.id, col(Seat.round) == 1)
    ).first()
    if first is not None:
        return [t for t in tables if (t.theme_code, t.number) == (first.theme_code, first.number)]
    return [t for t in tables if person.preferred_theme is not None and t.theme_code == person.preferred_theme]


def _staff_refusal(dialogue: DialogueSession, person: Participant, own: list[DialogueTable]) -> str:
    role = "gespreksleider" if person.role == Role.MODERATOR else "verslaglegger"
    if not own:
        return STAFF_NO_TABLE.format(role=role)
    places = " of ".join(f"{table_label(t, dialogue.tables_per_theme)} (tafelnummer {t.number})" for t in own)
    return STAFF_TABLE.format(role=role, place=places)


def kiosk_view(
    *, db: Session, kiosk_code: str, personal_code: str, client: KioskClient, now: datetime | None = None
) -> KioskView:
    """With the session's kiosk code and one's own personal code: the round-2 table one sits at (chosen on the kiosk
    or given by the organiser), every round-2 table with its free seats and which of them one may take now. Raises
    KioskRefused for an unknown code, too many attempts, or while round 2 is not open; shows only themes and free
    seats, never who sits where."""
    moment = _now(now)
    dialogue, person = _identify(db, kiosk_code, personal_code, client, moment)
    assert dialogue.id is not None
    assert person.id is not None
    options = round_two_options(db=db, dialogue_id=dialogue.id, participant_id=person.id)
    seat = _round_two_seat(db, person.id)
    chosen = next((o for o in options if seat is not None and o.table_id == seat.table_id), None)
    refusal = _person_refusal(db, dialogue, person, seat)
    if refusal is not None:
        return KioskView(chosen, options, frozenset(), refusal)
    own = _own_tables(db, dialogue, person)
    if own is None:
        return KioskView(chosen, options, frozenset(o.table_id for o in options))
    return KioskView(chosen, options, frozenset(t.id or 0 for t in own), _staff_refusal(dialogue, person, own))


def kiosk_claim(
    *,
    db: Session,
    kiosk_code: str,
    personal_code: str,
    table_id: int,
    shown_choice: int | None,
    client: KioskClient,
    now: datetime | None = None,
) -> Seat:
    """Take (or change to) a round-2 table on the kiosk, by the rules in this module's description. `shown_choice`
    is the table the kiosk showed as the person's choice when they tapped (None: no choice yet). Raises KioskRefused
    with the reason, or `seating.TableFull` when the table has just filled up. Run inside `write_transaction`,
    catching the refusal inside it (the throttle's counts are written with it)."""
    moment = _now(now)
    dialogue, person = _identify(db, kiosk_code, personal_code, client, moment)
    assert person.id is not None
    table = db.get(DialogueTable, table_id)
    if table is None or table.session_id != dialogue.id or table.round != KIOSK_ROUND:
        raise KioskRefused(NOT_THIS_ROUND)
    db.exec(select(Participant.id).where(col(Participant.id) == person.id).with_for_update()).first()
    seat = _round_two_seat(db, person.id)  # read after the lock: a simultaneous claim's seat is seen
    refusal = _person_refusal(db, dialogue, person, seat)
    if refusal is not None:
        raise KioskRefused(refusal)
    own = _own_tables(db, dialogue, person)
    if own is not None and table_id not in {t.id for t in own}:
        raise KioskRefused(_staff_refusal(dialogue, person, own))
    if seat is not None and seat.table_id == table_id:
        return seat
    if seat is not None and seat.table_id != shown_choice:  # another tap (or the organiser) got there first
        raise KioskRefused(JUST_CHOSEN.format(place=_place(db, dialogue, seat.table_id)))
    try:
        with db.begin_nested():
            return take_seat(db, person.id, table_id, "kiosk", False, moment)
    except DBAPIError as error:
        if isinstance(error, IntegrityError) or getattr(error.orig, "sqlstate", None) in CONCURRENCY_STATES:
            raise KioskRefused(AT_ONCE) from None
        raise
