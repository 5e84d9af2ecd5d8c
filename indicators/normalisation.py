"""Per-capita values for any set of areas: one query joining values with the population of the
same area, year and population group."""

import numpy as np
import pandas as pd
from sqlalchemy import and_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from indicators.catalogue import get_indicator
from indicators.detail import population_missing
from indicators.models import Area, Observation, Population
from indicators.provenance import attribution
from indicators.series import SUMMED_KINDS
from indicators.vocabulary import PopulationGroup

VALUE_COLUMNS = [
    "area_code",
    "area_name",
    "year",
    "breakdown",
    "value",
    "per_capita",
    "population",
    "source",
    "is_demo",
    "attribution",
    "missing_reason",
]


def indicator_values(
    *, db: Session, code: str, area_codes: list[str] | None = None, per_capita: bool = False
) -> pd.DataFrame:
    """Stored values of one indicator (all sources), with per-capita figures where the catalogue says so.

    With `per_capita=True` the `value` column holds the per-capita figure (NaN where it does not
    apply or the population is unknown; then `missing_reason` names the missing population) and
    `per_capita` repeats it.
    """
    indicator = get_indicator(db=db, code=code)
    if indicator is None:
        raise KeyError(f"Onbekende indicator '{code}'")
    group = indicator.per_capita_group or PopulationGroup.TOTAL
    statement = (
        sa_select(
            col(Area.code),
            col(Area.name),
            col(Observation.year),
            col(Observation.breakdown),
            col(Observation.value),
            col(Population.value),
            col(Observation.source),
            col(Observation.is_demo),
            col(Observation.missing_reason),
        )
        .join(Area, col(Area.id) == col(Observation.area_id))
        .outerjoin(
            Population,
            and_(
                col(Population.area_id) == col(Observation.area_id),
                col(Population.year) == col(Observation.year),
                col(Population.population_group) == group,
            ),
        )
        .where(col(Observation.indicator_id) == indicator.id)
        .order_by(col(Area.code), col(Observation.year), col(Observation.breakdown), col(Observation.source))
    )
    if area_codes is not None:
        statement = statement.where(col(Area.code).in_(area_codes))
    frame = pd.DataFrame.from_records(
        db.execute(statement).all(),
        columns=[
            "area_code",
            "area_name",
            "year",
            "breakdown",
            "value",
            "population",
            "source",
            "is_demo",
            "missing_reason",
        ],
    )
    frame["value"] = frame["value"].astype(float)
    frame["population"] = frame["population"].astype(float)
    base = float(indicator.per_capita_base or 0)
    applicable = base > 0 and indicator.value_kind in SUMMED_KINDS
    frame["per_capita"] = frame["value"] / frame["population"] * base if applicable else np.nan
    if per_capita:
        count_without_population = frame["value"].notna() & frame["per_capita"].isna() & applicable
        frame["missing_reason"] = (
            frame["missing_reason"]
            .astype(object)
            .where(
                ~count_without_population,
                pd.Series([population_missing(int(y)) for y in frame["year"]], index=frame.index, dtype=object),
            )
        )
        frame["value"] = frame["per_capita"]
    frame["attribution"] = [
        attribution(s, is_demo=bool(d)) for s, d in zip(frame["source"], frame["is_demo"], strict=True)
    ]
    return frame[VALUE_COLUMNS]
