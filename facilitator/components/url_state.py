"""Widget values kept in the URL query string, so every view can be bookmarked and shared.

Usage: `prepare(key, options, default)` before creating the widget with `key=key` (and no default
of its own), then `publish(key)` after it. A value in the URL wins when it changed since we last
wrote it (a followed link or bookmark) or when Streamlit dropped the widget's state (another page
was shown in between); otherwise the widget's own state wins.
"""

from collections.abc import Sequence

import streamlit as st

TRUE = "1"


def _last_written(key: str) -> str | None:
    value = st.session_state.get(f"_url_{key}")
    return value if isinstance(value, str) else None


def prepare(key: str, options: Sequence[str], default: str) -> None:
    url_value = st.query_params.get(key)
    fresh = url_value != _last_written(key) or key not in st.session_state  # followed a link, or state dropped
    if url_value is not None and url_value in options and fresh:
        st.session_state[key] = url_value
    elif st.session_state.get(key) not in options:
        st.session_state[key] = default


def prepare_flag(key: str) -> None:
    url_value = st.query_params.get(key)
    fresh = url_value != _last_written(key) or key not in st.session_state
    if url_value is not None and fresh:
        st.session_state[key] = url_value == TRUE
    else:
        switched_off_by_link = url_value is None and _last_written(key) == TRUE
        if switched_off_by_link or not isinstance(st.session_state.get(key), bool):
            st.session_state[key] = False


def publish(key: str) -> None:
    """Write the widget's value to the URL (a switched-off flag is left out)."""
    value = st.session_state.get(key)
    if value is False:
        st.session_state[f"_url_{key}"] = "0"
        if key in st.query_params:
            del st.query_params[key]
        return
    text = TRUE if value is True else str(value)
    st.session_state[f"_url_{key}"] = text
    if st.query_params.get(key) != text:
        st.query_params[key] = text
