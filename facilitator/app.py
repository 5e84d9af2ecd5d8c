"""Streamlit entry point: finds who is logged in, builds their navigation and runs the chosen page.

When the database fails (PostgreSQL restarting, a full or read-only disk) every page shows the same clear
message instead of a traceback, and tries again by itself after a few seconds. Any other failure shows a Dutch
message (`components.failures`), never a traceback.
"""

import time
from pathlib import Path

import streamlit as st
from sqlalchemy.exc import DBAPIError

from core.db_faults import DatabaseUnavailable, database_problem
from facilitator.auth import display_name, keep_cookie, log_out, resolve_actor
from facilitator.components.dutch_chrome import dutch_chrome
from facilitator.components.failures import show_failure
from facilitator.long_lived import freeze_long_lived_objects
from facilitator.navigation import sections
from facilitator.state import get_engine, run_privacy_job
from facilitator.upload_guard import install_upload_guard

RETRY_AFTER_S = 3
# A shipped icon: a ":material/...:" page icon makes every browser fetch it from the internet, and venues are
# often offline.
FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"

freeze_long_lived_objects()
install_upload_guard()
st.set_page_config(page_title="Veiligheidsdialoog", page_icon=str(FAVICON), layout="wide")
dutch_chrome(max_upload_mb=int(st.get_option("server.maxUploadSize")))
try:
    run_privacy_job()
    actor = resolve_actor()
    if actor is not None:
        with st.sidebar:
            st.caption(f"Ingelogd als **{display_name()}** ({', '.join(sorted(actor.roles)) or 'rol per sessie'})")
            st.button("Uitloggen", key="logout", on_click=log_out, icon=":material/logout:")
            keep_cookie()
    st.navigation(sections(actor), expanded=True).run()
except (DatabaseUnavailable, DBAPIError) as error:
    problem = error if isinstance(error, DatabaseUnavailable) else database_problem(error)
    if problem is None or not problem.retryable:
        show_failure(error)
    else:
        st.error(str(problem), icon=":material/cloud_off:")
        st.caption(f"Nieuwe poging over {RETRY_AFTER_S} seconden …")
        get_engine().dispose()  # dead pooled connections go; the next run connects afresh
        time.sleep(RETRY_AFTER_S)
        st.rerun()
except Exception as error:  # a refusal nobody caught, or a bug: a Dutch message, the detail in the log
    show_failure(error)
