"""Streamlit collects all garbage after every run (`runner.postScriptGC`), and a full collection walks every object
the server holds: pandas, OR-Tools, SQLAlchemy, Streamlit and the app's own modules. With every table page
refreshing its clock each second that alone kept the server busy (soak test). So whenever a run has loaded new
modules, what is alive then (modules, their functions and constants, cached resources) is collected once more and
moved out of the collector's sight (`gc.freeze`); later collections walk only what the runs made since.

Turning the per-run collection off instead kept sessions' database connections alive until Python's own collector
came round, and pages waited for the pool."""

import gc
import sys

_frozen_at = [0]  # how many modules were loaded at the last freeze


def freeze_long_lived_objects() -> None:
    """At the start of a run: when modules were loaded since the last time, collect once and freeze what is left."""
    loaded = len(sys.modules)
    if loaded == _frozen_at[0]:
        return
    gc.collect()
    gc.freeze()
    _frozen_at[0] = loaded
