"""Local accounts: created by a beheerder, passwords hashed with Argon2id, failed logins throttled.

With an identity provider (Streamlit's OIDC login) the provider proves who someone is and `identity_user`
finds the account with that e-mail address (or refuses, in Dutch); the roles still come from here. Throttling
lives in the database, so it holds across app processes: after FREE_ATTEMPTS failures an account is locked for a
period that doubles with every further failure (at most LOCK_MAX), and a correct password does not help while it
is locked.
"""

import contextlib
import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, col, select

from core.access import Actor, Permission, Role, require
from core.audit import record
from core.errors import UserError
from core.models import LoginToken, SessionRole, UserAccount

FREE_ATTEMPTS = 5
LOCK_BASE = timedelta(seconds=30)
LOCK_MAX = timedelta(minutes=15)
LOGIN_LIFETIME = timedelta(hours=12)  # one working day; then log in again
MIN_PASSWORD_LENGTH = 10
_HASHER = PasswordHasher()  # Argon2id, the library's current recommended parameters
_DUMMY_HASH = _HASHER.hash("geen-account-dummy-wachtwoord")


class AccountError(UserError):
    """An account change that cannot be made (message in Dutch)."""


class LoginRefused(UserError):
    """Wrong name or password, an inactive account, or a lock after too many attempts (message in Dutch)."""


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _by_name(db: Session, username: str) -> UserAccount | None:
    """The account with this name (names are stored lower-case), active or not."""
    return db.exec(select(UserAccount).where(col(UserAccount.username) == username.strip().lower())).first()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Een wachtwoord heeft minstens {MIN_PASSWORD_LENGTH} tekens")
    return _HASHER.hash(password)


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
    if not name or not name.replace(".", "").replace("-", "").replace("_", "").isalnum():
        raise AccountError("Een gebruikersnaam bestaat uit letters, cijfers, punt, streepje of liggend streepje")
    if _by_name(db, name) is not None:
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
        user.active = active
        changes.append("actief" if active else "gedeactiveerd")
        if not active:
            deactivate_logins(db=db, user_id=user_id)
    if password is not None:
        user.password_hash = hash_password(password)
        user.failed_attempts, user.locked_until = 0, None
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


def authenticate(*, db: Session, username: str, password: str, now: datetime | None = None) -> UserAccount:
    """The account if the password is right; LoginRefused otherwise. Counts failures and locks (commit after)."""
    moment = now or _now()
    user = _by_name(db, username)
    if user is None or user.password_hash is None:
        # spend the same time as a real check, so response times do not reveal which names exist
        with contextlib.suppress(VerificationError):
            _HASHER.verify(_DUMMY_HASH, password)
        raise LoginRefused("Onbekende gebruikersnaam of verkeerd wachtwoord.")
    locked_until = _aware(user.locked_until)
    if locked_until is not None and locked_until > moment:
        seconds = int((locked_until - moment).total_seconds()) + 1
        raise LoginRefused(f"Te veel mislukte pogingen: probeer het over {seconds} seconden opnieuw.")
    if not user.active:
        raise LoginRefused("Dit account is gedeactiveerd; vraag de beheerder.")
    try:
        _HASHER.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        user.failed_attempts += 1
        if user.failed_attempts >= FREE_ATTEMPTS:
            lock = LOCK_BASE * (2 ** (user.failed_attempts - FREE_ATTEMPTS))
            user.locked_until = moment + min(lock, LOCK_MAX)
        db.add(user)
        db.flush()
        raise LoginRefused("Onbekende gebruikersnaam of verkeerd wachtwoord.") from None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    user.failed_attempts, user.locked_until, user.last_login_at = 0, None, moment
    db.add(user)
    db.flush()
    return user


def deactivate_logins(*, db: Session, user_id: int) -> None:
    """Log a user out everywhere (after deactivation or a password change)."""
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
    return user if user is not None and user.active else None


def end_login(*, db: Session, token: str) -> None:
    login = db.exec(select(LoginToken).where(col(LoginToken.token_hash) == _token_hash(token))).first()
    if login is not None:
        db.delete(login)
        db.flush()


def user_by_name(*, db: Session, username: str) -> UserAccount | None:
    user = _by_name(db, username)
    return user if user is not None and user.active else None
