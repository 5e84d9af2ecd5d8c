"""Indicators: catalogue, areas, population, observations, import, normalisation, trends.

Depends on sqlmodel and pandas only; never on `sessions` or `facilitator`.
"""
