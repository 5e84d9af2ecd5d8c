"""Attribution lines that must accompany values wherever they are shown or exported."""

DEMO_LABEL = "fictieve demodata"
CBS_ATTRIBUTION = "Bron: CBS"
POLITIE_ATTRIBUTION = "© Politie"
SUMMED_FROM_BUURTEN = "opgeteld uit buurten"  # a municipality's figure made by adding up CBS's buurt figures


def attribution(source: str, *, is_demo: bool = False) -> str:
    """'Bron: CBS', '© Politie', 'fictieve demodata' or 'Bron: <source>'; a figure the app summed from CBS's buurten
    says so ('Bron: CBS, opgeteld uit buurten'): it is not CBS's own figure for the municipality."""
    if is_demo:
        return DEMO_LABEL
    lowered = source.lower()
    if lowered.startswith("cbs"):
        return f"{CBS_ATTRIBUTION}, {SUMMED_FROM_BUURTEN}" if SUMMED_FROM_BUURTEN in lowered else CBS_ATTRIBUTION
    if lowered.startswith("politie"):
        return POLITIE_ATTRIBUTION
    return f"Bron: {source}"


def attributions(sources: list[tuple[str, bool]]) -> list[str]:
    """Distinct attribution lines for a set of (source, is_demo) pairs, in a stable order."""
    return sorted({attribution(source, is_demo=demo) for source, demo in sources})
