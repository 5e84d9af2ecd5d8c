"""The assignment problem, independent of the database.

Hard rules: seats per table; moderators and note-takers stay with their theme and every table
gets one of each where the people are there; must-together pairs share a table, must-apart pairs
do not; locked seats stay. Soft goals, in this order (lexicographic weights): no two people of one
organisation at a table unless unavoidable; balance of municipality and partner seats; diversity
of sectors per table; theme preferences.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core.access import Role

MODERATOR, NOTE_TAKER, PARTICIPANT = Role.MODERATOR, Role.NOTE_TAKER, Role.PARTICIPANT
W_COLLISION = 5_000_000
W_IMBALANCE = 20_000
W_DIVERSITY = 200
W_PREFERENCE = 1


@dataclass(frozen=True)
class Person:
    id: int
    organisation: str
    is_municipality: bool
    sector: str
    role: str = PARTICIPANT
    theme: str | None = None  # preferred theme; for moderators and note-takers: their own theme


@dataclass(frozen=True)
class Table:
    id: int
    theme: str
    seats: int
    number: int = 1  # among the tables of its theme; a table keeps its number from round to round


@dataclass
class Problem:
    people: list[Person]
    tables: list[Table]
    together: list[tuple[int, int]] = field(default_factory=list)
    apart: list[tuple[int, int]] = field(default_factory=list)
    locked: dict[int, int] = field(default_factory=dict)  # person id -> table id
    names: dict[int, str] = field(default_factory=dict)  # for messages; ids are used when absent

    def name(self, person_id: int) -> str:
        return self.names.get(person_id, f"deelnemer {person_id}")

    def units(self) -> list[list[int]]:
        """People who must sit together, as groups (union-find over the together pairs)."""
        parent = {p.id: p.id for p in self.people}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in self.together:
            if a in parent and b in parent:
                parent[find(a)] = find(b)
        groups: dict[int, list[int]] = defaultdict(list)
        for person in self.people:
            groups[find(person.id)].append(person.id)
        return sorted(groups.values(), key=lambda g: (-len(g), g[0]))

    def min_collisions(self) -> int:
        """Unavoidable collisions: per organisation, people beyond one per table."""
        sizes = Counter(p.organisation for p in self.people)
        return sum(max(0, n - len(self.tables)) for n in sizes.values())


@dataclass(frozen=True)
class Quality:
    collisions: int
    min_collisions: int
    imbalance: int
    diversity: int
    preferences_met: int
    preferences_total: int
    objective: int


def evaluate(problem: Problem, seating: dict[int, int]) -> Quality:
    people = {p.id: p for p in problem.people}
    by_table: dict[int, list[Person]] = defaultdict(list)
    for person_id, table_id in seating.items():
        by_table[table_id].append(people[person_id])
    themes = {t.id: t.theme for t in problem.tables}
    collisions = imbalance = diversity = 0
    for members in by_table.values():
        counts = Counter(p.organisation for p in members)
        collisions += sum(n - 1 for n in counts.values() if n > 1)
        municipal = sum(p.is_municipality for p in members)
        imbalance += abs(2 * municipal - len(members))
        diversity += len({p.sector for p in members})
    wanting = [p for p in problem.people if p.theme and p.role == PARTICIPANT]
    met = sum(1 for p in wanting if p.id in seating and themes[seating[p.id]] == p.theme)
    objective = W_COLLISION * collisions + W_IMBALANCE * imbalance - W_DIVERSITY * diversity - W_PREFERENCE * met
    return Quality(collisions, problem.min_collisions(), imbalance, diversity, met, len(wanting), objective)


def check(problem: Problem, seating: dict[int, int]) -> list[str]:
    """Broken hard rules, in Dutch (empty when the seating is valid)."""
    problems: list[str] = []
    tables = {t.id: t for t in problem.tables}
    people = {p.id: p for p in problem.people}
    missing = [pid for pid in people if pid not in seating]
    if missing:
        problems.append(f"{len(missing)} deelnemer(s) zonder plaats")
    load = Counter(seating.values())
    for table_id, count in load.items():
        if count > tables[table_id].seats:
            problems.append(
                f"tafel {tables[table_id].theme} heeft {count} mensen, maar {tables[table_id].seats} plaatsen"
            )
    for person_id, table_id in seating.items():
        person = people[person_id]
        if person.role != PARTICIPANT and person.theme and tables[table_id].theme != person.theme:
            problems.append(f"{person.role} {problem.name(person_id)} zit niet bij het eigen thema {person.theme}")
    for a, b in problem.together:
        if a in seating and b in seating and seating[a] != seating[b]:
            problems.append(f"{problem.name(a)} en {problem.name(b)} moeten samen zitten")
    for a, b in problem.apart:
        if a in seating and b in seating and seating[a] == seating[b]:
            problems.append(f"{problem.name(a)} en {problem.name(b)} moeten apart zitten")
    for person_id, table_id in problem.locked.items():
        if seating.get(person_id) != table_id:
            problems.append(f"vastgezette plaats van {problem.name(person_id)} is gewijzigd")
    return problems


def staff_problems(problem: Problem, seating: dict[int, int]) -> list[str]:
    """Tables without a moderator or note-taker while their theme has enough of them."""
    tables_by_theme: dict[str, list[int]] = defaultdict(list)
    for table in problem.tables:
        tables_by_theme[table.theme].append(table.id)
    messages = []
    for role in (MODERATOR, NOTE_TAKER):
        for theme, table_ids in tables_by_theme.items():
            staff = [p for p in problem.people if p.role == role and p.theme == theme and p.id in seating]
            if len(staff) >= len(table_ids):
                covered = {seating[p.id] for p in staff}
                for table_id in table_ids:
                    if table_id not in covered:
                        messages.append(f"tafel {theme} ({table_id}) heeft geen {role}")
    return messages


@dataclass(frozen=True)
class SimpleBounds:
    imbalance: int
    diversity: int
    preferences: int


def simple_bounds(problem: Problem) -> SimpleBounds:
    municipal = sum(p.is_municipality for p in problem.people)
    sector_sizes = Counter(p.sector for p in problem.people)
    diversity = min(
        sum(min(t.seats, len(sector_sizes)) for t in problem.tables),
        sum(min(len(problem.tables), n) for n in sector_sizes.values()),
    )
    themes = {t.theme for t in problem.tables}
    preferences = sum(1 for p in problem.people if p.role == PARTICIPANT and p.theme in themes)
    return SimpleBounds(abs(2 * municipal - len(problem.people)), diversity, preferences)


def lower_bound(problem: Problem) -> int:
    """A simple bound no seating can beat: unavoidable collisions, |2·municipal − all| imbalance,
    at most one diversity point per table and sector (and no more tables per sector than people),
    every possible preference met."""
    bounds = simple_bounds(problem)
    return (
        W_COLLISION * problem.min_collisions()
        + W_IMBALANCE * bounds.imbalance
        - W_DIVERSITY * bounds.diversity
        - W_PREFERENCE * bounds.preferences
    )
