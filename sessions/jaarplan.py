"""The jaarplan link: each municipality decides what it does with the proposed actions that concern it,
records where they landed in its jaarplan veiligheid and follows their progress; later editions see it."""

from collections import defaultdict
from datetime import UTC, datetime

import pandas as pd
from sqlmodel import Session, col, select

from core.access import Actor, Permission, require
from core.audit import record as audit
from core.errors import UserError
from indicators.areas import areas_by_code
from sessions.models import Action, DialogueSession, JaarplanDecision
from sessions.vocabulary import DECISION_LABELS, Decision, Progress

DECISIONS = DECISION_LABELS
PROGRESS: tuple[str, ...] = tuple(Progress)


class JaarplanError(UserError):
    """A decision that cannot be recorded (message in Dutch)."""


def actions_for_municipality(*, db: Session, municipality_code: str, actor: Actor) -> pd.DataFrame:
    """Every proposed action that concerns the municipality (its own or district-wide), with its decision; for
    whoever decides on that municipality's jaarplan."""
    require(actor, Permission.DECIDE_JAARPLAN, municipality=municipality_code)
    rows = []
    statement = (
        select(Action, DialogueSession)
        .join(DialogueSession, col(DialogueSession.id) == col(Action.session_id))
        .where(col(Action.withdrawn_at).is_(None))
    )
    own = select(JaarplanDecision).where(col(JaarplanDecision.municipality_code) == municipality_code)
    decisions = {d.action_id: d for d in db.exec(own).all()}
    for action, dialogue in db.exec(statement.order_by(col(DialogueSession.session_date).desc(), col(Action.id))):
        if action.municipalities and municipality_code not in action.municipalities:
            continue
        decision = decisions.get(action.id or 0) or JaarplanDecision(
            action_id=action.id or 0, municipality_code=municipality_code
        )
        rows.append(
            {
                "action_id": action.id,
                "actie": action.title,
                "thema": action.theme_code,
                "trekker": action.lead_organisation,
                "prioriteit": action.priority,
                "indicatoren": ", ".join(action.indicator_codes),
                "voor_jaar": action.jaarplan_year,
                "sessie": dialogue.name,
                "besluit": decision.decision,
                "reden": decision.reason,
                "plek_in_jaarplan": decision.plan_reference,
                "voortgang": decision.progress,
                "fictief": action.is_demo,
            }
        )
    columns = [
        "action_id",
        "actie",
        "thema",
        "trekker",
        "prioriteit",
        "indicatoren",
        "voor_jaar",
        "sessie",
        "besluit",
        "reden",
        "plek_in_jaarplan",
        "voortgang",
        "fictief",
    ]
    return pd.DataFrame(rows, columns=columns)


def decide(
    *,
    db: Session,
    action_id: int,
    municipality_code: str,
    decision: str,
    actor: Actor,
    reason: str = "",
    plan_reference: str = "",
    progress: str = "niet gestart",
) -> JaarplanDecision:
    require(actor, Permission.DECIDE_JAARPLAN, municipality=municipality_code)
    if decision not in DECISIONS:
        raise JaarplanError(f"Onbekend besluit '{decision}'")
    if decision == Decision.NOT_ADOPTED and not reason.strip():
        raise JaarplanError("Geef een reden als een actie niet wordt overgenomen")
    if progress not in PROGRESS:
        raise JaarplanError(f"Onbekende voortgang '{progress}'")
    action = db.get(Action, action_id)
    if action is None:
        raise JaarplanError(f"Actie {action_id} bestaat niet")
    if action.withdrawn_at is not None:
        raise JaarplanError("Deze actie is aan tafel ingetrokken en staat niet meer op de lijst")
    if action.municipalities and municipality_code not in action.municipalities:
        raise JaarplanError("Deze actie gaat deze gemeente niet aan")
    existing = select(JaarplanDecision).where(
        col(JaarplanDecision.action_id) == action_id, col(JaarplanDecision.municipality_code) == municipality_code
    )
    record = db.exec(existing).first()
    record = record or JaarplanDecision(action_id=action_id, municipality_code=municipality_code)
    record.decision, record.reason, record.plan_reference, record.progress = (
        decision,
        reason.strip(),
        plan_reference.strip(),
        progress,
    )
    record.year = action.jaarplan_year
    record.updated_by, record.updated_at = actor.username, datetime.now(UTC)
    db.add(record)
    db.flush()
    audit(
        db=db,
        actor=actor,
        action="jaarplanbesluit",
        target=f"actie {action_id}",
        detail=f"{municipality_code}: {decision}, {progress}",
    )
    return record


def action_statuses(*, db: Session, action_ids: list[int]) -> dict[int, str]:
    """Per action what the municipalities decided, e.g. 'Tholen: overgenomen (H3.2), loopt'; actions without a
    decision are left out."""
    if not action_ids:
        return {}
    decisions = db.exec(
        select(JaarplanDecision)
        .where(col(JaarplanDecision.action_id).in_(action_ids), col(JaarplanDecision.decision) != "open")
        .order_by(col(JaarplanDecision.municipality_code))
    ).all()
    names = {
        code: area.name
        for code, area in areas_by_code(db=db, codes=sorted({d.municipality_code for d in decisions})).items()
    }
    parts: dict[int, list[str]] = defaultdict(list)
    for decision in decisions:
        where = f" ({decision.plan_reference})" if decision.plan_reference else ""
        parts[decision.action_id].append(
            f"{names.get(decision.municipality_code, decision.municipality_code)}: "
            f"{DECISIONS[decision.decision]}{where}, {decision.progress}"
        )
    return {action_id: "; ".join(texts) for action_id, texts in parts.items()}
