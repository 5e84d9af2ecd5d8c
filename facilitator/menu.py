"""Which pages each actor sees, by page name (no Streamlit objects here, so it is testable on its own)."""

from core.access import Actor, Permission


def allowed_pages(actor: Actor | None) -> dict[str, list[str]]:
    """The pages this actor may use, per menu section (the domain functions check again; this keeps the menu
    tidy). The first page is the start page, so it must be one every logged-in role has."""
    if actor is None:
        return {"": ["login", "kiosk"]}
    monitor = actor.can_anywhere(Permission.READ_MONITOR)
    wanted: dict[str, list[tuple[str, bool]]] = {
        "Monitor": [(name, monitor) for name in ("home", "monitor", "indicator", "coverage", "catalogue")],
        "Dialoog": [
            ("sessions", actor.can(Permission.MANAGE_SESSIONS)),
            ("checkin", actor.can(Permission.MANAGE_SESSIONS)),
            ("overview", actor.can(Permission.MANAGE_SESSIONS)),
            ("moderator", actor.can_anywhere(Permission.MODERATE)),
            ("note_taker", actor.can_anywhere(Permission.WRITE_NOTES)),
            ("kiosk", True),
        ],
        "Jaarplan": [
            ("report", actor.can_anywhere(Permission.EXPORT_REPORTS)),
            ("jaarplan", actor.can(Permission.DECIDE_JAARPLAN)),
        ],
        "Gegevens": [
            ("data_import", actor.can(Permission.IMPORT_DATA)),
            ("deliveries", actor.can(Permission.IMPORT_DATA)),
        ],
        "Beheer": [("admin", actor.can(Permission.MANAGE_USERS))],
    }
    return {
        section: [name for name, allowed in pages if allowed]
        for section, pages in wanted.items()
        if any(allowed for _, allowed in pages)
    }
