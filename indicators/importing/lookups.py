"""Resolving what partners write (codes, names, labels) to the areas and indicators in the database."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlmodel import Session, col, select

from indicators.models import Area, Indicator
from indicators.vocabulary import AreaKind, IndicatorStatus, PopulationGroup

POPULATION_GROUP_ALIASES = {
    "totaal": PopulationGroup.TOTAL,
    "": PopulationGroup.TOTAL,
    "inwoners": PopulationGroup.TOTAL,
    "jeugd_12_25": PopulationGroup.YOUTH_12_25,
    "12-25": PopulationGroup.YOUTH_12_25,
    "12 tot 25 jaar": PopulationGroup.YOUTH_12_25,
    "jeugd_12_17": PopulationGroup.YOUTH_12_17,
    "12-17": PopulationGroup.YOUTH_12_17,
    "12 t/m 17 jaar": PopulationGroup.YOUTH_12_17,
}


@lru_cache(maxsize=8192)
def normalise_name(text: str) -> str:
    """'’s-Hertogenbosch ' -> 'shertogenbosch': case, accents, spaces and punctuation ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _without_suffix(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", text)


@dataclass(frozen=True)
class AreaRef:
    id: int
    code: str
    name: str
    kind: str
    # in a configured district (or a district itself, or Nederland); a former municipality: when its successor is
    configured: bool
    active: bool = True
    successor_code: str | None = None  # a municipality that merged away: the one it became part of, from `ended_on`
    ended_on: date | None = None

    def merged_by(self, year: int) -> bool:
        """True when a figure for `year` is no longer this municipality's own: it had merged away by 1 January of
        that year (CBS publishes a year on the division of its 1 January, so Weesp, ended 24 March 2022, still
        has its own 2022 figures)."""
        return self.successor_code is not None and self.ended_on is not None and self.ended_on <= date(year, 1, 1)


class AreaLookup:
    """Municipality codes ('GM0748', '0748') and names (current and former) -> areas."""

    def __init__(self, db: Session) -> None:
        areas = db.exec(select(Area)).all()
        self.by_code: dict[str, AreaRef] = {}
        self._by_name: dict[str, list[AreaRef]] = {}
        self._by_short_name: dict[str, list[AreaRef]] = {}
        configured = {
            a.code for a in areas if a.kind in (AreaKind.DISTRICT, AreaKind.COUNTRY) or a.district_code is not None
        }
        successors = {a.code: a.successor_code for a in areas if a.successor_code}
        for area in areas:
            assert area.id is not None
            ref = AreaRef(
                area.id,
                area.code,
                area.name,
                area.kind,
                any(code in configured for code in _chain(area.code, successors)),
                area.active,
                area.successor_code,
                area.ended_on,
            )
            self.by_code[area.code.upper()] = ref
            self._by_name.setdefault(normalise_name(area.name), []).append(ref)
            self._by_short_name.setdefault(normalise_name(_without_suffix(area.name)), []).append(ref)

    def successor(self, ref: AreaRef, year: int) -> AreaRef | None:
        """The municipality that a former one's figures for `year` belong to (following later mergers too); None
        when `ref` still existed on 1 January of `year`, or when the successor is not in the database."""
        found = ref
        for _ in range(len(self.by_code)):  # at most one step per area: a loop in the data ends it
            if not found.merged_by(year):
                return None if found is ref else found
            following = self.by_code.get(str(found.successor_code).upper())
            if following is None:
                return None
            found = following
        return None

    def resolve(self, text: str) -> AreaRef | None:
        """The area a code or name stands for, preferring current over former municipalities (and, among names
        shared by several, the one in a configured district)."""
        cleaned = text.strip()
        upper = cleaned.upper()
        if upper in self.by_code:
            return self.by_code[upper]
        if re.fullmatch(r"\d{1,4}", cleaned) and f"GM{int(cleaned):04d}" in self.by_code:
            return self.by_code[f"GM{int(cleaned):04d}"]
        for index, key in (
            (self._by_name, normalise_name(cleaned)),
            (self._by_short_name, normalise_name(_without_suffix(cleaned))),
        ):
            matches = index.get(key, [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                return sorted(matches, key=lambda ref: (not ref.active, not ref.configured, ref.code))[0]
        return None


def _chain(code: str, successors: dict[str, str]) -> list[str]:
    """The code and the codes it merged into, in order (a loop in the data ends the chain)."""
    chain = [code]
    while chain[-1] in successors and successors[chain[-1]] not in chain:
        chain.append(successors[chain[-1]])
    return chain


@dataclass(frozen=True)
class IndicatorRef:
    id: int
    code: str
    name: str
    value_kind: str
    status: str
    breakdowns: tuple[str, ...]
    suppliers: tuple[str, ...]

    def breakdown(self, text: str) -> str | None:
        """The catalogue's spelling of a breakdown ('totaal' for the total), or None when unknown."""
        key = normalise_name(text)
        if key in ("", "totaal", "total"):
            return "totaal"
        return next((b for b in self.breakdowns if normalise_name(b) == key), None)


class IndicatorLookup:
    def __init__(self, db: Session) -> None:
        indicators = db.exec(select(Indicator).where(col(Indicator.status) != IndicatorStatus.DROPPED)).all()
        self.by_code: dict[str, IndicatorRef] = {}
        self.dropped = {
            code.upper(): code
            for code in db.exec(select(Indicator.code).where(col(Indicator.status) == IndicatorStatus.DROPPED)).all()
        }
        self._by_name: dict[str, IndicatorRef] = {}
        for indicator in indicators:
            assert indicator.id is not None
            ref = IndicatorRef(
                indicator.id,
                indicator.code,
                indicator.name,
                indicator.value_kind,
                indicator.status,
                tuple(indicator.breakdowns),
                tuple(indicator.suppliers),
            )
            self.by_code[indicator.code.upper()] = ref
            self._by_name[normalise_name(indicator.name)] = ref

    def resolve(self, text: str) -> IndicatorRef | None:
        return self.by_code.get(text.strip().upper()) or self._by_name.get(normalise_name(text))
