"""Each role's forbidden actions are refused by the domain layer itself, whatever the pages show.

Every operation runs on the demo database in its own transaction, which is rolled back afterwards.
"""

from collections.abc import Callable
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.access import SYSTEM, Actor, PermissionDenied, Role
from core.accounts import create_user
from core.audit import audit_log
from indicators.importing.pipeline import ImportRequest, run_import
from sessions.dialogue import create_dialogue, dialogue_tables
from sessions.documents import report_document
from sessions.jaarplan import actions_for_municipality, decide
from sessions.models import Action, Note, Participant
from sessions.notes import (
    create_action,
    create_note,
    mark_key_conclusion,
    note_history,
    round_activity,
    save_action,
    save_note,
    table_notes,
    vote,
    withdraw_action,
    withdraw_note,
)
from sessions.participants import add_participant, check_in, participants_of
from sessions.printables import briefing_markdown, name_cards_html, table_lists_html
from sessions.privacy import erase_participant, person_export
from sessions.seating import assign_round_one, claim_seat, round_overview, table_people
from sessions.table_clock import extend_clock, pause_clock, start_clock, start_round_clocks, table_clock

ADMIN = Actor("beheer", frozenset({Role.ADMIN}))
MODERATOR = Actor("gespreksleider", dialogue_roles={1: frozenset({Role.MODERATOR})})
NOTE_TAKER = Actor("verslaglegger", dialogue_roles={1: frozenset({Role.NOTE_TAKER})})
NOTE_TAKER_ELSEWHERE = Actor("verslaglegger2", dialogue_roles={99: frozenset({Role.NOTE_TAKER})})
POLICY = Actor("beleid", frozenset({Role.POLICY}), municipalities=frozenset({"GM0716"}))
PARTICIPANT = Actor("deelnemer", frozenset({Role.PARTICIPANT}))
ACTORS = {
    "beheerder": ADMIN,
    "gespreksleider": MODERATOR,
    "verslaglegger": NOTE_TAKER,
    "verslaglegger_andere_sessie": NOTE_TAKER_ELSEWHERE,
    "beleidsmedewerker": POLICY,
    "deelnemer": PARTICIPANT,
}
CSV = b"indicator;gemeente;jaar;uitsplitsing;waarde;toelichting\nVB-S03;GM0716;2021;totaal;12;\n"


def _table(db: Session) -> int:
    table_id = dialogue_tables(db=db, dialogue_id=1, round_number=1)[0].id
    assert table_id is not None
    return table_id


def _note(db: Session) -> Note:
    note = db.exec(select(Note).where(Note.session_id == 1)).first()
    assert note is not None
    return note


def _action(db: Session) -> int:
    action = next(a for a in db.exec(select(Action).where(Action.session_id == 1)) if not a.municipalities)
    assert action.id is not None
    return action.id


def _started_clock(db: Session) -> int:
    """A table whose clock runs (started by the system), so only the permission can refuse an extension."""
    start_clock(db=db, actor=SYSTEM, table_id=_table(db), minutes=30)
    return _table(db)


def _person(db: Session) -> int:
    person = db.exec(select(Participant).where(Participant.session_id == 1)).first()
    assert person is not None
    assert person.id is not None
    return person.id


Operation = Callable[[Session, Actor], object]
OPERATIONS: dict[str, Operation] = {
    "importeren": lambda s, a: run_import(db=s, actor=a, request=ImportRequest(CSV, "levering.csv")),
    "sessie aanmaken": lambda s, a: create_dialogue(db=s, actor=a, name="x", session_date=date(2026, 3, 1)),
    "genodigde toevoegen": lambda s, a: add_participant(
        db=s, actor=a, dialogue_id=1, name="Nieuw Persoon", organisation="Politie"
    ),
    "aanmelden bij de deur": lambda s, a: check_in(db=s, actor=a, participant_id=_person(s)),
    "ronde 1 indelen": lambda s, a: assign_round_one(db=s, actor=a, dialogue_id=1, time_limit=1),
    "iemand verplaatsen": lambda s, a: claim_seat(db=s, actor=a, participant_id=_person(s), table_id=_table(s)),
    "notitie maken": lambda s, a: create_note(db=s, actor=a, table_id=_table(s), author=a.username, text="x"),
    "notitie wijzigen": lambda s, a: save_note(
        db=s, actor=a, note_id=_note(s).id or 0, expected_version=_note(s).version, author=a.username, text="nieuw"
    ),
    "kernconclusie": lambda s, a: mark_key_conclusion(db=s, actor=a, note_id=_note(s).id or 0, marked=True),
    "actie voorstellen": lambda s, a: create_action(
        db=s, actor=a, table_id=_table(s), author=a.username, title="Nieuwe actie"
    ),
    "stip geven": lambda s, a: vote(db=s, actor=a, action_id=_action(s)),
    "notitie intrekken": lambda s, a: withdraw_note(db=s, actor=a, note_id=_note(s).id or 0, reason="dubbel"),
    "actie wijzigen": lambda s, a: save_action(
        db=s, actor=a, action_id=_action(s), expected_version=1, author=a.username, title="Gewijzigde actie"
    ),
    "actie intrekken": lambda s, a: withdraw_action(db=s, actor=a, action_id=_action(s)),
    "ronde starten (alle tafelklokken)": lambda s, a: start_round_clocks(
        db=s, actor=a, dialogue_id=1, round_number=1, minutes=45
    ),
    "tafelklok starten": lambda s, a: start_clock(db=s, actor=a, table_id=_table(s), minutes=45),
    "tafelklok pauzeren": lambda s, a: pause_clock(db=s, actor=a, table_id=_table(s)),
    "tafelklok verlengen": lambda s, a: extend_clock(db=s, actor=a, table_id=_started_clock(s)),
    "jaarplan Tholen": lambda s, a: decide(
        db=s, actor=a, action_id=_action(s), municipality_code="GM0716", decision="overgenomen"
    ),
    "jaarplan Roosendaal": lambda s, a: decide(
        db=s, actor=a, action_id=_action(s), municipality_code="GM1674", decision="overgenomen"
    ),
    "verslag exporteren": lambda s, a: report_document(db=s, actor=a, dialogue_id=1, fmt="md"),
    "hoofdstuk Tholen exporteren": lambda s, a: report_document(
        db=s, actor=a, dialogue_id=1, fmt="md", municipality="GM0716"
    ),
    "hoofdstuk Roosendaal exporteren": lambda s, a: report_document(
        db=s, actor=a, dialogue_id=1, fmt="md", municipality="GM1674"
    ),
    "verslag met namen": lambda s, a: report_document(db=s, actor=a, dialogue_id=1, fmt="md", with_names=True),
    "gebruiker aanmaken": lambda s, a: create_user(
        db=s, actor=a, username="nieuw", display_name="Nieuw", password=None, roles=[]
    ),
    "persoon inzien": lambda s, a: person_export(db=s, actor=a, participant_id=_person(s)),
    "persoon wissen": lambda s, a: erase_participant(db=s, actor=a, participant_id=_person(s)),
    "auditlog lezen": lambda s, a: audit_log(db=s, actor=a),
    # reads that show names, personal codes or what was said at the tables
    "genodigden inzien": lambda s, a: participants_of(db=s, actor=a, dialogue_id=1),
    "tafelindeling inzien": lambda s, a: round_overview(db=s, actor=a, dialogue_id=1, round_number=1),
    "wie aan mijn tafel zit": lambda s, a: table_people(db=s, actor=a, table_id=_table(s)),
    "tafellijsten afdrukken": lambda s, a: table_lists_html(db=s, actor=a, dialogue_id=1, round_number=1),
    "naambordjes afdrukken": lambda s, a: name_cards_html(db=s, actor=a, dialogue_id=1),
    "briefing lezen": lambda s, a: briefing_markdown(db=s, actor=a, dialogue_id=1, theme_code="VB"),
    "notities van een tafel lezen": lambda s, a: table_notes(db=s, actor=a, table_id=_table(s), history=5),
    "geschiedenis van een notitie": lambda s, a: note_history(db=s, actor=a, note_id=_note(s).id or 0),
    "overzicht van de ronde": lambda s, a: round_activity(db=s, actor=a, dialogue_id=1),
    "tafelklok zien": lambda s, a: table_clock(db=s, actor=a, table_id=_table(s)),
    "jaarplanacties Tholen": lambda s, a: actions_for_municipality(db=s, actor=a, municipality_code="GM0716"),
    "jaarplanacties Roosendaal": lambda s, a: actions_for_municipality(db=s, actor=a, municipality_code="GM1674"),
}
READ_NOTES = {
    "briefing lezen",
    "notities van een tafel lezen",
    "geschiedenis van een notitie",
    "overzicht van de ronde",
    "tafelklok zien",
}
ALLOWED = {
    "beheerder": set(OPERATIONS),
    "gespreksleider": {
        "notitie maken",
        "notitie wijzigen",
        "notitie intrekken",
        "kernconclusie",
        "actie wijzigen",
        "actie intrekken",
        "actie voorstellen",
        "stip geven",
        "tafelklok starten",
        "tafelklok pauzeren",
        "tafelklok verlengen",
        "verslag exporteren",
        "hoofdstuk Tholen exporteren",
        "hoofdstuk Roosendaal exporteren",
        "wie aan mijn tafel zit",
        *READ_NOTES,
    },
    "verslaglegger": {
        "notitie maken",
        "notitie wijzigen",
        "notitie intrekken",
        "actie voorstellen",
        "actie wijzigen",
        "actie intrekken",
        "verslag exporteren",
        "hoofdstuk Tholen exporteren",
        "hoofdstuk Roosendaal exporteren",
        *READ_NOTES,
    },
    "verslaglegger_andere_sessie": set(),
    # the chapter of their own municipality, not the district's whole verslag (core/export_rights.py)
    "beleidsmedewerker": {"jaarplan Tholen", "hoofdstuk Tholen exporteren", "jaarplanacties Tholen", *READ_NOTES},
    "deelnemer": set(),
}


def test_every_role_is_refused_exactly_what_it_may_not_do(writable_demo: Engine) -> None:
    outcome: dict[tuple[str, str], bool] = {}
    for role, actor in ACTORS.items():
        for name, operation in OPERATIONS.items():
            with Session(writable_demo) as db:
                try:
                    operation(db, actor)
                    outcome[role, name] = True
                except PermissionDenied:
                    outcome[role, name] = False
                finally:
                    db.rollback()
    expected = {(role, name): name in ALLOWED[role] for role in ACTORS for name in OPERATIONS}
    wrong = {key: value for key, value in outcome.items() if value != expected[key]}
    assert not wrong, f"allowed (True) or refused (False) against the rules: {wrong}"


def test_system_actor_is_the_command_line(writable_demo: Engine) -> None:
    """The CLI and the demo builder act as SYSTEM, a beheerder: whoever runs them already has the database."""
    with Session(writable_demo) as db:
        assert audit_log(db=db, actor=SYSTEM)["gebruiker"].eq("systeem").any()
