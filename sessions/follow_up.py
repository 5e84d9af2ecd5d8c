"""Follow-up across editions: what earlier sessions said and proposed about indicators, what the municipalities
did with it in their jaarplan, and how the indicator moved since — the cycle data → duiding → dialoog →
jaarplan → data closes."""

import math
from datetime import date

import pandas as pd
from sqlmodel import Session, col, select

from core.formatting import format_change, format_value
from indicators.provenance import DEMO_LABEL
from indicators.series import SUMMED_KINDS, district_series, indicator_meta
from indicators.vocabulary import ValueKind
from sessions.jaarplan import action_statuses
from sessions.models import Action, DialogueSession, Note
from sessions.notes import NOTE_KINDS

FOLLOW_UP_COLUMNS = ["indicator", "datum", "sessie", "soort", "tekst", "jaarplan", "sinds"]


def _district_values(db: Session, codes: list[str], district_code: str) -> dict[str, tuple[str, pd.Series, set[int]]]:
    """Per indicator its kind, the district's value per year (per capita where the catalogue allows it) and the
    years whose value is demo (or, per capita, rests on demo population)."""
    meta = indicator_meta(db=db, codes=codes)
    series = district_series(db=db, indicator_codes=codes, district_code=district_code)
    district = series[series["is_district"]] if not series.empty else series
    values: dict[str, tuple[str, pd.Series, set[int]]] = {}
    for code, info in meta.items():
        rows = district[district["indicator_code"] == code]
        per_capita = info.normalisable and info.value_kind in SUMMED_KINDS
        shown = rows["per_capita"] if per_capita else rows["value"]
        by_year = pd.Series(shown.to_numpy(), index=rows["year"].astype(int)).dropna().sort_index()
        demo = rows["is_demo"] | (per_capita & rows["population_is_demo"])
        demo_years = {int(year) for year in rows.loc[demo, "year"]}
        values[code] = ("per_capita" if per_capita else info.value_kind, by_year, demo_years)
    return values


def trend_since(kind: str, by_year: pd.Series, edition: int, demo_years: set[int] | None = None) -> str:
    """'2020: 41,2 → 2022: 45,0 (+9%)': the value the session discussed against the newest one; '(fictieve
    demodata)' after it when either value is demo."""
    if by_year.empty:
        return "geen cijfers"
    then = by_year[by_year.index <= edition]
    if then.empty:
        return "geen cijfers van toen"
    then_year, then_value = int(then.index[-1]), float(then.iloc[-1])
    now_year, now_value = int(by_year.index[-1]), float(by_year.iloc[-1])
    value_kind, per_capita = (str(ValueKind.COUNT), True) if kind == "per_capita" else (kind, False)

    def shown(value: float) -> str:
        return format_value(value, value_kind, per_capita=per_capita)

    mark = f" ({DEMO_LABEL})" if demo_years and {then_year, now_year} & demo_years else ""
    if now_year == then_year:
        return f"nog geen nieuwere cijfers dan {then_year}{mark}"
    change = (now_value - then_value) / then_value * 100 if then_value else math.nan
    return f"{then_year}: {shown(then_value)} → {now_year}: {shown(now_value)} ({format_change(change)}){mark}"


def earlier_outcomes(
    *,
    db: Session,
    indicator_codes: list[str],
    district_code: str,
    before: date | None = None,
    exclude_dialogue: int | None = None,
) -> pd.DataFrame:
    """Notes and actions about the indicators from sessions (before `before`, other than `exclude_session`),
    newest session first, with each action's jaarplan status and each indicator's trend since that session."""
    if not indicator_codes:
        return pd.DataFrame(columns=FOLLOW_UP_COLUMNS)
    wanted = set(indicator_codes)
    dialogues_query = select(DialogueSession)
    if before is not None:
        dialogues_query = dialogues_query.where(col(DialogueSession.session_date) < before)
    dialogues = {d.id: d for d in db.exec(dialogues_query).all() if d.id != exclude_dialogue}
    if not dialogues:
        return pd.DataFrame(columns=FOLLOW_UP_COLUMNS)
    notes = db.exec(
        select(Note).where(
            col(Note.session_id).in_(list(dialogues)),
            col(Note.text) != "",
            col(Note.indicator_code).in_(sorted(wanted)),
            col(Note.withdrawn_at).is_(None),
        )
    ).all()
    actions = [
        a
        for a in db.exec(
            select(Action).where(col(Action.session_id).in_(list(dialogues)), col(Action.withdrawn_at).is_(None))
        ).all()
        if wanted.intersection(a.indicator_codes)
    ]
    statuses = action_statuses(db=db, action_ids=[a.id for a in actions if a.id])
    values = _district_values(db, sorted(wanted), district_code)
    rows = []
    for note in notes:
        dialogue = dialogues[note.session_id]
        code = note.indicator_code or ""
        kind, by_year, demo_years = values.get(code, ("", pd.Series(dtype=float), set()))
        rows.append(
            {
                "indicator": code,
                "datum": dialogue.session_date,
                "sessie": dialogue.name,
                "soort": NOTE_KINDS.get(note.kind, note.kind),
                "tekst": note.text,
                "jaarplan": "",
                "sinds": trend_since(kind, by_year, dialogue.edition, demo_years),
            }
        )
    for action in actions:
        dialogue = dialogues[action.session_id]
        for code in sorted(wanted.intersection(action.indicator_codes)):
            kind, by_year, demo_years = values.get(code, ("", pd.Series(dtype=float), set()))
            rows.append(
                {
                    "indicator": code,
                    "datum": dialogue.session_date,
                    "sessie": dialogue.name,
                    "soort": "Actie",
                    "tekst": action.title,
                    "jaarplan": statuses.get(action.id or 0, "nog geen besluit"),
                    "sinds": trend_since(kind, by_year, dialogue.edition, demo_years),
                }
            )
    frame = pd.DataFrame(rows, columns=FOLLOW_UP_COLUMNS)
    return frame.sort_values(["datum", "indicator", "soort"], ascending=[False, True, True]).reset_index(drop=True)
