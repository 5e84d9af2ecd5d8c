"""A table clock that counts down in the browser (Streamlit custom component v2).

The server sends the clock as it stood when the page was drawn (state and whole seconds left); the browser counts
a running clock down every second by itself and says "Tijd om" at zero, never a negative time. The page asks the
server again only every few seconds, for changes made by someone else (a pause, five more minutes), so a page with
a clock is not redrawn every second under the hands of whoever is choosing or typing on it.
"""

from typing import Any

import streamlit as st

from sessions.table_clock import RUNNING_PREFIX, TIME_UP_TEXT, ClockState, ClockView

HTML = """
<div class="vd-clock" role="timer" aria-live="off">
  <span class="vd-clock-label">Tafelklok</span>
  <span class="vd-clock-value"></span>
  <span class="vd-clock-note" role="status"></span>
</div>
"""
CSS = """
.vd-clock { font-family: var(--st-font); color: var(--st-text-color); }
.vd-clock .vd-clock-label { font-size: .875rem; }
.vd-clock:not(.vd-compact) { display: flex; flex-direction: column; gap: .25rem; }
.vd-clock:not(.vd-compact) .vd-clock-value { font-size: 2.25rem; line-height: 1.2; }
.vd-clock.vd-compact .vd-clock-label { font-size: 1rem; font-weight: 600; }
.vd-clock.vd-compact .vd-clock-label::after { content: ":"; }
.vd-clock[data-state="tijd om"] { background: rgba(255, 43, 43, .09); color: rgb(125, 53, 59);
  border-radius: .5rem; padding: .75rem 1rem; }
.vd-clock[data-state="tijd om"] .vd-clock-value { font-weight: 700; }
.vd-clock-note:empty { display: none; }
"""
JS = """
export default function({ parentElement, data }) {
  const box = parentElement.querySelector('.vd-clock');
  const value = parentElement.querySelector('.vd-clock-value');
  const note = parentElement.querySelector('.vd-clock-note');
  const state = parentElement.__vd || (parentElement.__vd = { timer: null });
  clearInterval(state.timer);
  box.classList.toggle('vd-compact', Boolean(data.compact));
  const deadline = Date.now() + data.seconds_left * 1000;  // counted from when this drawing arrived
  const clockText = (seconds) => Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
  const draw = () => {
    let shown = data.state;
    let text = data.text;
    if (data.state === data.running) {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      if (left === 0) {
        shown = data.time_up;
        text = data.time_up_text;
        clearInterval(state.timer);
      } else {
        text = data.running_prefix + ' ' + clockText(left);
      }
    }
    box.dataset.state = shown;
    value.textContent = text;
    note.textContent = shown === data.time_up ? data.time_up_note : '';
  };
  draw();
  if (data.state === data.running) state.timer = setInterval(draw, 250);
  return () => clearInterval(state.timer);
}
"""

_component = st.components.v2.component("veiligheidsdialoog.live_clock", html=HTML, css=CSS, js=JS)

TIME_UP_NOTE = "De tijd van deze tafel is voorbij."


def live_clock(view: ClockView, *, key: str, compact: bool = False) -> Any:
    """Show the clock; a running clock counts down in the browser until the next drawing or zero."""
    note = TIME_UP_NOTE if compact else f"{TIME_UP_NOTE} Rond het gesprek af."
    return _component(
        key=key,
        data={
            "state": view.state.value,
            "seconds_left": view.seconds_left,
            "text": view.text,
            "compact": compact,
            "running": ClockState.RUNNING.value,
            "running_prefix": RUNNING_PREFIX,
            "time_up": ClockState.TIME_UP.value,
            "time_up_text": TIME_UP_TEXT,
            "time_up_note": note,
        },
    )
