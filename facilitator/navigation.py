"""The app's pages, created once so pages can link to each other."""

from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from facilitator.menu import allowed_pages
from indicators.access import Actor

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"

HOME = st.Page(PAGES_DIR / "home.py", title="Start", icon=":material/home:", url_path="start", default=True)
MONITOR = st.Page(PAGES_DIR / "monitor.py", title="Monitor per thema", icon=":material/table_view:", url_path="monitor")
INDICATOR = st.Page(PAGES_DIR / "indicator.py", title="Indicator", icon=":material/show_chart:", url_path="indicator")
COVERAGE = st.Page(PAGES_DIR / "coverage.py", title="Dekking en lacunes", icon=":material/grid_on:", url_path="dekking")
CATALOGUE = st.Page(PAGES_DIR / "catalogue.py", title="Indicatoren", icon=":material/list_alt:", url_path="indicatoren")


DATA_IMPORT = st.Page(
    PAGES_DIR / "data_import.py", title="Gegevens importeren", icon=":material/upload_file:", url_path="importeren"
)
DELIVERIES = st.Page(
    PAGES_DIR / "deliveries.py", title="Leveringen", icon=":material/inventory_2:", url_path="leveringen"
)

SESSIONS = st.Page(PAGES_DIR / "sessions.py", title="Dialoogsessies", icon=":material/groups:", url_path="sessies")
CHECK_IN = st.Page(
    PAGES_DIR / "checkin.py", title="Aanmelden bij de deur", icon=":material/how_to_reg:", url_path="aanmelden"
)
NOTE_TAKER = st.Page(
    PAGES_DIR / "note_taker.py", title="Verslag aan tafel", icon=":material/edit_note:", url_path="verslag"
)
MODERATOR = st.Page(
    PAGES_DIR / "moderator.py", title="Gespreksleiding", icon=":material/record_voice_over:", url_path="gespreksleiding"
)
OVERVIEW = st.Page(
    PAGES_DIR / "overview.py", title="Overzicht tafels", icon=":material/dashboard:", url_path="overzicht"
)
JAARPLAN = st.Page(
    PAGES_DIR / "jaarplan.py", title="Jaarplan veiligheid", icon=":material/assignment_turned_in:", url_path="jaarplan"
)
REPORT = st.Page(
    PAGES_DIR / "report.py", title="Verslag en handouts", icon=":material/description:", url_path="verslagen"
)
KIOSK = st.Page(PAGES_DIR / "kiosk.py", title="Kiosk ronde 2", icon=":material/touch_app:", url_path="kiosk")


LOGIN = st.Page(PAGES_DIR / "login.py", title="Inloggen", icon=":material/login:", url_path="inloggen")
ADMIN = st.Page(PAGES_DIR / "admin.py", title="Beheer", icon=":material/admin_panel_settings:", url_path="beheer")


PAGES: dict[str, StreamlitPage] = {
    "home": HOME, "monitor": MONITOR, "indicator": INDICATOR, "coverage": COVERAGE, "catalogue": CATALOGUE,
    "sessions": SESSIONS, "checkin": CHECK_IN, "overview": OVERVIEW, "moderator": MODERATOR, "note_taker": NOTE_TAKER,
    "kiosk": KIOSK, "report": REPORT, "jaarplan": JAARPLAN, "data_import": DATA_IMPORT, "deliveries": DELIVERIES,
    "admin": ADMIN, "login": LOGIN,
}  # fmt: skip


def sections(actor: Actor | None) -> dict[str, list[StreamlitPage]]:
    return {section: [PAGES[name] for name in names] for section, names in allowed_pages(actor).items()}
