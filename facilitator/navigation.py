"""The app's pages. Page objects are made afresh on every run: a Streamlit page object carries per-run state,
so sharing module-level objects between browser sessions (threads) lets one session's run refuse another's
("This page cannot be called directly"). Pages link to each other by file path (`MONITOR_PAGE`)."""

from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from core.access import Actor
from facilitator.menu import allowed_pages

PAGES_DIR = Path(__file__).resolve().parent / "app_pages"
MONITOR_PAGE = "app_pages/monitor.py"
INDICATOR_PAGE = "app_pages/indicator.py"

# name: (file, title, icon, url path)
PAGE_SPECS: dict[str, tuple[str, str, str, str]] = {
    "home": ("home.py", "Start", ":material/home:", "start"),
    "monitor": ("monitor.py", "Monitor per thema", ":material/table_view:", "monitor"),
    "indicator": ("indicator.py", "Indicator", ":material/show_chart:", "indicator"),
    "coverage": ("coverage.py", "Dekking en lacunes", ":material/grid_on:", "dekking"),
    "catalogue": ("catalogue.py", "Indicatoren", ":material/list_alt:", "indicatoren"),
    "sessions": ("sessions.py", "Dialoogsessies", ":material/groups:", "sessies"),
    "checkin": ("checkin.py", "Aanmelden bij de deur", ":material/how_to_reg:", "aanmelden"),
    "overview": ("overview.py", "Overzicht tafels", ":material/dashboard:", "overzicht"),
    "moderator": ("moderator.py", "Gespreksleiding", ":material/record_voice_over:", "gespreksleiding"),
    "note_taker": ("note_taker.py", "Verslag aan tafel", ":material/edit_note:", "verslag"),
    "kiosk": ("kiosk.py", "Kiosk ronde 2", ":material/touch_app:", "kiosk"),
    "report": ("report.py", "Verslag en handouts", ":material/description:", "verslagen"),
    "jaarplan": ("jaarplan.py", "Jaarplan veiligheid", ":material/assignment_turned_in:", "jaarplan"),
    "data_import": ("data_import.py", "Gegevens importeren", ":material/upload_file:", "importeren"),
    "deliveries": ("deliveries.py", "Leveringen", ":material/inventory_2:", "leveringen"),
    "admin": ("admin.py", "Beheer", ":material/admin_panel_settings:", "beheer"),
    "login": ("login.py", "Inloggen", ":material/login:", "inloggen"),
}


def _page(name: str, *, default: bool) -> StreamlitPage:
    file, title, icon, url_path = PAGE_SPECS[name]
    return st.Page(PAGES_DIR / file, title=title, icon=icon, url_path=url_path, default=default)


def sections(actor: Actor | None) -> dict[str, list[StreamlitPage]]:
    """Fresh page objects for this run, per menu section; the first page is the start page."""
    allowed = allowed_pages(actor)
    first = next(iter(allowed.values()))[0]
    return {section: [_page(name, default=name == first) for name in names] for section, names in allowed.items()}
