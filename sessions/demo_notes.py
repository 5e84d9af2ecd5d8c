"""A worked example of notes and actions at every table of the demo session (fictitious, labelled so)."""

from sqlmodel import Session

from core.access import SYSTEM
from sessions.dialogue import dialogue_tables
from sessions.notes import create_action, create_note

DEMO = " (fictieve demodata)"
EXAMPLES: dict[str, list[tuple[str | None, str, str]]] = {
    "GCC": [
        ("GCC-S06", "herkenning", "De ontmantelde hennepkwekerijen herkennen we: vooral in het buitengebied."),
        ("GCC-E03", "verklaring", "Zorgen over drugslabs hangen samen met berichten over dumpingen in de media."),
        ("GCC-I02", "vraag", "Vraag aan het RIEC: kunnen de casussen per gemeente worden uitgesplitst?"),
        (None, "signaal", "Signaal: ondermijning via vakantieparken verdient een eigen indicator."),
    ],
    "ZV": [
        ("ZV-S02", "verklaring", "De stijging van E33-meldingen hangt deels samen met een andere registratie."),
        ("ZV-S05", "datakwaliteit", "Meldingen bij Veilig Thuis en politiecijfers tellen niet hetzelfde."),
        ("ZV-I01", "herkenning", "Halt ziet meer online-delicten bij jongeren; past bij de voorlichtingen."),
        (None, "vraag", "Vraag aan de GGD: is er zicht op de wachttijden in de acute psychiatrie?"),
    ],
    "VB": [
        ("VB-S03", "herkenning", "Woninginbraken zijn gedaald waar buurtpreventie actief is."),
        ("VB-E02", "verklaring", "Overlast wordt vooral ervaren rond het station en in het centrum."),
        ("VB-P02", "vraag", "Vraag aan gemeenten: welke WhatsApp-groepen zijn nog actief?"),
        (None, "signaal", "Signaal: jongerenoverlast verplaatst zich naar de randen van de kernen."),
    ],
    "RO": [
        ("RO-I01", "herkenning", "Meer brandweerinzet bij dienstverlening door extreem weer."),
        ("RO-E02", "verklaring", "Zorgen over brandveiligheid in zorginstellingen na een recente brand."),
        ("RO-P02", "datakwaliteit", "Niet alle AED's staan geregistreerd; het aantal is een ondergrens."),
        (None, "signaal", "Signaal: de energietransitie brengt nieuwe risico's (batterijopslag)."),
    ],
}
ACTIONS: dict[str, tuple[str, str, list[str], list[str], list[str], str]] = {
    "GCC": (
        "Gezamenlijke controle vakantieparken",
        "Taskforce RIEC",
        ["Politie", "gemeenten"],
        [],
        ["GCC-I02"],
        "hoog",
    ),
    "ZV": (
        "Eén registratie voor meldingen verward gedrag",
        "GGD",
        ["Politie", "Zorg- en Veiligheidshuis"],
        [],
        ["ZV-S02", "ZV-I03"],
        "hoog",
    ),
    "VB": (
        "Buurtpreventie uitbreiden in Tholen en Steenbergen",
        "gemeente Tholen",
        ["Politie"],
        ["GM0716", "GM0851"],
        ["VB-P01", "VB-S03"],
        "middel",
    ),
    "RO": (
        "Risico's van batterijopslag in beeld brengen",
        "Veiligheidsregio",
        ["Brandweer", "gemeenten"],
        [],
        ["RO-S01"],
        "middel",
    ),
}


def build_demo_notes(*, db: Session, dialogue_id: int, jaarplan_year: int = 2021) -> int:
    """Notes and one action per round-1 table; returns the number of notes written."""
    written = 0
    for table in dialogue_tables(db=db, dialogue_id=dialogue_id, round_number=1):
        assert table.id is not None
        for indicator, kind, text in EXAMPLES.get(table.theme_code, []):
            create_note(
                actor=SYSTEM,
                db=db,
                table_id=table.id,
                author=f"verslaglegger {table.theme_code}{DEMO}",
                text=text + DEMO,
                kind=kind,
                indicator_code=indicator,
                is_demo=True,
            )
            written += 1
        if table.theme_code in ACTIONS:
            title, lead, partners, municipalities, indicators, priority = ACTIONS[table.theme_code]
            create_action(
                actor=SYSTEM,
                db=db,
                table_id=table.id,
                author=f"verslaglegger {table.theme_code}{DEMO}",
                title=title + DEMO,
                lead_organisation=lead,
                partners=partners,
                municipalities=municipalities,
                indicator_codes=indicators,
                jaarplan_year=jaarplan_year,
                priority=priority,
                is_demo=True,
            )
    return written
