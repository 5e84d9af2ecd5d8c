"""Generated but realistic instances (municipalities and partners of seed 000), for tests and benchmarks."""

import random

from indicators.themes import THEMES
from sessions.assignment.problem import MODERATOR, NOTE_TAKER, PARTICIPANT, Person, Problem, Table
from sessions.organisations import sector_of

MUNICIPALITIES = [
    "Bergen op Zoom",
    "Roosendaal",
    "Woensdrecht",
    "Steenbergen",
    "Halderberge",
    "Moerdijk",
    "Rucphen",
    "Tholen",
]
PARTNERS = [
    "Politie",
    "Openbaar Ministerie",
    "RIEC",
    "Veilig Thuis",
    "Brandweer",
    "GGD",
    "Rode Kruis",
    "Halt",
    "Verslavingszorg",
    "Zorg- en Veiligheidshuis",
    "Veiligheidsregio",
    "Meld Misdaad Anoniem",
]


def generated_problem(
    people: int,
    *,
    tables_per_theme: int = 1,
    seats: int = 10,
    preference_share: float = 1 / 3,
    pairs: int = 2,
    seed: int = 0,
) -> Problem:
    rng = random.Random(seed)
    tables = [
        Table(len(THEMES) * n + i + 1, theme, seats, n + 1)
        for n in range(tables_per_theme)
        for i, theme in enumerate(THEMES)
    ]
    persons: list[Person] = []
    for table in tables:  # a moderator and a note-taker per table, from two different municipalities
        for role, organisation in zip((MODERATOR, NOTE_TAKER), rng.sample(MUNICIPALITIES, 2), strict=True):
            persons.append(Person(len(persons) + 1, f"gemeente {organisation}", True, "gemeente", role, table.theme))
    while len(persons) < people:
        municipal = rng.random() < 0.5
        organisation = f"gemeente {rng.choice(MUNICIPALITIES)}" if municipal else rng.choice(PARTNERS)
        theme = rng.choice(THEMES) if rng.random() < preference_share else None
        persons.append(Person(len(persons) + 1, organisation, municipal, sector_of(organisation), PARTICIPANT, theme))
    participants = [p.id for p in persons if p.role == PARTICIPANT]
    chosen = rng.sample(participants, min(len(participants), 4 * pairs))
    together = [(chosen[i], chosen[i + 1]) for i in range(0, 2 * pairs, 2)]
    apart = [(chosen[i], chosen[i + 1]) for i in range(2 * pairs, 4 * pairs, 2)]
    return Problem(persons, tables, together=together, apart=apart)


def next_round(problem: Problem, seating: dict[int, int]) -> tuple[Problem, dict[int, list[Table]]]:
    """The round after `seating`: the same tables (theme, number, seats) under new ids, the same people and pair
    rules, and each person's table of `seating` as their table before (the `earlier` of `fill_round_two`)."""
    tables = {t.id: t for t in problem.tables}
    following = [Table(t.id + max(tables), t.theme, t.seats, t.number) for t in problem.tables]
    earlier = {person: [tables[table]] for person, table in seating.items()}
    return Problem(problem.people, following, together=problem.together, apart=problem.apart), earlier
