"""Who may do what: roles, permissions and the acting user, checked by the domain functions themselves.

Hiding a page is not security: every function that changes data, exports it or shows personal data takes an
`actor` and calls `require` before it does anything. The rules live here, in the lowest layer, so the monitor's
import functions and the session functions use one and the same model.

Roles (ARCHITECTURE.md): beheerder (data coordinator and administrator), gespreksleider and verslaglegger (per
session, or for every session when given globally), beleidsmedewerker (for their municipalities' jaarplan),
deelnemer (kiosk only).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from core.errors import UserError


class Role(StrEnum):
    ADMIN = "beheerder"
    MODERATOR = "gespreksleider"
    NOTE_TAKER = "verslaglegger"
    POLICY = "beleidsmedewerker"
    PARTICIPANT = "deelnemer"


ROLE_LABELS = {
    Role.ADMIN: "Beheerder (data en sessies)",
    Role.MODERATOR: "Gespreksleider",
    Role.NOTE_TAKER: "Verslaglegger",
    Role.POLICY: "Beleidsmedewerker",
    Role.PARTICIPANT: "Deelnemer",
}


class Permission(StrEnum):
    READ_MONITOR = "monitor bekijken"
    IMPORT_DATA = "gegevens importeren of terugdraaien"
    MANAGE_SESSIONS = "sessies en genodigden beheren"
    SEAT_PEOPLE = "tafels indelen"
    READ_NOTES = "notities lezen"
    WRITE_NOTES = "notities en acties vastleggen"
    MODERATE = "gesprek leiden (kernconclusies, stippen, klok)"
    EXPORT_REPORTS = "verslagen exporteren"  # the menu's gate; what exactly: core/export_rights.py
    EXPORT_NAMES = "namen van deelnemers exporteren"
    DECIDE_JAARPLAN = "jaarplanbesluiten vastleggen"
    MANAGE_USERS = "gebruikers beheren"
    MANAGE_PRIVACY = "persoonsgegevens inzien, uitvoeren of wissen"
    READ_AUDIT = "auditlog bekijken"
    MANAGE_CATALOGUE = "indicatorenlijst beheren (voorkeursbron)"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.MODERATOR: frozenset(
        {
            Permission.READ_MONITOR,
            Permission.READ_NOTES,
            Permission.WRITE_NOTES,
            Permission.MODERATE,
            Permission.EXPORT_REPORTS,
        }
    ),
    Role.NOTE_TAKER: frozenset(
        {Permission.READ_MONITOR, Permission.READ_NOTES, Permission.WRITE_NOTES, Permission.EXPORT_REPORTS}
    ),
    Role.POLICY: frozenset(
        {Permission.READ_MONITOR, Permission.READ_NOTES, Permission.EXPORT_REPORTS, Permission.DECIDE_JAARPLAN}
    ),
    Role.PARTICIPANT: frozenset(),
}


class PermissionDenied(UserError):
    """The actor may not do this (message in Dutch)."""


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a domain function runs.

    `roles` hold everywhere; `dialogue_roles` only for one dialogue session (a moderator of session 3 moderates
    session 3 only); `municipalities` limit a policy advisor's jaarplan decisions (empty: every municipality).
    """

    username: str
    roles: frozenset[Role] = frozenset()
    dialogue_roles: dict[int, frozenset[Role]] = field(default_factory=dict)
    municipalities: frozenset[str] = frozenset()

    def roles_for(self, dialogue_id: int | None) -> frozenset[Role]:
        if dialogue_id is None:
            return self.roles
        return self.roles | self.dialogue_roles.get(dialogue_id, frozenset())

    def can(self, permission: Permission, *, dialogue_id: int | None = None, municipality: str | None = None) -> bool:
        """Whether the actor may do this: everywhere (no session given) or in that session."""
        roles = self.roles_for(dialogue_id)
        if not any(permission in ROLE_PERMISSIONS[role] for role in roles):
            return False
        if permission is Permission.DECIDE_JAARPLAN and municipality and Role.ADMIN not in roles:
            return not self.municipalities or municipality in self.municipalities
        return True

    def can_anywhere(self, permission: Permission) -> bool:
        """Whether the actor has the permission globally or in at least one session (for navigation)."""
        return self.can(permission) or bool(self.dialogues_with(permission))

    def dialogues_with(self, permission: Permission) -> set[int]:
        return {
            sid for sid, roles in self.dialogue_roles.items() if any(permission in ROLE_PERMISSIONS[r] for r in roles)
        }


def require(
    actor: Actor, permission: Permission, *, dialogue_id: int | None = None, municipality: str | None = None
) -> None:
    """Raise PermissionDenied unless the actor has the permission (for this session or municipality)."""
    if actor.can(permission, dialogue_id=dialogue_id, municipality=municipality):
        return
    where = f" voor sessie {dialogue_id}" if dialogue_id is not None else ""
    where += f" voor gemeente {municipality}" if municipality else ""
    raise PermissionDenied(f"{actor.username} heeft geen recht om {permission.value}{where}.")


SYSTEM = Actor("systeem", frozenset({Role.ADMIN}))
"""The command line and the demo builder: whoever can run them can already read the database."""
