"""Alembic environment: runs migrations on the engine handed over in `config.attributes`."""

from alembic import context
from sqlmodel import SQLModel

import sessions.models  # noqa: F401  (registers all tables)
from indicators.db import make_engine

config = context.config
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
