"""Organisations of the safety domain and the sector each belongs to (for table diversity)."""

from indicators.importing.lookups import normalise_name

SECTORS: dict[str, str] = {
    "politie": "politie en justitie",
    "openbaar ministerie": "politie en justitie",
    "om": "politie en justitie",
    "riec": "politie en justitie",
    "taskforce riec": "politie en justitie",
    "halt": "politie en justitie",
    "meld misdaad anoniem": "politie en justitie",
    "veilig thuis": "zorg",
    "ggd": "zorg",
    "verslavingszorg": "zorg",
    "zorg- en veiligheidshuis": "zorg",
    "zorg en veiligheidshuis": "zorg",
    "brandweer": "veiligheidsregio",
    "veiligheidsregio": "veiligheidsregio",
    "rode kruis": "veiligheidsregio",
    "nederlandse rode kruis": "veiligheidsregio",
}
_BY_KEY = {normalise_name(name): sector for name, sector in SECTORS.items()}
ORGANISATIONS = [
    "Gemeente",
    "Politie",
    "Openbaar Ministerie",
    "Taskforce RIEC",
    "Meld Misdaad Anoniem",
    "Veilig Thuis",
    "Halt",
    "Zorg- en Veiligheidshuis",
    "Verslavingszorg",
    "GGD",
    "Veiligheidsregio",
    "Brandweer",
    "Rode Kruis",
]
MUNICIPALITY_SECTOR = "gemeente"
OTHER_SECTOR = "overig"


def sector_of(organisation: str, *, is_municipality: bool | None = None) -> str:
    """'gemeente Tholen' -> 'gemeente'; 'Veilig Thuis West-Brabant' -> 'zorg'."""
    key = normalise_name(organisation)
    if is_municipality or key.startswith("gemeente"):
        return MUNICIPALITY_SECTOR
    for name, sector in _BY_KEY.items():
        if key.startswith(name):
            return sector
    return OTHER_SECTOR
