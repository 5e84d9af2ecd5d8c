"""Dialogue sessions: participants, tables, assignment, notes, actions, reports, jaarplan links.

Depends on `indicators`; never on `facilitator` or streamlit.
"""
