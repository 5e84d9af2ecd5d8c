"""An invitation list as a coordinator exports it: Dutch headers, ten people, one of them declined."""

INVITATIONS = """naam;organisatie;organisatietype;gemeente;rol;voorkeur_thema;aanwezig
Anna de Vries;gemeente Bergen op Zoom;gemeente;GM0748;gespreksleider;Veilige buurt;ja
Bert Jansen;gemeente Roosendaal;gemeente;GM1674;verslaglegger;VB;ja
Carla Smit;gemeente Tholen;gemeente;GM0716;gespreksleider;ZV;ja
Dirk Bakker;gemeente Moerdijk;gemeente;GM1709;verslaglegger;ZV;ja
Els Visser;Politie;partner;;deelnemer;;ja
Frank de Boer;Politie;partner;;deelnemer;VB;ja
Gina Mulder;Veilig Thuis;partner;;deelnemer;ZV;ja
Hans Bos;GGD;partner;;deelnemer;;ja
Ingrid Kok;gemeente Rucphen;gemeente;GM0840;deelnemer;;ja
Jan Peters;RIEC;partner;;deelnemer;;nee
"""

MUNICIPALITIES = {
    "GM0748": "Bergen op Zoom",
    "GM1655": "Halderberge",
    "GM1709": "Moerdijk",
    "GM1674": "Roosendaal",
    "GM0840": "Rucphen",
    "GM0851": "Steenbergen",
    "GM0716": "Tholen",
    "GM0873": "Woensdrecht",
}
PARTNERS = (
    "Politie",
    "Politie",
    "Politie",
    "Openbaar Ministerie",
    "RIEC Zeeland-West-Brabant",
    "Veilig Thuis",
    "Veilig Thuis",
    "Brandweer Midden- en West-Brabant",
    "GGD West-Brabant",
    "Rode Kruis",
    "Halt",
    "Reclassering",
    "Woningcorporatie",
    "Jongerenwerk",
    "Omgevingsdienst",
    "Zorgaanbieder",
)
THEME_CODES = ("GCC", "ZV", "VB", "RO")


def session_day_invitations(*, people: int, tables_per_theme: int) -> bytes:
    """An invitation list of `people` (fictitious names), as the coordinator exports it: a moderator and a
    note-taker per table from the municipalities (their theme in 'voorkeur_thema'), the others half municipal
    staff, half partners, a third with a preferred theme; everyone accepted."""
    lines = ["naam;organisatie;organisatietype;gemeente;rol;voorkeur_thema;aanwezig"]
    codes = list(MUNICIPALITIES)
    staff = [
        (role, theme)
        for theme in THEME_CODES
        for _ in range(tables_per_theme)
        for role in ("gespreksleider", "verslaglegger")
    ]
    for number in range(people):
        code = codes[number % len(codes)]
        if number < len(staff):
            role, theme = staff[number]
            organisation, kind, place = f"gemeente {MUNICIPALITIES[code]}", "gemeente", code
        else:
            role, theme = "deelnemer", THEME_CODES[number % 4] if number % 3 == 0 else ""
            if number % 2:
                place = codes[(number // 2) % len(codes)]
                organisation, kind = f"gemeente {MUNICIPALITIES[place]}", "gemeente"
            else:
                organisation, kind, place = PARTNERS[(number // 2) % len(PARTNERS)], "partner", ""
        lines.append(f"Genodigde {number + 1:02d} (fictief);{organisation};{kind};{place};{role};{theme};ja")
    return ("\n".join(lines) + "\n").encode("utf-8")
