"""Correcting and withdrawing notes and actions (issue 14, part 7): edits keep their history, a withdrawn item keeps
its row and history but leaves the table, every document, the export, the jaarplan and the follow-up."""

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.access import SYSTEM, Actor, PermissionDenied, Role
from core.audit import audit_log
from core.db import transaction
from sessions.dialogue import create_dialogue, dialogue_tables
from sessions.follow_up import earlier_outcomes
from sessions.handout import build_handout
from sessions.jaarplan import JaarplanError, actions_for_municipality, decide
from sessions.models import Action, EditHistory, Note
from sessions.notes import (
    NoteError,
    create_action,
    create_note,
    dialogue_export,
    mark_key_conclusion,
    restore_action,
    restore_note,
    round_activity,
    save_action,
    save_note,
    table_notes,
    vote,
    withdraw_action,
    withdraw_note,
)
from sessions.report import build_report, render_actions_csv, render_markdown

NOTE_TAKER = Actor("verslaglegger", dialogue_roles={1: frozenset({Role.NOTE_TAKER})})
NOTE_TAKER_ELSEWHERE = Actor("verslaglegger2", dialogue_roles={99: frozenset({Role.NOTE_TAKER})})
POLICY = Actor("beleid", frozenset({Role.POLICY}), municipalities=frozenset({"GM0716"}))


def _table(engine: Engine) -> int:
    with transaction(engine) as db:
        dialogue = create_dialogue(actor=SYSTEM, db=db, name="Intrekken", session_date=date(2026, 3, 12), themes=["VB"])
        assert dialogue.id is not None
        table = dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=1)[0]
        assert table.id is not None
        return table.id


def _history(db: Session, entity: str, entity_id: int) -> list[EditHistory]:
    return list(
        db.exec(
            select(EditHistory)
            .where(EditHistory.entity == entity, EditHistory.entity_id == entity_id)
            .order_by(col(EditHistory.version))
        ).all()
    )


def test_an_action_is_corrected_with_versions_and_history(engine: Engine) -> None:
    table_id = _table(engine)
    with transaction(engine) as db:
        action = create_action(actor=SYSTEM, db=db, table_id=table_id, author="A", title="Buurtpreventie")
        assert action.id is not None
        action_id = action.id
    with transaction(engine) as db:
        saved = save_action(
            actor=SYSTEM,
            db=db,
            action_id=action_id,
            expected_version=1,
            author="B",
            title="  Buurtpreventie uitbreiden  ",
            municipalities=["GM0716"],
            priority="hoog",
        )
        assert (saved.version, saved.title, saved.author, saved.priority) == (
            2,
            "Buurtpreventie uitbreiden",
            "B",
            "hoog",
        )
    with transaction(engine) as db:  # the same form sent twice changes nothing
        again = save_action(
            actor=SYSTEM, db=db, action_id=action_id, expected_version=1, author="B", title="Buurtpreventie uitbreiden"
        )
        assert again.version == 2
    with transaction(engine) as db, pytest.raises(NoteError, match="intussen gewijzigd door B"):
        save_action(actor=SYSTEM, db=db, action_id=action_id, expected_version=1, author="C", title="Iets anders")
    with transaction(engine) as db, pytest.raises(NoteError, match="Beschrijf"):
        save_action(actor=SYSTEM, db=db, action_id=action_id, expected_version=2, author="C", title="  ")
    with transaction(engine) as db, pytest.raises(NoteError, match="prioriteit"):
        save_action(actor=SYSTEM, db=db, action_id=action_id, expected_version=2, author="C", priority="spoed")
    with transaction(engine) as db, pytest.raises(NoteError, match="Onbekende velden: votes"):
        save_action(actor=SYSTEM, db=db, action_id=action_id, expected_version=2, author="C", votes=9)
    with Session(engine) as db:
        stored = db.get(Action, action_id)
        assert stored is not None
        assert (stored.title, stored.version, stored.municipalities) == ("Buurtpreventie uitbreiden", 2, ["GM0716"])
        history = _history(db, "action", action_id)
        assert [(h.version, h.author, h.snapshot["title"]) for h in history] == [
            (1, "A", "Buurtpreventie"),
            (2, "B", "Buurtpreventie uitbreiden"),
        ]
        assert history[-1].snapshot["municipalities"] == ["GM0716"]
        assert table_notes(actor=SYSTEM, db=db, table_id=table_id, history=5).action_history[action_id] == history


def test_a_withdrawn_note_keeps_its_row_and_history_and_leaves_the_table(engine: Engine) -> None:
    table_id = _table(engine)
    with transaction(engine) as db:
        kept = create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", text="Blijft staan")
        gone = create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", text="Verkeerde tafel")
        assert kept.id is not None
        assert gone.id is not None
        kept_id, gone_id = kept.id, gone.id
    with transaction(engine) as db:
        withdraw_note(actor=SYSTEM, db=db, note_id=gone_id, reason="hoort bij een andere tafel")
        withdraw_note(actor=SYSTEM, db=db, note_id=gone_id)  # twice changes nothing
    with Session(engine) as db:
        note = db.get(Note, gone_id)
        assert note is not None
        assert note.text == "Verkeerde tafel"
        assert note.withdrawn_at is not None
        assert (note.withdrawn_by, note.version) == ("systeem", 2)
        history = _history(db, "note", gone_id)
        assert [h.version for h in history] == [1, 2]
        assert history[-1].snapshot["withdrawn"] is True
        assert history[-1].snapshot["reason"] == "hoort bij een andere tafel"
        written = table_notes(actor=SYSTEM, db=db, table_id=table_id, history=5)
        assert [n.id for n in written.notes] == [kept_id]
        assert [n.id for n in written.withdrawn_notes] == [gone_id]
        events = audit_log(actor=SYSTEM, db=db)
        withdrawn = events[events["handeling"] == "notitie ingetrokken"]
        assert list(withdrawn["object"]) == [f"notitie {gone_id}"]
        assert list(withdrawn["details"]) == ["hoort bij een andere tafel"]
        activity = round_activity(actor=SYSTEM, db=db, dialogue_id=note.session_id)
        assert [(t.notes, t.latest) for t in activity.tables if t.table.id == table_id] == [(1, ["Blijft staan"])]
    with transaction(engine) as db, pytest.raises(NoteError, match="ingetrokken"):
        save_note(actor=SYSTEM, db=db, note_id=gone_id, expected_version=2, author="A", text="Toch wijzigen")
    with transaction(engine) as db, pytest.raises(NoteError, match="ingetrokken"):
        mark_key_conclusion(actor=SYSTEM, db=db, note_id=gone_id, marked=True)
    with transaction(engine) as db:
        restore_note(actor=SYSTEM, db=db, note_id=gone_id)
    with transaction(engine) as db:
        assert save_note(actor=SYSTEM, db=db, note_id=gone_id, expected_version=3, author="A", text="Terug").saved
    with Session(engine) as db:
        written = table_notes(actor=SYSTEM, db=db, table_id=table_id)
        assert [n.id for n in written.notes] == [kept_id, gone_id]
        assert written.withdrawn_notes == []
        assert [h.snapshot.get("withdrawn") for h in _history(db, "note", gone_id)] == [None, True, False, None]


def test_a_withdrawn_action_takes_no_dots_no_edits_and_no_jaarplan_decision(writable_demo: Engine) -> None:
    with Session(writable_demo) as db:
        action = next(a for a in db.exec(select(Action).where(Action.session_id == 1)) if not a.municipalities)
        assert action.id is not None
        action_id, version = action.id, action.version
        assert action_id in set(actions_for_municipality(actor=POLICY, db=db, municipality_code="GM0716")["action_id"])
    with transaction(writable_demo) as db:
        withdraw_action(actor=NOTE_TAKER, db=db, action_id=action_id, reason="dubbel")
    with Session(writable_demo) as db:
        assert action_id not in set(
            actions_for_municipality(actor=POLICY, db=db, municipality_code="GM0716")["action_id"]
        )
        stored = db.get(Action, action_id)
        assert stored is not None
        assert (stored.withdrawn_by, stored.version) == ("verslaglegger", version + 1)
    with transaction(writable_demo) as db, pytest.raises(NoteError, match="ingetrokken"):
        vote(actor=SYSTEM, db=db, action_id=action_id)
    with transaction(writable_demo) as db, pytest.raises(NoteError, match="ingetrokken"):
        save_action(actor=SYSTEM, db=db, action_id=action_id, expected_version=version + 1, author="A", title="x")
    with transaction(writable_demo) as db, pytest.raises(JaarplanError, match="ingetrokken"):
        decide(actor=POLICY, db=db, action_id=action_id, municipality_code="GM0716", decision="overgenomen")
    with transaction(writable_demo) as db:
        restore_action(actor=NOTE_TAKER, db=db, action_id=action_id)
        vote(actor=SYSTEM, db=db, action_id=action_id)
    with Session(writable_demo) as db:
        assert action_id in set(actions_for_municipality(actor=POLICY, db=db, municipality_code="GM0716")["action_id"])


def test_only_who_writes_the_sessions_notes_withdraws_or_corrects(writable_demo: Engine) -> None:
    with Session(writable_demo) as db:
        note = db.exec(select(Note).where(Note.session_id == 1)).first()
        action = db.exec(select(Action).where(Action.session_id == 1)).first()
        assert note is not None
        assert action is not None
        assert note.id is not None
        assert action.id is not None
        for actor in (NOTE_TAKER_ELSEWHERE, POLICY):
            with pytest.raises(PermissionDenied):
                withdraw_note(actor=actor, db=db, note_id=note.id)
            with pytest.raises(PermissionDenied):
                withdraw_action(actor=actor, db=db, action_id=action.id)
            with pytest.raises(PermissionDenied):
                save_action(
                    actor=actor, db=db, action_id=action.id, expected_version=action.version, author="x", title="y"
                )
            with pytest.raises(PermissionDenied):
                restore_note(actor=actor, db=db, note_id=note.id)
        db.rollback()
        withdraw_note(actor=NOTE_TAKER, db=db, note_id=note.id)
        save_action(
            actor=NOTE_TAKER, db=db, action_id=action.id, expected_version=action.version, author="V", title="Anders"
        )
        db.rollback()


def test_withdrawn_notes_and_actions_leave_every_document_export_and_follow_up(writable_demo: Engine) -> None:
    with Session(writable_demo) as db:
        notes = db.exec(
            select(Note)
            .where(Note.session_id == 1, Note.text != "", col(Note.indicator_code).is_not(None))
            .order_by(col(Note.id))
        ).all()
        note = next(n for n in notes if n.kind in ("verklaring", "signaal"))
        action = db.exec(select(Action).where(Action.session_id == 1).order_by(col(Action.votes).desc())).first()
        assert note.id is not None
        assert action is not None
        assert action.id is not None
        note_id, note_text, action_id, action_title = note.id, note.text, action.id, action.title
        theme = note.theme_code

    def everything(db: Session) -> dict[str, str]:
        report = build_report(db=db, dialogue_id=1)
        handout = build_handout(db=db, dialogue_id=1, theme_code=theme)
        handout_actions = build_handout(db=db, dialogue_id=1, theme_code=action_theme)
        exported = dialogue_export(actor=SYSTEM, db=db, dialogue_id=1)
        later = earlier_outcomes(
            db=db,
            indicator_codes=[note.indicator_code or "", *action.indicator_codes],
            district_code=report.dialogue.district_code,
            before=date(2100, 1, 1),
        )
        return {
            "markdown": render_markdown(report),
            "actions csv": render_actions_csv(report).decode("utf-8-sig"),
            "handout": " ".join([*handout.conclusions, *handout.actions, *handout_actions.actions]),
            "export": " ".join(exported["tekst"]),
            "follow-up": " ".join(later["tekst"]),
            "report notes": " ".join(
                text
                for section in report.themes
                for kinds in section.notes.values()
                for texts in kinds.values()
                for text in [*texts, *section.key_conclusions, *section.questions]
            ),
            "report actions": " ".join(a.title for section in report.themes for a in section.actions),
        }

    action_theme = action.theme_code
    with Session(writable_demo) as db:
        before = everything(db)
    assert note_text in before["markdown"]
    assert action_title in before["markdown"]
    assert action_title in before["actions csv"]
    assert note_text in before["export"]
    assert action_title in before["export"]
    assert note_text in before["follow-up"]
    assert note_text in before["report notes"]
    assert action_title in before["report actions"]
    with transaction(writable_demo) as db:
        withdraw_note(actor=NOTE_TAKER, db=db, note_id=note_id)
        withdraw_action(actor=NOTE_TAKER, db=db, action_id=action_id)
    with Session(writable_demo) as db:
        after = everything(db)
    for name, text in after.items():
        assert note_text not in text, name
        assert action_title not in text, name
