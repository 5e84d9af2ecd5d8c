"""Demo accounts are made only in a database without a real administrator, and the command line says where they
stand."""

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from core.access import SYSTEM, Role
from core.accounts import create_user
from core.db import transaction
from core.demo_logins import active_demo_accounts
from core.models import UserAccount
from sessions.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, build_demo_accounts, demo_accounts_notice
from sessions.dialogue import create_dialogue


def _dialogue(db: Session) -> int:
    dialogue = create_dialogue(db=db, actor=SYSTEM, name="Demo", session_date=date(2026, 3, 1))
    assert dialogue.id is not None
    return dialogue.id


def test_demo_accounts_are_made_where_there_is_no_real_administrator(db: Session) -> None:
    dialogue_id = _dialogue(db)
    assert build_demo_accounts(db=db, dialogue_id=dialogue_id) == len(DEMO_ACCOUNTS)
    notice = demo_accounts_notice(db=db, actor=SYSTEM)
    assert notice is not None
    assert DEMO_PASSWORD in notice
    assert "gaan uit zodra er een echte beheerder is" in notice


def test_a_database_with_a_real_administrator_gets_no_demo_accounts(db: Session) -> None:
    dialogue_id = _dialogue(db)
    create_user(
        db=db, actor=SYSTEM, username="echt", display_name="Echt", password="een-lang-wachtwoord", roles=[Role.ADMIN]
    )
    assert build_demo_accounts(db=db, dialogue_id=dialogue_id) == 0
    assert db.exec(select(UserAccount.username)).all() == ["echt"]
    assert demo_accounts_notice(db=db, actor=SYSTEM) is None


def test_the_notice_switches_off_demo_accounts_left_on_beside_a_real_administrator(writable_demo: Engine) -> None:
    with transaction(writable_demo) as db:
        demo = db.exec(select(UserAccount).where(UserAccount.username == "beleid")).one()
        demo.is_demo, demo.roles = False, [Role.ADMIN]  # as a database of an older version could have it
        db.add(demo)
    with transaction(writable_demo) as db:
        notice = demo_accounts_notice(db=db, actor=SYSTEM)
        assert (
            notice
            == "Demo-accounts uitgeschakeld, want er is een echte beheerder: beheer, gespreksleider, verslaglegger."
        )
        assert active_demo_accounts(db=db) == []
