"""Demo accounts (`is_demo`, fictitious, with a password printed in the README) are for trying the app out.

They are made only when a demo database is built, and they go off for good as soon as a real administrator (an
active account with the beheerder role that is not a demo account) exists: `retire_demo_accounts` switches them off
and ends their logins when such an account is made or given that role, and `may_log_in` refuses them meanwhile, so
a database that got its real administrator some other way (a restored backup, an older version of the app) does
not let `beheer` in either.
"""

from sqlalchemy import delete
from sqlmodel import Session, col, select

from core.access import Actor, Role
from core.audit import record
from core.models import LoginToken, UserAccount


def real_admin_exists(*, db: Session) -> bool:
    """Whether an active account that is not a demo account has the beheerder role."""
    roles = db.exec(
        select(UserAccount.roles).where(col(UserAccount.is_demo).is_(False), col(UserAccount.active).is_(True))
    ).all()
    return any(Role.ADMIN in granted for granted in roles)


def may_log_in(*, db: Session, user: UserAccount) -> bool:
    """An active account; a demo account only while there is no real administrator."""
    return user.active and (not user.is_demo or not real_admin_exists(db=db))


def active_demo_accounts(*, db: Session) -> list[str]:
    """The names of the demo accounts that are still switched on."""
    return list(
        db.exec(
            select(UserAccount.username)
            .where(col(UserAccount.is_demo).is_(True), col(UserAccount.active).is_(True))
            .order_by(col(UserAccount.username))
        ).all()
    )


def retire_demo_accounts(*, db: Session, actor: Actor) -> list[str]:
    """Once a real administrator exists: switch every demo account off and end its logins (every open tab finds
    its login gone on its next run). Returns the names switched off now (none when there is nothing to do)."""
    if not real_admin_exists(db=db):
        return []
    accounts = db.exec(
        select(UserAccount).where(col(UserAccount.is_demo).is_(True), col(UserAccount.active).is_(True))
    ).all()
    if not accounts:
        return []
    for account in accounts:
        account.active = False
        db.add(account)
    ids = [account.id for account in accounts if account.id is not None]
    db.execute(delete(LoginToken).where(col(LoginToken.user_id).in_(ids)))
    db.flush()
    names = sorted(account.username for account in accounts)
    record(
        db=db,
        actor=actor,
        action="demo-accounts uitgeschakeld",
        target=", ".join(f"gebruiker {i}" for i in sorted(ids)),
        detail="er is een echte beheerder",
    )
    return names
