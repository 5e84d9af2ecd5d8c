"""Seat assignment: round 1 at 40 and 160 people; round 2 at 30 people (one table per theme) and 80 (two).

`assign_r1_n40_s` / `assign_r1_n160_s`: seconds until the solver has a proven optimum (median over generated
instances, time limit 30 s). `assign_r1_n160_gap`: objective points above the best proven bound when the solver gets
1 second (0 = optimal).

Round 2 (`assign_r2_n30_*`, `assign_r2_n80_*`): after an optimal round 1, everyone is seated by the round-2 fill with
its own time limit (it grows with the number of people). Per size, over the generated instances: repeat pairs
(people meeting again) and same-organisation collisions, each the median beside the median of its minimum (what no
seating under the rules can beat), and the most any instance is above its minimum (0 = every instance at its
minimum); participants sent back to their round-1 theme and broken rules or tables without a moderator or
note-taker (totals; both 0 when all is well); seconds (median and slowest) and instances not proven optimal.
"""

import statistics
import time

from bench.registry import Figure, benchmark
from sessions.assignment.generate import generated_problem, next_round
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


def _round_two(people: int, tables_per_theme: int, seeds: list[int]) -> list[Figure]:
    results, seconds = [], []
    for seed in seeds:
        problem = generated_problem(people, tables_per_theme=tables_per_theme, seed=seed)
        second, earlier = next_round(problem, assign_round(problem, time_limit=30).seating)
        started = time.perf_counter()
        results.append(fill_round_two(second, fixed={}, earlier=earlier))
        seconds.append(time.perf_counter() - started)
    name = f"assign_r2_n{people}"
    repeats_above = max(r.repeated_pairs - r.repeat_minimum for r in results)
    collisions_above = max(r.collisions - r.collision_minimum for r in results)
    return [
        Figure(f"{name}_repeat_pairs", statistics.median(r.repeated_pairs for r in results), "pairs"),
        Figure(f"{name}_repeat_pairs_minimum", statistics.median(r.repeat_minimum for r in results), "pairs"),
        Figure(f"{name}_repeat_pairs_above_minimum", repeats_above, "pairs"),
        Figure(f"{name}_collisions", statistics.median(r.collisions for r in results), "people"),
        Figure(f"{name}_collisions_minimum", statistics.median(r.collision_minimum for r in results), "people"),
        Figure(f"{name}_collisions_above_minimum", collisions_above, "people"),
        Figure(f"{name}_returned_to_theme", sum(r.returned for r in results), "people"),
        Figure(f"{name}_problems", sum(len(r.problems) for r in results), "problems"),
        Figure(f"{name}_s", statistics.median(seconds), "s"),
        Figure(f"{name}_max_s", max(seconds), "s"),
        Figure(f"{name}_not_optimal", sum(not r.optimal for r in results), "instances"),
    ]


@benchmark("assignment")
def assignment(quick: bool) -> list[Figure]:
    seeds = [0, 1, 2] if quick else [0, 1, 2, 3, 4]
    n40, n40_open = _seconds_to_optimum(40, 1, seeds)
    n160, n160_open = _seconds_to_optimum(160, 4, seeds)
    gaps = [assign_round(generated_problem(160, tables_per_theme=4, seed=s), time_limit=1.0).gap for s in seeds]
    return [
        Figure("assign_r1_n40_s", n40, "s"),
        Figure("assign_r1_n160_s", n160, "s"),
        Figure("assign_r1_n160_gap", statistics.median(gaps), "points"),
        Figure("assign_r1_not_proven_within_30s", n40_open + n160_open, "instances"),
        *_round_two(30, 1, seeds),
        *_round_two(80, 2, seeds),
    ]
