"""Local accounts: created by a beheerder, passwords hashed with Argon2id (`core.passwords`), login tokens.

With an identity provider (Streamlit's OIDC login) the provider proves who someone is and `identity_user`
finds the account with that e-mail address (or refuses, in Dutch); the roles still come from here. Logging in with a
password, and its throttling, is `core.login`. A login token ends at logout, and every token of an account ends
when its password changes or it is switched off: an open tab finds out on its next run (`user_for_token`).
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from core import passwords
from core.access import Actor, Permission, Role, require
from core.audit import record
from core.demo_logins import may_log_in, real_admin_exists, retire_demo_accounts
from core.errors import UserError
from core.models import LoginToken, SessionRole, UserAccount

LOGIN_LIFETIME = timedelta(hours=12)  # one working day; then log in again
MIN_PASSWORD_LENGTH = passwords.MIN_PASSWORD_LENGTH
USERNAME_MAX = 80


class AccountError(UserError):
    """An account change that cannot be made (message in Dutch)."""


class LoginRefused(UserError):
    """A login that did not succeed (message in Dutch)."""


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def valid_username(name: str) -> bool:
    """Letters, digits, dot, hyphen and underscore (names are stored lower-case)."""
    return 0 < len(name) <= USERNAME_MAX and name.replace(".", "").replace("-", "").replace("_", "").isalnum()


def account_named(*, db: Session, username: str) -> UserAccount | None:
    """The account with this name, active or not; None for a name no account can have (not even looked up)."""
    name = username.strip().lower()
    if not valid_username(name):
        return None
    return db.exec(select(UserAccount).where(col(UserAccount.username) == name)).first()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Een wachtwoord heeft minstens {MIN_PASSWORD_LENGTH} tekens")
    return passwords.hash_password(password)


def actor_of(*, db: Session, user: UserAccount) -> Actor:
    scoped: dict[int, set[Role]] = {}
    for grant in db.exec(select(SessionRole).where(col(SessionRole.user_id) == user.id)).all():
        scoped.setdefault(grant.session_id, set()).add(Role(grant.role))
    return Actor(
        user.username,
        frozenset(Role(r) for r in user.roles),
        {sid: frozenset(roles) for sid, roles in scoped.items()},
        frozenset(user.municipalities),
    )


def create_user(
    *,
    db: Session,
    actor: Actor,
    username: str,
    display_name: str,
    password: str | None,
    roles: list[str],
    email: str | None = None,
    municipalities: list[str] | None = None,
) -> UserAccount:
    """A new account. `password` may be None for accounts that only log in through the identity provider."""
    require(actor, Permission.MANAGE_USERS)
    name = username.strip().lower()
    if not valid_username(name):
        raise AccountError(
            f"Een gebruikersnaam bestaat uit letters, cijfers, punt, streepje of liggend streepje "
            f"(hooguit {USERNAME_MAX} tekens)"
        )
    if account_named(db=db, username=name) is not None:
        raise AccountError(f"Gebruikersnaam '{name}' bestaat al")
    unknown = [r for r in roles if r not in set(Role)]
    if unknown:
        raise AccountError(f"Onbekende rol '{unknown[0]}'")
    user = UserAccount(
        username=name,
        display_name=display_name.strip() or name,
        email=(email or "").strip().lower() or None,
        roles=sorted(set(roles)),
        municipalities=sorted(set(municipalities or [])),
        password_hash=hash_password(password) if password else None,
    )
    db.add(user)
    db.flush()
    record(
        db=db,
        actor=actor,
        action="gebruiker aangemaakt",
        target=f"gebruiker {user.id}",
        detail=f"rollen: {', '.join(user.roles) or 'geen'}",
    )
    retire_demo_accounts(db=db, actor=actor)
    return user


def update_user(
    *,
    db: Session,
    actor: Actor,
    user_id: int,
    roles: list[str] | None = None,
    municipalities: list[str] | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> UserAccount:
    require(actor, Permission.MANAGE_USERS)
    user = db.get(UserAccount, user_id)
    if user is None:
        raise AccountError(f"Gebruiker {user_id} bestaat niet")
    changes = []
    if roles is not None:
        unknown = [r for r in roles if r not in set(Role)]
        if unknown:
            raise AccountError(f"Onbekende rol '{unknown[0]}'")
        user.roles = sorted(set(roles))
        changes.append(f"rollen: {', '.join(user.roles) or 'geen'}")
    if municipalities is not None:
        user.municipalities = sorted(set(municipalities))
        changes.append(f"gemeenten: {', '.join(user.municipalities) or 'alle'}")
    if active is not None:
        if active and user.is_demo and not user.active and real_admin_exists(db=db):
            raise AccountError("Een demo-account gaat niet meer aan: er is een echte beheerder")
        user.active = active
        changes.append("actief" if active else "gedeactiveerd")
        if not active:
            deactivate_logins(db=db, user_id=user_id)
    if password is not None:
        user.password_hash = hash_password(password)
        user.failed_attempts, user.locked_until = 0, None  # a new password starts without failures
        changes.append("nieuw wachtwoord")
        deactivate_logins(db=db, user_id=user_id)
    db.add(user)
    db.flush()
    record(
        db=db,
        actor=actor,
        action="gebruiker gewijzigd",
        target=f"gebruiker {user.id}",
        detail="; ".join(changes),
    )
    retire_demo_accounts(db=db, actor=actor)
    return user


def grant_session_role(*, db: Session, actor: Actor, user_id: int, dialogue_id: int, role: str) -> None:
    require(actor, Permission.MANAGE_USERS)
    if role not in (Role.MODERATOR, Role.NOTE_TAKER):
        raise AccountError("Per sessie zijn alleen de rollen gespreksleider en verslaglegger te geven")
    exists = select(SessionRole).where(
        col(SessionRole.user_id) == user_id, col(SessionRole.session_id) == dialogue_id, col(SessionRole.role) == role
    )
    if db.exec(exists).first() is None:
        db.add(SessionRole(user_id=user_id, session_id=dialogue_id, role=role))
        db.flush()
        record(
            db=db,
            actor=actor,
            action="sessierol gegeven",
            target=f"gebruiker {user_id}",
            detail=f"{role} in sessie {dialogue_id}",
        )


def deactivate_logins(*, db: Session, user_id: int) -> None:
    """End every login of a user, in every browser and tab (after deactivation or a password change)."""
    for login in db.exec(select(LoginToken).where(col(LoginToken.user_id) == user_id)).all():
        db.delete(login)
    db.flush()


def user_by_email(*, db: Session, email: str) -> UserAccount | None:
    """The active account of an identity-provider login, or None (then the beheerder has to add it)."""
    user = db.exec(select(UserAccount).where(col(UserAccount.email) == email.strip().lower())).first()
    return user if user is not None and user.active else None


def identity_user(*, db: Session, email: str | None, email_verified: bool | None = None) -> UserAccount:
    """The account of someone the identity provider vouched for, found by e-mail address. Refuses an identity
    without an address, an address the provider says it has not verified (a provider that does not say is
    trusted), and an address no active account has: the beheerder gives accounts their address."""
    address = (email or "").strip().lower()
    if not address:
        raise LoginRefused(
            "Uw organisatie gaf bij het inloggen geen e-mailadres door, dus de Veiligheidsdialoog weet niet wie u "
            "bent. Vraag de beheerder van de app of van uw organisatieaccount."
        )
    if email_verified is False:
        raise LoginRefused(
            f"Uw organisatie heeft het e-mailadres {address} niet bevestigd; daarmee kunt u niet inloggen. "
            "Vraag de beheerder van uw organisatieaccount."
        )
    user = user_by_email(db=db, email=address)
    if user is None:
        raise LoginRefused(
            f"Met het organisatieaccount {address} kunt u de Veiligheidsdialoog niet gebruiken: er is geen actief "
            "account met dit e-mailadres. Vraag een beheerder van de app om uw e-mailadres aan uw account te "
            "koppelen, of log uit en kies een ander account."
        )
    return user


def list_users(*, db: Session, actor: Actor) -> list[UserAccount]:
    require(actor, Permission.MANAGE_USERS)
    return list(db.exec(select(UserAccount).order_by(col(UserAccount.username))).all())


def has_users(*, db: Session) -> bool:
    return db.exec(select(UserAccount.id)).first() is not None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_login(*, db: Session, user: UserAccount, now: datetime | None = None) -> str:
    """A new login token for a browser (to keep in a cookie); only its hash is stored."""
    assert user.id is not None
    moment = now or _now()
    token = secrets.token_urlsafe(32)
    db.add(
        LoginToken(
            token_hash=_token_hash(token), user_id=user.id, created_at=moment, expires_at=moment + LOGIN_LIFETIME
        )
    )
    db.flush()
    return token


def user_for_token(*, db: Session, token: str, now: datetime | None = None) -> UserAccount | None:
    """The active account a token belongs to, while it has not expired."""
    if not token:
        return None
    login = db.exec(select(LoginToken).where(col(LoginToken.token_hash) == _token_hash(token))).first()
    expires = _aware(login.expires_at) if login else None
    if login is None or expires is None or expires <= (now or _now()):
        return None
    user = db.get(UserAccount, login.user_id)
    return user if user is not None and may_log_in(db=db, user=user) else None


def end_login(*, db: Session, token: str) -> None:
    """Logging out: the token ends, for every tab of the browser that holds it."""
    login = db.exec(select(LoginToken).where(col(LoginToken.token_hash) == _token_hash(token))).first()
    if login is not None:
        db.delete(login)
        db.flush()


def user_by_name(*, db: Session, username: str) -> UserAccount | None:
    """The account of this name if it may log in (active; a demo account only without a real administrator)."""
    user = account_named(db=db, username=username)
    return user if user is not None and may_log_in(db=db, user=user) else None
