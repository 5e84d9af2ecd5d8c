"""Fictitious but plausible demo values for the monitor ("fictieve demodata").

Generated deterministically (fixed seed) for every active indicator of the catalogue and
every municipality of the demo district over 2016-2020 (two-yearly survey indicators only
in the survey years). Everything written here is marked `is_demo` and comes from a single
demo Delivery, so the UI and every export can say so. A series that has real values is
never filled with invented ones: such indicators are left out.
"""

import math
import random
from dataclasses import dataclass

from sqlmodel import Session, col, select

from indicators.areas import areas_by_code, district_municipalities
from indicators.models import Area, Delivery, Indicator, Observation, Population
from indicators.observations import ObservationRow, delete_delivery_values, store_observations
from indicators.population import PopulationRow, store_population
from indicators.provenance import DEMO_LABEL
from indicators.vocabulary import (
    NATIONAL_CODE,
    SURVEY_YEARS,
    TOTAL_BREAKDOWN,
    AreaKind,
    AreaLevel,
    Frequency,
    IndicatorStatus,
    PopulationGroup,
    ValueKind,
)

DEMO_YEARS = list(range(2016, 2021))
DEMO_SOURCE = f"Veiligheidsdialoog – {DEMO_LABEL}"
DEMO_SUPPLIER = "Veiligheidsdialoog (demo)"
SEED = 2020
JUMP_SHARE = 0.25

# Typical yearly counts per 10,000 inhabitants, to make invented counts plausible.
COUNT_RATE_PER_10K: dict[str, float] = {
    "GCC-P01": 0.8,
    "GCC-P02": 25,
    "GCC-S01": 12,
    "GCC-S02": 0.6,
    "GCC-S03": 1.5,
    "GCC-S04": 0.3,
    "GCC-S05": 4,
    "GCC-S06": 1.8,
    "GCC-S07": 5,
    "GCC-S08": 3,
    "GCC-I02": 1.2,
    "GCC-I03": 0.2,
    "GCC-I04": 0.9,
    "GCC-I06": 0.3,
    "GCC-I07": 3,
    "GCC-I08": 0.6,
    "GCC-E01": 6,
    "ZV-P01": 9,
    "ZV-P02": 40,
    "ZV-P03": 25,
    "ZV-S01": 28,
    "ZV-S02": 38,
    "ZV-S03": 14,
    "ZV-S05": 45,
    "ZV-S06": 22,
    "ZV-S07": 1.6,
    "ZV-S08": 30,
    "ZV-S09": 45,
    "ZV-S10": 34,
    "ZV-I01": 11,
    "ZV-I03": 60,
    "ZV-I04": 25,
    "VB-P01": 0.9,
    "VB-S01": 18,
    "VB-S02": 9,
    "VB-S03": 42,
    "VB-I01": 16,
    "RO-P02": 16,
    "RO-S01": 2.5,
    "RO-I01": 55,
    "RO-I02": 30,
    "RO-I03": 0.4,
}
PERCENTAGE_LEVEL: dict[str, float] = {
    "GCC-E02": 14,
    "GCC-E03": 22,
    "ZV-S04": 31,
    "ZV-S11": 27,
    "ZV-I02": 100,
    "ZV-E01": 1.6,
    "VB-P02": 24,
    "VB-I02": 9,
    "VB-E02": 48,
    "VB-E03": 6.5,
    "RO-P01": 86,
    "RO-E01": 17,
    "RO-E02": 12,
    "AV-E02": 32,
}
MARK_LEVEL: dict[str, float] = {"ZV-E02": 6.4, "VB-E01": 7.4, "AV-E01": 7.2, "VB-P03": 4.1}
URBAN_FACTOR = {"GM0748": 1.35, "GM1674": 1.3, "GM1709": 0.95, "GM1655": 0.9}  # default 0.8 for the others
YOUTH_SHARE = {PopulationGroup.YOUTH_12_25: 0.155, PopulationGroup.YOUTH_12_17: 0.071}
ACTION_EXAMPLES = [
    "Integrale controle op een bedrijventerrein met politie, RIEC en Belastingdienst",
    "Gezamenlijke aanpak van een vakantiepark met signalen van ondermijning",
    "Bibob-toets en sluiting van een horecapand na signalen van drugshandel",
    "Voorlichtingsavond voor agrariërs over criminele benadering (drugsafval, loodsen)",
    "Integrale controle van autoverhuurbedrijven en garagebedrijven",
]


@dataclass(frozen=True)
class DemoCounts:
    observations: int
    indicators: int
    population_rows: int


def _demo_delivery(db: Session) -> Delivery:
    delivery = db.exec(select(Delivery).where(col(Delivery.is_demo), col(Delivery.source) == DEMO_SOURCE)).first()
    if delivery is None:
        delivery = Delivery(
            supplier=DEMO_SUPPLIER,
            file_name="(gegenereerd)",
            content_hash="demo",
            source=DEMO_SOURCE,
            is_demo=True,
            note="Verzonnen waarden om de app te kunnen bekijken; geen echte cijfers.",
        )
        db.add(delivery)
        db.flush()
    return delivery


def _population_by_year(db: Session, area: Area, *, real_only: bool = False) -> dict[int, int]:
    statement = select(Population.year, Population.value).where(
        col(Population.area_id) == area.id, col(Population.population_group) == PopulationGroup.TOTAL
    )
    if real_only:
        statement = statement.where(col(Population.is_demo).is_(False))
    return dict(db.exec(statement).all())


def _demo_population(db: Session, municipalities: list[Area], delivery: Delivery) -> int:
    """Totals interpolated between the real 2015 and 2022 figures for the years in between, and
    youth groups as a fixed share; all marked demo. Real values are never overwritten."""
    totals: list[PopulationRow] = []
    youth: list[PopulationRow] = []
    for area in municipalities:
        real = _population_by_year(db, area, real_only=True)
        if 2015 not in real or 2022 not in real:
            continue
        for year in range(2015, 2023):
            estimate = real[2015] + (year - 2015) / 7 * (real[2022] - real[2015])
            if year not in real:
                totals.append(PopulationRow(area.code, year, PopulationGroup.TOTAL, round(estimate)))
            for group, fraction in YOUTH_SHARE.items():
                youth.append(PopulationRow(area.code, year, group, round(estimate * fraction)))
    stored = store_population(
        db=db,
        rows=totals,
        source=f"{DEMO_LABEL} (interpolatie CBS 2015-2022)",
        delivery=delivery,
        is_demo=True,
    )
    stored += store_population(
        db=db, rows=youth, source=f"{DEMO_LABEL} (aandeel jongeren geschat)", delivery=delivery, is_demo=True
    )
    return stored


def _series(rng: random.Random, level: float, years: list[int], *, jump: float = 0.35) -> dict[int, float]:
    """A level with a gentle trend and noise over the years; about one series in four jumps in its
    last year, so that the demo monitor has notable changes to talk about."""
    trend = rng.uniform(-0.07, 0.07)
    values = {year: level * math.exp(trend * i) * rng.uniform(0.92, 1.08) for i, year in enumerate(years)}
    if years and rng.random() < JUMP_SHARE:
        values[years[-1]] *= rng.choice([-1, 1]) * rng.uniform(jump / 2.5, jump) + 1
    return values


def _shares(rng: random.Random, n: int) -> list[float]:
    weights = [rng.uniform(0.3, 1.0) for _ in range(n)]
    total = sum(weights)
    return [w / total for w in weights]


def _indicator_rows(rng: random.Random, indicator: Indicator, area: Area, population: int) -> list[ObservationRow]:
    years = [y for y in DEMO_YEARS if indicator.frequency != Frequency.TWO_YEARLY or y in SURVEY_YEARS]
    code, kind = indicator.code, indicator.value_kind
    factor = URBAN_FACTOR.get(area.code, 0.8) if area.kind == AreaKind.MUNICIPALITY else 1.0
    rows: list[ObservationRow] = []
    if kind == ValueKind.QUALITATIVE:
        for year in years:
            text = f"{rng.choice(ACTION_EXAMPLES)} ({DEMO_LABEL})"
            rows.append(ObservationRow(code, area.code, year, None, text_value=text))
        return rows
    if kind == ValueKind.COUNT:
        totals = _series(rng, COUNT_RATE_PER_10K.get(code, 5.0) * population / 10_000 * factor, years)
        for year, total in totals.items():
            rounded = max(0, round(total))
            rows.append(ObservationRow(code, area.code, year, float(rounded)))
            if indicator.breakdowns:
                shares = _shares(rng, len(indicator.breakdowns))
                parts = [math.floor(rounded * s) for s in shares]
                parts[0] += rounded - sum(parts)
                rows += [
                    ObservationRow(code, area.code, year, float(p), breakdown=b)
                    for b, p in zip(indicator.breakdowns, parts, strict=True)
                ]
        return rows
    if kind == ValueKind.AMOUNT:
        for year, total in _series(rng, 350_000 * population / 50_000 * factor, years).items():
            rows.append(ObservationRow(code, area.code, year, float(round(total, -3))))
        return rows
    if kind == ValueKind.PERCENTAGE:
        return _percentage_rows(rng, indicator, area, years, factor)
    # report marks and scores
    level = MARK_LEVEL.get(code, 6.8)
    for year, value in _series(rng, level, years, jump=0.12).items():
        rows.append(ObservationRow(code, area.code, year, round(min(10.0, value), 1)))
        for breakdown in indicator.breakdowns:
            rows.append(
                ObservationRow(
                    code, area.code, year, round(min(10.0, value * rng.uniform(0.85, 1.1)), 1), breakdown=breakdown
                )
            )
    return rows


def _percentage_rows(
    rng: random.Random, indicator: Indicator, area: Area, years: list[int], factor: float
) -> list[ObservationRow]:
    code, breakdowns = indicator.code, indicator.breakdowns
    rows: list[ObservationRow] = []
    distribution = "nooit" in breakdowns or code == "ZV-I02"  # categories that add up to 100%
    level = PERCENTAGE_LEVEL.get(code, 20.0) * (1.0 if distribution else min(1.3, factor))
    for year, value in _series(rng, level, years).items():
        if distribution:
            shares = _shares(rng, len(breakdowns))
            if "nooit" in breakdowns:
                never = min(95.0, max(40.0, 100 - value))
                rest = [(100 - never) * s for s in _shares(rng, len(breakdowns) - 1)]
                parts = dict(zip([b for b in breakdowns if b != "nooit"], rest, strict=True)) | {"nooit": never}
                rows.append(ObservationRow(code, area.code, year, round(100 - never, 1)))
            else:
                parts = {b: 100 * s for b, s in zip(breakdowns, shares, strict=True)}
            rows += [ObservationRow(code, area.code, year, round(v, 1), breakdown=b) for b, v in parts.items()]
            continue
        total = min(99.0, value)
        rows.append(ObservationRow(code, area.code, year, round(total, 1)))
        rows += [
            ObservationRow(code, area.code, year, round(total * rng.uniform(0.2, 0.9), 1), breakdown=b)
            for b in breakdowns
        ]
    return rows


def _national_rows(db: Session, indicators: list[Indicator], country: Area) -> list[ObservationRow]:
    """Invented national figures for the municipal indicators the demo fills (counts, percentages, marks), so the
    demo shows Nederland beside the district; their own random stream, so the district's demo values stay put."""
    rng = random.Random(SEED + 1)
    population = _population_by_year(db, country).get(2018, 0)
    kinds = {ValueKind.COUNT, ValueKind.PERCENTAGE, ValueKind.REPORT_MARK, ValueKind.SCORE}
    rows: list[ObservationRow] = []
    for indicator in indicators:
        if indicator.area_level == AreaLevel.MUNICIPALITY and indicator.value_kind in kinds and population:
            rows += [r for r in _indicator_rows(rng, indicator, country, population) if r.breakdown == TOTAL_BREAKDOWN]
    return rows


def build_demo_values(*, db: Session, district_code: str) -> DemoCounts:
    """(Re)generate all demo values for the district; earlier demo values are replaced."""
    delivery = _demo_delivery(db)
    assert delivery.id is not None
    delete_delivery_values(db=db, delivery_id=delivery.id)
    municipalities = district_municipalities(db=db, district_code=district_code)
    population_rows = _demo_population(db, municipalities, delivery)
    district = areas_by_code(db=db, codes=[district_code])[district_code]
    with_real_values = set(
        db.exec(select(Observation.indicator_id).where(col(Observation.is_demo).is_(False)).distinct()).all()
    )
    indicators = db.exec(
        select(Indicator).where(col(Indicator.status) == IndicatorStatus.ACTIVE).order_by(col(Indicator.code))
    ).all()
    rng = random.Random(SEED)
    rows: list[ObservationRow] = []
    populations = {area.code: _population_by_year(db, area).get(2018, 0) for area in municipalities}
    district_population = sum(populations.values())
    used: set[str] = set()
    for indicator in indicators:
        if indicator.id in with_real_values or indicator.code == "AV-C02":
            continue
        targets = [district] if indicator.area_level == AreaLevel.DISTRICT else municipalities
        for area in targets:
            population = district_population if area.kind == AreaLevel.DISTRICT else populations[area.code]
            rows += _indicator_rows(rng, indicator, area, population)
        used.add(indicator.code)
    country = areas_by_code(db=db, codes=[NATIONAL_CODE]).get(NATIONAL_CODE)
    if country is not None:
        population_rows += _demo_population(db, [country], delivery)
        rows += _national_rows(db, [i for i in indicators if i.code in used], country)
    stored = store_observations(db=db, rows=rows, delivery=delivery, is_demo=True)
    delivery.row_count = stored
    db.add(delivery)
    db.flush()
    return DemoCounts(observations=stored, indicators=len(used), population_rows=population_rows)
