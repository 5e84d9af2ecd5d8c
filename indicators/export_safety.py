"""Making user text safe where it is shown or exported: no live formulas in CSV or XLSX, no markup in Markdown.

Streamlit renders Markdown (with its own extensions: `:red[...]`, `:material/...:`, `$...$` maths); raw HTML is
never enabled in this app. User text shown inside Markdown goes through `markdown_text`, which backslash-escapes
every character that could start markup, so a note reads exactly as typed.
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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
_MARKDOWN_EXPORT_SPECIAL = re.compile(r"([\\`*_{}\[\]#|<>~$])")


def markdown_text(value: object, *, for_export: bool = False) -> str:
    """User text as literal Markdown on one line: markup characters escaped, line breaks as spaces.

    On screen (Streamlit) every punctuation mark that could start markup is escaped; in an exported .md file,
    which people also read as plain text, only what can start markup in the middle of a line."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    return (_MARKDOWN_EXPORT_SPECIAL if for_export else _MARKDOWN_SPECIAL).sub(r"\\\1", text)
