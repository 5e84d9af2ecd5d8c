"""Duidingsverslag, action list and bestuurlijke handouts of a session, as downloads."""

from functools import partial

import streamlit as st

from core.export_rights import Export, may_export
from facilitator.auth import current_actor
from facilitator.components.session_choice import require_dialogue
from facilitator.state import db_session
from indicators.areas import district_municipalities
from indicators.themes import theme_name
from sessions.documents import MIME_TYPES, handout_document, report_document
from sessions.pdf import pdf_available

st.title("Verslag en handouts")
st.write(
    "Het duidingsverslag van een sessie (per thema de besproken indicatoren met grafiek en kerncijfers, de duiding, "
    "open vragen en voorgestelde acties; daarna per gemeente de input voor het jaarplan veiligheid), de actielijst, "
    "en de handouts voor de bestuurlijke dialoog."
)
dialogue = require_dialogue()
actor = current_actor()  # known now: the documents are made later, outside this run, when a button is clicked
assert dialogue.id is not None
dialogue_id: int = dialogue.id
if dialogue.is_demo:
    st.warning("Deze sessie bevat **fictieve demodata**; dat staat ook in elk document.", icon=":material/warning:")

with db_session() as db:
    places = {m.code: m.name for m in district_municipalities(db=db, district_code=dialogue.district_code)}
whole = may_export(actor, Export.REPORT, dialogue_id=dialogue_id)
choices = [c for c in places if may_export(actor, Export.CHAPTER, dialogue_id=dialogue_id, municipality=c)]
if not whole and not choices:
    st.info("U mag van deze sessie geen documenten exporteren.", icon=":material/lock:")
    st.stop()
left, right = st.columns(2)
only = left.selectbox(
    "Voor",
    ([""] if whole else []) + choices,
    format_func=lambda c: places.get(c, "Het hele district"),
    key="report_municipality",
)
with_names = may_export(actor, Export.NAMES, dialogue_id=dialogue_id) and right.checkbox(
    "Namen van de aanwezigen opnemen",
    key="report_names",
    help="Alleen als de deelnemers daarmee hebben ingestemd (AVG).",
)
if not whole:
    st.caption("U ziet de documenten van uw eigen gemeente(n): het hoofdstuk en de acties die haar raken.")
municipality = only or None
suffix = f"_{places[only]}" if only else ""


def _report(fmt: str) -> bytes:
    with db_session() as db:
        return report_document(
            actor=actor,
            db=db,
            dialogue_id=dialogue_id,
            fmt=fmt,
            municipality=municipality,
            with_names=with_names,
        )


def _handout(theme: str | None, fmt: str) -> bytes:
    with db_session() as db:
        return handout_document(actor=actor, db=db, dialogue_id=dialogue_id, theme_code=theme, fmt=fmt)


can_pdf = pdf_available()
st.subheader("Duidingsverslag")
columns = st.columns(3)
for column, fmt, label in zip(columns, ["docx", "pdf", "md"], ["Word", "PDF", "Markdown"], strict=True):
    column.download_button(
        f"Duidingsverslag ({label})",
        partial(_report, fmt),
        file_name=f"duidingsverslag{suffix}.{fmt}",
        mime=MIME_TYPES[fmt],
        key=f"report_{fmt}",
        icon=":material/description:",
        on_click="ignore",
        disabled=fmt == "pdf" and not can_pdf,
    )
if not can_pdf:
    st.caption("PDF maken kan op deze server niet (LibreOffice ontbreekt); Word kan het verslag als PDF bewaren.")

st.subheader("Actielijst")
columns = st.columns(3)
for column, fmt, label in zip(columns, ["xlsx", "csv"], ["Excel", "CSV"], strict=False):
    column.download_button(
        f"Actielijst ({label})",
        partial(_report, fmt),
        file_name=f"actielijst{suffix}.{fmt}",
        mime=MIME_TYPES[fmt],
        key=f"actions_{fmt}",
        icon=":material/checklist:",
        on_click="ignore",
    )

if not may_export(actor, Export.HANDOUT, dialogue_id=dialogue_id):
    st.stop()
st.subheader("Handouts bestuurlijke dialoog")
st.caption("Per thema één à twee pagina's voor de bestuurder die het thema inleidt.")
for theme in [None, *dialogue.themes]:
    name = theme_name(theme) if theme else "Alle thema's"
    name_column, *format_columns = st.columns([3, 1, 1])
    name_column.write(name)
    for column, fmt in zip(format_columns, ["docx", "pdf"], strict=True):
        column.download_button(
            fmt.upper() if fmt == "pdf" else "Word",
            partial(_handout, theme, fmt),
            file_name=f"handout_{theme or 'alle_themas'}.{fmt}",
            mime=MIME_TYPES[fmt],
            key=f"handout_{theme}_{fmt}",
            on_click="ignore",
            disabled=fmt == "pdf" and not can_pdf,
        )
