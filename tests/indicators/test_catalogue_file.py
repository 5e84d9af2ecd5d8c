"""The shipped catalogue against its source: every cell of the 2020 appendix is represented.

The appendix is parsed from `tests/fixtures/seed_000_bijlage.txt`, a verbatim copy of the
"Bijlage" of seed 000 (checked against the seed itself when `../shared/seeds` is present).
"""

import csv
import re
from pathlib import Path

import pytest

from data import CATALOGUE_DIR

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "seed_000_bijlage.txt"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_ec6500f4bc09603d.txt"
STEPS = ["preventie", "signalen", "interventies", "effect"]
THEME_PREFIXES = {"georganiseerde": "GCC", "zorg": "ZV", "veilige": "VB", "risico": "RO", "algemene": "AV"}
# The PDF-to-text conversion lost the theme label of one appendix page. Its indicators (fire
# prevention, AEDs, BRZO companies, fire-service incidents, Ready2Helpers, perceived physical
# risks) belong to 'risico's en omgeving', as paragraph 4 of the article confirms.
LOST_THEME_LABELS = {"brandpreventieinhuis": "RO"}
HEADER = re.compile(r"^(\t?)Preventie\tSignalen\tInterventies\tEffect\s*$")
SENTENCE_BREAK = re.compile(r"(?<=\.)\s+(?=[A-Z%])")


def normalise(text: str) -> str:
    """Compare texts regardless of case, spacing, hyphenation and slashes."""
    return re.sub(r"[\s\-/\u00ad]", "", text.lower())


def _cell_items(cell: str) -> list[str]:
    paragraphs = re.findall(r"<p>(.*?)</p>", cell) if "<p>" in cell else [cell]
    items: list[str] = []
    for paragraph in paragraphs:
        for sentence in SENTENCE_BREAK.split(paragraph.strip()):
            if not sentence:
                continue
            if sentence.startswith("Ook ") and items:
                items[-1] = f"{items[-1]} {sentence}"
            else:
                items.append(sentence)
    return items


def parse_appendix(text: str) -> list[tuple[str, str, str]]:
    """(theme code, chain step, item text) for every indicator item in the appendix tables."""
    cells: list[tuple[str, str, str]] = []
    offset: int | None = None
    theme = ""
    for line in text.splitlines():
        header = HEADER.match(line)
        if header:
            offset = len(header.group(1))
            continue
        if offset is None or "\t" not in line:
            continue
        parts = line.split("\t")
        if offset:
            label = re.sub(r"</?p>", "", parts[0]).strip().lower()
            if label:
                theme = next(code for prefix, code in THEME_PREFIXES.items() if label.startswith(prefix))
        row_theme = theme
        for step, cell in zip(STEPS, parts[offset : offset + 4], strict=False):
            for item in _cell_items(cell):
                key = normalise(item)
                for prefix, code in LOST_THEME_LABELS.items():
                    if key.startswith(prefix):
                        row_theme = theme = code
                cells.append((row_theme, step, item))
    return cells


@pytest.fixture(scope="module")
def catalogue() -> list[dict[str, str]]:
    with (CATALOGUE_DIR / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def appendix() -> list[tuple[str, str, str]]:
    return parse_appendix(FIXTURE.read_text(encoding="utf-8"))


def test_fixture_is_verbatim_copy_of_the_seed_appendix() -> None:
    if not SEED.exists():
        pytest.skip("seed 000 niet naast de repository aanwezig")
    seed = SEED.read_text(encoding="utf-8")
    assert seed[seed.index("\nBijlage\n") + 1 :] == FIXTURE.read_text(encoding="utf-8")


def test_appendix_parser_finds_every_cell(appendix: list[tuple[str, str, str]]) -> None:
    themes = {theme for theme, _, _ in appendix}
    assert themes == {"GCC", "ZV", "VB", "RO", "AV"}
    assert {step for _, step, _ in appendix} == set(STEPS)
    assert len(appendix) == 49
    assert (
        "ZV",
        "preventie",
        "Bereik Voorlichting Veilig Thuis naar thema: ouderenmis- handeling, huiselijk geweld, "
        "kindermishan- deling, meldcode, werkwijze.",
    ) in appendix
    assert ("RO", "interventies", "Aantal beschikbare Ready2Helpers van het Rode Kruis.") in appendix


def test_every_appendix_item_is_an_active_indicator_in_its_cell(
    appendix: list[tuple[str, str, str]], catalogue: list[dict[str, str]]
) -> None:
    by_item: dict[str, list[dict[str, str]]] = {}
    for row in catalogue:
        if row["appendix_item"]:
            by_item.setdefault(normalise(row["appendix_item"]), []).append(row)
    missing, misplaced = [], []
    for theme, step, item in appendix:
        rows = by_item.get(normalise(item), [])
        if not rows:
            missing.append(item)
        for row in rows:
            if (row["theme"], row["chain_step"], row["status"], row["edition"]) != (theme, step, "actief", "2020"):
                misplaced.append((row["code"], theme, step))
    assert missing == []
    assert misplaced == []


def test_catalogue_cites_no_item_that_is_not_in_the_appendix(
    appendix: list[tuple[str, str, str]], catalogue: list[dict[str, str]]
) -> None:
    items = {normalise(item) for _, _, item in appendix}
    assert [r["code"] for r in catalogue if r["appendix_item"] and normalise(r["appendix_item"]) not in items] == []


def test_catalogue_rows_are_complete(catalogue: list[dict[str, str]]) -> None:
    codes = [row["code"] for row in catalogue]
    assert len(codes) == len(set(codes))
    for row in catalogue:
        assert all((row["name"], row["definition"], row["suppliers"])), row["code"]
        if row["status"] != "actief":
            assert row["status_reason"], row["code"]


def test_dropped_and_proposed_indicators_from_the_sources(catalogue: list[dict[str, str]]) -> None:
    dropped = {row["name"] for row in catalogue if row["status"] == "vervallen"}
    assert {"Vaccinatiegraad bij kinderen", "Leerplichtzaken", "Voortijdig schoolverlaters"} <= dropped
    proposed = [row for row in catalogue if row["status"] == "voorgesteld"]
    assert all(row["edition"] == "2022" for row in proposed)
    assert any(row["theme"] == "DV" for row in proposed)
    assert any("Bibob" in row["name"] for row in proposed)


def test_context_indicators_for_crime_and_population(catalogue: list[dict[str, str]]) -> None:
    context = {row["code"]: row for row in catalogue if row["context"] == "ja"}
    assert {"Politie", "CBS"} <= set(context["AV-C01"]["suppliers"].split("|"))
    assert context["AV-C02"]["suppliers"] == "CBS"
