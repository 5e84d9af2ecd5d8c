"""Demo accounts go off for good as soon as a real administrator exists; meanwhile they are refused anyway."""

import uuid

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import select

from core.access import SYSTEM, Role
from core.accounts import AccountError, LoginRefused, create_user, update_user, user_for_token
from core.db import table_of, transaction
from core.demo_logins import active_demo_accounts, real_admin_exists
from core.login import LOGIN_REFUSED, log_in
from core.login_throttle import AddressThrottle
from core.models import UserAccount
from sessions.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

REAL_PASSWORD = "een-echt-wachtwoord"


def _demo_login(engine: Engine, username: str = "beheer") -> str:
    return log_in(
        engine=engine,
        username=username,
        password=DEMO_PASSWORD,
        client=f"test-{uuid.uuid4().hex[:8]}",
        addresses=AddressThrottle(),
    ).token


def _refused(engine: Engine, username: str = "beheer") -> str:
    with pytest.raises(LoginRefused) as refused:
        _demo_login(engine, username)
    return str(refused.value)


def test_a_real_administrator_switches_the_demo_accounts_off(writable_demo: Engine) -> None:
    engine = writable_demo
    token = _demo_login(engine)  # the demo works out of the box
    with transaction(engine) as db:
        assert active_demo_accounts(db=db) == sorted(a.username for a in DEMO_ACCOUNTS)
        create_user(  # a real account without the beheerder role changes nothing
            db=db, actor=SYSTEM, username="verslag.echt", display_name="V", password=REAL_PASSWORD, roles=[]
        )
        assert active_demo_accounts(db=db)
    assert _demo_login(engine, "verslaglegger")
    with transaction(engine) as db:
        create_user(
            db=db,
            actor=SYSTEM,
            username="beheer.echt",
            display_name="Echte beheerder",
            password=REAL_PASSWORD,
            roles=[Role.ADMIN],
        )
        assert active_demo_accounts(db=db) == []
        assert user_for_token(db=db, token=token) is None  # the open demo login ended with it
    for account in DEMO_ACCOUNTS:
        assert _refused(engine, account.username) == LOGIN_REFUSED
    assert log_in(
        engine=engine, username="beheer.echt", password=REAL_PASSWORD, client="test-echt", addresses=AddressThrottle()
    )
    with transaction(engine) as db:
        demo_admin = db.exec(select(UserAccount).where(UserAccount.username == "beheer")).one()
        assert demo_admin.id is not None
        with pytest.raises(AccountError, match="echte beheerder"):
            update_user(db=db, actor=SYSTEM, user_id=demo_admin.id, active=True)


def test_giving_a_real_account_the_beheerder_role_switches_them_off_too(writable_demo: Engine) -> None:
    engine = writable_demo
    with transaction(engine) as db:
        user = create_user(db=db, actor=SYSTEM, username="anna", display_name="A", password=REAL_PASSWORD, roles=[])
        assert user.id is not None
        assert active_demo_accounts(db=db)
        update_user(db=db, actor=SYSTEM, user_id=user.id, roles=[Role.ADMIN])
        assert active_demo_accounts(db=db) == []


def test_demo_accounts_beside_a_real_administrator_are_refused_even_when_still_on(writable_demo: Engine) -> None:
    """A database that got its real administrator another way (an older version, a restored backup) with the demo
    accounts still on: the demo password does not log in, and an open demo login ends."""
    engine = writable_demo
    token = _demo_login(engine)
    with transaction(engine) as db:
        accounts = table_of(UserAccount)
        db.execute(update(accounts).where(accounts.c.username == "beleid").values(is_demo=False, roles=[Role.ADMIN]))
    with transaction(engine) as db:
        assert real_admin_exists(db=db)
        assert "beheer" in active_demo_accounts(db=db)
        assert user_for_token(db=db, token=token) is None
    assert _refused(engine) == LOGIN_REFUSED
