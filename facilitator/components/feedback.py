"""Feedback from callbacks: run a domain call from an on_click, on_change or form callback, keep how it went, and
show that on the page's next run.

Streamlit runs a callback before the page script, so a callback cannot show anything itself: what it has to say is
kept in the session state under a key of the page's choosing, and shown once where the page calls `show_feedback`
with the same key. A refusal (`UserError`) becomes an error message; any other exception (a database away, a bug)
becomes the Dutch message of `failures.describe_failure`, its detail logged.
Messages are plain text: they are escaped for Markdown when shown (a line per paragraph).
"""

from collections.abc import Callable
from typing import Literal, TypeVar

import streamlit as st

from core.errors import UserError
from facilitator.components.failures import describe_failure
from facilitator.components.markdown import markdown_lines

T = TypeVar("T")
Kind = Literal["success", "error"]
STATE_PREFIX = "vd_feedback_"


def run_with_feedback(
    key: str,
    work: Callable[[], T],
    *,
    success: str | Callable[[T], str] | None = None,
    explain: Callable[[UserError], str] = str,
) -> T | None:
    """Run `work` (one domain call in its own transaction). A refusal is kept under `key` as an error, worded by
    `explain`; on success `success` is kept (a text, or one made from the result). Returns the result, or None
    when the call was refused."""
    try:
        result = work()
    except UserError as refused:
        remember(key, "error", explain(refused))
        return None
    except Exception as error:  # a database away, or a bug: a Dutch message, the detail in the log
        remember(key, "error", describe_failure(error))
        return None
    if success is not None:
        remember(key, "success", success(result) if callable(success) else success)
    return result


def remember(key: str, kind: Kind, message: str) -> None:
    """Keep a message for the next run (for callbacks that handle a refusal themselves)."""
    st.session_state[STATE_PREFIX + key] = (kind, message)


def show_feedback(key: str) -> None:
    """Show, once, what a callback kept under `key`."""
    kept = st.session_state.pop(STATE_PREFIX + key, None)
    if kept is None:
        return
    kind, message = kept
    text = markdown_lines(str(message))
    if kind == "success":
        st.success(text)
    else:
        st.error(text)
