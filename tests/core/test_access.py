"""Roles and permissions: what each role may do, globally or per session and municipality."""

import pytest

from core.access import SYSTEM, Actor, Permission, PermissionDenied, Role, require

MODERATOR_OF_1 = Actor("gl", dialogue_roles={1: frozenset({Role.MODERATOR})})
NOTE_TAKER_OF_1 = Actor("vl", dialogue_roles={1: frozenset({Role.NOTE_TAKER})})
POLICY_THOLEN = Actor("bm", frozenset({Role.POLICY}), municipalities=frozenset({"GM0716"}))
PARTICIPANT = Actor("dn", frozenset({Role.PARTICIPANT}))


def test_admin_may_do_everything() -> None:
    assert all(SYSTEM.can(p) for p in Permission)


def test_session_roles_hold_only_in_their_session() -> None:
    assert NOTE_TAKER_OF_1.can(Permission.WRITE_NOTES, dialogue_id=1)
    assert not NOTE_TAKER_OF_1.can(Permission.WRITE_NOTES, dialogue_id=2)
    assert not NOTE_TAKER_OF_1.can(Permission.WRITE_NOTES)  # not "everywhere"
    assert NOTE_TAKER_OF_1.can_anywhere(Permission.WRITE_NOTES)
    assert NOTE_TAKER_OF_1.dialogues_with(Permission.WRITE_NOTES) == {1}
    assert not NOTE_TAKER_OF_1.can(Permission.MODERATE, dialogue_id=1)
    assert MODERATOR_OF_1.can(Permission.MODERATE, dialogue_id=1)


def test_policy_advisor_decides_only_for_their_municipalities() -> None:
    assert POLICY_THOLEN.can(Permission.DECIDE_JAARPLAN, municipality="GM0716")
    assert not POLICY_THOLEN.can(Permission.DECIDE_JAARPLAN, municipality="GM0748")
    assert Actor("bm2", frozenset({Role.POLICY})).can(Permission.DECIDE_JAARPLAN, municipality="GM0748")
    assert not POLICY_THOLEN.can(Permission.IMPORT_DATA)


def test_participant_has_no_permissions_and_refusals_say_why_in_dutch() -> None:
    assert not any(PARTICIPANT.can(p) for p in Permission)
    with pytest.raises(PermissionDenied, match="dn heeft geen recht om gegevens importeren"):
        require(PARTICIPANT, Permission.IMPORT_DATA)
    with pytest.raises(PermissionDenied, match="voor sessie 2"):
        require(NOTE_TAKER_OF_1, Permission.WRITE_NOTES, dialogue_id=2)
