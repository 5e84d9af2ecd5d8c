"""Coverage of the catalogue: indicators per theme and chain step, gaps and possible overlaps.

The working group of seed 000 found missing prevention and effect indicators this way.
"""

import re
from itertools import combinations

import pandas as pd
from sqlmodel import Session, col, select

from indicators.catalogue import catalogue_frame
from indicators.models import ChainStep, Theme
from indicators.vocabulary import IndicatorStatus

STOPWORDS = {
    "aantal",
    "door",
    "zich",
    "naar",
    "voor",
    "van",
    "het",
    "een",
    "met",
    "die",
    "dat",
    "deze",
    "ook",
    "totaal",
    "uitgesplitst",
    "inwoners",
    "percentage",
    "waarde",
    "bij",
    "uit",
    "tot",
    "per",
    "zijn",
    "worden",
    "wordt",
}


def coverage_matrix(*, db: Session, edition: int | None = None) -> pd.DataFrame:
    """Active indicators per theme (rows, theme names) and chain step (columns), zeros included."""
    frame = catalogue_frame(db=db, status=IndicatorStatus.ACTIVE)
    frame = frame[frame["chain_step_code"] != ""]
    if edition is not None:
        frame = frame[frame["edition"] <= edition]
    themes = [t.name for t in db.exec(select(Theme).order_by(col(Theme.position))).all()]
    steps = [s.name for s in db.exec(select(ChainStep).order_by(col(ChainStep.position))).all()]
    counts = frame.groupby(["theme", "chain_step"]).size()
    matrix = counts.unstack(fill_value=0).reindex(index=themes, columns=steps, fill_value=0)
    matrix.index.name, matrix.columns.name = "Thema", "Stap"
    return matrix.astype(int)


def gaps(matrix: pd.DataFrame) -> list[tuple[str, str]]:
    """(theme, chain step) cells without any indicator (lacunes)."""
    return [(theme, step) for theme in matrix.index for step in matrix.columns if matrix.loc[theme, step] == 0]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zà-ÿ]{4,}", text.lower()) if w not in STOPWORDS}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two definitions."""
    words_a, words_b = _words(a), _words(b)
    return len(words_a & words_b) / len(words_a | words_b) if words_a and words_b else 0.0


def overlap_candidates(*, db: Session, threshold: float = 0.3) -> pd.DataFrame:
    """Pairs in one cell with a shared supplier and similar definitions: possible overlap."""
    frame = catalogue_frame(db=db, status=IndicatorStatus.ACTIVE)
    rows = []
    for (theme, step), cell in frame.groupby(["theme", "chain_step"], sort=False):
        for a, b in combinations(cell.itertuples(index=False), 2):
            shared = set(str(a.supplier).split(", ")) & set(str(b.supplier).split(", "))
            score = similarity(f"{a.name} {a.definition}", f"{b.name} {b.definition}")
            if shared and score >= threshold:
                rows.append((theme, step, a.code, a.name, b.code, b.name, ", ".join(sorted(shared)), score))
    columns = ["theme", "chain_step", "code_a", "name_a", "code_b", "name_b", "shared_suppliers", "similarity"]
    return pd.DataFrame(rows, columns=columns).sort_values("similarity", ascending=False, ignore_index=True)
