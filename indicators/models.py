"""Database tables of the monitor: catalogue, areas, population and observations.

Model families follow the fastapi full-stack template: `XBase` holds the fields
shared by input and storage, `X(XBase, table=True)` adds keys and relations.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, Session, SQLModel, select

from core.models import utc_now


def code_to_id(db: Session, model: type["Area"] | type["Indicator"]) -> dict[str, int]:
    """Map of code -> primary key for all areas or all indicators."""
    rows = db.exec(select(model.code, model.id)).all()
    return {code: row_id for code, row_id in rows if row_id is not None}


class ThemeBase(SQLModel):
    code: str = Field(max_length=8, unique=True, index=True)
    name: str = Field(max_length=120)
    position: int = 0
    since_edition: int = 2020
    description: str = ""


class Theme(ThemeBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class ChainStepBase(SQLModel):
    code: str = Field(max_length=20, unique=True, index=True)
    name: str = Field(max_length=60)
    position: int = 0
    description: str = ""


class ChainStep(ChainStepBase, table=True):
    __tablename__ = "chain_step"
    id: int | None = Field(default=None, primary_key=True)


class IndicatorBase(SQLModel):
    code: str = Field(max_length=20, unique=True, index=True)
    name: str = Field(max_length=200)
    definition: str = ""
    value_kind: str = Field(max_length=20)
    polarity: str = Field(max_length=20)
    frequency: str = Field(max_length=20)
    perspective: str = Field(max_length=20)
    area_level: str = Field(max_length=20, default="gemeente")
    per_capita_group: str | None = Field(default=None, max_length=20)
    per_capita_base: int | None = None
    is_context: bool = False
    status: str = Field(max_length=20, index=True)
    status_reason: str = ""
    edition: int
    source_ref: str = ""
    appendix_item: str = ""
    # the source whose values give the line when two sources deliver the same years (None: the newest delivery)
    preferred_source: str | None = Field(default=None, max_length=200)


class Indicator(IndicatorBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    theme_id: int = Field(foreign_key="theme.id", index=True)
    chain_step_id: int | None = Field(default=None, foreign_key="chain_step.id", index=True)
    suppliers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    breakdowns: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    replaces: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class AreaBase(SQLModel):
    code: str = Field(max_length=20, unique=True, index=True)
    name: str = Field(max_length=120, index=True)
    kind: str = Field(max_length=20, index=True)
    district_code: str | None = Field(default=None, max_length=20, index=True)
    basisteam: str | None = Field(default=None, max_length=120)
    veiligheidsregio: str | None = Field(default=None, max_length=120)
    provincie: str | None = Field(default=None, max_length=120)
    active: bool = True
    # a municipality that merged away: the municipality it became part of, and from when
    successor_code: str | None = Field(default=None, max_length=20)
    ended_on: date | None = None


class Area(AreaBase, table=True):
    id: int | None = Field(default=None, primary_key=True)


class Delivery(SQLModel, table=True):
    """One delivered or downloaded file (or a generated demo set) that values came from."""

    id: int | None = Field(default=None, primary_key=True)
    supplier: str = Field(max_length=120)
    file_name: str = Field(max_length=255)
    content_hash: str = Field(max_length=64, index=True)
    source: str = Field(max_length=200)
    imported_at: datetime = Field(default_factory=utc_now)
    imported_by: str = Field(default="systeem", max_length=120)
    row_count: int = 0
    rows_added: int = 0
    rows_replaced: int = 0
    rows_unchanged: int = 0
    rows_skipped: int = 0
    file_format: str = Field(default="", max_length=40)
    is_demo: bool = False
    note: str = ""
    rolled_back_at: datetime | None = None
    rolled_back_by: str | None = Field(default=None, max_length=120)


class Population(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("area_id", "year", "population_group", name="uq_population_area_year_group"),)

    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    year: int
    population_group: str = Field(max_length=20, default="totaal")
    value: int
    source: str = Field(max_length=200)
    is_demo: bool = False
    delivery_id: int | None = Field(default=None, foreign_key="delivery.id", index=True)


NOTE_LENGTH = 1000  # characters of a supplier's toelichting


class Observation(SQLModel, table=True):
    """A value of one indicator for one area, year and breakdown, from one source.

    A missing value is either absent or stored with `value=None` and a `missing_reason`;
    never as 0. The same indicator may be stored from two sources (CBS rounds to fives,
    Politie does not), so the source is part of the key.
    """

    __table_args__ = (
        UniqueConstraint("indicator_id", "area_id", "year", "breakdown", "source", name="uq_observation_key"),
        Index("ix_observation_indicator_year", "indicator_id", "year"),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id")
    area_id: int = Field(foreign_key="area.id", index=True)
    year: int
    breakdown: str = Field(max_length=120, default="totaal")
    value: float | None = None
    text_value: str | None = None
    missing_reason: str | None = Field(default=None, max_length=255)
    note: str | None = Field(default=None, max_length=NOTE_LENGTH)  # the supplier's toelichting, as delivered
    provisional: bool = False  # StatLine's `*`: a provisional figure, to be revised
    source: str = Field(max_length=200)
    is_demo: bool = False
    delivery_id: int | None = Field(default=None, foreign_key="delivery.id", index=True)


class ValueHistory(SQLModel, table=True):
    """A stored value as it was before a delivery replaced it, so the delivery can be rolled back.

    `target` is "observation" (indicator value) or "population"; for population the
    population group is kept in `breakdown`.
    """

    __tablename__ = "value_history"

    id: int | None = Field(default=None, primary_key=True)
    target: str = Field(max_length=20)
    indicator_id: int | None = Field(default=None, foreign_key="indicator.id")
    area_id: int = Field(foreign_key="area.id")
    year: int
    breakdown: str = Field(max_length=120)
    source: str = Field(max_length=200)
    old_value: float | None = None
    old_text_value: str | None = None
    old_missing_reason: str | None = Field(default=None, max_length=255)
    old_note: str | None = Field(default=None, max_length=NOTE_LENGTH)
    old_is_demo: bool = False
    old_provisional: bool = False
    old_delivery_id: int | None = Field(default=None, foreign_key="delivery.id")
    replaced_by_delivery_id: int = Field(foreign_key="delivery.id", index=True)
    replaced_at: datetime = Field(default_factory=utc_now)
