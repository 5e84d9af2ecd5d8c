"""Setting up a database for the monitor: the schema, the shipped catalogue and the areas (no values)."""

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from core.db import transaction
from core.schema import upgrade_schema
from indicators.areas import load_areas
from indicators.catalogue import CatalogueCounts, load_catalogue


def initialise(engine: Engine) -> CatalogueCounts:
    """Create or upgrade the schema and load the shipped catalogue and areas (no values)."""
    upgrade_schema(engine)
    with transaction(engine) as db:
        counts = load_catalogue(db=db)
        load_areas(db=db)
    return counts


def has_catalogue(engine: Engine) -> bool:
    """True when the schema exists and the indicator catalogue has been loaded."""
    if not inspect(engine).has_table("indicator"):
        return False
    with engine.connect() as connection:
        return bool(connection.execute(text("SELECT COUNT(*) FROM indicator")).scalar())
