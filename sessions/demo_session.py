"""The demo dialogue session: 40 invitees (fictitious names) from the organisations of seed 000.

As in the seed: 40 invited, 38 accepted, about 30 came. The working group 'governance'
(municipal policy advisers) leads the four tables; members of the Veiligheidsoverleg take notes.
"""

import random
from datetime import date

from sqlmodel import Session

from core.access import SYSTEM, Role
from indicators.themes import THEMES
from sessions.dialogue import create_dialogue
from sessions.models import DialogueSession
from sessions.participants import add_participant, check_in
from sessions.seating import assign_round_one
from sessions.vocabulary import OrganisationType, Rsvp

FIRST_NAMES = [
    "Anouk",
    "Bas",
    "Carmen",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanneke",
    "Ilse",
    "Joost",
    "Karin",
    "Lars",
    "Marloes",
    "Niels",
    "Olga",
    "Pieter",
    "Rianne",
    "Sander",
    "Tessa",
    "Uriel",
    "Vera",
    "Wouter",
    "Yara",
    "Zeger",
    "Loes",
    "Maarten",
    "Noor",
    "Ruben",
    "Sanne",
    "Thijs",
]
LAST_NAMES = [
    "van Dijk",
    "Verhoeven",
    "de Graaf",
    "Hendriks",
    "Peeters",
    "van den Broek",
    "Jacobs",
    "Willems",
    "Maas",
    "Claassen",
    "van Gils",
    "Mertens",
    "de Jong",
    "Verbeek",
    "Rijnders",
    "van Loon",
    "Schoenmakers",
    "Aarts",
    "Bogers",
    "Oomen",
]
MUNICIPALITIES = [
    ("Bergen op Zoom", "GM0748"),
    ("Roosendaal", "GM1674"),
    ("Woensdrecht", "GM0873"),
    ("Steenbergen", "GM0851"),
    ("Halderberge", "GM1655"),
    ("Moerdijk", "GM1709"),
    ("Rucphen", "GM0840"),
    ("Tholen", "GM0716"),
]
PARTNERS = [
    "Politie",
    "Openbaar Ministerie",
    "Taskforce RIEC",
    "Meld Misdaad Anoniem",
    "Veilig Thuis",
    "Halt",
    "Zorg- en Veiligheidshuis",
    "Verslavingszorg",
    "Veiligheidsregio",
    "Brandweer",
    "Rode Kruis",
    "GGD",
]
DEMO_SUFFIX = " (fictief)"


DEMO_RETENTION_DAYS = 3650


def build_demo_session(*, db: Session, seed: int = 38) -> DialogueSession:
    rng = random.Random(seed)
    dialogue = create_dialogue(
        actor=SYSTEM,
        db=db,
        name="Dialoogsessie Monitor Integrale Veiligheid (fictieve demodata)",
        session_date=date(2020, 3, 12),
        kind="ambtelijk",
        edition=2020,
        themes=THEMES,
        is_demo=True,
    )
    dialogue.retention_days = DEMO_RETENTION_DAYS  # fictitious names: kept so the demo stays readable
    assert dialogue.id is not None
    names = rng.sample([f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES], 40)
    invitees: list[tuple[str, str, str | None, str, str | None]] = []
    for index, theme in enumerate(THEMES):  # moderators: working group, four municipalities
        municipality, code = MUNICIPALITIES[index]
        invitees.append((f"gemeente {municipality}", OrganisationType.MUNICIPALITY, code, Role.MODERATOR, theme))
    note_takers: list[tuple[str, str | None]] = [
        MUNICIPALITIES[4],
        MUNICIPALITIES[5],
        ("Politie", None),
        ("Openbaar Ministerie", None),
    ]
    for theme, (organisation, note_code) in zip(THEMES, note_takers, strict=True):
        is_municipality = note_code is not None
        invitees.append(
            (
                f"gemeente {organisation}" if is_municipality else organisation,
                OrganisationType.MUNICIPALITY if is_municipality else OrganisationType.PARTNER,
                note_code,
                Role.NOTE_TAKER,
                theme,
            )
        )
    while len(invitees) < 40:
        if len(invitees) % 2:
            municipality, code = rng.choice(MUNICIPALITIES)
            invitees.append((f"gemeente {municipality}", OrganisationType.MUNICIPALITY, code, Role.PARTICIPANT, None))
        else:
            invitees.append((rng.choice(PARTNERS), OrganisationType.PARTNER, None, Role.PARTICIPANT, None))
    people = []
    for name, (organisation, kind, area_code, role, own_theme) in zip(names, invitees, strict=True):
        preference = own_theme if role != Role.PARTICIPANT else (rng.choice(THEMES) if rng.random() < 0.3 else None)
        people.append(
            add_participant(
                actor=SYSTEM,
                db=db,
                dialogue_id=dialogue.id,
                name=name + DEMO_SUFFIX,
                organisation=organisation,
                organisation_type=kind,
                municipality_code=area_code,
                role=role,
                preferred_theme=preference,
                rsvp=Rsvp.ACCEPTED,
                is_demo=True,
            )
        )
    declined = rng.sample([p for p in people if p.role == Role.PARTICIPANT], 2)
    for person in declined:
        person.rsvp = Rsvp.DECLINED
        db.add(person)
    accepted = [p for p in people if p.rsvp == Rsvp.ACCEPTED]
    no_shows = set(rng.sample([p.id for p in accepted if p.role == Role.PARTICIPANT], 8))  # about 30 came
    for person in accepted:
        if person.id not in no_shows:
            assert person.id is not None
            check_in(actor=SYSTEM, db=db, participant_id=person.id)
    assign_round_one(actor=SYSTEM, db=db, dialogue_id=dialogue.id, time_limit=5)
    return dialogue
