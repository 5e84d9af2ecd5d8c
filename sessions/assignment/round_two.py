"""Round 2 (and later rounds): everyone not yet seated gets a table, by CP-SAT.

Hard rules: seats per table; people already seated in the round keep their seat; moderators and note-takers stay
with their theme, spread over its tables so that every table gets one of each where the theme has enough;
must-together pairs share a table, must-apart pairs do not; participants do not go back to a theme they discussed
before. Only when no seating keeps that last rule does it become the first goal: as few as possible go back, and the
result says how many (against the unavoidable number).
Goals, settled one after the other (each is fixed at its best value before the next is looked at):
1. moderators and note-takers stay at the table they had before (a moderator leads one table all day);
2. as few people of one organisation at a table as the rules allow (against the round-1 minimum, or the proven
   one when the rules force more);
3. as few pairs meeting again as possible (against a pigeonhole minimum, or the proven one).
The time limit grows with the number of people; when it runs out the best plan found so far is kept and the result
says it may not be the best.
"""

import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from core.errors import UserError
from sessions.assignment.problem import (
    MODERATOR,
    NOTE_TAKER,
    PARTICIPANT,
    Problem,
    Table,
    check,
    evaluate,
    staff_problems,
)

SECONDS_BASE = 2.0
SECONDS_PER_PERSON = 0.05  # 3,5 s for 30 people, 6 s for 80, 10 s for 160
SECONDS_MAX = 30.0
FIRST_PLAN_SECONDS = 2.0  # a plan first, even under a tiny limit: a time-out keeps the best plan found

Place = cp_model.IntVar | int  # a person at a table: a decision, or 0/1 when it is already known
PlaceOf = Callable[[int, int], Place]  # (person id, table id) -> Place


class RoundTwoError(UserError):
    """Round 2 cannot be filled (message in Dutch)."""


class NotEnoughSeats(RoundTwoError):
    """The tables of the round have fewer free seats than there are people without a seat."""


def time_limit_for(people: int) -> float:
    """Seconds the solver gets: a base plus a little per person, capped."""
    return min(SECONDS_MAX, SECONDS_BASE + SECONDS_PER_PERSON * people)


@dataclass(frozen=True)
class RoundTwoResult:
    seating: dict[int, int]  # everyone present: person id -> table id (seats taken before the fill included)
    placed: int  # people the fill seated
    repeated_pairs: int
    repeat_minimum: int  # no seating under the rules (and the goals before it) has fewer
    collisions: int
    collision_minimum: int
    returned: int  # participants the fill sent back to a theme they discussed before (0 unless unavoidable)
    return_minimum: int
    optimal: bool  # every goal at its proven best; otherwise the time ran out and the plan is the best found
    problems: list[str]  # broken hard rules and tables without staff, in Dutch (empty when the seating is valid)

    def summary(self, round_number: int = 2) -> str:
        """The result in Dutch, for the organiser (no decimals, no seconds)."""
        lines = [
            f"Ronde {round_number} aangevuld: {self.placed} mensen ingedeeld. Zelfde organisatie aan tafel: "
            f"{self.collisions} (onvermijdelijk: {self.collision_minimum}); paren die opnieuw samen zitten: "
            f"{self.repeated_pairs} (onvermijdelijk: {self.repeat_minimum})."
        ]
        if self.returned:
            lines.append(
                f"Weer bij een thema dat ze al besproken hebben: {self.returned} deelnemer(s) (onvermijdelijk: "
                f"{self.return_minimum})."
            )
        if not self.optimal:
            lines.append(
                "De rekentijd was op: dit is de beste indeling die is gevonden, maar er is misschien een betere."
            )
        return "\n".join(lines)


def fill_round_two(
    problem: Problem,
    *,
    fixed: dict[int, int],
    earlier: dict[int, list[Table]],
    time_limit: float | None = None,
) -> RoundTwoResult:
    """Seat everyone in `problem` (present people, this round's tables, pair rules) who is not in `fixed` (person
    id -> table id, already seated this round, present or not). `earlier` holds each person's tables of the
    rounds before, oldest first; a table of this round is "the same table" when theme and number match."""
    deadline = time.perf_counter() + (time_limit if time_limit is not None else time_limit_for(len(problem.people)))
    load = Counter(fixed.values())
    open_seats = {t.id: max(0, t.seats - load[t.id]) for t in problem.tables}
    free = [p for p in problem.people if p.id not in fixed]
    if sum(open_seats.values()) < len(free):
        raise NotEnoughSeats(
            f"Er zijn niet genoeg plaatsen in ronde 2 voor iedereen: {len(free)} mensen zonder plaats, "
            f"{sum(open_seats.values())} plaatsen vrij."
        )
    fill = _Fill(problem, fixed, open_seats, earlier)
    try:
        plan = fill.solve(forbid_return=True, deadline=deadline)
    except _NoPlan:  # someone has to go back (or that was not settled in time): as few as possible, and say so
        try:
            plan = fill.solve(forbid_return=False, deadline=deadline)
        except _NoPlan as failed:
            raise RoundTwoError(
                "Ronde 2 kan zo niet worden aangevuld: de plaatsen die al vastliggen, de thema's van de "
                "gespreksleiders en verslagleggers en de regels voor samen of apart zitten gaan niet samen."
                if failed.infeasible
                else "De rekentijd was op voordat er een indeling voor ronde 2 was; probeer het nog eens."
            ) from None
    seating = fill.seated | plan.seating
    return RoundTwoResult(
        seating=seating,
        placed=len(free),
        repeated_pairs=_count_repeats(fill.groups, seating),
        repeat_minimum=plan.bounds["repeats"],
        collisions=evaluate(problem, seating).collisions,
        collision_minimum=plan.bounds["collisions"],
        returned=sum(1 for p in free if (p.id, seating[p.id]) in fill.back),
        return_minimum=plan.bounds.get("returns", 0),
        optimal=plan.optimal,
        problems=check(problem, seating) + staff_problems(problem, seating),
    )


class _NoPlan(Exception):
    """No plan: none keeps the hard rules (`infeasible`), or none was found in time."""

    def __init__(self, *, infeasible: bool) -> None:
        super().__init__()
        self.infeasible = infeasible


class _Fill:
    """What one round's fill knows before it solves: who sits already, the free seats, each staff member's table
    of before, the earlier tables, and which (participant, table) would send someone back to a theme."""

    def __init__(
        self, problem: Problem, fixed: dict[int, int], open_seats: dict[int, int], earlier: dict[int, list[Table]]
    ) -> None:
        present = {p.id for p in problem.people}
        self.problem, self.open_seats = problem, open_seats
        self.seated = {p: t for p, t in fixed.items() if p in present}
        self.home = _home_tables(problem, earlier)
        self.groups = _earlier_tables(earlier, present)
        discussed = {p: {t.theme for t in before} for p, before in earlier.items()}
        self.back = {
            (p.id, t.id)
            for p in problem.people
            if p.role == PARTICIPANT and p.id not in fixed
            for t in problem.tables
            if t.theme in discussed.get(p.id, ())
        }

    def options(self, *, forbid_return: bool) -> dict[int, list[int]]:
        """Free person -> the tables they may take: staff those of their theme, participants any (but one of a
        theme they discussed before when `forbid_return`)."""
        options = {}
        for person in self.problem.people:
            if person.id in self.seated:
                continue
            tables = [t.id for t in self.problem.tables if not forbid_return or (person.id, t.id) not in self.back]
            if person.role != PARTICIPANT and person.theme:
                tables = [t.id for t in self.problem.tables if t.theme == person.theme] or tables
            options[person.id] = tables
        return options

    def solve(self, *, forbid_return: bool, deadline: float) -> "_Lexicographic":
        problem, seated = self.problem, self.seated
        options = self.options(forbid_return=forbid_return)
        model = cp_model.CpModel()
        x = {(p, t): model.new_bool_var(f"x{p}_{t}") for p, tables in options.items() for t in tables}
        for person_id, tables in options.items():
            model.add_exactly_one(x[person_id, t] for t in tables)

        def place(person_id: int, table_id: int) -> Place:
            if person_id in seated:
                return int(seated[person_id] == table_id)
            return x.get((person_id, table_id), 0)

        for table in problem.tables:
            model.add(sum(x[p, table.id] for p in options if (p, table.id) in x) <= self.open_seats[table.id])
        _spread_staff(model, problem, seated, place)
        present = {p.id for p in problem.people}

        def open_pairs(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
            """Pairs with someone still to seat (a rule broken by two seats taken is for the check to report)."""
            return [(a, b) for a, b in pairs if {a, b} <= present and not {a, b} <= seated.keys()]

        for table in problem.tables:
            for a, b in open_pairs(problem.together):
                model.add(place(a, table.id) == place(b, table.id))
            for a, b in open_pairs(problem.apart):
                model.add(place(a, table.id) + place(b, table.id) <= 1)

        plan = _Lexicographic(model, x, deadline=deadline)
        if not forbid_return:
            plan.settle("returns", sum(x[key] for key in self.back if key in x), lower_bound=0)
        plan.settle("away", sum(1 - x[p, t] for p, t in self.home.items() if (p, t) in x), lower_bound=0)
        plan.settle("collisions", sum(_collisions(model, problem, place)), lower_bound=problem.min_collisions())
        stay = self.home if plan.values.get("away") == 0 else {}
        keep_away = self.back if plan.values.get("returns", 0) == 0 else set()
        allowed = {
            p: {stay[p]} if p in stay else {t for t in tables if (p, t) not in keep_away}
            for p, tables in options.items()
        }
        unit_of = {m: i for i, unit in enumerate(problem.units()) for m in unit}
        bound = repeat_lower_bound(groups=self.groups, seated=seated, allowed=allowed, unit_of=unit_of)
        plan.settle("repeats", sum(_repeats(model, self.groups, problem.tables, place)), lower_bound=bound)
        return plan


class _Lexicographic:
    """Goals settled one at a time on one model: minimise, then fix the goal at the value found and go on. The
    previous plan is the hint for the next goal, so a goal that runs out of time still leaves a complete plan; the
    first plan gets at least FIRST_PLAN_SECONDS, whatever the time limit."""

    def __init__(self, model: cp_model.CpModel, x: dict[tuple[int, int], cp_model.IntVar], *, deadline: float) -> None:
        self.model, self.x, self.deadline = model, x, deadline
        self.seating: dict[int, int] = {}
        self.values: dict[str, int] = {}
        self.bounds: dict[str, int] = {}  # proven: no plan under the rules and the goals before has less
        self.optimal = True

    def settle(self, name: str, expression: cp_model.LinearExprT, *, lower_bound: int) -> None:
        self.bounds[name] = lower_bound
        remaining = self.deadline - time.perf_counter()
        if self.seating and remaining <= 0:
            self.optimal = False  # out of time: the plan so far stands
            return
        model = self.model
        model.add(expression >= lower_bound)  # valid, and it lets the solver stop once it is reached
        model.minimize(expression)
        model.clear_hints()
        for (person, table), var in self.x.items() if self.seating else ():
            model.add_hint(var, self.seating[person] == table)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = remaining if self.seating else max(remaining, FIRST_PLAN_SECONDS)
        solver.parameters.num_workers = 2
        status = solver.solve(model)
        if status == cp_model.MODEL_INVALID:
            raise RoundTwoError("Ronde 2 kon niet worden ingedeeld door een fout in het rekenmodel.")
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if not self.seating:
                raise _NoPlan(infeasible=status == cp_model.INFEASIBLE)
            self.optimal = False  # the previous plan still holds: keep it
            return
        value = round(solver.objective_value)
        self.seating = {person: table for (person, table), var in self.x.items() if solver.value(var)}
        self.values[name] = value
        self.bounds[name] = max(lower_bound, round(solver.best_objective_bound))
        model.add(expression <= value)
        self.optimal = self.optimal and status == cp_model.OPTIMAL


def _home_tables(problem: Problem, earlier: dict[int, list[Table]]) -> dict[int, int]:
    """Moderator or note-taker -> this round's table with the theme and number of their last table before."""
    same = {(t.theme, t.number): t.id for t in problem.tables}
    home = {}
    for person in problem.people:
        before = earlier.get(person.id)
        if person.role != PARTICIPANT and before and before[-1].theme == person.theme:
            table = same.get((before[-1].theme, before[-1].number))
            if table is not None:
                home[person.id] = table
    return home


def _spread_staff(model: cp_model.CpModel, problem: Problem, seated: dict[int, int], place: PlaceOf) -> None:
    """Per theme and role: every table gets one where the theme has enough people for it, and no table gets more
    than an even share (a table that already has more keeps them)."""
    for role in (MODERATOR, NOTE_TAKER):
        for theme in {t.theme for t in problem.tables}:
            table_ids = [t.id for t in problem.tables if t.theme == theme]
            staff = [p.id for p in problem.people if p.role == role and p.theme == theme]
            movable = [p for p in staff if p not in seated]
            if not movable:
                continue
            already = Counter(seated[p] for p in staff if p in seated and seated[p] in table_ids)
            share = math.ceil((len(movable) + sum(already.values())) / len(table_ids))
            uncovered = sum(1 for t in table_ids if not already[t])
            for table_id in table_ids:
                count = sum(place(p, table_id) for p in staff)
                model.add(count <= max(share, already[table_id]))
                if len(movable) >= uncovered:
                    model.add(count >= 1)


def _collisions(model: cp_model.CpModel, problem: Problem, place: PlaceOf) -> list[cp_model.IntVar]:
    """Per table and organisation: people beyond the first."""
    by_organisation: dict[str, list[int]] = defaultdict(list)
    for person in problem.people:
        by_organisation[person.organisation].append(person.id)
    extras: list[cp_model.IntVar] = []
    for table in problem.tables:
        for members in by_organisation.values():
            here = [s for s in (place(m, table.id) for m in members) if not isinstance(s, int) or s]
            if len(here) < 2:
                continue
            extra = model.new_int_var(0, len(here) - 1, f"c{table.id}_{len(extras)}")
            model.add(extra >= sum(here) - 1)
            extras.append(extra)
    return extras


def _earlier_tables(earlier: dict[int, list[Table]], present: set[int]) -> list[list[int]]:
    """The present people of each table of the rounds before (a pair that met twice is in two of them)."""
    by_table: dict[int, list[int]] = defaultdict(list)
    for person, before in earlier.items():
        if person in present:
            for table in before:
                by_table[table.id].append(person)
    return [sorted(members) for _, members in sorted(by_table.items()) if len(members) > 1]


def _count_repeats(groups: list[list[int]], seating: dict[int, int]) -> int:
    """Pairs of an earlier table that share a table again (a pair that met twice before counts twice)."""
    return sum(n * (n - 1) // 2 for group in groups for n in Counter(seating[m] for m in group).values())


def _repeats(model: cp_model.CpModel, groups: list[list[int]], tables: list[Table], place: PlaceOf) -> list[Place]:
    """Per earlier table and table now: the pairs of it that meet again, n·(n−1)/2 for n of them at the table,
    held from below by its tangents (the goal pushes it down onto the curve). Much tighter than a term per pair."""
    terms: list[Place] = []
    for g, group in enumerate(groups):
        for table in tables:
            here = [s for s in (place(m, table.id) for m in group) if not isinstance(s, int) or s]
            if len(here) < 2:
                continue
            if all(isinstance(s, int) for s in here):
                terms.append(len(here) * (len(here) - 1) // 2)
                continue
            pairs = model.new_int_var(0, len(here) * (len(here) - 1) // 2, f"r{g}_{table.id}")
            for k in range(1, len(here)):
                model.add(pairs >= k * sum(here) - k * (k + 1) // 2)
            terms.append(pairs)
    return terms


def repeat_lower_bound(
    *, groups: list[list[int]], seated: dict[int, int], allowed: dict[int, set[int]], unit_of: dict[int, int]
) -> int:
    """Pigeonhole bound on pairs meeting again: per earlier table, the people with one table left (seated already,
    or pinned by an earlier goal) meet whom they meet there; people who must sit together (`unit_of`: person ->
    their must-together group) meet each other; the rest spread at best evenly, a must-together group as one,
    over the tables open to them (`allowed`: person -> table ids)."""
    total = 0
    for members in groups:
        pinned: Counter[int] = Counter()
        loose: Counter[int] = Counter()
        spread: set[int] = set()
        for person in members:
            options = {seated[person]} if person in seated else allowed[person]
            if len(options) == 1:
                pinned[next(iter(options))] += 1
            else:
                loose[unit_of.get(person, person)] += 1
                spread |= options
        at_once = [*pinned.values(), *loose.values()]  # people at one table, or of one must-together group
        total += sum(n * (n - 1) // 2 for n in at_once) + _even_pairs(len(loose), len(spread))
    return total


def _even_pairs(people: int, tables: int) -> int:
    """Pairs at the same table when `people` spread as evenly as possible over `tables`."""
    if people < 2 or tables == 0:
        return 0
    low, extra = divmod(people, tables)
    return extra * (low + 1) * low // 2 + (tables - extra) * low * (low - 1) // 2
