"""The audit log: who imported, changed, deleted or exported what, and when.

Entries name the acting user and the object by its kind and id (`deelnemer 12`, `levering 3`), never a
participant's name, so erasing a person leaves the log intact and free of their name.
"""

import pandas as pd
from sqlmodel import Session, col, select

from core.access import Actor, Permission, require
from core.models import AuditEvent


def record(*, db: Session, actor: Actor, action: str, target: str, detail: str = "") -> AuditEvent:
    """Add an entry in the caller's transaction (so it is there exactly when the change is)."""
    event = AuditEvent(username=actor.username, action=action, target=target, detail=detail[:1000])
    db.add(event)
    return event


def audit_log(*, db: Session, actor: Actor, limit: int = 500, username: str | None = None) -> pd.DataFrame:
    require(actor, Permission.READ_AUDIT)
    statement = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(limit)
    if username:
        statement = statement.where(col(AuditEvent.username) == username)
    rows = [
        {"tijd": e.at, "gebruiker": e.username, "handeling": e.action, "object": e.target, "details": e.detail}
        for e in db.exec(statement).all()
    ]
    return pd.DataFrame(rows, columns=["tijd", "gebruiker", "handeling", "object", "details"])
