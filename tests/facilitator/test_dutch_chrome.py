"""Empty table cells: Streamlit draws them as "None" on its canvas (the browser scan cannot read canvas text),
so every table of the app names its Dutch placeholder."""

import ast
from pathlib import Path

FACILITATOR = Path(__file__).resolve().parents[2] / "facilitator"


def _tables_without_placeholder(source: str) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"dataframe", "data_editor"}
        and not any(keyword.arg == "placeholder" for keyword in node.keywords)
    ]


def test_every_table_names_its_placeholder_for_empty_cells() -> None:
    missing = {
        str(path.relative_to(FACILITATOR)): lines
        for path in sorted(FACILITATOR.rglob("*.py"))
        if (lines := _tables_without_placeholder(path.read_text()))
    }
    assert missing == {}


def test_the_check_finds_a_table_without_one() -> None:
    assert _tables_without_placeholder("st.dataframe(frame, hide_index=True)") == [1]
    assert _tables_without_placeholder("st.dataframe(frame, placeholder=MISSING)") == []
