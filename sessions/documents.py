"""The documents of a session in the formats people ask for: one entry point for the CLI and the app."""

from sqlmodel import Session

from core.access import Actor
from core.audit import record
from core.export_rights import Export, require_export
from sessions.dialogue import DialogueError, get_dialogue
from sessions.handout import build_handout, render_handout_docx
from sessions.pdf import docx_to_pdf
from sessions.printables import name_cards_docx
from sessions.report import build_report, render_actions_csv, render_actions_xlsx, render_docx, render_markdown

REPORT_FORMATS = ("docx", "pdf", "md", "xlsx", "csv")
MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


def report_document(
    *,
    db: Session,
    dialogue_id: int,
    fmt: str,
    actor: Actor,
    municipality: str | None = None,
    with_names: bool = False,
) -> bytes:
    """The duidingsverslag (docx, pdf, md) or the action list (xlsx, csv). Raises PdfUnavailable for pdf without
    LibreOffice and DialogueError for an unknown session or format. Every export is in the audit log."""
    if with_names:
        export = Export.NAMES
    elif fmt in ("xlsx", "csv"):
        export = Export.ACTIONS
    else:
        export = Export.CHAPTER if municipality else Export.REPORT
    require_export(actor, export, dialogue_id=dialogue_id, municipality=municipality)
    if fmt not in REPORT_FORMATS:
        raise DialogueError(f"Onbekend formaat '{fmt}'; kies uit {', '.join(REPORT_FORMATS)}")
    record(
        db=db,
        actor=actor,
        action="verslag geëxporteerd",
        target=f"sessie {dialogue_id}",
        detail=f"{fmt}{', met namen' if with_names else ''}{f', gemeente {municipality}' if municipality else ''}",
    )
    report = build_report(
        db=db,
        dialogue_id=dialogue_id,
        municipality=municipality,
        with_names=with_names,
        with_charts=fmt in ("docx", "pdf"),
    )
    if fmt == "md":
        return render_markdown(report).encode("utf-8")
    if fmt == "xlsx":
        return render_actions_xlsx(report)
    if fmt == "csv":
        return render_actions_csv(report)
    document = render_docx(report)
    return docx_to_pdf(document) if fmt == "pdf" else document


def handout_document(
    *, db: Session, dialogue_id: int, actor: Actor, theme_code: str | None = None, fmt: str = "docx"
) -> bytes:
    """The bestuurlijke handout of one theme, or of every theme of the session (each on its own page)."""
    require_export(actor, Export.HANDOUT, dialogue_id=dialogue_id)
    record(
        db=db,
        actor=actor,
        action="handout geëxporteerd",
        target=f"sessie {dialogue_id}",
        detail=f"{fmt}, {theme_code or 'alle thema' + chr(39) + 's'}",
    )
    if fmt not in ("docx", "pdf"):
        raise DialogueError(f"Onbekend formaat '{fmt}'; kies docx of pdf")
    dialogue = get_dialogue(db=db, dialogue_id=dialogue_id)
    themes = [theme_code] if theme_code else list(dialogue.themes)
    unknown = [t for t in themes if t not in dialogue.themes]
    if unknown:
        raise DialogueError(f"Thema {unknown[0]} hoort niet bij deze sessie; kies uit {', '.join(dialogue.themes)}")
    document = render_handout_docx(
        [build_handout(db=db, dialogue_id=dialogue_id, theme_code=theme) for theme in themes]
    )
    return docx_to_pdf(document) if fmt == "pdf" else document


def name_cards_document(*, db: Session, dialogue_id: int, actor: Actor, fmt: str = "docx") -> bytes:
    """The name cards (names, personal codes, the kiosk's QR code) in Word or PDF; in the audit log."""
    require_export(actor, Export.NAMES, dialogue_id=dialogue_id)
    if fmt not in ("docx", "pdf"):
        raise DialogueError(f"Onbekend formaat '{fmt}'; kies docx of pdf")
    record(db=db, actor=actor, action="naambordjes geëxporteerd", target=f"sessie {dialogue_id}", detail=fmt)
    document = name_cards_docx(db=db, dialogue_id=dialogue_id, actor=actor)
    return docx_to_pdf(document) if fmt == "pdf" else document
