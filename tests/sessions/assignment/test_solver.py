"""The round-1 solver on generated instances: hard rules hold, collisions at the unavoidable minimum."""

import pytest

from sessions.assignment.generate import generated_problem
from sessions.assignment.problem import MODERATOR, NOTE_TAKER, Person, Problem, Table, check, evaluate, staff_problems
from sessions.assignment.solve import assign_round


@pytest.mark.parametrize(
    ("people", "tables_per_theme", "seed"), [(40, 1, 0), (40, 1, 1), (40, 1, 5), (80, 2, 3), (160, 4, 3)]
)
def test_collisions_reach_the_unavoidable_minimum_and_rules_hold(people: int, tables_per_theme: int, seed: int) -> None:
    problem = generated_problem(people, tables_per_theme=tables_per_theme, seed=seed)
    result = assign_round(problem, time_limit=20)
    assert result.problems == []
    assert result.quality.collisions == result.quality.min_collisions
    assert len(result.seating) == people
    assert result.optimal
    assert result.gap == 0


def test_every_table_has_its_moderator_and_note_taker() -> None:
    problem = generated_problem(160, tables_per_theme=4, seed=2)
    seating = assign_round(problem, time_limit=5).seating
    for table in problem.tables:
        roles = {p.role for p in problem.people if seating[p.id] == table.id}
        assert {MODERATOR, NOTE_TAKER} <= roles, table


def test_pairs_and_locked_seats_are_respected() -> None:
    problem = generated_problem(40, seed=4)
    free = [p.id for p in problem.people if p.role == "deelnemer"]
    problem.locked = {free[10]: problem.tables[2].id}
    result = assign_round(problem, time_limit=5)
    assert result.seating[free[10]] == problem.tables[2].id
    for a, b in problem.together:
        assert result.seating[a] == result.seating[b]
    for a, b in problem.apart:
        assert result.seating[a] != result.seating[b]


def test_check_reports_broken_rules_in_dutch() -> None:
    people = [Person(1, "Politie", False, "politie en justitie", MODERATOR, "VB"), Person(2, "GGD", False, "zorg")]
    problem = Problem(people, [Table(1, "VB", 1), Table(2, "ZV", 10)], apart=[(1, 2)])
    assert check(problem, {1: 2, 2: 2}) == [
        "gespreksleider deelnemer 1 zit niet bij het eigen thema VB",
        "deelnemer 1 en deelnemer 2 moeten apart zitten",
    ]
    assert staff_problems(problem, {1: 1, 2: 2}) == []
    quality = evaluate(problem, {1: 1, 2: 2})
    assert (quality.collisions, quality.imbalance) == (0, 2)
