"""Local accounts: Argon2id hashes, throttled logins, login tokens, and only a beheerder manages users."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from core.access import SYSTEM, Actor, PermissionDenied, Role
from core.accounts import (
    FREE_ATTEMPTS,
    AccountError,
    LoginRefused,
    actor_of,
    authenticate,
    create_user,
    end_login,
    grant_session_role,
    identity_user,
    start_login,
    update_user,
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


def test_password_is_stored_as_argon2id_and_checked(db: Session) -> None:
    user = _user(db)
    assert user.password_hash is not None
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert authenticate(db=db, username="ANNA ", password=PASSWORD).id == user.id
    with pytest.raises(LoginRefused, match="verkeerd wachtwoord"):
        authenticate(db=db, username="anna", password="fout-wachtwoord")
    with pytest.raises(LoginRefused, match="verkeerd wachtwoord"):  # unknown names get the same answer
        authenticate(db=db, username="niemand", password=PASSWORD)


def test_short_passwords_and_duplicate_names_are_refused(db: Session) -> None:
    with pytest.raises(AccountError, match="minstens 10 tekens"):
        create_user(db=db, actor=SYSTEM, username="kort", display_name="", password="kort", roles=[])
    _user(db)
    with pytest.raises(AccountError, match="bestaat al"):
        _user(db)


def test_failed_logins_lock_the_account_for_a_growing_time(db: Session) -> None:
    _user(db)
    now = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(LoginRefused):
            authenticate(db=db, username="anna", password="fout-wachtwoord", now=now)
    with pytest.raises(LoginRefused, match="Te veel mislukte pogingen"):  # even the right password
        authenticate(db=db, username="anna", password=PASSWORD, now=now + timedelta(seconds=10))
    assert authenticate(db=db, username="anna", password=PASSWORD, now=now + timedelta(seconds=31))
    later = now + timedelta(minutes=1)
    for _ in range(FREE_ATTEMPTS):  # counting restarted after the good login
        with pytest.raises(LoginRefused):
            authenticate(db=db, username="anna", password="fout-wachtwoord", now=later)
    with pytest.raises(LoginRefused):  # once the 30 s lock is over, one more failure locks for 60 s
        authenticate(db=db, username="anna", password="fout-wachtwoord", now=later + timedelta(seconds=31))
    with pytest.raises(LoginRefused, match="Te veel"):
        authenticate(db=db, username="anna", password=PASSWORD, now=later + timedelta(seconds=80))
    assert authenticate(db=db, username="anna", password=PASSWORD, now=later + timedelta(seconds=92))


def test_login_tokens_expire_and_end_at_logout(db: Session) -> None:
    user = _user(db)
    token = start_login(db=db, user=user)
    assert user_for_token(db=db, token=token) == user
    assert user_for_token(db=db, token=token, now=datetime.now(UTC) + timedelta(hours=13)) is None
    end_login(db=db, token=token)
    assert user_for_token(db=db, token=token) is None


def test_deactivation_ends_every_login(db: Session) -> None:
    user = _user(db)
    assert user.id is not None
    token = start_login(db=db, user=user)
    update_user(db=db, actor=SYSTEM, user_id=user.id, active=False)
    assert user_for_token(db=db, token=token) is None
    with pytest.raises(LoginRefused, match="gedeactiveerd"):
        authenticate(db=db, username="anna", password=PASSWORD)


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
