"""A note editor that saves as it is typed (Streamlit custom component v2).

Typing is sent to Python half a second after the last keystroke and on blur; every keystroke is
also kept in the browser's localStorage, so a reload or a dropped connection loses nothing: the
draft comes back and is sent again, and text the server has not confirmed is re-sent every few seconds
(a send made while the websocket was down or the app was restarting is otherwise lost). The text from the
database is only put into the field when
the user is not typing in it.
"""

from collections.abc import Callable
from typing import Any

import streamlit as st

from core.formatting import format_int

HTML = """
<div class="vd-note">
  <textarea rows="4" aria-label="Notitie"></textarea>
  <div class="vd-status" aria-live="polite"></div>
</div>
"""
CSS = """
.vd-note textarea { width: 100%; box-sizing: border-box; font-family: var(--st-font); font-size: 1rem;
  padding: .5rem; border: 1px solid var(--st-border-color, #ccc); border-radius: .5rem;
  background: var(--st-background-color); color: var(--st-text-color); resize: vertical; }
.vd-status { font-size: .8rem; opacity: .7; margin-top: .25rem; min-height: 1rem; }
"""
JS = """
export default function({ parentElement, data, setStateValue }) {
  const area = parentElement.querySelector('textarea');
  const status = parentElement.querySelector('.vd-status');
  const draftKey = 'veiligheidsdialoog-note-' + data.note_id;
  const state = parentElement.__vd
    || (parentElement.__vd = { timer: null, sent: null, base: data.version, sentSinceBase: [] });
  const readDraft = () => JSON.parse(localStorage.getItem(draftKey) || 'null');
  const writeDraft = () => localStorage.setItem(
    draftKey, JSON.stringify({ text: area.value, base: state.base, sentSinceBase: state.sentSinceBase }));
  const focused = () => parentElement.activeElement === area || document.activeElement === area;
  state.setState = setStateValue;  // the newest callback (the component may be re-rendered many times)
  state.acked = data.acked ?? data.text;  // the newest text the server confirmed it stored
  if (data.max_chars) area.maxLength = data.max_chars;  // the browser stops typing and pasting at the limit
  const send = () => {
    clearTimeout(state.timer);
    state.timer = null;
    state.sent = area.value;
    state.lastSend = Date.now();
    // Texts sent on top of the same base: if the server stored one of them but its confirmation was lost
    // (the app died right after saving), the server builds on it instead of keeping both as a conflict.
    const earlier = state.sentSinceBase.filter((text) => text !== area.value);
    state.sentSinceBase = [...earlier, area.value].slice(-20);
    state.setState('text', { text: area.value, base: state.base, earlier, at: Date.now() });
  };
  const schedule = () => { clearTimeout(state.timer); state.timer = setTimeout(send, 500); };
  // Our own text came back saved: later typing builds on this version.
  if (state.sent !== null && data.text === state.sent && state.base !== data.version) {
    state.base = data.version;
    state.sentSinceBase = [];
  }
  area.placeholder = data.placeholder || '';
  if (!state.ready) {
    state.ready = true;
    state.base = data.version;
    const draft = readDraft();
    if (draft && draft.text !== data.text) {
      // typed text that never reached the server (reload, closed tab, dropped connection)
      area.value = draft.text;
      state.base = draft.base ?? data.version;
      state.sentSinceBase = draft.sentSinceBase ?? [];
      status.textContent = 'Niet opgeslagen tekst hersteld, wordt opgeslagen …';
      send();
    } else {
      area.value = data.text || '';
    }
    const typing = () => (data.max_chars && area.value.length >= data.max_chars ? data.full : 'Typen …');
    area.addEventListener('input', () => { writeDraft(); status.textContent = typing(); schedule(); });
    area.addEventListener('blur', () => { if (state.timer) send(); });
    // A send can be lost (dropped websocket, app restarting): while the browser holds text the server has not
    // confirmed, send it again every few seconds until it is.
    state.watchdog = setInterval(() => {
      const draft = readDraft();
      if (draft && draft.text !== state.acked && !state.timer && Date.now() - (state.lastSend || 0) > 4000) send();
    }, 2000);
  } else if (!focused() && !state.timer && area.value !== data.text && state.sent !== area.value) {
    area.value = data.text || '';  // someone else's saved text, while this field is not being edited
  }
  if (data.retry && !state.timer) {
    // the last save did not reach the database: send the text again shortly
    state.timer = setTimeout(send, 3000);
  }
  if (!state.timer || data.retry) {
    status.textContent = data.status || '';
    const draft = readDraft();
    if (draft && (draft.text === data.text || draft.text === state.acked)) localStorage.removeItem(draftKey);
    else if (draft) writeDraft();
  }
}
"""


def full_message(max_chars: int) -> str:
    """What the editor says when a note has reached its limit."""
    return f"De notitie is vol: hoogstens {format_int(max_chars)} tekens. Begin zo nodig een nieuwe notitie."


_component = st.components.v2.component("veiligheidsdialoog.autosave_note", html=HTML, css=CSS, js=JS)


def autosave_note(
    *,
    key: str,
    note_id: int,
    text: str,
    version: int,
    status: str,
    on_change: Callable[[], None],
    placeholder: str = "Wat zegt de tafel hierover?",
    retry: bool = False,
    acked: str | None = None,
    max_chars: int | None = None,
) -> Any:
    """Mount the editor; `on_change` runs when typed text arrives (read it from st.session_state[key]). The field
    takes at most `max_chars` characters and says so when it is full (the domain refuses longer texts anyway)."""
    return _component(
        key=key,
        data={
            "note_id": note_id,
            "text": text,
            "version": version,
            "status": status,
            "placeholder": placeholder,
            "retry": retry,
            "acked": acked,
            "max_chars": max_chars,
            "full": full_message(max_chars) if max_chars else "",
        },
        on_text_change=on_change,
    )
