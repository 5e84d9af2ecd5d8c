"""The export functions enforce the table of `core.export_rights` themselves, whatever the page shows."""

import pytest
from sqlmodel import Session

from core.access import Actor, PermissionDenied, Role
from sessions.documents import handout_document, name_cards_document, report_document
from sessions.notes import dialogue_export

MODERATOR = Actor("leider-vb", dialogue_roles={1: frozenset({Role.MODERATOR})})
THOLEN = Actor("beleid", frozenset({Role.POLICY}), municipalities=frozenset({"GM0716"}))


def test_a_moderator_takes_the_handout_and_notes_of_their_own_session_but_no_names(demo_db: Session) -> None:
    assert handout_document(db=demo_db, dialogue_id=1, actor=MODERATOR, theme_code="VB").startswith(b"PK")
    assert not dialogue_export(db=demo_db, dialogue_id=1, actor=MODERATOR).empty
    with pytest.raises(PermissionDenied, match="namen van deelnemers"):
        name_cards_document(db=demo_db, dialogue_id=1, actor=MODERATOR)


def test_a_tholen_policy_advisor_takes_the_tholen_chapter_and_nothing_else(demo_db: Session) -> None:
    chapter = report_document(db=demo_db, dialogue_id=1, fmt="md", actor=THOLEN, municipality="GM0716")
    assert "Tholen" in chapter.decode("utf-8")
    with pytest.raises(PermissionDenied, match="het duidingsverslag van het district"):
        report_document(db=demo_db, dialogue_id=1, fmt="md", actor=THOLEN)
    with pytest.raises(PermissionDenied, match="gemeente GM1674"):
        report_document(db=demo_db, dialogue_id=1, fmt="md", actor=THOLEN, municipality="GM1674")
    with pytest.raises(PermissionDenied, match="alle notities en acties"):
        dialogue_export(db=demo_db, dialogue_id=1, actor=THOLEN)
    with pytest.raises(PermissionDenied, match="de handouts"):
        handout_document(db=demo_db, dialogue_id=1, actor=THOLEN)
