"""Tables of the kernel: accounts, login tokens, roles per dialogue session and the audit log.

The domain tables live in `indicators.models` and `sessions.models`; `sessions.models` imports all of them,
so importing it registers every table of the application with SQLModel's metadata.
"""

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    return datetime.now(UTC)


class UserAccount(SQLModel, table=True):
    """A person who logs in. Roles in `roles` hold everywhere; SessionRole grants a role for one session."""

    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, unique=True, index=True)
    display_name: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=200, unique=True)
    password_hash: str | None = Field(default=None, max_length=200)
    roles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    municipalities: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None
    last_login_at: datetime | None = None
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utc_now)


class SessionRole(SQLModel, table=True):
    """A moderator or note-taker role for one dialogue session."""

    __tablename__ = "session_role"
    __table_args__ = (UniqueConstraint("user_id", "session_id", "role", name="uq_session_role"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    session_id: int = Field(foreign_key="dialogue_session.id", index=True)
    role: str = Field(max_length=20)


class LoginToken(SQLModel, table=True):
    """A logged-in browser: the cookie holds the token, the database only its SHA-256 (a leaked database does not
    log anyone in). Expires, and is deleted at logout."""

    __tablename__ = "login_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    created_at: datetime = Field(default_factory=utc_now)
    expires_at: datetime


class AuditEvent(SQLModel, table=True):
    """Who imported, changed, deleted or exported what, and when (see core/audit.py)."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, index=True)
    username: str = Field(max_length=120, index=True)
    action: str = Field(max_length=80)
    target: str = Field(max_length=200)
    detail: str = Field(default="", max_length=1000)
