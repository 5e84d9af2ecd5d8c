"""The exact model in OR-tools CP-SAT, solved goal by goal, seeded with the heuristic's seating."""

import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from sessions.assignment.heuristic import build_units
from sessions.assignment.problem import (
    MODERATOR,
    NOTE_TAKER,
    W_COLLISION,
    W_DIVERSITY,
    W_IMBALANCE,
    W_PREFERENCE,
    Problem,
    evaluate,
    lower_bound,
    simple_bounds,
)


@dataclass(frozen=True)
class ExactResult:
    seating: dict[int, int] | None
    objective: int | None
    bound: int
    optimal: bool


def solve_exact(problem: Problem, *, hint: dict[int, int] | None, time_limit: float, workers: int = 2) -> ExactResult:
    bounds = simple_bounds(problem)
    units = build_units(problem)
    tables = problem.tables
    model = cp_model.CpModel()
    x = {(u.index, t): model.new_bool_var(f"x{u.index}_{t}") for u in units for t in u.allowed}
    for unit in units:
        model.add_exactly_one(x[unit.index, t] for t in unit.allowed)
    by_table: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    for (u, t), var in x.items():
        by_table[t].append((u, var))

    for t, table in enumerate(tables):
        model.add(sum(units[u].size * var for u, var in by_table[t]) <= table.seats)

    member_unit = {m: u.index for u in units for m in u.members}
    for a, b in problem.apart:
        if a in member_unit and b in member_unit:
            ua, ub = member_unit[a], member_unit[b]
            for t in set(units[ua].allowed) & set(units[ub].allowed):
                model.add(x[ua, t] + x[ub, t] <= 1)

    # Tables of one theme are interchangeable: tie the k-th (unlocked) moderator to the k-th table.
    for theme in {t.theme for t in tables}:
        theme_tables = [i for i, t in enumerate(tables) if t.theme == theme]
        moderators = [u for u in units if u.staff == (MODERATOR, theme) and len(u.allowed) > 1]
        if (
            len(theme_tables) > 1
            and len(moderators) >= len(theme_tables)
            and all(tables[i].seats == tables[theme_tables[0]].seats for i in theme_tables)
            and not any(len(u.allowed) == 1 for u in units if set(u.allowed) & set(theme_tables))
        ):
            for unit, t in zip(moderators, theme_tables, strict=False):
                model.add(x[unit.index, t] == 1)
    for role in (MODERATOR, NOTE_TAKER):  # every table of a theme gets staff when the theme has enough
        for theme in {t.theme for t in tables}:
            theme_tables = [i for i, t in enumerate(tables) if t.theme == theme]
            staff = [u for u in units if u.staff == (role, theme)]
            if len(staff) >= len(theme_tables):
                for t in theme_tables:
                    model.add(sum(x[u.index, t] for u in staff if (u.index, t) in x) >= 1)

    collisions: list[cp_model.IntVar] = []
    imbalances: list[cp_model.IntVar] = []
    presence: list[cp_model.IntVar] = []
    preference_terms = []
    sector_presence: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    organisations = {o for u in units for o in u.organisations}
    for t, table in enumerate(tables):
        placed = by_table[t]
        size = sum(units[u].size * var for u, var in placed)
        municipal = sum(units[u].municipal * var for u, var in placed)
        imbalance = model.new_int_var(0, table.seats, f"imb{t}")
        model.add(imbalance >= 2 * municipal - size)
        model.add(imbalance >= size - 2 * municipal)
        imbalances.append(imbalance)
        for organisation in organisations:
            members = [
                (units[u].organisations[organisation], var) for u, var in placed if units[u].organisations[organisation]
            ]
            if sum(n for n, _ in members) < 2:
                continue
            extra = model.new_int_var(0, table.seats, f"c{t}_{hash(organisation) & 0xFFFF}")
            model.add(extra >= sum(n * var for n, var in members) - 1)
            collisions.append(extra)
        for sector in {s for u, _ in placed for s in units[u].sectors}:
            present = model.new_bool_var(f"s{t}_{sector}")
            model.add(present <= sum(var for u, var in placed if units[u].sectors[sector]))
            sector_presence[sector].append(present)
            presence.append(present)
        for u, var in placed:
            wanted = units[u].preferences.get(table.theme, 0)
            if wanted:
                preference_terms.append(wanted * var)
    sector_sizes = Counter(p.sector for p in problem.people)
    for sector, flags in sector_presence.items():  # redundant, but it tightens the relaxation
        model.add(sum(flags) <= sector_sizes[sector])

    # Lexicographic: settle each goal in its order, then fix it and go to the next. Each stage is a
    # much smaller optimisation than the weighted sum, and a goal the heuristic already meets at its
    # simple bound needs no search at all.
    reference = evaluate(problem, hint) if hint else None
    goals = [
        ("collisions", sum(collisions), 1, problem.min_collisions(), reference.collisions if reference else None),
        ("imbalance", sum(imbalances), 1, bounds.imbalance, reference.imbalance if reference else None),
        ("diversity", sum(presence), -1, bounds.diversity, reference.diversity if reference else None),
        (
            "preferences",
            sum(preference_terms),
            -1,
            bounds.preferences,
            reference.preferences_met if reference else None,
        ),
    ]
    table_index = {table.id: i for i, table in enumerate(tables)}
    current = dict(hint) if hint else None
    deadline = time.perf_counter() + time_limit
    proven: dict[str, int] = {}
    open_bounds: dict[str, int] = {}
    for name, expression, sense, simple_bound, reached in goals:
        if reached is not None and reached == simple_bound and not open_bounds:
            model.add(expression == reached)
            proven[name] = reached
            continue
        if sense > 0:
            model.minimize(expression)
        else:
            model.maximize(expression)
        model.clear_hints()
        if current:
            for unit in units:
                chosen = table_index[current[unit.members[0]]]
                for t in unit.allowed:
                    model.add_hint(x[unit.index, t], t == chosen)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, deadline - time.perf_counter())
        solver.parameters.num_workers = workers
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        value = round(solver.objective_value)
        current = {m: tables[t].id for (u, t), var in x.items() if solver.value(var) for m in units[u].members}
        model.add(expression <= value if sense > 0 else expression >= value)
        if status == cp_model.OPTIMAL and not open_bounds:
            proven[name] = value
        else:
            open_bounds[name] = round(solver.best_objective_bound)
    if current is None:
        return ExactResult(None, None, lower_bound(problem), False)
    quality = evaluate(problem, current)
    optimal = len(proven) == len(goals)
    bound = quality.objective if optimal else _bound(proven, open_bounds, problem)
    return ExactResult(current, quality.objective, bound, optimal)


def _bound(proven: dict[str, int], open_bounds: dict[str, int], problem: Problem) -> int:
    """Best proven bound of the weighted objective: settled goals at their value, the goal under way
    at its solver bound, later goals at their simple bounds."""
    simple = simple_bounds(problem)
    collisions = proven.get("collisions", open_bounds.get("collisions", problem.min_collisions()))
    imbalance = proven.get("imbalance", open_bounds.get("imbalance", simple.imbalance))
    diversity = proven.get("diversity", open_bounds.get("diversity", simple.diversity))
    preferences = proven.get("preferences", open_bounds.get("preferences", simple.preferences))
    return W_COLLISION * collisions + W_IMBALANCE * imbalance - W_DIVERSITY * diversity - W_PREFERENCE * preferences
