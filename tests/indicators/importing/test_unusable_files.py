"""Files the app cannot use are refused for what they are, saying what would make them usable (issue 15)."""

import pytest

from indicators.importing.issues import ImportRejected

from .helpers import Importer

# The layout of CBS's "Kerncijfers wijken en buurten" (85984NED) OData CSV: one row per gemeente, wijk and buurt.
# The figures are illustrative; what is tested is that the file is recognised by its codes.
BUURTEN = (
    b'"ID";"WijkenEnBuurten";"Gemeentenaam_1";"SoortRegio_2";"Codering_3";"AantalInwoners_5"\r\n'
    b'"1";"GM0748    ";"Bergen op Zoom                          ";"Gemeente  ";"GM0748    ";"  68580"\r\n'
    b'"2";"WK074800  ";"Bergen op Zoom                          ";"Wijk      ";"WK074800  ";"   9275"\r\n'
    b'"3";"BU07480000";"Bergen op Zoom                          ";"Buurt     ";"BU07480000";"   3150"\r\n'
    b'"4";"BU07480001";"Bergen op Zoom                          ";"Buurt     ";"BU07480001";"   2110"\r\n'
    b'"5";"BU07480002";"Bergen op Zoom                          ";"Buurt     ";"BU07480002";"   4015"\r\n'
)
# Single incidents as a partner exports them from a registration system: one row per melding.
INCIDENTS = (
    b"Datum;Tijdstip;Postcode;Plaats;Soort incident\r\n"
    b"03-01-2024;22:15;4611 AB;Bergen op Zoom;Overlast jeugd\r\n"
    b"04-01-2024;01:40;4691 CD;Tholen;Inbraak woning\r\n"
    b"06-01-2024;16:05;4611 EF;Bergen op Zoom;Fietsdiefstal\r\n"
)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (BUURTEN, "kwb_buurten.csv", "cijfers per buurt en wijk .* --aggregate gemeente"),
        (INCIDENTS, "meldingen_export.csv", "losse meldingen of incidenten"),
    ],
)
def test_unusable_files_are_refused_for_what_they_are(
    do_import: Importer, data: bytes, name: str, expected: str
) -> None:
    with pytest.raises(ImportRejected, match=expected) as refused:
        do_import(data, name)
    assert name in str(refused.value)
    assert "onbekende opbouw" not in str(refused.value)


def test_a_buurt_file_without_population_is_refused_saying_only_population_is_summed(do_import: Importer) -> None:
    """Registered crimes per buurt (Politie 47018NED-style): no population column, so no summing is offered."""
    data = (
        b'"ID";"SoortMisdrijf";"WijkenEnBuurten";"Perioden";"GeregistreerdeMisdrijven_1"\r\n'
        b'"1";"0.0.0 ";"BU07480000";"2024MM01";"      12"\r\n'
        b'"2";"0.0.0 ";"BU07480001";"2024MM01";"       4"\r\n'
        b'"3";"0.0.0 ";"BU07480002";"2024MM01";"       7"\r\n'
    )
    with pytest.raises(ImportRejected, match="cijfers per buurt of wijk") as refused:
        do_import(data, "misdrijven_buurt.csv")
    assert "alleen het aantal inwoners uit CBS Kerncijfers wijken en buurten telt de app zelf op" in str(refused.value)
    with pytest.raises(ImportRejected, match="kan alleen met het aantal inwoners"):
        do_import(data, "misdrijven_buurt.csv", aggregate="gemeente")
