"""Participants: the invitation list, RSVPs, check-in at the door, must-sit-together/apart pairs."""

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from core.access import Actor, Permission, Role, require
from core.audit import record
from indicators.importing.issues import ImportIssue, ImportRejected
from indicators.importing.lookups import normalise_name
from indicators.importing.tabular import read_table
from indicators.themes import THEME_NAMES
from sessions.dialogue import DialogueError, get_dialogue
from sessions.kiosk_codes import PERSONAL_CODE_LENGTH, is_short, normalise_code, random_code
from sessions.models import PairRule, Participant
from sessions.vocabulary import TABLE_ROLES, OrganisationType, Rsvp

ROLES: tuple[str, ...] = TABLE_ROLES
RSVP: tuple[str, ...] = tuple(Rsvp)
TYPES: tuple[str, ...] = tuple(OrganisationType)
THEME_CODES = {key: code for code, name in THEME_NAMES.items() for key in (normalise_name(code), normalise_name(name))}
HEADERS = {
    "naam": {"naam", "name"},
    "organisatie": {"organisatie", "organisation", "organization"},
    "organisatietype": {"organisatietype", "organisationtype", "organizationtype", "type"},
    "gemeente": {"gemeente", "municipality"},
    "rol": {"rol", "role"},
    "voorkeur_thema": {"voorkeurthema", "preferredtheme", "theme", "thema"},
    "aanwezig": {"aanwezig", "present", "rsvp", "status"},
}
YES = {"ja", "yes", "j", "y", "1", "true", Rsvp.ACCEPTED, "aanwezig"}
NO = {"nee", "no", "n", "0", "false", Rsvp.DECLINED, "afwezig"}


def _personal_code(db: Session, dialogue_id: int) -> str:
    """A new personal code, unique within the session (see `kiosk_codes` for why it is this long)."""
    taken = set(db.exec(select(Participant.personal_code).where(col(Participant.session_id) == dialogue_id)).all())
    while True:
        code = random_code(PERSONAL_CODE_LENGTH)
        if code not in taken:
            return code


def add_participant(
    *,
    db: Session,
    dialogue_id: int,
    name: str,
    organisation: str,
    organisation_type: str = OrganisationType.PARTNER,
    municipality_code: str | None = None,
    role: str = Role.PARTICIPANT,
    preferred_theme: str | None = None,
    rsvp: str = Rsvp.INVITED,
    is_demo: bool = False,
    actor: Actor,
) -> Participant:
    require(actor, Permission.MANAGE_SESSIONS)
    get_dialogue(db=db, dialogue_id=dialogue_id)
    if role not in ROLES or rsvp not in RSVP or organisation_type not in TYPES:
        raise DialogueError(f"Ongeldige rol, aanmelding of organisatietype: {role}, {rsvp}, {organisation_type}")
    participant = Participant(
        session_id=dialogue_id,
        name=name.strip(),
        organisation=organisation.strip(),
        organisation_type=organisation_type,
        municipality_code=municipality_code,
        role=role,
        preferred_theme=preferred_theme,
        rsvp=rsvp,
        personal_code=_personal_code(db, dialogue_id),
        is_demo=is_demo,
    )
    db.add(participant)
    db.flush()
    return participant


def import_participants(
    *, db: Session, dialogue_id: int, data: bytes, file_name: str, actor: Actor
) -> list[Participant]:
    """An invitation list (CSV/XLSX, Dutch or English headers); all rows or none."""
    require(actor, Permission.MANAGE_SESSIONS)
    table = read_table(data, file_name)
    header = [normalise_name(cell) for cell in table.rows[0]]
    positions = {field: next((i for i, h in enumerate(header) if h in names), None) for field, names in HEADERS.items()}
    issues: list[ImportIssue] = []
    for field in ("naam", "organisatie"):
        if positions[field] is None:
            issues.append(ImportIssue(file_name, table.row_numbers[0], None, f"kolom '{field}' ontbreekt"))
    if issues:
        raise ImportRejected(issues)
    rows = []
    for row, number in zip(table.rows[1:], table.row_numbers[1:], strict=True):

        def cell(field: str, row: list[str] = row) -> str:
            position = positions[field]
            return row[position].strip() if position is not None and position < len(row) else ""

        name, organisation = cell("naam"), cell("organisatie")
        kind = cell("organisatietype").lower() or (
            OrganisationType.MUNICIPALITY if organisation.lower().startswith("gemeente") else OrganisationType.PARTNER
        )
        role = cell("rol").lower() or Role.PARTICIPANT
        theme_text = cell("voorkeur_thema")
        theme = THEME_CODES.get(normalise_name(theme_text)) if theme_text else None
        present = cell("aanwezig").lower()
        if not name:
            issues.append(ImportIssue(file_name, number, "naam", "naam ontbreekt"))
        if kind not in TYPES:
            issues.append(
                ImportIssue(file_name, number, "organisatietype", f"onbekend type '{kind}' (gemeente of partner)")
            )
        if role not in ROLES:
            issues.append(ImportIssue(file_name, number, "rol", f"onbekende rol '{role}' ({', '.join(ROLES)})"))
        if theme_text and theme is None:
            issues.append(ImportIssue(file_name, number, "voorkeur_thema", f"onbekend thema '{theme_text}'"))
        if present and present not in YES | NO | {Rsvp.INVITED}:
            issues.append(ImportIssue(file_name, number, "aanwezig", f"onbekende waarde '{present}' (ja of nee)"))
        rsvp = Rsvp.ACCEPTED if present in YES else (Rsvp.DECLINED if present in NO else Rsvp.INVITED)
        rows.append((name, organisation, kind, cell("gemeente") or None, role, theme, rsvp))
    if issues:
        raise ImportRejected(issues)
    record(
        db=db,
        actor=actor,
        action="genodigden geïmporteerd",
        target=f"sessie {dialogue_id}",
        detail=f"{len(rows)} rijen",
    )
    return [
        add_participant(
            db=db,
            actor=actor,
            dialogue_id=dialogue_id,
            name=n,
            organisation=o,
            organisation_type=k,
            municipality_code=m,
            role=r,
            preferred_theme=t,
            rsvp=s,
        )
        for n, o, k, m, r, t, s in rows
    ]


def set_rsvp(*, db: Session, participant_id: int, rsvp: str, actor: Actor) -> Participant:
    require(actor, Permission.MANAGE_SESSIONS)
    if rsvp not in RSVP:
        raise DialogueError(f"Onbekende aanmelding '{rsvp}'")
    participant = _get(db, participant_id)
    participant.rsvp = rsvp
    db.add(participant)
    return participant


def check_in(*, db: Session, participant_id: int, actor: Actor, present: bool = True) -> Participant:
    """Mark someone as arrived (or undo it); arriving also counts as accepting."""
    require(actor, Permission.MANAGE_SESSIONS)
    participant = _get(db, participant_id)
    participant.checked_in_at = datetime.now(UTC) if present else None
    if present:
        participant.rsvp = Rsvp.ACCEPTED
    db.add(participant)
    db.flush()
    return participant


def add_pair(*, db: Session, dialogue_id: int, first_id: int, second_id: int, kind: str, actor: Actor) -> PairRule:
    require(actor, Permission.MANAGE_SESSIONS)
    if kind not in ("samen", "apart") or first_id == second_id:
        raise DialogueError("Een paar is twee verschillende deelnemers, 'samen' of 'apart'")
    rule = PairRule(session_id=dialogue_id, first_id=first_id, second_id=second_id, kind=kind)
    db.add(rule)
    db.flush()
    return rule


def participants_of(*, db: Session, dialogue_id: int, actor: Actor) -> list[Participant]:
    """The invitees of a session by name, with their personal codes (for whoever manages the session)."""
    require(actor, Permission.MANAGE_SESSIONS, dialogue_id=dialogue_id)
    return list(
        db.exec(
            select(Participant).where(col(Participant.session_id) == dialogue_id).order_by(col(Participant.name))
        ).all()
    )


def find_by_code(*, db: Session, dialogue_id: int, code: str) -> Participant | None:
    """The participant with this personal code, typed as printed or not (`k7p2 qx9m` finds `K7P2QX9M`). Not
    throttled: the kiosk goes through `sessions.kiosk`, which is."""
    typed = normalise_code(code)
    if not typed or len(typed) > PERSONAL_CODE_LENGTH:
        return None
    statement = select(Participant).where(
        col(Participant.session_id) == dialogue_id, col(Participant.personal_code) == typed
    )
    return db.exec(statement).first()


def short_codes(*, db: Session, dialogue_id: int, actor: Actor) -> int:
    """How many participants of the session still have a short personal code from an earlier version."""
    require(actor, Permission.MANAGE_SESSIONS, dialogue_id=dialogue_id)
    codes = db.exec(select(Participant.personal_code).where(col(Participant.session_id) == dialogue_id)).all()
    return sum(is_short(code) for code in codes)


def renew_short_codes(*, db: Session, dialogue_id: int, actor: Actor) -> int:
    """Give everyone in the session with a short personal code (made by an earlier version) a new, long one; returns
    how many. Their old codes stop working: print their name cards again."""
    require(actor, Permission.MANAGE_SESSIONS, dialogue_id=dialogue_id)
    people = db.exec(select(Participant).where(col(Participant.session_id) == dialogue_id)).all()
    renewed = 0
    for person in people:
        if is_short(person.personal_code):
            person.personal_code = _personal_code(db, dialogue_id)
            db.add(person)
            db.flush()
            renewed += 1
    if renewed:
        record(db=db, actor=actor, action="persoonlijke codes vernieuwd", target=f"sessie {dialogue_id}")
    return renewed


def _get(db: Session, participant_id: int) -> Participant:
    participant = db.get(Participant, participant_id)
    if participant is None:
        raise DialogueError(f"Deelnemer {participant_id} bestaat niet")
    return participant


def pair_rules(*, db: Session, dialogue_id: int) -> list[PairRule]:
    return list(db.exec(select(PairRule).where(col(PairRule.session_id) == dialogue_id)).all())
