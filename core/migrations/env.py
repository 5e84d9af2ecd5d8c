"""Alembic environment: runs migrations on the engine handed over in `config.attributes`."""

from alembic import context
from sqlmodel import SQLModel

from core.db import make_engine

config = context.config
# The migrations are written by hand (op.* calls) and need no metadata to run. For `alembic revision
# --autogenerate` the caller imports `sessions.models` first, which registers every table here; the
# kernel itself does not import the domains (tests/test_layering.py).
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or make_engine()
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        context.run_migrations()


run_migrations_online()
