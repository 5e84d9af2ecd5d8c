"""Greedy placement followed by tabu search over moves and swaps of must-together units."""

import random
import time
from collections import Counter
from dataclasses import dataclass, field

from sessions.assignment.problem import (
    MODERATOR,
    NOTE_TAKER,
    PARTICIPANT,
    W_COLLISION,
    W_DIVERSITY,
    W_IMBALANCE,
    W_PREFERENCE,
    Problem,
)

STAGNATION = 40  # iterations without a better seating before the search stops


@dataclass
class Unit:
    index: int
    members: list[int]
    organisations: Counter[str]
    municipal: int
    sectors: Counter[str]
    preferences: Counter[str]  # theme -> members who want it
    allowed: list[int]  # table indexes
    staff: tuple[str, str] | None = None  # (role, theme) when the unit carries a moderator or note-taker

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class TableState:
    theme: str
    seats: int
    size: int = 0
    municipal: int = 0
    organisations: Counter[str] = field(default_factory=Counter)
    sectors: Counter[str] = field(default_factory=Counter)
    preferences: int = 0

    def cost(self) -> int:
        collisions = sum(n - 1 for n in self.organisations.values() if n > 1)
        diversity = sum(1 for n in self.sectors.values() if n > 0)
        return (
            W_COLLISION * collisions
            + W_IMBALANCE * abs(2 * self.municipal - self.size)
            - W_DIVERSITY * diversity
            - W_PREFERENCE * self.preferences
        )

    def add(self, unit: Unit, sign: int = 1) -> None:
        self.size += sign * unit.size
        self.municipal += sign * unit.municipal
        self.organisations.update({k: sign * v for k, v in unit.organisations.items()})
        self.sectors.update({k: sign * v for k, v in unit.sectors.items()})
        self.preferences += sign * unit.preferences.get(self.theme, 0)


def build_units(problem: Problem) -> list[Unit]:
    people = {p.id: p for p in problem.people}
    table_index = {t.id: i for i, t in enumerate(problem.tables)}
    units = []
    for index, members in enumerate(problem.units()):
        persons = [people[m] for m in members]
        allowed = list(range(len(problem.tables)))
        staff = None
        for person in persons:
            if person.role in (MODERATOR, NOTE_TAKER) and person.theme:
                allowed = [i for i in allowed if problem.tables[i].theme == person.theme]
                staff = staff or (person.role, person.theme)
            if person.id in problem.locked:
                allowed = [table_index[problem.locked[person.id]]]
        units.append(
            Unit(
                index,
                members,
                Counter(p.organisation for p in persons),
                sum(p.is_municipality for p in persons),
                Counter(p.sector for p in persons),
                Counter(p.theme for p in persons if p.role == PARTICIPANT and p.theme),
                allowed,
                staff,
            )
        )
    return units


class Search:
    def __init__(self, problem: Problem, seed: int = 0) -> None:
        self.problem = problem
        self.units = build_units(problem)
        self.tables = [TableState(t.theme, t.seats) for t in problem.tables]
        self.where: list[int] = [-1] * len(self.units)
        self.rng = random.Random(seed)
        apart: dict[int, set[int]] = {}
        member_unit = {m: u.index for u in self.units for m in u.members}
        for a, b in problem.apart:
            if a in member_unit and b in member_unit:
                apart.setdefault(member_unit[a], set()).add(member_unit[b])
                apart.setdefault(member_unit[b], set()).add(member_unit[a])
        self.apart = apart

    def _fits(self, unit: Unit, table: int) -> bool:
        state = self.tables[table]
        if state.size + unit.size > state.seats:
            return False
        return all(self.where[other] != table for other in self.apart.get(unit.index, ()))

    def _delta_add(self, unit: Unit, table: int) -> int:
        state = self.tables[table]
        before = state.cost()
        state.add(unit)
        after = state.cost()
        state.add(unit, -1)
        return after - before

    def place(self, unit: Unit, table: int) -> None:
        self.where[unit.index] = table
        self.tables[table].add(unit)

    def remove(self, unit: Unit) -> None:
        self.tables[self.where[unit.index]].add(unit, -1)
        self.where[unit.index] = -1

    def greedy(self) -> None:
        staff_count: Counter[tuple[str, int]] = Counter()

        organisation_sizes: Counter[str] = Counter()
        for unit in self.units:
            organisation_sizes.update(unit.organisations)

        def order(unit: Unit) -> tuple[bool, bool, int, int, str]:
            # fixed and staff units first, then the members of the largest organisations, spread first
            largest = max(unit.organisations, key=lambda o: organisation_sizes[o])
            return (len(unit.allowed) > 1, unit.staff is None, -organisation_sizes[largest], -unit.size, largest)

        for unit in sorted(self.units, key=order):
            candidates = [t for t in unit.allowed if self._fits(unit, t)] or unit.allowed
            if unit.staff:  # spread moderators and note-takers over their theme's tables first
                role = unit.staff[0]
                fewest = min(staff_count[(role, t)] for t in candidates)
                candidates = [t for t in candidates if staff_count[(role, t)] == fewest]
            best = min(candidates, key=lambda t: (self._delta_add(unit, t), self.tables[t].size))
            self.place(unit, best)
            if unit.staff:
                staff_count[(unit.staff[0], best)] += 1

    def cost(self) -> int:
        return sum(state.cost() for state in self.tables)

    def _movable(self) -> list[Unit]:
        return [u for u in self.units if len(u.allowed) > 1 and u.staff is None]

    def improve(self, *, lower_bound: int, time_limit: float, max_iterations: int = 20_000) -> None:
        movable = self._movable()
        if not movable:
            return
        deadline = time.perf_counter() + time_limit
        current = self.cost()
        best_cost, best_where = current, list(self.where)
        tabu: dict[tuple[int, int], int] = {}
        last_improvement = 0
        for iteration in range(max_iterations):
            if best_cost <= lower_bound or time.perf_counter() > deadline or iteration - last_improvement > STAGNATION:
                break
            move = self._best_move(movable, tabu, iteration, current, best_cost)
            if move is None:
                break
            kind, unit, target, other = move
            origin = self.where[unit.index]
            if kind == "move":
                self.remove(unit)
                self.place(unit, target)
            else:
                assert other is not None
                self.remove(unit)
                self.remove(other)
                self.place(unit, target)
                self.place(other, origin)
                tabu[(other.index, target)] = iteration + 7
            tabu[(unit.index, origin)] = iteration + 7
            current = self.cost()
            if current < best_cost:
                best_cost, best_where, last_improvement = current, list(self.where), iteration
        self._restore(best_where)

    def repair_preferences(self) -> None:
        """Swap people whose theme preference is unmet with someone at a table of that theme,
        whenever that lowers the objective (so it never costs collisions, balance or diversity)."""
        movable = self._movable()
        improved = True
        while improved:
            improved = False
            for unit in movable:
                origin = self.where[unit.index]
                if not unit.preferences or self.tables[origin].theme in unit.preferences:
                    continue
                for other in movable:
                    target = self.where[other.index]
                    if target == origin or self.tables[target].theme not in unit.preferences:
                        continue
                    if target not in unit.allowed or origin not in other.allowed:
                        continue
                    delta = self._swap_delta(unit, other)
                    if delta is not None and delta < 0:
                        self.remove(unit)
                        self.remove(other)
                        self.place(unit, target)
                        self.place(other, origin)
                        improved = True
                        break

    def _swap_delta(self, unit: Unit, other: Unit) -> int | None:
        """Change of the objective when the two units swap tables; None when the swap is not allowed."""
        origin, target = self.where[unit.index], self.where[other.index]
        home, state = self.tables[origin], self.tables[target]
        if state.size - other.size + unit.size > state.seats or home.size - unit.size + other.size > home.seats:
            return None
        if any(self.where[a] == target for a in self.apart.get(unit.index, ()) if a != other.index):
            return None
        if any(self.where[a] == origin for a in self.apart.get(other.index, ()) if a != unit.index):
            return None
        before = home.cost() + state.cost()
        home.add(unit, -1)
        state.add(other, -1)
        state.add(unit)
        home.add(other)
        delta = home.cost() + state.cost() - before
        home.add(other, -1)
        state.add(unit, -1)
        state.add(other)
        home.add(unit)
        return delta

    def _restore(self, where: list[int]) -> None:
        for unit in self.units:
            if self.where[unit.index] != -1:
                self.remove(unit)
        for unit in self.units:
            self.place(unit, where[unit.index])

    def _best_move(
        self, movable: list[Unit], tabu: dict[tuple[int, int], int], iteration: int, current: int, best: int
    ) -> tuple[str, Unit, int, Unit | None] | None:
        colliding = [
            u for u in movable if any(self.tables[self.where[u.index]].organisations[o] > 1 for o in u.organisations)
        ]
        others = [u for u in movable if u not in colliding]
        sample = colliding[:20] + self.rng.sample(others, min(len(others), max(0, 30 - len(colliding[:20]))))
        chosen: tuple[int, tuple[str, Unit, int, Unit | None]] | None = None
        for unit in sample:
            origin = self.where[unit.index]
            for target in unit.allowed:
                if target == origin:
                    continue
                state, home = self.tables[target], self.tables[origin]
                before = state.cost() + home.cost()
                if state.size + unit.size <= state.seats and self._fits(unit, target):
                    home.add(unit, -1)
                    state.add(unit)
                    delta = state.cost() + home.cost() - before
                    state.add(unit, -1)
                    home.add(unit)
                    allowed = tabu.get((unit.index, target), -1) < iteration or current + delta < best
                    if allowed and (chosen is None or delta < chosen[0]):
                        chosen = (delta, ("move", unit, target, None))
                for other in self.rng.sample(movable, min(8, len(movable))):
                    if self.where[other.index] != target or origin not in other.allowed:
                        continue
                    swap = self._swap_delta(unit, other)
                    if swap is None:
                        continue
                    allowed = tabu.get((unit.index, target), -1) < iteration or current + swap < best
                    if allowed and (chosen is None or swap < chosen[0]):
                        chosen = (swap, ("swap", unit, target, other))
        return None if chosen is None else chosen[1]

    def seating(self) -> dict[int, int]:
        return {m: self.problem.tables[self.where[u.index]].id for u in self.units for m in u.members}


def heuristic_seating(problem: Problem, *, lower_bound: int, time_limit: float = 0.3, seed: int = 0) -> dict[int, int]:
    search = Search(problem, seed)
    search.greedy()
    search.improve(lower_bound=lower_bound, time_limit=time_limit)
    search.repair_preferences()
    return search.seating()
