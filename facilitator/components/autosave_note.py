"""A note editor that saves as it is typed (Streamlit custom component v2).

Typing is sent to Python half a second after the last keystroke and on blur; every keystroke is
also kept in the browser's localStorage, so a reload or a dropped connection loses nothing: the
draft comes back and is sent again. The text from the database is only put into the field when
the user is not typing in it.
"""

from collections.abc import Callable
from typing import Any

import streamlit as st

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
  const state = parentElement.__vd || (parentElement.__vd = { timer: null, sent: null, base: data.version });
  const readDraft = () => JSON.parse(localStorage.getItem(draftKey) || 'null');
  const writeDraft = () => localStorage.setItem(draftKey, JSON.stringify({ text: area.value, base: state.base }));
  const focused = () => parentElement.activeElement === area || document.activeElement === area;
  const send = () => {
    clearTimeout(state.timer);
    state.timer = null;
    state.sent = area.value;
    setStateValue('text', { text: area.value, base: state.base, at: Date.now() });
  };
  const schedule = () => { clearTimeout(state.timer); state.timer = setTimeout(send, 500); };
  // Our own text came back saved: later typing builds on this version.
  if (state.sent !== null && data.text === state.sent) { state.base = data.version; }
  area.placeholder = data.placeholder || '';
  if (!state.ready) {
    state.ready = true;
    state.base = data.version;
    const draft = readDraft();
    if (draft && draft.text !== data.text) {
      // typed text that never reached the server (reload, closed tab, dropped connection)
      area.value = draft.text;
      state.base = draft.base ?? data.version;
      status.textContent = 'Niet opgeslagen tekst hersteld, wordt opgeslagen …';
      send();
    } else {
      area.value = data.text || '';
    }
    area.addEventListener('input', () => { writeDraft(); status.textContent = 'Typen …'; schedule(); });
    area.addEventListener('blur', () => { if (state.timer) send(); });
  } else if (!focused() && !state.timer && area.value !== data.text && state.sent !== area.value) {
    area.value = data.text || '';  // someone else's saved text, while this field is not being edited
  }
  if (!state.timer) {
    status.textContent = data.status || '';
    const draft = readDraft();
    if (draft && draft.text === data.text) localStorage.removeItem(draftKey);
    else if (draft) writeDraft();
  }
}
"""

_component = st.components.v2.component("veiligheidsdialoog.autosave_note", html=HTML, css=CSS, js=JS)


def autosave_note(
    *, key: str, note_id: int, text: str, version: int, status: str, on_change: Callable[[], None],
    placeholder: str = "Wat zegt de tafel hierover?",
) -> Any:  # fmt: skip
    """Mount the editor; `on_change` runs when typed text arrives (read it from st.session_state[key])."""
    return _component(
        key=key, data={"note_id": note_id, "text": text, "version": version, "status": status,
                       "placeholder": placeholder}, on_text_change=on_change,
    )  # fmt: skip
