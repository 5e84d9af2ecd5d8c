"""Deliveries: what came in from whom, rollback, the data request and feedback to suppliers."""

import datetime

import streamlit as st

from facilitator.auth import current_actor
from facilitator.components.dutch_chrome import MISSING
from facilitator.components.feedback import run_with_feedback, show_feedback
from facilitator.state import db_session
from indicators.areas import DEFAULT_DISTRICT
from indicators.importing.apply import rollback_delivery
from indicators.importing.deliveries import deliveries_frame
from indicators.importing.feedback import feedback_csv, feedback_xlsx, supplier_feedback
from indicators.importing.templates import supplier_names, template_csv, template_rows, template_xlsx
from indicators.models import Delivery

st.title("Leveringen")

with db_session() as db:
    deliveries = deliveries_frame(db=db)
    suppliers = supplier_names(db=db)

st.dataframe(deliveries, hide_index=True, width="stretch", key="deliveries_table", placeholder=MISSING)


def _rollback(delivery_id: int) -> None:
    def work() -> Delivery:
        with db_session() as db:
            return rollback_delivery(actor=current_actor(), db=db, delivery_id=delivery_id)

    if run_with_feedback("rollback", work, success=f"Levering {delivery_id} is teruggedraaid.") is not None:
        st.cache_data.clear()


with st.expander("Een levering terugdraaien", key="rollback_box"):
    active = deliveries[deliveries["status"] == "actief"]
    if active.empty:
        st.write("Er zijn geen leveringen die teruggedraaid kunnen worden.")
    else:
        chosen = st.selectbox(
            "Levering",
            list(active["id"]),
            key="rollback_id",
            format_func=lambda i: f"{i} – {active.set_index('id').loc[i, 'bestand']}",
        )
        st.caption("De waarden van deze levering verdwijnen; waarden die zij verving komen terug.")
        st.button("Terugdraaien", key="rollback_button", on_click=_rollback, args=(int(chosen),))
show_feedback("rollback")

st.subheader("Data-uitvraag per leverancier")
left, right = st.columns(2)
supplier = left.selectbox("Leverancier", suppliers, key="template_supplier")
year = right.number_input(
    "Jaar", min_value=2000, max_value=2100, value=datetime.date.today().year - 1, key="template_year"
)
if supplier:
    with db_session() as db:
        rows = template_rows(db=db, supplier=supplier, district_code=DEFAULT_DISTRICT, year=int(year))
    st.caption(f"{len(rows)} regels: de indicatoren van {supplier} voor de gemeenten van het district.")
    buttons = st.columns(2)
    buttons[0].download_button(
        "Sjabloon (Excel)",
        template_xlsx(rows, supplier=supplier, year=int(year)),
        file_name=f"uitvraag_{supplier}_{year}.xlsx",
        key="template_xlsx",
        on_click="ignore",
    )
    buttons[1].download_button(
        "Sjabloon (CSV)",
        template_csv(rows),
        file_name=f"uitvraag_{supplier}_{year}.csv",
        key="template_csv",
        on_click="ignore",
    )

    st.subheader("Terugkoppeling aan de leverancier")
    with db_session() as db:
        feedback = supplier_feedback(db=db, supplier=supplier)
    if feedback.empty:
        st.write(f"Er zijn nog geen cijfers van {supplier} verwerkt.")
    else:
        st.caption(f"{len(feedback)} waarden van {supplier}, zoals verwerkt in de monitor.")
        buttons = st.columns(2)
        buttons[0].download_button(
            "Terugkoppeling (Excel)",
            feedback_xlsx(feedback, supplier=supplier),
            file_name=f"terugkoppeling_{supplier}.xlsx",
            key="feedback_xlsx",
            on_click="ignore",
        )
        buttons[1].download_button(
            "Terugkoppeling (CSV)",
            feedback_csv(feedback),
            file_name=f"terugkoppeling_{supplier}.csv",
            key="feedback_csv",
            on_click="ignore",
        )
