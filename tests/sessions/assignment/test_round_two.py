"""The round-2 fill on generated sessions: one moderator and one note-taker per table at any number of tables per
theme, nobody back at their round-1 theme unless that is impossible, collisions and repeat pairs at their minimum,
and a time-out that keeps a complete plan and says so."""

import pytest

from sessions.assignment.generate import generated_problem, next_round
from sessions.assignment.problem import MODERATOR, NOTE_TAKER, PARTICIPANT, Person, Problem, Table
from sessions.assignment.round_two import NotEnoughSeats, RoundTwoResult, fill_round_two
from sessions.assignment.solve import assign_round


def _after_round_one(people: int, tables_per_theme: int, seed: int) -> tuple[Problem, dict[int, list[Table]]]:
    problem = generated_problem(people, tables_per_theme=tables_per_theme, seed=seed)
    return next_round(problem, assign_round(problem, time_limit=20).seating)


def _staff_per_table(problem: Problem, seating: dict[int, int]) -> dict[int, list[str]]:
    roles = {p.id: p.role for p in problem.people}
    staff: dict[int, list[str]] = {t.id: [] for t in problem.tables}
    for person, table in seating.items():
        if roles[person] != PARTICIPANT:
            staff[table].append(roles[person])
    return staff


@pytest.mark.parametrize(("people", "tables_per_theme", "seed"), [(30, 1, 0), (30, 1, 1), (80, 2, 0), (80, 2, 3)])
def test_every_table_keeps_its_staff_and_nobody_returns_to_their_theme(
    people: int, tables_per_theme: int, seed: int
) -> None:
    problem, earlier = _after_round_one(people, tables_per_theme, seed)
    result = fill_round_two(problem, fixed={}, earlier=earlier)
    assert result.problems == []
    assert len(result.seating) == result.placed == people
    tables = {t.id: t for t in problem.tables}
    for table_id, staff in _staff_per_table(problem, result.seating).items():
        assert sorted(staff) == sorted([MODERATOR, NOTE_TAKER]), tables[table_id]
    for person in problem.people:
        before, now = earlier[person.id][0], tables[result.seating[person.id]]
        if person.role == PARTICIPANT:
            assert now.theme != before.theme, person
        else:  # the table they led or wrote for in round 1
            assert (now.theme, now.number) == (before.theme, before.number), person
    assert result.returned == 0
    assert result.collision_minimum >= problem.min_collisions()
    assert result.collisions == result.collision_minimum
    assert result.repeated_pairs == result.repeat_minimum
    assert result.optimal


def test_the_summary_is_dutch_with_the_unavoidable_figures() -> None:
    problem, earlier = _after_round_one(80, 2, 3)
    result = fill_round_two(problem, fixed={}, earlier=earlier)
    assert result.summary() == (
        f"Ronde 2 aangevuld: 80 mensen ingedeeld. Zelfde organisatie aan tafel: {result.collisions} "
        f"(onvermijdelijk: {result.collision_minimum}); paren die opnieuw samen zitten: {result.repeated_pairs} "
        f"(onvermijdelijk: {result.repeat_minimum})."
    )


def test_seats_taken_on_the_kiosk_stay_and_a_moderator_moved_by_hand_leaves_room_for_the_other() -> None:
    problem, earlier = _after_round_one(80, 2, 0)
    tables = {(t.theme, t.number): t.id for t in problem.tables}
    moderators = {earlier[p.id][0].number: p.id for p in problem.people if p.role == MODERATOR and p.theme == "VB"}
    chooser = next(p for p in problem.people if p.role == PARTICIPANT and earlier[p.id][0].theme != "ZV")
    fixed = {moderators[1]: tables["VB", 2], chooser.id: tables["ZV", 1]}
    result = fill_round_two(problem, fixed=fixed, earlier=earlier)
    assert result.problems == []
    assert result.seating[chooser.id] == tables["ZV", 1]
    assert result.seating[moderators[2]] == tables["VB", 1]  # not a second moderator at table 2
    assert result.placed == 78


def test_going_back_to_a_theme_happens_only_when_unavoidable_and_is_reported() -> None:
    """Five people discussed Veilige buurt, one Zorg en veiligheid; round 2 has four seats at each: one of the
    five has to stay with Veilige buurt."""
    people = [Person(i, f"organisatie {i}", i % 2 == 0, "overig") for i in range(1, 7)]
    first = {"VB": Table(1, "VB", 6), "ZV": Table(2, "ZV", 6)}
    earlier = {p.id: [first["VB" if p.id <= 5 else "ZV"]] for p in people}
    problem = Problem(people, [Table(3, "VB", 4), Table(4, "ZV", 4)])
    result = fill_round_two(problem, fixed={}, earlier=earlier)
    assert (result.returned, result.return_minimum) == (1, 1)
    assert sum(result.seating[p] == 3 for p in range(1, 6)) == 1
    assert result.problems == []
    assert "Weer bij een thema dat ze al besproken hebben: 1 deelnemer(s) (onvermijdelijk: 1)." in result.summary()


def test_repeat_pairs_reach_the_pigeonhole_minimum() -> None:
    """Two round-1 tables of four over two new themes: at best two of each four meet again at each table."""
    people = [Person(i, f"organisatie {i}", i % 2 == 0, "overig") for i in range(1, 9)]
    first = [Table(1, "VB", 4), Table(2, "RO", 4)]
    earlier = {p.id: [first[(p.id - 1) // 4]] for p in people}
    result = fill_round_two(Problem(people, [Table(3, "GCC", 4), Table(4, "ZV", 4)]), fixed={}, earlier=earlier)
    assert (result.repeated_pairs, result.repeat_minimum) == (2 * 2, 2 * 2)
    assert result.optimal


def test_a_time_out_keeps_a_complete_plan_and_says_so() -> None:
    problem, earlier = _after_round_one(160, 4, 1)
    result: RoundTwoResult = fill_round_two(problem, fixed={}, earlier=earlier, time_limit=0.01)
    assert not result.optimal
    assert len(result.seating) == 160
    assert result.problems == []  # the hard rules hold in any plan, the best or not
    assert result.returned == 0
    assert "De rekentijd was op: dit is de beste indeling die is gevonden, maar er is misschien een betere." in (
        result.summary()
    )


def test_too_few_seats_is_said_plainly() -> None:
    people = [Person(i, f"organisatie {i}", False, "overig") for i in range(1, 6)]
    with pytest.raises(NotEnoughSeats, match="5 mensen zonder plaats, 4 plaatsen vrij"):
        fill_round_two(Problem(people, [Table(1, "VB", 2), Table(2, "ZV", 2)]), fixed={}, earlier={})
