"""Demo accounts, one per role, so the demo app can be tried at once. Fictitious and marked as demo: the login
page names them only while the database holds nothing but demo accounts. They are made only in a database built as
a demo that has no real administrator, and go off as soon as one exists (`core.demo_logins`)."""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from core.access import SYSTEM, Actor, Role
from core.accounts import create_user, grant_session_role
from core.demo_logins import active_demo_accounts, real_admin_exists, retire_demo_accounts
from core.models import UserAccount

DEMO_PASSWORD = "demo-veiligheid"  # demo accounts only; the README and the login page show it


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    roles: tuple[Role, ...]
    municipalities: tuple[str, ...] = ()
    session_role: Role | None = None  # granted for the demo session only


DEMO_ACCOUNTS = (
    DemoAccount("beheer", "Demo beheerder (fictief)", (Role.ADMIN,)),
    DemoAccount("gespreksleider", "Demo gespreksleider (fictief)", (), session_role=Role.MODERATOR),
    DemoAccount("verslaglegger", "Demo verslaglegger (fictief)", (), session_role=Role.NOTE_TAKER),
    DemoAccount("beleid", "Demo beleidsmedewerker Tholen (fictief)", (Role.POLICY,), ("GM0716",)),
)


def build_demo_accounts(*, db: Session, dialogue_id: int) -> int:
    """Create the demo accounts that do not exist yet; returns how many were added. A database with a real
    administrator gets none."""
    if real_admin_exists(db=db):
        return 0
    existing = set(db.exec(select(UserAccount.username)).all())
    added = 0
    for account in DEMO_ACCOUNTS:
        if account.username in existing:
            continue
        user = create_user(
            db=db,
            actor=SYSTEM,
            username=account.username,
            display_name=account.display_name,
            password=DEMO_PASSWORD,
            roles=[str(r) for r in account.roles],
            municipalities=list(account.municipalities),
        )
        user.is_demo = True
        db.add(user)
        db.flush()
        if account.session_role is not None:
            assert user.id is not None
            grant_session_role(db=db, actor=SYSTEM, user_id=user.id, dialogue_id=dialogue_id, role=account.session_role)
        added += 1
    return added


def only_demo_accounts(*, db: Session) -> bool:
    """True while there are demo accounts and no others (then the login page may name them)."""
    if db.exec(select(UserAccount.id).where(col(UserAccount.is_demo))).first() is None:
        return False
    return db.exec(select(UserAccount.id).where(col(UserAccount.is_demo).is_(False))).first() is None


def demo_accounts_notice(*, db: Session, actor: Actor) -> str | None:
    """What the command line says about the demo accounts when the app starts: switched off now (a real
    administrator exists), still on (with their password and how to switch them off), or nothing."""
    retired = retire_demo_accounts(db=db, actor=actor)
    if retired:
        return f"Demo-accounts uitgeschakeld, want er is een echte beheerder: {', '.join(retired)}."
    active = active_demo_accounts(db=db)
    if not active:
        return None
    return (
        f"Fictieve demo-accounts (wachtwoord '{DEMO_PASSWORD}'): {', '.join(active)}. Ze gaan uit zodra er een "
        "echte beheerder is: veiligheidsdialoog user add --username NAAM --role beheerder."
    )
