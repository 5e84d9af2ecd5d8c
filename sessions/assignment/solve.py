"""Round-1 assignment: heuristic first; CP-SAT to prove optimality (or report the remaining gap)."""

import time
from dataclasses import dataclass

from sessions.assignment.cpsat import solve_exact
from sessions.assignment.heuristic import heuristic_seating
from sessions.assignment.problem import Problem, Quality, check, evaluate, lower_bound, staff_problems

HEURISTIC_SECONDS_PER_PERSON = 0.0004  # 0,016 s for 40 people, 0,064 s for 160: CP-SAT does the rest


@dataclass(frozen=True)
class Assignment:
    seating: dict[int, int]  # person id -> table id
    quality: Quality
    optimal: bool
    gap: int  # objective points above the best proven bound (0 when optimal)
    seconds: float
    method: str
    problems: list[str]


def assign_round(problem: Problem, *, time_limit: float = 5.0, exact: bool = True, seed: int = 0) -> Assignment:
    started = time.perf_counter()
    bound = lower_bound(problem)
    budget = min(HEURISTIC_SECONDS_PER_PERSON * len(problem.people), time_limit / 4)
    seating = heuristic_seating(problem, lower_bound=bound, time_limit=budget, seed=seed)
    quality = evaluate(problem, seating)
    method, optimal, gap = "heuristiek", quality.objective <= bound, max(0, quality.objective - bound)
    if exact and not optimal:
        remaining = max(0.1, time_limit - (time.perf_counter() - started))
        result = solve_exact(problem, hint=seating, time_limit=remaining)
        if result.seating is not None and result.objective is not None and result.objective <= quality.objective:
            seating, quality = result.seating, evaluate(problem, result.seating)
            method = "heuristiek + CP-SAT"
        optimal = result.optimal or quality.objective <= max(bound, result.bound)
        gap = 0 if optimal else max(0, quality.objective - max(bound, result.bound))
    problems = check(problem, seating) + staff_problems(problem, seating)
    return Assignment(seating, quality, optimal, gap, time.perf_counter() - started, method, problems)
