"""User text shown inside Streamlit's Markdown, exactly as typed.

Streamlit renders Markdown (with its own extensions: `:red[...]`, `:material/...:`, `$...$` maths); raw HTML is
never enabled in this app. User text goes through `markdown_text`, which backslash-escapes every character that
could start markup, so a note reads exactly as typed.
"""

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def markdown_text(value: object) -> str:
    """User text as literal Markdown on one line: markup characters escaped, line breaks as spaces."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_lines(text: str) -> str:
    """Several lines of user text (an import's problems, say): each escaped, as separate paragraphs."""
    return "\n\n".join(markdown_text(line) for line in text.split("\n"))
