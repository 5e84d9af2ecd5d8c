"""Seat assignment: round 1 at 40 and 160 people, round 2 repeated pairs at 40.

`assign_r1_n40_s` / `assign_r1_n160_s`: seconds until the solver has a proven optimum (median
over generated instances, time limit 30 s). `assign_r1_n160_gap`: objective points above the
best proven bound when the solver gets 1 second (0 = optimal). `assign_r2_n40_repeat_pairs`:
people meeting again in round 2 after an optimal round 1, with the proven minimum beside it.
"""

import statistics
import time

from bench.registry import Figure, benchmark
from sessions.assignment.generate import generated_problem
from sessions.assignment.problem import Table
from sessions.assignment.round_two import fill_round_two
from sessions.assignment.solve import assign_round


def _seconds_to_optimum(people: int, tables_per_theme: int, seeds: list[int]) -> tuple[float, int]:
    times, not_optimal = [], 0
    for seed in seeds:
        problem = generated_problem(people, tables_per_theme=tables_per_theme, seed=seed)
        result = assign_round(problem, time_limit=30)
        times.append(result.seconds)
        not_optimal += not result.optimal
    return statistics.median(times), not_optimal


@benchmark("assignment")
def assignment(quick: bool) -> list[Figure]:
    seeds = [0, 1, 2] if quick else [0, 1, 2, 3, 4]
    n40, n40_open = _seconds_to_optimum(40, 1, seeds)
    n160, n160_open = _seconds_to_optimum(160, 4, seeds)
    gaps = [assign_round(generated_problem(160, tables_per_theme=4, seed=s), time_limit=1.0).gap for s in seeds]

    problem = generated_problem(40, seed=7)
    first = assign_round(problem, time_limit=10)
    by_table: dict[int, list[int]] = {}
    for person, table in first.seating.items():
        by_table.setdefault(table, []).append(person)
    met = {(a, b) for members in by_table.values() for a in members for b in members if a < b}
    round_two = [Table(table.id + 100, table.theme, table.seats) for table in problem.tables]
    started = time.perf_counter()
    second = fill_round_two(people=problem.people, tables=round_two, fixed={}, met=met, time_limit=10)
    round_two_seconds = time.perf_counter() - started
    return [
        Figure("assign_r1_n40_s", n40, "s"),
        Figure("assign_r1_n160_s", n160, "s"),
        Figure("assign_r1_n160_gap", statistics.median(gaps), "points"),
        Figure("assign_r1_not_proven_within_30s", n40_open + n160_open, "instances"),
        Figure("assign_r2_n40_repeat_pairs", second.repeated_pairs, "pairs"),
        Figure("assign_r2_n40_repeat_pairs_minimum", second.lower_bound, "pairs"),
        Figure("assign_r2_n40_optimal", float(second.optimal), "bool"),
        Figure("assign_r2_n40_s", round_two_seconds, "s"),
    ]
