"""Round 2: everyone not yet seated goes to a table where they meet as few people again as possible.

Moderators and note-takers stay with their theme; people who already chose a seat keep it. The
number of repeated pairs is minimised exactly with CP-SAT (the instance is small), so the figure
reported is the provable minimum when the solver reports optimality.
"""

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from core.errors import UserError
from sessions.assignment.problem import PARTICIPANT, Person, Table


class NotEnoughSeats(UserError):
    """Round 2 cannot seat everyone who is present (message in Dutch)."""


@dataclass(frozen=True)
class RoundTwoResult:
    seating: dict[int, int]
    repeated_pairs: int
    optimal: bool
    lower_bound: int = 0


def repeat_lower_bound(*, met: set[tuple[int, int]], people: list[int], tables: list[Table]) -> int:
    """Pigeonhole bound: a group that shared a table before, spread as evenly as the tables allow,
    still has some pairs meeting again; the groups are read off the pairs that met."""
    present = set(people)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in met:
        if a in present and b in present:
            neighbours[a].add(b)
            neighbours[b].add(a)
    seen: set[int] = set()
    total = 0
    for person in sorted(neighbours):
        if person in seen:
            continue
        group = {person} | neighbours[person]
        if any(neighbours[m] | {m} != group for m in group):  # not a clean earlier table: no bound from it
            seen |= group
            continue
        seen |= group
        size, count = len(group), len(tables)
        low, extra = divmod(size, count)
        total += extra * (low + 1) * low // 2 + (count - extra) * low * (low - 1) // 2
    return total


def fill_round_two(
    *, people: list[Person], tables: list[Table], fixed: dict[int, int], met: set[tuple[int, int]], time_limit: float
) -> RoundTwoResult:
    model = cp_model.CpModel()
    free = [p for p in people if p.id not in fixed]
    x = {}
    for person in free:
        allowed = [t for t in tables if person.role == PARTICIPANT or not person.theme or t.theme == person.theme]
        for table in allowed:
            x[person.id, table.id] = model.new_bool_var(f"x{person.id}_{table.id}")
        model.add_exactly_one(x[person.id, t.id] for t in allowed)
    load: dict[int, int] = defaultdict(int)
    for table_id in fixed.values():
        load[table_id] += 1
    for table in tables:
        model.add(sum(var for (p, t), var in x.items() if t == table.id) <= table.seats - load[table.id])
    repeats: list[cp_model.IntVar | int] = []
    for a, b in met:
        for table in tables:
            sits_a = 1 if fixed.get(a) == table.id else x.get((a, table.id))
            sits_b = 1 if fixed.get(b) == table.id else x.get((b, table.id))
            if sits_a is None or sits_b is None:
                continue
            if isinstance(sits_a, int) and isinstance(sits_b, int):
                repeats.append(1)
                continue
            both = model.new_bool_var(f"r{a}_{b}_{table.id}")
            model.add(both >= sits_a + sits_b - 1)
            repeats.append(both)
    bound = repeat_lower_bound(met=met, people=[p.id for p in people], tables=tables)
    model.add(sum(repeats) >= bound)  # valid (pigeonhole), and it lets the solver stop once it is reached
    model.minimize(sum(repeats))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NotEnoughSeats("Er zijn niet genoeg plaatsen in ronde 2 voor iedereen")
    seating = dict(fixed)
    seating.update({p: t for (p, t), var in x.items() if solver.value(var)})
    return RoundTwoResult(seating, round(solver.objective_value), status == cp_model.OPTIMAL, bound)
