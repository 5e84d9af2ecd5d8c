"""Controlled vocabularies of the catalogue, as string enums.

Stored as plain strings in the database (portable across SQLite and PostgreSQL,
no database enum types to migrate); validated here when data comes in.
"""

from enum import StrEnum


class ValueKind(StrEnum):
    COUNT = "aantal"
    PERCENTAGE = "percentage"
    REPORT_MARK = "rapportcijfer"  # 1-10 mark given by residents or clients
    SCORE = "score"  # composite or sum score
    RATE = "ratio"  # already a rate (per N) as delivered
    AMOUNT = "bedrag"  # euros
    QUALITATIVE = "kwalitatief"  # a described example instead of a number


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "hoger_beter"
    HIGHER_IS_WORSE = "hoger_slechter"
    NEUTRAL = "neutraal"


class Frequency(StrEnum):
    YEARLY = "jaarlijks"
    TWO_YEARLY = "tweejaarlijks"


class Perspective(StrEnum):
    REGISTRATION = "registratie"  # objective: registrations of partners
    PERCEPTION = "beleving"  # subjective: residents' (or clients') perception


class AreaLevel(StrEnum):
    MUNICIPALITY = "gemeente"
    DISTRICT = "district"


class IndicatorStatus(StrEnum):
    ACTIVE = "actief"
    DROPPED = "vervallen"
    PROPOSED = "voorgesteld"


class PopulationGroup(StrEnum):
    TOTAL = "totaal"
    YOUTH_12_25 = "jeugd_12_25"
    YOUTH_12_17 = "jeugd_12_17"


class AreaKind(StrEnum):
    MUNICIPALITY = "gemeente"
    DISTRICT = "district"
    COUNTRY = "land"  # Nederland, stored as a reference beside the district


NATIONAL_CODE = "NL01"  # CBS's region code for Nederland
NATIONAL_NAME = "Nederland"


POPULATION_GROUP_LABELS: dict[str, str] = {
    PopulationGroup.TOTAL: "inwoners",
    PopulationGroup.YOUTH_12_25: "jongeren van 12 tot 25 jaar",
    PopulationGroup.YOUTH_12_17: "jongeren van 12 t/m 17 jaar",
}

TOTAL_BREAKDOWN = "totaal"
SURVEY_YEARS = {2017, 2019, 2021, 2023}  # years of the two-yearly CBS Veiligheidsmonitor

# The catalogue's population indicator is backed by the Population table, not by observations.
POPULATION_INDICATOR_CODE = "AV-C02"
