"""Who may take what out of a session: the whole table, role by role (issue 16: a moderator could not get a handout
of their own session, a Tholen policy advisor could export every session's notes)."""

import pytest

from core.access import Actor, Role
from core.export_rights import Export, may_export

SESSION, OTHER = 1, 2
THOLEN, ROOSENDAAL = "GM0716", "GM1674"
ACTORS = {
    "beheerder": Actor("beheer", frozenset({Role.ADMIN})),
    "gespreksleider van sessie 1": Actor("leider", dialogue_roles={SESSION: frozenset({Role.MODERATOR})}),
    "verslaglegger van sessie 1": Actor("notulist", dialogue_roles={SESSION: frozenset({Role.NOTE_TAKER})}),
    "gespreksleider van sessie 2": Actor("ander", dialogue_roles={OTHER: frozenset({Role.MODERATOR})}),
    "gespreksleider van elke sessie": Actor("vast", frozenset({Role.MODERATOR})),
    "beleidsmedewerker Tholen": Actor("beleid", frozenset({Role.POLICY}), municipalities=frozenset({THOLEN})),
    "beleidsmedewerker district": Actor("district", frozenset({Role.POLICY})),
    "deelnemer": Actor("deelnemer", frozenset({Role.PARTICIPANT})),
}
WHAT = [
    (Export.REPORT, None),
    (Export.CHAPTER, THOLEN),
    (Export.CHAPTER, ROOSENDAAL),
    (Export.ACTIONS, None),
    (Export.ACTIONS, THOLEN),
    (Export.HANDOUT, None),
    (Export.NOTES, None),
    (Export.NAMES, None),
]
# one row per actor, one column per entry of WHAT: 1 may, 0 may not
MATRIX = {
    "beheerder": "11111111",
    "gespreksleider van sessie 1": "11111110",
    "verslaglegger van sessie 1": "11111110",
    "gespreksleider van sessie 2": "00000000",
    "gespreksleider van elke sessie": "11111110",
    "beleidsmedewerker Tholen": "01001000",
    "beleidsmedewerker district": "01101000",
    "deelnemer": "00000000",
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_export_rights_follow_the_table(who: str) -> None:
    actor = ACTORS[who]
    found = "".join(
        str(int(may_export(actor, export, dialogue_id=SESSION, municipality=municipality)))
        for export, municipality in WHAT
    )
    assert found == MATRIX[who], f"{who}: {found} (expected {MATRIX[who]})"
