"""Round 2: everyone not yet seated goes to a table where they meet as few people again as possible.

Moderators and note-takers stay with their theme; people who already chose a seat keep it. The
number of repeated pairs is minimised exactly with CP-SAT (the instance is small), so the figure
reported is the provable minimum when the solver reports optimality.
"""

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from sessions.assignment.problem import PARTICIPANT, Person, Table


@dataclass(frozen=True)
class RoundTwoResult:
    seating: dict[int, int]
    repeated_pairs: int
    optimal: bool


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
    model.minimize(sum(repeats))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ValueError("Er zijn niet genoeg plaatsen in ronde 2 voor iedereen")
    seating = dict(fixed)
    seating.update({p: t for (p, t), var in x.items() if solver.value(var)})
    return RoundTwoResult(seating, round(solver.objective_value), status == cp_model.OPTIMAL)
