"""Attribution lines that must accompany values wherever they are shown or exported."""

DEMO_LABEL = "fictieve demodata"
CBS_ATTRIBUTION = "Bron: CBS"
POLITIE_ATTRIBUTION = "© Politie"


def attribution(source: str, *, is_demo: bool = False) -> str:
    """'Bron: CBS', '© Politie', 'fictieve demodata' or 'Bron: <source>'."""
    if is_demo:
        return DEMO_LABEL
    lowered = source.lower()
    if lowered.startswith("cbs"):
        return CBS_ATTRIBUTION
    if lowered.startswith("politie"):
        return POLITIE_ATTRIBUTION
    return f"Bron: {source}"


def attributions(sources: list[tuple[str, bool]]) -> list[str]:
    """Distinct attribution lines for a set of (source, is_demo) pairs, in a stable order."""
    return sorted({attribution(source, is_demo=demo) for source, demo in sources})
