"""Document charts: isolated years drawn as points, a sentence where there is nothing to draw."""

import io

import vl_convert
from PIL import Image
from sqlmodel import Session

from indicators.chart_data import NO_POPULATION, NOTHING_DELIVERED
from indicators.observations import ObservationRow as Row
from sessions.report_charts import ChartPlan, NoChart, colours, plan_indicator_chart
from tests.indicators.builders import DISTRICT, two_town_district, values


def _plan(db: Session, code: str) -> ChartPlan | NoChart | None:
    return plan_indicator_chart(db=db, code=code, district_code=DISTRICT, district_name="Testdistrict")


def test_years_without_neighbouring_values_are_drawn_as_points(db: Session) -> None:
    two_town_district(db)
    values(
        db,
        [
            Row("AV-E02", "GM0748", 2016, 30.0),
            Row("AV-E02", "GM0748", 2018, 34.0),
            Row("AV-E02", "GM0748", 2020, 38.0),
            Row("AV-E02", "GM0716", 2019, 50.0),
            Row("AV-E02", "GM0716", 2020, 52.0),
        ],
    )
    plan = _plan(db, "AV-E02")
    assert isinstance(plan, ChartPlan)
    records = plan.spec["data"]["values"]
    isolated = {(r["series"], r["year"]) for r in records if r["isolated"]}
    # the district has a value only where both municipalities have one: 2020 alone
    assert isolated == {
        ("Bergen op Zoom", 2016),
        ("Bergen op Zoom", 2018),
        ("Bergen op Zoom", 2020),
        ("Testdistrict", 2020),
    }
    points = [layer for layer in plan.spec["layer"] if layer["mark"]["type"] == "point"]
    assert points
    assert all("datum.isolated" in layer["transform"][0]["filter"] for layer in points)

    svg = vl_convert.vegalite_to_svg(plan.spec)
    assert svg.count('class="mark-symbol role-mark') >= 1
    image = Image.open(io.BytesIO(plan.render().png)).convert("RGB")
    bergen = tuple(int(colours(["Bergen op Zoom", "Tholen"])["Bergen op Zoom"][i : i + 2], 16) for i in (1, 3, 5))
    drawn = sum(1 for pixel in image.get_flattened_data() if pixel == bergen)
    assert drawn > 50  # three points of Bergen op Zoom, which no line connects


def test_a_series_without_values_yields_a_sentence_instead_of_a_chart(db: Session) -> None:
    two_town_district(db)
    assert _plan(db, "AV-E02") == NoChart(NOTHING_DELIVERED)


def test_counts_without_population_say_the_population_is_missing(db: Session) -> None:
    two_town_district(db)  # population only for 2019 and 2020
    values(db, [Row("VB-S03", "GM0748", 2016, 300.0), Row("VB-S03", "GM0716", 2017, 40.0)])
    assert _plan(db, "VB-S03") == NoChart(NO_POPULATION)


def test_a_descriptive_indicator_has_no_chart_and_no_sentence(db: Session) -> None:
    two_town_district(db)
    assert _plan(db, "GCC-I01") is None
