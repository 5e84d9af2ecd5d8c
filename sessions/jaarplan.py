"""The jaarplan link: each municipality decides what it does with the proposed actions that concern it,
records where they landed in its jaarplan veiligheid and follows their progress; later editions see it."""

from datetime import UTC, datetime

import pandas as pd
from sqlmodel import Session, col, select

from sessions.models import Action, DialogueSession, JaarplanDecision, Note

DECISIONS = {"open": "nog niet besloten", "overgenomen": "overgenomen", "aangepast": "aangepast overgenomen",
             "niet_overgenomen": "niet overgenomen"}  # fmt: skip
PROGRESS = ("niet gestart", "loopt", "afgerond")


class JaarplanError(ValueError):
    """A decision that cannot be recorded (message in Dutch)."""


def actions_for_municipality(*, session: Session, municipality_code: str) -> pd.DataFrame:
    """Every proposed action that concerns the municipality (its own or district-wide), with its decision."""
    rows = []
    statement = select(Action, DialogueSession).join(DialogueSession, col(DialogueSession.id) == col(Action.session_id))
    own = select(JaarplanDecision).where(col(JaarplanDecision.municipality_code) == municipality_code)
    decisions = {d.action_id: d for d in session.exec(own).all()}
    for action, dialogue in session.exec(statement.order_by(col(DialogueSession.session_date).desc(), col(Action.id))):
        if action.municipalities and municipality_code not in action.municipalities:
            continue
        decision = decisions.get(action.id or 0) or JaarplanDecision(action_id=action.id or 0,
                                                                     municipality_code=municipality_code)  # fmt: skip
        rows.append({
            "action_id": action.id, "actie": action.title, "thema": action.theme_code,
            "trekker": action.lead_organisation, "prioriteit": action.priority,
            "indicatoren": ", ".join(action.indicator_codes), "voor_jaar": action.jaarplan_year,
            "sessie": dialogue.name, "besluit": decision.decision, "reden": decision.reason,
            "plek_in_jaarplan": decision.plan_reference, "voortgang": decision.progress, "fictief": action.is_demo,
        })  # fmt: skip
    columns = ["action_id", "actie", "thema", "trekker", "prioriteit", "indicatoren", "voor_jaar", "sessie", "besluit",
               "reden", "plek_in_jaarplan", "voortgang", "fictief"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def decide(
    *,
    session: Session,
    action_id: int,
    municipality_code: str,
    decision: str,
    user: str,
    reason: str = "",
    plan_reference: str = "",
    progress: str = "niet gestart",
) -> JaarplanDecision:
    if decision not in DECISIONS:
        raise JaarplanError(f"Onbekend besluit '{decision}'")
    if decision == "niet_overgenomen" and not reason.strip():
        raise JaarplanError("Geef een reden als een actie niet wordt overgenomen")
    if progress not in PROGRESS:
        raise JaarplanError(f"Onbekende voortgang '{progress}'")
    action = session.get(Action, action_id)
    if action is None:
        raise JaarplanError(f"Actie {action_id} bestaat niet")
    if action.municipalities and municipality_code not in action.municipalities:
        raise JaarplanError("Deze actie gaat deze gemeente niet aan")
    existing = select(JaarplanDecision).where(
        col(JaarplanDecision.action_id) == action_id, col(JaarplanDecision.municipality_code) == municipality_code
    )
    record = session.exec(existing).first()
    record = record or JaarplanDecision(action_id=action_id, municipality_code=municipality_code)
    record.decision, record.reason, record.plan_reference, record.progress = decision, reason.strip(), \
        plan_reference.strip(), progress  # fmt: skip
    record.year = action.jaarplan_year
    record.updated_by, record.updated_at = user, datetime.now(UTC)
    session.add(record)
    session.flush()
    return record


def follow_up(*, session: Session, indicator_code: str) -> pd.DataFrame:
    """Earlier notes and actions about an indicator, with what municipalities did with the actions."""
    rows = []
    for note, dialogue in session.exec(
        select(Note, DialogueSession).join(DialogueSession, col(DialogueSession.id) == col(Note.session_id))
        .where(col(Note.indicator_code) == indicator_code, col(Note.text) != "")
    ):  # fmt: skip
        rows.append({"datum": dialogue.session_date, "sessie": dialogue.name, "soort": note.kind, "tekst": note.text,
                     "jaarplan": ""})  # fmt: skip
    for action, dialogue in session.exec(
        select(Action, DialogueSession).join(DialogueSession, col(DialogueSession.id) == col(Action.session_id))
    ):
        if indicator_code not in action.indicator_codes:
            continue
        decisions = session.exec(select(JaarplanDecision).where(col(JaarplanDecision.action_id) == action.id)).all()
        status = "; ".join(f"{d.municipality_code}: {DECISIONS[d.decision]}, {d.progress}" for d in decisions)
        rows.append({"datum": dialogue.session_date, "sessie": dialogue.name, "soort": "actie", "tekst": action.title,
                     "jaarplan": status or "nog geen besluit"})  # fmt: skip
    return pd.DataFrame(rows, columns=["datum", "sessie", "soort", "tekst", "jaarplan"])
