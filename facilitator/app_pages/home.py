"""Home: what the app is for and what data is loaded."""

import streamlit as st

from core.formatting import format_int, format_percentage
from facilitator.cached import cached_summary
from facilitator.components.provenance import demo_banner, sources_caption
from indicators.areas import DEFAULT_DISTRICT

st.title("Veiligheidsdialoog")
st.markdown(
    "Van **Monitor Integrale Veiligheid** naar **dialoog** en **jaarplan veiligheid**. "
    "Gemeenten en veiligheidspartners bekijken samen de cijfers per thema en stap in de veiligheidsketen, "
    "duiden ze in een dialoogsessie, en nemen de voorgestelde acties op in hun jaarplannen. "
    "Volgend jaar laat de monitor zien wat ervan gekomen is."
)

district = cached_summary(DEFAULT_DISTRICT)
everything = cached_summary(None)

demo_banner(district.demo_share)

st.subheader("Geladen gegevens")
columns = st.columns(4)
columns[0].metric(
    "Actieve indicatoren",
    format_int(district.active_indicators),
    help=f"Plus {district.proposed_indicators} voorgesteld en {district.dropped_indicators} vervallen.",
)
columns[1].metric("Edities catalogus", ", ".join(str(e) for e in district.editions) or "–")
columns[2].metric(
    "Jaren met cijfers",
    f"{district.years[0]}–{district.years[-1]}" if district.years else "–",
    help=", ".join(str(y) for y in district.years),
)
columns[3].metric("Aandeel fictieve demodata", format_percentage(100 * district.demo_share, 1))

st.markdown(
    f"**District De Markiezaten** – {len(district.municipalities_with_values)} gemeenten met cijfers: "
    + (", ".join(district.municipalities_with_values) or "nog geen")
)
st.markdown(
    f"In totaal {format_int(everything.observations)} waarden opgeslagen, "
    f"voor {format_int(len(everything.municipalities_with_values))} gemeenten "
    "(ook landelijke CBS-cijfers ter vergelijking)."
)
sources_caption(everything.attributions)

st.subheader("De cyclus")
st.markdown(
    "1. **Data** – partners leveren hun cijfers; open data komt van CBS en Politie.\n"
    "2. **Monitor** – per thema de stappen preventie, signalen, interventies en effect, over vijf jaar.\n"
    "3. **Dialoog** – gemengde tafels per thema, twee rondes, gespreksleider en verslaglegger.\n"
    "4. **Duidingsverslag** – duiding en voorgestelde acties per indicator, per gemeente.\n"
    "5. **Jaarplan veiligheid** – acties overgenomen, en volgend jaar zichtbaar in de monitor."
)
