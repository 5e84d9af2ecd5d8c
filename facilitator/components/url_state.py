"""Widget values kept in the URL query string, so every view can be bookmarked and shared.

Usage: `prepare(key, options, default)` before creating the widget with `key=key` (and no default
of its own), then `publish(key)` after it. A value in the URL wins when it changed since we last
wrote it (a followed link or bookmark); otherwise the widget's own state wins.
"""

from collections.abc import Sequence

import streamlit as st

TRUE = "1"


def _last_written(key: str) -> str | None:
    value = st.session_state.get(f"_url_{key}")
    return value if isinstance(value, str) else None


def prepare(key: str, options: Sequence[str], default: str) -> None:
    url_value = st.query_params.get(key)
    if url_value is not None and url_value in options and url_value != _last_written(key):
        st.session_state[key] = url_value
    elif st.session_state.get(key) not in options:
        st.session_state[key] = default


def prepare_flag(key: str) -> None:
    url_value = st.query_params.get(key)
    if url_value is not None and url_value != _last_written(key):
        st.session_state[key] = url_value == TRUE
    elif not isinstance(st.session_state.get(key), bool):
        st.session_state[key] = False


def publish(key: str) -> None:
    value = st.session_state.get(key)
    text = (TRUE if value else "0") if isinstance(value, bool) else str(value)
    st.session_state[f"_url_{key}"] = text
    if st.query_params.get(key) != text:
        st.query_params[key] = text
