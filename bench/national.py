"""A generated national-scale database: 342 municipalities in districts, 100 indicators, 10 years.

The real catalogue's active indicators are completed with generated ones up to 100; every
municipality gets a value for every indicator and year (plus the catalogue's breakdowns), and
population for every group. Values are random: this data exists only to measure speed.
"""

import random
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.db import optimise_after_bulk_load, transaction
from core.schema import upgrade_schema
from indicators.areas import load_areas
from indicators.catalogue import load_catalogue
from indicators.models import Area, ChainStep, Delivery, Indicator, Observation, Population, Theme, code_to_id
from indicators.themes import THEMES
from indicators.vocabulary import TOTAL_BREAKDOWN, IndicatorStatus, PopulationGroup

N_MUNICIPALITIES = 342
N_INDICATORS = 100
YEARS = list(range(2013, 2023))
DISTRICT_SIZE = 8
CHUNK = 20_000


@dataclass(frozen=True)
class NationalCounts:
    municipalities: int
    indicators: int
    observations: int


def _extra_indicators(db: Session, needed: int) -> None:
    """Generated indicators go to whichever of the four IVP themes has the fewest, so the themes
    grow towards an even ~25 each, as a national catalogue of 100 indicators would be spread."""
    themes = db.exec(select(Theme).where(col(Theme.code).in_(THEMES))).all()
    steps = db.exec(select(ChainStep)).all()
    sizes = {
        theme.id: len(
            db.exec(
                select(Indicator.id).where(col(Indicator.theme_id) == theme.id, col(Indicator.status) == "actief")
            ).all()
        )
        for theme in themes
    }
    for number in range(needed):
        theme = min(themes, key=lambda t: (sizes[t.id], t.position))
        sizes[theme.id] += 1
        step = steps[number % len(steps)]
        db.add(
            Indicator(
                code=f"GEN-{number + 1:03d}",
                name=f"Gegenereerde indicator {number + 1}",
                definition="Benchmark.",
                value_kind="aantal",
                polarity="hoger_slechter",
                frequency="jaarlijks",
                perspective="registratie",
                per_capita_group="totaal",
                per_capita_base=10_000,
                status="actief",
                edition=2020,
                theme_id=theme.id or 0,
                chain_step_id=step.id,
                suppliers=["Benchmark"],
                breakdowns=["a", "b"],
            )
        )
    db.flush()


def build_national_database(engine: Engine, *, seed: int = 342) -> NationalCounts:
    upgrade_schema(engine)
    rng = random.Random(seed)
    with transaction(engine) as db:
        load_catalogue(db=db)
        load_areas(db=db)
        active = db.exec(select(Indicator).where(col(Indicator.status) == IndicatorStatus.ACTIVE)).all()
        _extra_indicators(db, N_INDICATORS - len(active))
        indicators = db.exec(
            select(Indicator).where(col(Indicator.status) == IndicatorStatus.ACTIVE).order_by(col(Indicator.code))
        ).all()[:N_INDICATORS]
        in_district = db.exec(select(Area).where(col(Area.district_code).is_not(None))).all()
        others = db.exec(
            select(Area).where(col(Area.kind) == "gemeente", col(Area.active), col(Area.district_code).is_(None))
        ).all()
        municipalities = [*in_district, *others][:N_MUNICIPALITIES]
        generated: set[str] = set()
        for index, area in enumerate(municipalities[len(in_district) :]):
            area.district_code = f"DIS-GEN-{index // DISTRICT_SIZE + 1:02d}"
            generated.add(area.district_code)
            db.add(area)
        for code in sorted(generated):
            db.add(Area(code=code, name=f"Gegenereerd district {code[-2:]}", kind="district"))
        delivery = Delivery(
            supplier="benchmark", file_name="(gegenereerd)", content_hash="national", source="benchmark", is_demo=True
        )
        db.add(delivery)
        db.flush()
        area_ids = code_to_id(db, Area)
        population_rows = [
            {
                "area_id": area_ids[a.code],
                "year": year,
                "population_group": group,
                "value": size,
                "source": "benchmark",
                "is_demo": True,
                "delivery_id": delivery.id,
            }
            for a in municipalities
            for size0 in [rng.randint(5_000, 200_000)]
            for year in YEARS
            for group, size in (
                (PopulationGroup.TOTAL, size0),
                (PopulationGroup.YOUTH_12_25, size0 // 6),
                (PopulationGroup.YOUTH_12_17, size0 // 14),
            )
        ]
        db.execute(insert(Population), population_rows)
        rows = []
        count = 0
        for indicator in indicators:
            breakdowns = [TOTAL_BREAKDOWN, *indicator.breakdowns[:3]]
            for area in municipalities:
                for year in YEARS:
                    for breakdown in breakdowns:
                        rows.append(
                            {
                                "indicator_id": indicator.id,
                                "area_id": area_ids[area.code],
                                "year": year,
                                "breakdown": breakdown,
                                "value": float(rng.randint(0, 500)),
                                "source": "benchmark",
                                "is_demo": True,
                                "delivery_id": delivery.id,
                            }
                        )
                        if len(rows) >= CHUNK:
                            db.execute(insert(Observation), rows)
                            count += len(rows)
                            rows = []
        if rows:
            db.execute(insert(Observation), rows)
            count += len(rows)
    optimise_after_bulk_load(engine)
    return NationalCounts(municipalities=len(municipalities), indicators=len(indicators), observations=count)
