"""Login, navigation per role and the admin page (AppTest)."""

from streamlit.testing.v1 import AppTest

from core.access import Actor, Role
from facilitator.menu import allowed_pages
from sessions.demo_accounts import DEMO_PASSWORD

from .apptest import show_page


def test_login_form_refuses_a_wrong_password_and_accepts_the_right_one(writable_app: AppTest) -> None:
    app = writable_app
    app.session_state["vd_username"] = None
    app.run()
    assert [t.label for t in app.text_input] == ["Gebruikersnaam", "Wachtwoord"]
    assert any("demo-accounts" in str(i.value) for i in app.info)
    app.text_input(key="login_username").input("beleid")
    app.text_input(key="login_password").input("fout-wachtwoord")
    app.button[0].click().run()
    assert any("verkeerd wachtwoord" in str(e.value) for e in app.error)
    app.text_input(key="login_password").input(DEMO_PASSWORD)
    app.button[0].click().run()
    assert not app.exception
    assert app.session_state["vd_username"] == "beleid"
    assert any("Ingelogd als" in str(c.value) for c in app.sidebar.caption)


def test_each_role_sees_its_own_navigation() -> None:
    seen = {
        name: {page for pages in allowed_pages(actor).values() for page in pages}
        for name, actor in {
            "beheer": Actor("beheer", frozenset({Role.ADMIN})),
            "verslaglegger": Actor("vl", dialogue_roles={1: frozenset({Role.NOTE_TAKER})}),
            "beleid": Actor("bm", frozenset({Role.POLICY}), municipalities=frozenset({"GM0716"})),
            "niemand": None,
        }.items()
    }
    assert {"admin", "data_import", "sessions", "note_taker", "home"} <= seen["beheer"]
    assert {"home", "note_taker", "kiosk"} <= seen["verslaglegger"]
    assert not {"admin", "data_import", "sessions", "jaarplan"} & seen["verslaglegger"]
    assert {"home", "jaarplan", "report"} <= seen["beleid"]
    assert not {"admin", "data_import", "note_taker"} & seen["beleid"]
    assert seen["niemand"] == {"login", "kiosk"}
    assert all(
        next(iter(allowed_pages(a).values()))[0] == "home"
        for a in (Actor("vl", dialogue_roles={1: frozenset({Role.NOTE_TAKER})}), Actor("bm", frozenset({Role.POLICY})))
    )


def test_admin_creates_a_user_and_the_audit_log_shows_it(writable_app: AppTest) -> None:
    app = show_page(writable_app, "app_pages/admin.py")
    app.text_input(key="admin_new_username").input("nieuwe.collega")
    app.text_input(key="admin_new_name").input("Nieuwe Collega")
    app.text_input(key="admin_new_password").input("een-lang-wachtwoord")
    app.multiselect(key="admin_new_roles").set_value(["verslaglegger"])
    next(b for b in app.button if b.label == "Aanmaken").click().run()
    assert not app.exception
    users = app.dataframe[0].value
    assert "nieuwe.collega" in set(users["gebruiker"])
    log = app.dataframe[-1].value
    assert {"gebruiker aangemaakt"} <= set(log["handeling"])


def test_admin_gives_a_user_a_role_in_one_session(writable_app: AppTest) -> None:
    app = show_page(writable_app, "app_pages/admin.py")
    who = app.selectbox(key="admin_edit_who")
    who.select_index(who.options.index("beleid")).run()
    app.selectbox(key="admin_grant_session").select_index(0).run()
    app.radio(key="admin_grant_role").set_value("gespreksleider").run()
    app.button(key="admin_grant").click().run()
    assert not app.exception
    assert any("beleid is gespreksleider in sessie 1" in str(s.value) for s in app.success)
    log = app.dataframe[-1].value
    assert "sessierol gegeven" in set(log["handeling"])
