"""The notable-change rule, including polarity."""

from indicators.notable import FAVOURABLE, NEUTRAL, UNFAVOURABLE, Notable, NotableRules, assess

RULES = NotableRules(change_pct=10, mean_pct=15, district_pct=20, min_count=10)


def _assess(
    latest: float,
    previous: float | None,
    earlier: list[float] | None = None,
    district: float | None = None,
    polarity: str = "hoger_slechter",
    is_count: bool = False,
) -> Notable | None:
    earlier = earlier if earlier is not None else ([previous] if previous is not None else [])
    return assess(
        latest=latest,
        previous=previous,
        earlier=earlier,
        district=district,
        polarity=polarity,
        is_count=is_count,
        rules=RULES,
    )


def _direction(latest: float, previous: float, polarity: str = "hoger_slechter") -> str:
    """The direction of a change that must be notable."""
    result = _assess(latest, previous, polarity=polarity)
    assert result is not None, (latest, previous, polarity)
    return result.direction


def test_rise_of_bad_thing_is_unfavourable_and_of_good_thing_favourable() -> None:
    assert _direction(120, 100) == UNFAVOURABLE
    assert _direction(120, 100, polarity="hoger_beter") == FAVOURABLE
    assert _direction(80, 100, polarity="hoger_beter") == UNFAVOURABLE
    assert _direction(120, 100, polarity="neutraal") == NEUTRAL


def test_small_change_is_not_notable() -> None:
    assert _assess(105, 100) is None


def test_change_against_five_year_mean() -> None:
    result = _assess(118, 110, earlier=[90, 95, 100, 100, 110])
    assert result is not None
    assert "gemiddelde van 5 eerdere metingen" in result.reasons[0]


def test_deviation_from_district() -> None:
    result = _assess(130, 128, district=100)
    assert result is not None
    assert result.reasons == ["+30% t.o.v. district"]


def test_small_counts_are_ignored() -> None:
    assert _assess(6, 3, is_count=True) is None
    assert _assess(16, 3, is_count=True) is not None
    assert _assess(4, 12, earlier=[], is_count=True) is not None  # a fall from a count above the minimum counts


def test_a_change_of_exactly_the_threshold_is_not_notable() -> None:
    """The rule says "meer dan": 10% from the previous value, 15% from the mean, 20% from the district."""
    assert _assess(110, 100) is None
    assert _assess(110.5, 100) is not None
    assert _assess(115, None, earlier=[100, 100]) is None
    assert _assess(115.5, None, earlier=[100, 100]) is not None
    assert _assess(120, None, district=100) is None
    assert _assess(120.5, None, district=100) is not None


def test_rule_is_described_in_dutch() -> None:
    text = RULES.describe()
    assert "10%" in text
    assert "vorige meting" in text
    assert "ongunstig" in text
