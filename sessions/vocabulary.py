"""Controlled vocabularies of the dialogue sessions, as string enums stored as plain strings.

Roles at a table are the account roles of `core.access.Role` (gespreksleider, verslaglegger, deelnemer): one
place for roles. Pages and domain functions use these names, never the literal strings.
"""

from enum import StrEnum

from core.access import Role


class Rsvp(StrEnum):
    INVITED = "uitgenodigd"
    ACCEPTED = "aangemeld"
    DECLINED = "afgemeld"


class OrganisationType(StrEnum):
    MUNICIPALITY = "gemeente"
    PARTNER = "partner"


class Decision(StrEnum):
    """What a municipality decided about a proposed action for its jaarplan."""

    OPEN = "open"
    ADOPTED = "overgenomen"
    ADAPTED = "aangepast"
    NOT_ADOPTED = "niet_overgenomen"


class Progress(StrEnum):
    NOT_STARTED = "niet gestart"
    RUNNING = "loopt"
    DONE = "afgerond"


TABLE_ROLES: tuple[Role, ...] = (Role.MODERATOR, Role.NOTE_TAKER, Role.PARTICIPANT)
"""The roles a participant can have at a table (an invitation list's 'rol' column)."""

DECISION_LABELS: dict[str, str] = {
    Decision.OPEN: "nog niet besloten",
    Decision.ADOPTED: "overgenomen",
    Decision.ADAPTED: "aangepast overgenomen",
    Decision.NOT_ADOPTED: "niet overgenomen",
}
