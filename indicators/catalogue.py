"""The indicator catalogue: loading the shipped files and querying indicators."""

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sqlmodel import Session, col, select

from core.errors import UserError
from core.formatting import format_int
from data import CATALOGUE_DIR
from indicators.models import ChainStep, Indicator, Theme
from indicators.vocabulary import (
    POPULATION_GROUP_LABELS,
    AreaLevel,
    Frequency,
    IndicatorStatus,
    Perspective,
    Polarity,
    PopulationGroup,
    ValueKind,
)

CATALOGUE_COLUMNS = ["code", "name", "theme", "chain_step", "supplier", "kind", "status"]


class CatalogueError(UserError):
    """A catalogue file that does not follow its format (message in Dutch)."""


@dataclass(frozen=True)
class CatalogueCounts:
    themes: int
    chain_steps: int
    indicators: int


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _checked(enum: type[StrEnum], value: str, *, path: Path, row: int, column: str) -> str:
    allowed = [member.value for member in enum]
    if value not in allowed:
        raise CatalogueError(
            f"{path.name}, rij {row}, kolom '{column}': onbekende waarde '{value}' (toegestaan: {', '.join(allowed)})"
        )
    return value


def load_catalogue(*, db: Session, directory: Path = CATALOGUE_DIR) -> CatalogueCounts:
    """Insert or update themes, chain steps and indicators from the catalogue files (idempotent)."""
    themes = {t.code: t for t in db.exec(select(Theme)).all()}
    for row in _read_csv(directory / "themes.csv"):
        theme = themes.get(row["code"]) or Theme(code=row["code"], name=row["name"])
        theme.name = row["name"]
        theme.position = int(row["position"])
        theme.since_edition = int(row["since_edition"])
        theme.description = row["description"]
        db.add(theme)
        themes[theme.code] = theme

    steps = {s.code: s for s in db.exec(select(ChainStep)).all()}
    for row in _read_csv(directory / "chain_steps.csv"):
        step = steps.get(row["code"]) or ChainStep(code=row["code"], name=row["name"])
        step.name = row["name"]
        step.position = int(row["position"])
        step.description = row["description"]
        db.add(step)
        steps[step.code] = step
    db.flush()

    path = directory / "indicators.csv"
    existing = {i.code: i for i in db.exec(select(Indicator)).all()}
    rows = _read_csv(path)
    for number, row in enumerate(rows, start=2):
        if row["theme"] not in themes:
            raise CatalogueError(f"{path.name}, rij {number}, kolom 'theme': onbekend thema '{row['theme']}'")
        if row["chain_step"] and row["chain_step"] not in steps:
            raise CatalogueError(f"{path.name}, rij {number}, kolom 'chain_step': onbekende stap '{row['chain_step']}'")
        pc_group = row["per_capita_group"] or None
        if pc_group:
            _checked(PopulationGroup, pc_group, path=path, row=number, column="per_capita_group")
        indicator = existing.get(row["code"]) or Indicator(
            code=row["code"],
            name=row["name"],
            theme_id=0,
            value_kind="",
            polarity="",
            frequency="",
            perspective="",
            status="",
            edition=0,
        )
        indicator.name = row["name"]
        indicator.definition = row["definition"]
        theme_id = themes[row["theme"]].id
        assert theme_id is not None  # flushed above
        indicator.theme_id = theme_id
        indicator.chain_step_id = steps[row["chain_step"]].id if row["chain_step"] else None
        indicator.suppliers = _split(row["suppliers"])
        indicator.breakdowns = _split(row["breakdowns"])
        indicator.replaces = _split(row["replaces"])
        indicator.value_kind = _checked(ValueKind, row["value_kind"], path=path, row=number, column="value_kind")
        indicator.polarity = _checked(Polarity, row["polarity"], path=path, row=number, column="polarity")
        indicator.frequency = _checked(Frequency, row["frequency"], path=path, row=number, column="frequency")
        indicator.perspective = _checked(Perspective, row["perspective"], path=path, row=number, column="perspective")
        indicator.area_level = _checked(AreaLevel, row["area_level"], path=path, row=number, column="area_level")
        indicator.per_capita_group = pc_group
        indicator.per_capita_base = int(row["per_capita_base"]) if row["per_capita_base"] else None
        indicator.is_context = row["context"] == "ja"
        indicator.status = _checked(IndicatorStatus, row["status"], path=path, row=number, column="status")
        indicator.status_reason = row["status_reason"]
        indicator.edition = int(row["edition"])
        indicator.source_ref = row["source_ref"]
        indicator.appendix_item = row["appendix_item"]
        db.add(indicator)
    db.flush()
    return CatalogueCounts(themes=len(themes), chain_steps=len(steps), indicators=len(rows))


def catalogue_frame(
    *,
    db: Session,
    status: str | None = None,
    theme_code: str | None = None,
    search: str | None = None,
) -> pd.DataFrame:
    """The catalogue as a table, one row per indicator, ordered by theme and chain step.

    Columns: code, name, theme, theme_code, chain_step, chain_step_code, supplier, kind,
    status, definition, perspective, frequency, per_capita, breakdowns, edition, status_reason, preferred_source
    ('' when the newest delivery gives the line).
    """
    statement = (
        select(Indicator, Theme, ChainStep)
        .join(Theme, col(Indicator.theme_id) == col(Theme.id))
        .join(ChainStep, col(Indicator.chain_step_id) == col(ChainStep.id), isouter=True)
        .order_by(col(Theme.position), col(ChainStep.position).nulls_first(), col(Indicator.code))
    )
    if status:
        statement = statement.where(col(Indicator.status) == status)
    if theme_code:
        statement = statement.where(col(Theme.code) == theme_code)
    records = []
    for indicator, theme, step in db.exec(statement).all():
        records.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "theme": theme.name,
                "theme_code": theme.code,
                "chain_step": step.name if step else "context",
                "chain_step_code": step.code if step else "",
                "supplier": ", ".join(indicator.suppliers),
                "kind": indicator.value_kind,
                "status": indicator.status,
                "definition": indicator.definition,
                "perspective": indicator.perspective,
                "frequency": indicator.frequency,
                "per_capita": per_capita_label(indicator),
                "breakdowns": ", ".join(indicator.breakdowns),
                "edition": indicator.edition,
                "status_reason": indicator.status_reason,
                "preferred_source": indicator.preferred_source or "",
            }
        )
    frame = pd.DataFrame.from_records(records, columns=_FRAME_COLUMNS)
    return search_catalogue(frame, search) if search else frame


def search_catalogue(frame: pd.DataFrame, search: str) -> pd.DataFrame:
    """Rows whose code, name, definition or supplier contain the search text (case-insensitive)."""
    needle = search.strip().lower()
    if not needle:
        return frame
    haystack = (frame["code"] + " " + frame["name"] + " " + frame["definition"] + " " + frame["supplier"]).str.lower()
    return frame[haystack.str.contains(needle, regex=False)].reset_index(drop=True)


_FRAME_COLUMNS = [
    "preferred_source",
    "code",
    "name",
    "theme",
    "theme_code",
    "chain_step",
    "chain_step_code",
    "supplier",
    "kind",
    "status",
    "definition",
    "perspective",
    "frequency",
    "per_capita",
    "breakdowns",
    "edition",
    "status_reason",
]


def per_capita_unit(base: int, group: str) -> str:
    """Dutch unit of a normalised figure, e.g. 'per 10.000 inwoners'."""
    return f"per {format_int(base)} {POPULATION_GROUP_LABELS[group]}"


def per_capita_label(indicator: Indicator) -> str:
    """The indicator's normalisation, e.g. 'per 10.000 inwoners'; '' when none applies."""
    if not indicator.per_capita_group or not indicator.per_capita_base:
        return ""
    return per_capita_unit(indicator.per_capita_base, indicator.per_capita_group)


@lru_cache(maxsize=1)
def shipped_theme_names() -> dict[str, str]:
    """Theme code -> name from the shipped catalogue (the labels sessions and reports use)."""
    return {row["code"]: row["name"] for row in _read_csv(CATALOGUE_DIR / "themes.csv")}


def get_indicator(*, db: Session, code: str) -> Indicator | None:
    return db.exec(select(Indicator).where(col(Indicator.code) == code)).first()
