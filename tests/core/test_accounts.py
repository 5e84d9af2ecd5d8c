"""Local accounts: Argon2id hashes, login tokens that end, and only a beheerder manages users. Logging in with a
password and its throttling: test_login.py."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from core.access import SYSTEM, Actor, PermissionDenied, Role
from core.accounts import (
    AccountError,
    LoginRefused,
    actor_of,
    create_user,
    end_login,
    grant_session_role,
    identity_user,
    start_login,
    update_user,
    user_by_name,
    user_for_token,
)
from core.models import UserAccount
from sessions.dialogue import create_dialogue

PASSWORD = "een-lang-wachtwoord"


def _user(db: Session, name: str = "anna", roles: list[str] | None = None) -> UserAccount:
    return create_user(
        db=db,
        actor=SYSTEM,
        username=name,
        display_name=name.title(),
        password=PASSWORD,
        roles=roles if roles is not None else [str(Role.POLICY)],
    )


def test_password_is_stored_as_argon2id(db: Session) -> None:
    user = _user(db)
    assert user.password_hash is not None
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_short_passwords_and_duplicate_names_are_refused(db: Session) -> None:
    with pytest.raises(AccountError, match="minstens 10 tekens"):
        create_user(db=db, actor=SYSTEM, username="kort", display_name="", password="kort", roles=[])
    _user(db)
    with pytest.raises(AccountError, match="bestaat al"):
        _user(db)


def test_login_tokens_expire_and_end_at_logout(db: Session) -> None:
    user = _user(db)
    token = start_login(db=db, user=user)
    assert user_for_token(db=db, token=token) == user
    assert user_for_token(db=db, token=token, now=datetime.now(UTC) + timedelta(hours=13)) is None
    end_login(db=db, token=token)
    assert user_for_token(db=db, token=token) is None


def test_deactivation_and_a_new_password_end_every_login(db: Session) -> None:
    user = _user(db)
    assert user.id is not None
    tokens = [start_login(db=db, user=user) for _ in range(2)]  # two browsers
    update_user(db=db, actor=SYSTEM, user_id=user.id, password="een-ander-wachtwoord")
    assert [user_for_token(db=db, token=token) for token in tokens] == [None, None]
    token = start_login(db=db, user=user)
    update_user(db=db, actor=SYSTEM, user_id=user.id, active=False)
    assert user_for_token(db=db, token=token) is None
    assert user_by_name(db=db, username="anna") is None


def test_an_identity_provider_login_finds_the_active_account_with_that_address(db: Session) -> None:
    user = create_user(
        db=db,
        actor=SYSTEM,
        username="bert",
        display_name="Bert",
        password=None,
        roles=[str(Role.POLICY)],
        email=" Bert@Gemeente.example ",
    )
    assert identity_user(db=db, email="BERT@gemeente.example") == user
    assert identity_user(db=db, email="bert@gemeente.example", email_verified=True) == user
    with pytest.raises(LoginRefused, match="niet bevestigd"):
        identity_user(db=db, email="bert@gemeente.example", email_verified=False)
    with pytest.raises(LoginRefused, match="geen e-mailadres door"):
        identity_user(db=db, email=None)
    with pytest.raises(LoginRefused, match=r"onbekend@elders\.example kunt u de Veiligheidsdialoog niet gebruiken"):
        identity_user(db=db, email="onbekend@elders.example")
    assert user.id is not None
    update_user(db=db, actor=SYSTEM, user_id=user.id, active=False)
    with pytest.raises(LoginRefused, match="geen actief account"):
        identity_user(db=db, email="bert@gemeente.example")


def test_only_a_beheerder_manages_users(db: Session) -> None:
    policy = actor_of(db=db, user=_user(db))
    with pytest.raises(PermissionDenied):
        create_user(db=db, actor=policy, username="bert", display_name="", password=PASSWORD, roles=[])
    with pytest.raises(PermissionDenied):
        update_user(db=db, actor=policy, user_id=1, roles=[str(Role.ADMIN)])


def test_session_roles_become_part_of_the_actor(db: Session) -> None:
    dialogue = create_dialogue(db=db, actor=SYSTEM, name="Sessie", session_date=datetime(2026, 3, 1).date())
    user = _user(db, "vera", roles=[])
    assert user.id is not None
    assert dialogue.id is not None
    grant_session_role(db=db, actor=SYSTEM, user_id=user.id, dialogue_id=dialogue.id, role="verslaglegger")
    actor = actor_of(db=db, user=user)
    assert actor == Actor("vera", frozenset(), {dialogue.id: frozenset({Role.NOTE_TAKER})}, frozenset())
    with pytest.raises(AccountError, match="alleen de rollen"):
        grant_session_role(db=db, actor=SYSTEM, user_id=user.id, dialogue_id=dialogue.id, role="beheerder")
