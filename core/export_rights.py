"""Who may take what out of the app: one table, checked by every export function.

Documents leave the app and travel (to a council, a partner, a mailbox), so their rights are narrower than reading:
- session staff (gespreksleider, verslaglegger of that session, or of every session when given globally) take their
  own session's documents: the district's duidingsverslag, a municipality's chapter, the action list, the handouts
  and the raw notes;
- a beleidsmedewerker takes the chapter of their own municipalities (every municipality when none is set) and the
  actions that concern it; never the district's whole verslag, the raw notes or the handouts;
- names of participants (name cards, a verslag with names) only the beheerder;
- the beheerder takes everything.
"""

from enum import StrEnum

from core.access import Actor, PermissionDenied, Role


class Export(StrEnum):
    REPORT = "het duidingsverslag van het district"
    CHAPTER = "het hoofdstuk van een gemeente"
    ACTIONS = "de actielijst"
    HANDOUT = "de handouts"
    NOTES = "alle notities en acties"
    NAMES = "namen van deelnemers"


SESSION_STAFF = frozenset({Export.REPORT, Export.CHAPTER, Export.ACTIONS, Export.HANDOUT, Export.NOTES})
EXPORT_RIGHTS: dict[Role, frozenset[Export]] = {
    Role.ADMIN: frozenset(Export),
    Role.MODERATOR: SESSION_STAFF,
    Role.NOTE_TAKER: SESSION_STAFF,
    Role.POLICY: frozenset({Export.CHAPTER, Export.ACTIONS}),
    Role.PARTICIPANT: frozenset(),
}
# what a beleidsmedewerker takes is always about one of their municipalities
FOR_A_MUNICIPALITY = frozenset({Export.CHAPTER, Export.ACTIONS})


def may_export(actor: Actor, export: Export, *, dialogue_id: int, municipality: str | None = None) -> bool:
    """Whether the actor may take this out of this session (for this municipality, when it is one's chapter)."""
    roles = actor.roles_for(dialogue_id)
    for role in roles:
        if export not in EXPORT_RIGHTS[role]:
            continue
        if role is Role.POLICY and export in FOR_A_MUNICIPALITY:
            if municipality is None:
                continue
            if actor.municipalities and municipality not in actor.municipalities:
                continue
        return True
    return False


def require_export(actor: Actor, export: Export, *, dialogue_id: int, municipality: str | None = None) -> None:
    """Raise PermissionDenied (in Dutch) unless `may_export`."""
    if may_export(actor, export, dialogue_id=dialogue_id, municipality=municipality):
        return
    where = f" van gemeente {municipality}" if municipality else ""
    raise PermissionDenied(
        f"{actor.username} mag {export.value}{where} van sessie {dialogue_id} niet exporteren "
        "(sessiestaf: de eigen sessie; beleidsmedewerker: het hoofdstuk van de eigen gemeente; namen: de beheerder)."
    )
