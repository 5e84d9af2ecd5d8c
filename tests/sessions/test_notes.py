"""Notes and actions: edit history, conflict detection (both versions kept), concurrent writers."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.access import SYSTEM
from core.audit import audit_log
from core.db import transaction, write_transaction
from sessions.dialogue import create_dialogue, dialogue_tables
from sessions.models import Action, Note
from sessions.notes import (
    NoteError,
    create_action,
    create_note,
    dialogue_export,
    mark_key_conclusion,
    note_history,
    round_activity,
    save_action,
    save_note,
    table_notes,
    vote,
    withdraw_note,
)
from sessions.text_limits import ACTION_TITLE_MAX, NOTE_TEXT_MAX, TextTooLong


def _table(engine: Engine) -> int:
    with transaction(engine) as db:
        dialogue = create_dialogue(actor=SYSTEM, db=db, name="Notities", session_date=date(2026, 3, 12), themes=["VB"])
        assert dialogue.id is not None
        table = dialogue_tables(db=db, dialogue_id=dialogue.id, round_number=1)[0]
        assert table.id is not None
        return table.id


def test_every_save_is_kept_in_the_history(engine: Engine) -> None:
    table_id = _table(engine)
    with transaction(engine) as db:
        note = create_note(actor=SYSTEM, db=db, table_id=table_id, author="verslag1", indicator_code="VB-S03")
        assert note.id is not None
        note_id = note.id
    for version, text in enumerate(["Woninginbraken", "Woninginbraken stijgen", "Woninginbraken stijgen in BoZ"], 1):
        with transaction(engine) as db:
            assert save_note(
                actor=SYSTEM, db=db, note_id=note_id, expected_version=version, author="verslag1", text=text
            ).saved
    with Session(engine) as db:
        history = note_history(actor=SYSTEM, db=db, note_id=note_id)
        assert [h.version for h in history] == [1, 2, 3, 4]
        assert history[-1].snapshot["text"] == "Woninginbraken stijgen in BoZ"
        assert {h.author for h in history} == {"verslag1"}


def test_an_editor_builds_on_its_own_save_whose_confirmation_was_lost(engine: Engine) -> None:
    """The app died right after storing 'Begin, vervolg': the editor re-sends more text on its old version."""
    table_id = _table(engine)
    with transaction(engine) as db:
        note = create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", text="Begin")
        note_id = note.id
    assert note_id is not None
    with transaction(engine) as db:  # stored as version 2; the confirmation never reached the browser
        assert save_note(actor=SYSTEM, db=db, note_id=note_id, expected_version=1, author="A", text="Begin, vervolg")
    with transaction(engine) as db:
        resent = save_note(
            actor=SYSTEM,
            db=db,
            note_id=note_id,
            expected_version=1,
            author="A",
            own_earlier_texts=["Begin, ver", "Begin, vervolg"],
            text="Begin, vervolg en meer",
        )
    assert resent.saved
    assert (resent.note.version, resent.note.text) == (3, "Begin, vervolg en meer")
    with transaction(engine) as db:  # someone else's text is no own earlier text: both versions are kept
        other = save_note(actor=SYSTEM, db=db, note_id=note_id, expected_version=3, author="B", text="Anders")
        assert other.saved
        late = save_note(
            actor=SYSTEM,
            db=db,
            note_id=note_id,
            expected_version=3,
            author="A",
            own_earlier_texts=["Begin, vervolg en meer"],
            text="Begin, vervolg en meer!",
        )
    assert not late.saved
    assert late.conflict is not None
    assert late.conflict.text == "Anders"


def test_simultaneous_edits_are_detected_and_both_kept(engine: Engine) -> None:
    table_id = _table(engine)
    with transaction(engine) as db:
        note = create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", text="Begin")
        note_id = note.id
    assert note_id is not None
    with transaction(engine) as db:  # A and B both opened version 1; A saves first
        first = save_note(actor=SYSTEM, db=db, note_id=note_id, expected_version=1, author="A", text="Begin, door A")
    with transaction(engine) as db:
        second = save_note(actor=SYSTEM, db=db, note_id=note_id, expected_version=1, author="B", text="Begin, door B")
    assert first.saved
    assert not second.saved
    assert second.conflict is not None
    assert second.conflict.text == "Begin, door A"
    assert (second.note.text, second.note.conflict_of) == ("Begin, door B", note_id)
    with Session(engine) as db:
        texts = sorted(n.text for n in db.exec(select(Note)).all())
    assert texts == ["Begin, door A", "Begin, door B"]


def test_repeated_autosave_of_the_same_text_changes_nothing(engine: Engine) -> None:
    table_id = _table(engine)
    with transaction(engine) as db:
        note = create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", text="zelfde")
        assert note.id is not None
        result = save_note(actor=SYSTEM, db=db, note_id=note.id, expected_version=1, author="A", text="zelfde")
        assert result.saved
        assert result.note.version == 1


def test_bad_kind_and_unknown_fields_are_refused(engine: Engine) -> None:
    table_id = _table(engine)
    with transaction(engine) as db, pytest.raises(NoteError, match="Onbekend soort notitie"):
        create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", kind="roddel")
    with transaction(engine) as db:
        note = create_note(actor=SYSTEM, db=db, table_id=table_id, author="A")
        assert note.id is not None
        with pytest.raises(NoteError, match="Onbekende velden"):
            save_note(actor=SYSTEM, db=db, note_id=note.id, expected_version=1, author="A", author_override="x")


def test_concurrent_writers_lose_nothing(engine: Engine) -> None:
    table_id = _table(engine)

    def write(writer: int) -> int:
        saved = 0
        for number in range(15):
            with write_transaction(engine) as db:
                note = create_note(
                    actor=SYSTEM,
                    db=db,
                    table_id=table_id,
                    author=f"schrijver {writer}",
                    text=f"notitie {writer}-{number}",
                )
                assert note.id is not None
                save_note(
                    actor=SYSTEM,
                    db=db,
                    note_id=note.id,
                    expected_version=1,
                    author=f"schrijver {writer}",
                    text=f"notitie {writer}-{number} (aangevuld)",
                )
            saved += 1
        return saved

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert sum(pool.map(write, range(8))) == 120
    with Session(engine) as db:
        notes = db.exec(select(Note)).all()
    assert len(notes) == 120
    assert all(n.text.endswith("(aangevuld)") and n.version == 2 for n in notes)


def test_actions_votes_and_export(engine: Engine) -> None:
    table_id = _table(engine)
    with transaction(engine) as db:
        note = create_note(
            actor=SYSTEM,
            db=db,
            table_id=table_id,
            author="A",
            text="=cmd|' /C calc'!A0",
            indicator_code="VB-S03",
            kind="herkenning",
        )
        action = create_action(
            actor=SYSTEM,
            db=db,
            table_id=table_id,
            author="A",
            title="Buurtpreventie uitbreiden",
            lead_organisation="gemeente Tholen",
            municipalities=["GM0716"],
            indicator_codes=["VB-P01"],
            jaarplan_year=2027,
            priority="hoog",
        )
        assert action.id is not None
        vote(actor=SYSTEM, db=db, action_id=action.id, dots=3)
        vote(actor=SYSTEM, db=db, action_id=action.id)
        assert note.id is not None
    with Session(engine) as db:
        stored = db.exec(select(Action)).one()
        assert stored.votes == 4
        frame = dialogue_export(actor=SYSTEM, db=db, dialogue_id=stored.session_id)
    assert list(frame["type"]) == ["notitie", "actie"]
    assert list(frame["indicator"]) == ["VB-S03", "VB-P01"]
    with transaction(engine) as db, pytest.raises(NoteError, match="prioriteit"):
        create_action(actor=SYSTEM, db=db, table_id=table_id, author="A", title="x", priority="spoed")


def test_table_notes_bring_actions_by_votes_and_each_notes_latest_versions(engine: Engine) -> None:
    table_id = _table(engine)
    with transaction(engine) as db:
        first = create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", text="v1")
        second = create_note(actor=SYSTEM, db=db, table_id=table_id, author="B", text="ander")
        assert first.id is not None
        for version in range(1, 8):  # versions 2..8
            save_note(
                actor=SYSTEM, db=db, note_id=first.id, expected_version=version, author="A", text=f"v{version + 1}"
            )
        quiet = create_action(actor=SYSTEM, db=db, table_id=table_id, author="A", title="Eerst bedacht")
        popular = create_action(actor=SYSTEM, db=db, table_id=table_id, author="A", title="Meeste stippen")
        assert popular.id is not None
        vote(actor=SYSTEM, db=db, action_id=popular.id, dots=3)
    with Session(engine) as db:
        written = table_notes(actor=SYSTEM, db=db, table_id=table_id, history=5)
        without = table_notes(actor=SYSTEM, db=db, table_id=table_id, with_actions=False)
    assert [n.id for n in written.notes] == [first.id, second.id]
    assert [a.title for a in written.actions] == [quiet.title, popular.title]
    assert [a.title for a in written.actions_by_votes] == [popular.title, quiet.title]
    assert [h.version for h in written.history[first.id]] == [4, 5, 6, 7, 8]
    assert [h.version for h in written.history[second.id or 0]] == [1]
    assert (without.actions, without.history) == ([], {})


def test_round_activity_counts_and_shows_the_newest_notes_of_every_table(engine: Engine) -> None:
    with transaction(engine) as db:
        dialogue = create_dialogue(
            actor=SYSTEM, db=db, name="Overzicht", session_date=date(2026, 3, 12), themes=["VB", "ZV"]
        )
        assert dialogue.id is not None
        dialogue_id = dialogue.id
        busy, empty = dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=1)
        assert busy.id is not None
    for number in range(1, 6):  # one transaction each, so every note is saved at a later moment
        with transaction(engine) as db:
            create_note(actor=SYSTEM, db=db, table_id=busy.id, author="A", text=f"notitie {number}")
    with transaction(engine) as db:
        create_note(actor=SYSTEM, db=db, table_id=busy.id, author="A", text="")  # empty: counted, not shown
        create_action(actor=SYSTEM, db=db, table_id=busy.id, author="A", title="Actie")
    with Session(engine) as db:
        activity = round_activity(actor=SYSTEM, db=db, dialogue_id=dialogue_id)
    assert activity.dialogue.id == dialogue_id
    by_table = {t.table.id: t for t in activity.tables}
    assert set(by_table) == {busy.id, empty.id}
    assert (by_table[busy.id].notes, by_table[busy.id].actions) == (6, 1)
    assert by_table[busy.id].latest == ["notitie 5", "notitie 4", "notitie 3"]
    assert (by_table[empty.id].notes, by_table[empty.id].actions, by_table[empty.id].latest) == (0, 0, [])


def test_a_key_conclusion_is_a_mark_not_an_edit(engine: Engine) -> None:
    """The moderator's tick keeps text, author and version: the note-taker's next save is no conflict."""
    table_id = _table(engine)
    with transaction(engine) as db:
        note = create_note(actor=SYSTEM, db=db, table_id=table_id, author="verslag1", text="Inbraken stijgen")
        assert note.id is not None
        note_id = note.id
    with transaction(engine) as db:
        mark_key_conclusion(actor=SYSTEM, db=db, note_id=note_id, marked=True)
    with Session(engine) as db:
        marked = db.get(Note, note_id)
        assert marked is not None
        assert (marked.key_conclusion, marked.version, marked.author, marked.text) == (
            True,
            1,
            "verslag1",
            "Inbraken stijgen",
        )
        events = audit_log(db=db, actor=SYSTEM)
        assert "kernconclusie gemarkeerd" in set(events["handeling"])
    with transaction(engine) as db:
        later = save_note(
            actor=SYSTEM, db=db, note_id=note_id, expected_version=1, author="verslag1", text="Inbraken stijgen fors"
        )
    assert later.saved
    assert later.note.key_conclusion
    with Session(engine) as db:
        assert db.exec(select(Note).where(Note.conflict_of == note_id)).first() is None


def test_a_dot_can_be_taken_back_but_not_below_zero(engine: Engine) -> None:
    table_id = _table(engine)
    with transaction(engine) as db:
        action = create_action(actor=SYSTEM, db=db, table_id=table_id, author="verslag1", title="Buurtpreventie")
        assert action.id is not None
        action_id = action.id
    with transaction(engine) as db:
        vote(actor=SYSTEM, db=db, action_id=action_id)
        vote(actor=SYSTEM, db=db, action_id=action_id)
        vote(actor=SYSTEM, db=db, action_id=action_id, dots=-1)
    with Session(engine) as db:
        stored = db.get(Action, action_id)
        assert stored is not None
        assert stored.votes == 1
    with transaction(engine) as db:
        vote(actor=SYSTEM, db=db, action_id=action_id, dots=-1)
        vote(actor=SYSTEM, db=db, action_id=action_id, dots=-1)
    with Session(engine) as db:
        stored = db.get(Action, action_id)
        assert stored is not None
        assert stored.votes == 0


def test_note_and_action_texts_have_a_size_limit(engine: Engine) -> None:
    """Issue 16: five saves of a 20 MB note added 160 MB. A text over its limit is refused, in Dutch, and nothing of
    it is stored."""
    table_id = _table(engine)
    with transaction(engine) as db:
        note = create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", text="x" * NOTE_TEXT_MAX)
        action = create_action(actor=SYSTEM, db=db, table_id=table_id, author="A", title="Actie")
        note_id, action_id = note.id or 0, action.id or 0
    with transaction(engine) as db, pytest.raises(TextTooLong) as refused:
        create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", text="x" * (NOTE_TEXT_MAX + 1))
    assert str(refused.value) == (
        "Een notitie mag hoogstens 10.000 tekens lang zijn; deze tekst heeft er 10.001. "
        "Maak haar korter of verdeel haar over twee notities."
    )
    huge = "y" * 20_000_000
    with transaction(engine) as db, pytest.raises(TextTooLong, match=r"deze tekst heeft er 20\.000\.000"):
        save_note(actor=SYSTEM, db=db, note_id=note_id, expected_version=1, author="A", text=huge)
    with transaction(engine) as db, pytest.raises(TextTooLong, match=r"Een actie mag hoogstens 1\.000 tekens"):
        create_action(actor=SYSTEM, db=db, table_id=table_id, author="A", title="z" * (ACTION_TITLE_MAX + 1))
    with transaction(engine) as db, pytest.raises(TextTooLong, match="De trekker mag hoogstens 200 tekens"):
        save_action(
            actor=SYSTEM, db=db, action_id=action_id, expected_version=1, author="A", lead_organisation="o" * 201
        )
    with transaction(engine) as db, pytest.raises(TextTooLong, match="Kies hoogstens 50 partners"):
        save_action(actor=SYSTEM, db=db, action_id=action_id, expected_version=1, author="A", partners=["GGD"] * 51)
    with transaction(engine) as db, pytest.raises(TextTooLong, match="De reden mag hoogstens"):
        withdraw_note(actor=SYSTEM, db=db, note_id=note_id, reason="r" * 1_001)
    with Session(engine) as db:
        stored = db.get(Note, note_id)
        assert stored is not None
        assert (stored.version, len(stored.text), stored.withdrawn_at) == (1, NOTE_TEXT_MAX, None)
        assert len(note_history(actor=SYSTEM, db=db, note_id=note_id)) == 1
        assert len(db.exec(select(Note)).all()) == 1


def test_a_writer_on_an_old_version_keeps_one_copy_however_often_they_save(engine: Engine) -> None:
    """Issue 16: two people saving one note at once on PostgreSQL made 78 conflict copies. Two writers save the same
    note 30 times each at the same time, as the editor does: it builds on the version its own text came back with,
    and after a conflict keeps its old version (the stored text is the other's). Afterwards there is at most one copy
    per writer, and each writer's last text is stored, in the note or in their copy."""
    table_id = _table(engine)
    with transaction(engine) as db:
        note = create_note(actor=SYSTEM, db=db, table_id=table_id, author="A", text="Begin")
        note_id = note.id or 0
    start = threading.Barrier(2)

    def write(author: str) -> str:
        base, text = 1, "Begin"
        start.wait()
        for number in range(30):
            text = f"Begin, door {author} ({number})"
            with write_transaction(engine) as db:
                result = save_note(
                    actor=SYSTEM, db=db, note_id=note_id, expected_version=base, author=author, text=text
                )
            if result.saved and result.note.id == note_id:
                base = result.note.version
        return text

    with ThreadPoolExecutor(2) as pool:
        last = dict(zip(("A", "B"), pool.map(write, ("A", "B")), strict=True))
    with Session(engine) as db:
        original = db.get(Note, note_id)
        copies = db.exec(select(Note).where(Note.conflict_of == note_id)).all()
    assert original is not None
    assert len(copies) <= 2
    assert len({copy.author for copy in copies}) == len(copies)  # one per writer
    mine = {copy.author: copy.text for copy in copies}
    for author, text in last.items():
        assert text in (original.text, mine.get(author)), (author, text, original.text, mine)
