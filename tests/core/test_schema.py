"""Migrations create exactly the schema the models describe, on both backends."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from core.schema import current_revision, head_revision, schema_is_current, upgrade_schema
from indicators.setup import has_catalogue
from tests.support.databases import DatabaseFactory


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_upgrade_is_idempotent_and_reports_current(engine: Engine) -> None:
    upgrade_schema(engine)
    assert current_revision(engine) == head_revision()
    assert schema_is_current(engine)
    assert not has_catalogue(engine)


def test_fresh_database_gets_schema(database_factory: DatabaseFactory) -> None:
    engine = database_factory.new_engine(migrate=False)
    assert current_revision(engine) is None
    assert not has_catalogue(engine)
    upgrade_schema(engine)
    assert schema_is_current(engine)
    engine.dispose()


def test_upgrade_from_first_revision_keeps_existing_deliveries(database_factory: DatabaseFactory) -> None:
    from alembic import command
    from sqlalchemy import text

    from core.schema import alembic_config

    engine = database_factory.new_engine(migrate=False)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO delivery (supplier, file_name, content_hash, source, imported_at, imported_by, row_count,"
                " is_demo, note) VALUES ('CBS', 'x.csv', 'abc', 'CBS', CURRENT_TIMESTAMP, 'test', 3, false, '')"
            )
        )
    upgrade_schema(engine)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT row_count, rows_added, file_format FROM delivery")).one()
    assert tuple(row) == (3, 0, "")
    engine.dispose()
