"""Seats in the database: solving round 1, moving people, claiming round-2 seats under a hard cap.

The cap lives in the database: a seat is only written after `UPDATE dialogue_table SET taken =
taken + 1 WHERE id = :table AND taken < seats` changed a row, in the same transaction, and a CHECK
constraint refuses `taken > seats`. Two people taking the last seat at once cannot both get it.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from core.access import Actor, Permission, Role, require
from core.errors import UserError
from indicators.themes import theme_name
from sessions.assignment.problem import Person, Problem, Quality, Table, check, evaluate, staff_problems
from sessions.assignment.round_two import RoundTwoResult, fill_round_two
from sessions.assignment.solve import Assignment, assign_round
from sessions.dialogue import (
    DialogueError,
    dialogue_tables,
    get_dialogue,
    grow_tables_for_attendance,
    present_participants,
)
from sessions.models import DialogueTable, PairRule, Participant, Seat
from sessions.organisations import sector_of
from sessions.vocabulary import OrganisationType

ROUND_ONE_SECONDS = 5.0


class TableFull(UserError):
    """The table has no free seat (the database refused it)."""

    def __init__(self, table_id: int) -> None:
        super().__init__("Die tafel is vol.")
        self.table_id = table_id


def table_label(table: DialogueTable, tables_per_theme: int = 1) -> str:
    name = theme_name(table.theme_code)
    return f"{name} {table.number}" if tables_per_theme > 1 else name


def _person(p: Participant) -> Person:
    assert p.id is not None
    is_municipality = p.organisation_type == OrganisationType.MUNICIPALITY
    return Person(
        p.id,
        p.organisation,
        is_municipality,
        sector_of(p.organisation, is_municipality=is_municipality),
        p.role,
        p.preferred_theme,
    )


def _table(table: DialogueTable) -> Table:
    return Table(table.id or 0, table.theme_code, table.seats, table.number)


def build_problem(*, db: Session, dialogue_id: int, round_number: int) -> Problem:
    people = present_participants(db=db, dialogue_id=dialogue_id)
    tables = dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=round_number)
    ids = {p.id for p in people}
    rules = db.exec(select(PairRule).where(col(PairRule.session_id) == dialogue_id)).all()
    locked = {
        seat.participant_id: seat.table_id
        for seat in db.exec(
            select(Seat).where(col(Seat.round) == round_number, col(Seat.locked), col(Seat.participant_id).in_(ids))
        ).all()
    }
    return Problem(
        people=[_person(p) for p in people],
        tables=[_table(t) for t in tables],
        together=[(r.first_id, r.second_id) for r in rules if r.kind == "samen"],
        apart=[(r.first_id, r.second_id) for r in rules if r.kind == "apart"],
        locked=locked,
        names={p.id: p.name for p in people if p.id is not None},
    )


def _write_seating(db: Session, dialogue_id: int, round_number: int, seating: dict[int, int], by: str) -> None:
    """Replace the round's unlocked seats by `seating` and recount every table."""
    tables = dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=round_number)
    table_ids = [t.id for t in tables]
    db.execute(delete(Seat).where(col(Seat.table_id).in_(table_ids), col(Seat.locked).is_(False)))
    kept = set(db.exec(select(Seat.participant_id).where(col(Seat.table_id).in_(table_ids))).all())
    for participant_id, table_id in seating.items():
        if participant_id not in kept:
            db.add(Seat(table_id=table_id, participant_id=participant_id, round=round_number, assigned_by=by))
    db.flush()
    _recount(db, table_ids)


def _recount(db: Session, table_ids: list[int | None]) -> None:
    counts = dict(
        db.exec(
            select(Seat.table_id, func.count()).where(col(Seat.table_id).in_(table_ids)).group_by(col(Seat.table_id))
        ).all()
    )
    for table in db.exec(select(DialogueTable).where(col(DialogueTable.id).in_(table_ids))).all():
        table.taken = int(counts.get(table.id or 0, 0))
        db.add(table)
    db.flush()


def assign_round_one(
    *, db: Session, dialogue_id: int, actor: Actor, time_limit: float = ROUND_ONE_SECONDS
) -> Assignment:
    """Seat everyone present in round 1 (locked seats stay), adding tables if attendance needs them."""
    require(actor, Permission.SEAT_PEOPLE)
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    grow_tables_for_attendance(db=db, dialogue=dialogue)
    problem = build_problem(db=db, dialogue_id=dialogue_id, round_number=1)
    assignment = assign_round(problem, time_limit=time_limit)
    _write_seating(db, dialogue_id, 1, assignment.seating, "solver")
    return assignment


def current_seating(*, db: Session, dialogue_id: int, round_number: int) -> dict[int, int]:
    table_ids = [t.id for t in dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=round_number)]
    return dict(db.exec(select(Seat.participant_id, Seat.table_id).where(col(Seat.table_id).in_(table_ids))).all())


@dataclass(frozen=True)
class SeatingCheck:
    quality: Quality
    problems: list[str]


def check_seating(*, db: Session, dialogue_id: int, round_number: int) -> SeatingCheck:
    """The live check after manual moves: hard rules and the quality figures."""
    problem = build_problem(db=db, dialogue_id=dialogue_id, round_number=round_number)
    seating = current_seating(db=db, dialogue_id=dialogue_id, round_number=round_number)
    present = {p.id for p in problem.people}
    seating = {p: t for p, t in seating.items() if p in present}
    problem.locked = {}
    return SeatingCheck(evaluate(problem, seating), check(problem, seating) + staff_problems(problem, seating))


def claim_seat(
    *, db: Session, participant_id: int, table_id: int, actor: Actor, by: str = "hand", lock: bool = False
) -> Seat:
    """The organiser seats a participant at a table (moving them if they sat elsewhere this round)."""
    require(actor, Permission.SEAT_PEOPLE)
    return take_seat(db, participant_id, table_id, by, lock)


def take_seat(
    db: Session, participant_id: int, table_id: int, by: str, lock: bool, now: datetime | None = None
) -> Seat:
    """Seat a participant at a table (moving them if they sat elsewhere in that round); run inside
    `write_transaction`. Raises TableFull when the table has no free seat.

    The participant's row is locked first (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers), so two
    claims for one person run one after the other and the second sees the first's seat: never two seats, never a
    unique-constraint error. The tables involved are then locked in the order of their ids, so two people swapping
    tables at once cannot deadlock. The conditional UPDATE is what enforces the cap. A seat at the table the person
    already has is kept (a second tap changes nothing; the organiser's `lock` and `by` are applied to it).
    """
    db.exec(select(Participant.id).where(col(Participant.id) == participant_id).with_for_update()).first()
    round_number = db.exec(select(DialogueTable.round).where(col(DialogueTable.id) == table_id)).first()
    if round_number is None:
        raise DialogueError(f"Tafel {table_id} bestaat niet")
    previous = db.exec(
        select(Seat)
        .where(col(Seat.participant_id) == participant_id, col(Seat.round) == round_number)
        .execution_options(populate_existing=True)
    ).first()
    if previous is not None and previous.table_id == table_id:
        if by != "kiosk":
            previous.locked, previous.assigned_by = lock, by
            db.add(previous)
            db.flush()
        return previous
    involved = sorted({table_id} | ({previous.table_id} if previous is not None else set()))
    db.exec(
        select(DialogueTable.id)
        .where(col(DialogueTable.id).in_(involved))
        .order_by(col(DialogueTable.id))
        .with_for_update()
    ).all()
    claimed = db.exec(
        update(DialogueTable)
        .where(col(DialogueTable.id) == table_id, col(DialogueTable.taken) < col(DialogueTable.seats))
        .values(taken=DialogueTable.taken + 1)
    )
    if claimed.rowcount != 1:
        raise TableFull(table_id)
    if previous is not None:
        db.execute(
            update(DialogueTable)
            .where(col(DialogueTable.id) == previous.table_id)
            .values(taken=DialogueTable.taken - 1)
        )
        db.delete(previous)
        db.flush()
    seat = Seat(
        table_id=table_id,
        participant_id=participant_id,
        round=round_number,
        assigned_by=by,
        locked=lock,
        created_at=now or datetime.now(UTC),
    )
    db.add(seat)
    db.flush()
    return seat


def release_seat(*, db: Session, participant_id: int, round_number: int) -> None:
    seat = db.exec(
        select(Seat).where(col(Seat.participant_id) == participant_id, col(Seat.round) == round_number)
    ).first()
    if seat is None:
        return
    db.execute(
        update(DialogueTable).where(col(DialogueTable.id) == seat.table_id).values(taken=DialogueTable.taken - 1)
    )
    db.delete(seat)
    db.flush()


def fill_round(
    *, db: Session, dialogue_id: int, actor: Actor, round_number: int = 2, time_limit: float | None = None
) -> RoundTwoResult:
    """Seat everyone present who has no seat yet in the round (seats taken on the kiosk or by hand stay). The rules
    and goals are those of `fill_round_two`; the time limit grows with the number of people unless given."""
    require(actor, Permission.SEAT_PEOPLE)
    problem = build_problem(db=db, dialogue_id=dialogue_id, round_number=round_number)
    seated = current_seating(db=db, dialogue_id=dialogue_id, round_number=round_number)
    earlier: dict[int, list[Table]] = defaultdict(list)
    for previous in range(1, round_number):
        tables = {t.id: _table(t) for t in dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=previous)}
        for person, table_id in current_seating(db=db, dialogue_id=dialogue_id, round_number=previous).items():
            earlier[person].append(tables[table_id])
    result = fill_round_two(problem, fixed=seated, earlier=earlier, time_limit=time_limit)
    for participant_id, table_id in result.seating.items():
        if participant_id not in seated:
            db.add(Seat(table_id=table_id, participant_id=participant_id, round=round_number, assigned_by="solver"))
    db.flush()
    _recount(db, [t.id for t in problem.tables])
    return result


OVERVIEW_COLUMNS = [
    "tafel",
    "thema",
    "tafelnummer",
    "naam",
    "organisatie",
    "organisatietype",
    "rol",
    "vast",
    "participant_id",
    "table_id",
]


def round_overview(*, db: Session, dialogue_id: int, round_number: int, actor: Actor) -> pd.DataFrame:
    """One row per seated person: table, name, organisation, type, role (for whoever seats people)."""
    require(actor, Permission.SEAT_PEOPLE, dialogue_id=dialogue_id)
    return _seated(db, dialogue_id, dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=round_number))


def table_people(*, db: Session, table_id: int, actor: Actor) -> pd.DataFrame:
    """Who sits at one table (columns as `round_overview`), for the moderator of that session."""
    table = db.get(DialogueTable, table_id)
    if table is None:
        raise DialogueError(f"Tafel {table_id} bestaat niet")
    require(actor, Permission.MODERATE, dialogue_id=table.session_id)
    return _seated(db, table.session_id, [table])


def _seated(db: Session, dialogue_id: int, tables_of_round: list[DialogueTable]) -> pd.DataFrame:
    """The people seated at these tables, ordered by theme, table, role (moderator, note-taker, others), name."""
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    tables = {t.id: t for t in tables_of_round}
    rows = db.exec(
        select(Seat, Participant)
        .join(Participant, col(Participant.id) == col(Seat.participant_id))
        .where(col(Seat.table_id).in_(list(tables)))
    ).all()
    order = {code: i for i, code in enumerate(dialogue.themes)}
    roles: dict[str, int] = {Role.MODERATOR: 0, Role.NOTE_TAKER: 1}
    records = []
    for seat, person in rows:
        table = tables[seat.table_id]
        records.append(
            {
                "tafel": table_label(table, dialogue.tables_per_theme),
                "thema": table.theme_code,
                "tafelnummer": table.number,
                "naam": person.name,
                "organisatie": person.organisation,
                "organisatietype": person.organisation_type,
                "rol": person.role,
                "vast": seat.locked,
                "participant_id": person.id,
                "table_id": seat.table_id,
                "_order": (order.get(table.theme_code, 99), table.number, roles.get(person.role, 2), person.name),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=[*OVERVIEW_COLUMNS, "_order"])
    return frame.sort_values("_order").drop(columns="_order").reset_index(drop=True)


@dataclass(frozen=True)
class RoundTwoOption:
    table_id: int
    theme_code: str
    label: str
    free: int
    discussed_before: bool
    people_met_again: int
    number: int = 1
    """The table's number within its theme (Veilige buurt 1, 2, ...): where to go."""


def round_two_options(*, db: Session, dialogue_id: int, participant_id: int) -> list[RoundTwoOption]:
    """Tables of round 2 with free seats, new themes first, then where you meet the fewest people again."""
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    first = current_seating(db=db, dialogue_id=dialogue_id, round_number=1)
    second = current_seating(db=db, dialogue_id=dialogue_id, round_number=2)
    own_table = first.get(participant_id)
    met = {p for p, t in first.items() if t == own_table and p != participant_id} if own_table else set()
    round_one_themes = {t.id: t.theme_code for t in dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=1)}
    discussed = round_one_themes.get(own_table) if own_table else None
    at_table = Counter(t for p, t in second.items() if p in met)
    options = [
        RoundTwoOption(
            t.id or 0,
            t.theme_code,
            table_label(t, dialogue.tables_per_theme),
            t.seats - t.taken,
            t.theme_code == discussed,
            at_table.get(t.id or 0, 0),
            t.number,
        )
        for t in dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=2)
    ]
    return sorted(options, key=lambda o: (o.free <= 0, o.discussed_before, o.people_met_again, o.label))
