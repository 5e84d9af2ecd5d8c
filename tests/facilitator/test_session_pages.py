"""Session, check-in and kiosk pages (AppTest) on a private copy of the demo database."""

from sqlalchemy import update
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from core.access import SYSTEM
from core.db import write_transaction
from facilitator.state import get_engine
from sessions.models import DialogueTable, Seat
from sessions.seating import fill_round, round_overview

from .apptest import clock_texts, show_page


def test_sessions_page_shows_demo_session_and_assigns_round_one(writable_app: AppTest) -> None:
    writable_app.query_params["sessie"] = "1"
    app = show_page(writable_app, "app_pages/sessions.py")
    assert any("fictieve demodata" in str(w.value) for w in app.warning)
    assert len(app.dataframe[0].value) == 40
    app.button(key="assign_round_one").click().run()
    assert not app.exception
    assert any("30 mensen ingedeeld" in str(s.value) for s in app.success)


def test_check_in_page_finds_and_marks_someone(writable_app: AppTest) -> None:
    writable_app.query_params["sessie"] = "1"
    app = show_page(writable_app, "app_pages/checkin.py")
    app.text_input(key="checkin_search").input("fictief").run()
    buttons = [b for b in app.button if b.label == "Aanwezig"]
    assert buttons, "someone who has not arrived yet"
    before = app.get("progress")[0].proto.text
    buttons[0].click().run()
    assert app.get("progress")[0].proto.text != before


def test_kiosk_shows_only_themes_and_free_seats(writable_app: AppTest) -> None:
    from sqlmodel import col, select

    from facilitator.state import get_engine
    from sessions.dialogue import open_round
    from sessions.models import DialogueSession, Participant

    with write_transaction(get_engine()) as db:
        open_round(actor=SYSTEM, db=db, dialogue_id=1, round_number=2)
        code = db.exec(select(DialogueSession.kiosk_code)).one()
        present = select(Participant.personal_code).where(
            col(Participant.checked_in_at).is_not(None), Participant.role == "deelnemer"
        )
        personal = db.exec(present).first()
    app = show_page(writable_app, "app_pages/kiosk.py")
    app.text_input(key="kiosk_session_code").input(code).run()
    app.text_input(key="kiosk_personal_code").input(str(personal))
    app.button(key="FormSubmitter:kiosk_form-Toon mijn keuze").click().run()
    headings = sorted(str(m.value) for m in app.markdown if str(m.value).startswith("### "))
    assert headings == sorted(
        f"### {name}"
        for name in (
            "Georganiseerde criminaliteit en cybercrime",
            "Zorg en veiligheid",
            "Veilige buurt",
            "Risico's en omgeving",
        )
    )
    assert len([b for b in app.button if b.label == "Kies dit thema"]) == 4
    text = " ".join(str(m.value) for m in app.markdown)
    assert "fictief" not in text  # no names on the kiosk
    app.text_input(key="kiosk_personal_code").input("ZZZZ-ZZZZ")
    app.button(key="FormSubmitter:kiosk_form-Toon mijn keuze").click().run()
    assert "kennen we niet" in app.error[0].value


def test_invitees_can_be_added_answered_and_paired(writable_app: AppTest) -> None:
    writable_app.query_params["sessie"] = "1"
    app = show_page(writable_app, "app_pages/sessions.py")
    app.text_input(key="add_name").input("Nieuwe Collega")
    app.text_input(key="add_organisation").input("GGD West-Brabant")
    next(b for b in app.button if b.label == "Toevoegen").click().run()
    assert "Nieuwe Collega" in set(app.dataframe[0].value["naam"])
    app.radio(key="rsvp_answer").set_value("afgemeld").run()
    app.button(key="rsvp_save").click().run()
    assert not app.exception
    app.radio(key="pair_kind").set_value("apart").run()
    app.button(key="pair_add").click().run()
    assert any(": apart" in str(c.value) for c in app.caption)


def test_note_taker_page_adds_notes_and_actions(writable_app: AppTest) -> None:
    from sqlmodel import Session, select

    from facilitator.state import get_engine
    from sessions.models import Action, Note

    writable_app.query_params["sessie"] = "1"
    app = show_page(writable_app, "app_pages/note_taker.py")
    with Session(get_engine()) as db:
        notes_before = len(db.exec(select(Note)).all())
    next(b for b in app.button if b.label == "Notitie toevoegen").click().run()
    assert not app.exception
    with Session(get_engine()) as db:
        notes = db.exec(select(Note)).all()
        assert len(notes) == notes_before + 1
        assert notes[-1].author == "Demo beheerder (fictief)"  # the logged-in user
    app.text_input(key="action_title").input("Gezamenlijke schouw in het centrum")
    next(b for b in app.button if b.label == "Actie toevoegen").click().run()
    with Session(get_engine()) as db:
        assert db.exec(select(Action).where(Action.title == "Gezamenlijke schouw in het centrum")).first()


def test_moderator_and_overview_pages(writable_app: AppTest) -> None:
    from sqlmodel import Session, select

    from facilitator.state import get_engine
    from sessions.models import Action, DialogueSession, Note, TableClock

    writable_app.query_params["sessie"] = "1"
    app = show_page(writable_app, "app_pages/overview.py")
    assert "Klok staat stil" in clock_texts(app)
    app.button(key="overview_start").click().run()
    with Session(get_engine()) as db:
        assert db.exec(select(DialogueSession)).one().round_started_at is not None
        assert all(c.started_at is not None and c.seconds > 0 for c in db.exec(select(TableClock)).all())
    assert all(text.startswith("Nog ") for text in clock_texts(app))
    app = show_page(app, "app_pages/moderator.py")
    assert not app.exception
    assert [text[:4] for text in clock_texts(app)] == ["Nog "]  # the table clock, e.g. Nog 44:59
    with Session(get_engine()) as db:
        action = db.exec(select(Action)).first()
        assert action is not None
    vote_button = next(b for b in app.button if b.key.startswith("vote_"))
    vote_button.click().run()
    key_boxes = [c for c in app.checkbox if c.label == "Kernconclusie"]
    key_boxes[0].check().run()
    with Session(get_engine()) as db:
        assert sum(a.votes for a in db.exec(select(Action)).all()) == 1
        assert any(n.key_conclusion for n in db.exec(select(Note)).all())


def test_jaarplan_page_records_a_decision_shown_on_the_indicator_page(writable_app: AppTest) -> None:
    from sqlmodel import Session, col, select

    from facilitator.state import get_engine
    from sessions.models import Action, JaarplanDecision

    with Session(get_engine()) as db:
        action = db.exec(select(Action).where(col(Action.title).startswith("Buurtpreventie"))).one()
    writable_app.query_params["gemeente"] = "GM0716"
    writable_app.session_state["vd_username"] = "beleid"  # the demo policy advisor of Tholen
    app = show_page(writable_app, "app_pages/jaarplan.py")
    assert app.selectbox(key="gemeente").options == ["Tholen"]  # only their own municipality
    prefix = f"jaarplan_GM0716_{action.id}"
    forms = [k for k in (w.key for w in app.radio) if k and k.endswith("_decision")]
    position = forms.index(f"{prefix}_decision")  # the forms' submit buttons come in the same order
    app.radio(key=f"{prefix}_decision").set_value("niet_overgenomen")
    [b for b in app.button if b.label == "Opslaan"][position].click().run()
    assert any("reden" in str(e.value) for e in app.error)  # not adopted needs a reason
    app.radio(key=f"{prefix}_decision").set_value("overgenomen")
    app.text_input(key=f"{prefix}_reference").input("§ 3.2 Veilige wijken")
    app.selectbox(key=f"{prefix}_progress").set_value("loopt")
    [b for b in app.button if b.label == "Opslaan"][position].click().run()
    assert not app.exception
    assert any("opgeslagen" in str(s.value) for s in app.success)
    with Session(get_engine()) as db:
        decision = db.exec(select(JaarplanDecision).where(JaarplanDecision.action_id == action.id)).one()
    assert (decision.decision, decision.plan_reference, decision.progress, decision.updated_by) == (
        "overgenomen",
        "§ 3.2 Veilige wijken",
        "loopt",
        "beleid",
    )
    app.switch_page("app_pages/indicator.py")
    app.query_params["indicator"] = "VB-S03"
    app.run()
    assert not app.exception
    assert "Eerder besproken" in [h.value for h in app.subheader]
    [follow_up] = [t.value for t in app.table if "In het jaarplan" in t.value.columns]
    assert "Tholen: overgenomen (§ 3.2 Veilige wijken), loopt" in set(follow_up["In het jaarplan"])


def test_report_page_offers_every_document(writable_app: AppTest) -> None:
    writable_app.query_params["sessie"] = "1"
    app = show_page(writable_app, "app_pages/report.py")
    assert not app.exception
    keys = {b.key for b in app.get("download_button")}
    assert {"report_docx", "report_pdf", "report_md", "actions_xlsx", "actions_csv", "handout_VB_docx"} <= keys
    assert any("fictieve demodata" in str(w.value) for w in app.warning)


def test_a_move_to_a_full_table_is_refused_in_both_rounds(writable_app: AppTest) -> None:
    """The refusal shows in the round where it happened (round 2 once showed nothing: a session-state key mix-up)."""
    engine = get_engine()
    with write_transaction(engine) as db:
        fill_round(actor=SYSTEM, db=db, dialogue_id=1, round_number=2, time_limit=2)
    moves = {}  # round -> (name of the one moved, label of the full table, their participant id and table id)
    with write_transaction(engine) as db:
        for round_number in (1, 2):
            seated = round_overview(actor=SYSTEM, db=db, dialogue_id=1, round_number=round_number)
            full = seated.iloc[0]
            db.execute(
                update(DialogueTable).where(DialogueTable.id == int(full["table_id"])).values(seats=DialogueTable.taken)
            )
            mover = seated[seated["table_id"] != full["table_id"]].iloc[0]
            moves[round_number] = (
                str(mover["naam"]),
                str(full["tafel"]),
                int(mover["participant_id"]),
                int(mover["table_id"]),
            )
    writable_app.query_params["sessie"] = "1"
    app = show_page(writable_app, "app_pages/sessions.py")
    for round_number, (name, full_table, _, _) in moves.items():
        who = app.selectbox(key=f"move_who_{round_number}")
        who.select_index(who.options.index(name)).run()
        where = app.selectbox(key=f"move_where_{round_number}")
        where.select_index(where.options.index(full_table)).run()
        app.button(key=f"move_button_{round_number}").click().run()
        assert not app.exception
        this_round, other_round = app.tabs[round_number], app.tabs[3 - round_number]  # tabs: invitees, 1, 2, print
        assert any("Die tafel is vol" in str(e.value) for e in this_round.error), f"ronde {round_number}"
        assert not any("Die tafel is vol" in str(e.value) for e in other_round.error)
    with Session(engine) as db:
        for round_number, (_, _, participant_id, table_id) in moves.items():
            seat = db.exec(select(Seat).where(Seat.round == round_number, Seat.participant_id == participant_id)).one()
            assert seat.table_id == table_id  # not moved
