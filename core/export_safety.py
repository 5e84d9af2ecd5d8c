"""Making user text safe where it is shown or exported: no live formulas in CSV or XLSX, no markup in Markdown.

User text in an exported Markdown file goes through `markdown_export_text`; on screen the facilitator's
`markdown_text` does the same for Streamlit's Markdown.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would read as a formula gets a leading apostrophe; numbers stay numbers.

    Carriage returns become plain line feeds first: a CSV writer quotes a field with a line feed, but not always
    one with a lone carriage return, and a reader that splits there would start a new row with what follows."""
    if not isinstance(value, str):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


_MARKDOWN_EXPORT_SPECIAL = re.compile(r"([\\`*_{}\[\]#|<>~$])")


def markdown_export_text(value: object) -> str:
    """User text as literal Markdown on one line, for an exported .md file (which people also read as plain
    text): line breaks as spaces, and only what can start markup in the middle of a line escaped. On screen,
    `facilitator.components.markdown.markdown_text` escapes more."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    return _MARKDOWN_EXPORT_SPECIAL.sub(r"\\\1", text)
