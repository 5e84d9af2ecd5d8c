"""Fixtures for import tests: the catalogue and areas of De Markiezaten, and an importer on them."""

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.access import SYSTEM
from core.db import transaction
from indicators.importing.apply import ConflictPolicy
from indicators.importing.candidates import REFUSE_FORMER, FormerPolicy
from indicators.importing.pipeline import ImportRequest, ImportResult, run_import
from indicators.importing.wide_format import WideMapping
from tests.support.databases import DatabaseFactory, Kind

from .helpers import Importer


@pytest.fixture
def monitor(database_factory: DatabaseFactory) -> Iterator[Engine]:
    """A database with the catalogue and all areas (De Markiezaten configured), no values; private to the test."""
    engine = database_factory.copy(Kind.MONITOR)
    yield engine
    database_factory.remove(engine)


@pytest.fixture
def do_import(monitor: Engine) -> Importer:
    def run(
        data: bytes,
        file_name: str,
        *,
        supplier: str | None = None,
        indicator: str | None = None,
        year: int | None = None,
        wide_mapping: WideMapping | None = None,
        topics: dict[str, str] | None = None,
        aggregate: str | None = None,
        dry_run: bool = False,
        conflicts: ConflictPolicy = "keep",
        former_municipalities: FormerPolicy = REFUSE_FORMER,
    ) -> ImportResult:
        request = ImportRequest(
            data,
            file_name,
            supplier=supplier,
            indicator=indicator,
            year=year,
            wide_mapping=wide_mapping,
            topics=topics,
            aggregate=aggregate,
            former_municipalities=former_municipalities,
        )
        with transaction(monitor) as db:
            return run_import(actor=SYSTEM, db=db, request=request, dry_run=dry_run, conflicts=conflicts)

    return run


@pytest.fixture
def read_session(monitor: Engine) -> Iterator[Session]:
    with Session(monitor) as db:
        yield db
