"""Dependencies point one way: facilitator -> sessions -> indicators -> core.

Only the facilitator imports streamlit and altair; only the dialogue sessions make documents (python-docx,
vl-convert, segno); the kernel (`core`) imports neither domain; nothing below the facilitator imports it.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI_LIBRARIES = {"streamlit", "altair"}
DOCUMENT_LIBRARIES = {"docx", "vl_convert", "segno"}
FORBIDDEN = {
    "core": {"indicators", "sessions", "facilitator", "bench"} | UI_LIBRARIES | DOCUMENT_LIBRARIES,
    "indicators": {"sessions", "facilitator", "bench"} | UI_LIBRARIES | DOCUMENT_LIBRARIES,
    "sessions": {"facilitator", "bench"} | UI_LIBRARIES,
    "data": {"core", "indicators", "sessions", "facilitator", "bench"} | UI_LIBRARIES | DOCUMENT_LIBRARIES,
    "bench": UI_LIBRARIES,  # page timings go through facilitator.page_timing
}
ORM_QUERY = re.compile(r"\bselect\(")  # sqlmodel's or sqlalchemy's select(...), not st.multiselect(...)


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_it_may(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {path: bad for path, bad in offenders.items() if bad} == {}


def test_the_rule_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The check itself can fail: a file importing streamlit is reported."""
    module = tmp_path / "page.py"
    module.write_text("import streamlit as st\nfrom sessions.notes import save_note\n", encoding="utf-8")
    assert _imported_roots(module) >= {"streamlit", "sessions"}


def test_no_orm_queries_in_the_facilitator() -> None:
    """Pages are thin: widgets, one service call, render. Queries live in the domain packages and the kernel."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "facilitator").rglob("*.py")
        if ORM_QUERY.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_query_rule_sees_a_query_and_not_a_widget() -> None:
    assert ORM_QUERY.search("db.exec(select(Note).where(col(Note.table_id) == 1))")
    assert ORM_QUERY.search("db.execute(sa.select(Note.id))")
    assert not ORM_QUERY.search('st.multiselect("Partners", ORGANISATIONS)')
