"""The kiosk's address and the name cards' QR codes (issue 14, part 6): the address comes from VD_PUBLIC_URL, every
name card in HTML, Word and PDF carries a QR code picture and the address it encodes in print."""

import io
import zipfile

import pytest
from docx import Document
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.access import SYSTEM
from sessions.documents import name_cards_document
from sessions.kiosk_link import kiosk_url, qr_png
from sessions.models import DialogueSession, Participant
from sessions.printables import name_cards_html
from sessions.vocabulary import Rsvp

from .pdf_text import pdf_pages


def test_the_kiosk_address_comes_from_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VD_PUBLIC_URL", raising=False)
    assert kiosk_url("ABC234") == "http://localhost:8501/kiosk?code=ABC234"
    monkeypatch.setenv("VD_PUBLIC_URL", "https://dialoog.example.nl/")
    assert kiosk_url("ABC234", "K7P2") == "https://dialoog.example.nl/kiosk?code=ABC234&persoon=K7P2"
    assert qr_png("https://dialoog.example.nl/kiosk?code=ABC234").startswith(b"\x89PNG")


def _cards(db: Session) -> tuple[str, list[str]]:
    """The demo session's kiosk code and the personal codes of everyone who gets a name card."""
    dialogue = db.exec(select(DialogueSession).where(DialogueSession.id == 1)).one()
    people = db.exec(select(Participant).where(Participant.session_id == 1)).all()
    return dialogue.kiosk_code, [p.personal_code for p in people if p.rsvp != Rsvp.DECLINED]


def test_every_word_name_card_has_a_qr_code_and_its_address(
    demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VD_PUBLIC_URL", "https://dialoog.example.nl")
    with Session(demo_engine) as db:
        kiosk_code, people = _cards(db)
        data = name_cards_document(db=db, actor=SYSTEM, dialogue_id=1, fmt="docx")
        html = name_cards_html(db=db, actor=SYSTEM, dialogue_id=1)
        db.rollback()  # the export's audit entry
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for t in document.tables for c in t._cells for p in c.paragraphs)
    assert len(document.inline_shapes) == len(people) > 10
    pictures = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media/")]
    assert pictures
    assert all(n.endswith(".png") for n in pictures)
    for personal_code in people:
        url = f"https://dialoog.example.nl/kiosk?code={kiosk_code}&persoon={personal_code}"
        assert url in text
        assert len(personal_code) == 8
        assert f"Persoonlijke code voor ronde 2: {personal_code[:4]}-{personal_code[4:]}" in text  # as typed
        assert url.replace("&", "&amp;") in html
    assert html.count("<svg") == len(people)


def test_pdf_name_cards_carry_the_address_in_print(
    office: None, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VD_PUBLIC_URL", "https://dialoog.example.nl")
    with Session(demo_engine) as db:
        kiosk_code, people = _cards(db)
        data = name_cards_document(db=db, actor=SYSTEM, dialogue_id=1, fmt="pdf")
        db.rollback()
    text = " ".join(pdf_pages(data)).replace(" ", "")
    assert data.count(b"/Subtype /Image") + data.count(b"/Subtype/Image") >= 1
    assert f"kiosk?code={kiosk_code}&persoon={people[0]}" in text
