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


def _unavailable(name: str, *, start: str, logged_in: bool) -> StreamlitPage:
    """A hidden stand-in for a page this actor may not use: an old link or bookmark then gets a Dutch explanation
    instead of Streamlit's English "Page not found", and the page itself never runs. Logged out (after "Uitloggen"
    or from a bookmark) it goes to the login page; the login page, opened when logged in, to the start page."""
    _, title, icon, url_path = PAGE_SPECS[name]
    start_file = f"app_pages/{PAGE_SPECS[start][0]}"

    def explain() -> None:
        if not logged_in or name == "login":  # logged out: log in first; logged in: the login page is done
            st.switch_page(start_file)
        st.title(title)
        st.warning("Deze pagina hoort niet bij uw rol. Vraag de beheerder om toegang als u hem nodig hebt.")
        st.page_link(start_file, label="Naar de startpagina", icon=":material/home:")

    return st.Page(explain, title=title, icon=icon, url_path=url_path, visibility="hidden")


def sections(actor: Actor | None) -> dict[str, list[StreamlitPage]]:
    """Fresh page objects for this run, per menu section; the first page is the start page. Pages the actor
    may not use are there too, hidden, and only explain that (see `_unavailable`)."""
    allowed = allowed_pages(actor)
    first = next(iter(allowed.values()))[0]
    pages = {section: [_page(name, default=name == first) for name in names] for section, names in allowed.items()}
    shown = {name for names in allowed.values() for name in names}
    hidden = [_unavailable(name, start=first, logged_in=actor is not None) for name in PAGE_SPECS if name not in shown]
    first_section = next(iter(pages))
    pages[first_section] = pages[first_section] + hidden
    return pages
