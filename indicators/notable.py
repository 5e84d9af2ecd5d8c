"""Notable changes (opvallendheden): the rule, in one place, documented for the app.

A value is notable when its latest measurement
1. changes more than `change_pct` percent against the previous measurement, or
2. differs more than `mean_pct` percent from the mean of the (up to) five measurements before it, or
3. (municipalities only) differs more than `district_pct` percent from the district figure,
   compared per capita for counts and as is for percentages, marks and scores.
Small numbers are ignored: counts whose values are all below `min_count` are never notable.
Polarity gives the direction a meaning: a rise of a 'higher is worse' indicator is *ongunstig*,
of a 'higher is better' indicator *gunstig*; for neutral indicators it is just *opvallend*.
"""

import math
from dataclasses import dataclass

from indicators.vocabulary import Polarity

FAVOURABLE = "gunstig"
UNFAVOURABLE = "ongunstig"
NEUTRAL = "opvallend"


@dataclass(frozen=True)
class NotableRules:
    change_pct: float = 10.0
    mean_pct: float = 15.0
    district_pct: float = 20.0
    min_count: float = 10.0

    def describe(self) -> str:
        return (
            f"Een indicator is opvallend als de laatste meting meer dan {_pct(self.change_pct)} afwijkt van de "
            f"vorige meting, of meer dan {_pct(self.mean_pct)} van het gemiddelde van de vijf metingen daarvoor, "
            f"of (bij een gemeente) meer dan {_pct(self.district_pct)} van het districtscijfer (per inwoners "
            f"waar dat kan). Aantallen onder de {self.min_count:g} tellen niet mee. De kleur volgt de "
            "richting: een stijging van bijvoorbeeld woninginbraken is ongunstig, een stijging van het bereik "
            "van preventie gunstig."
        )


def _pct(value: float) -> str:
    return f"{value:g}%".replace(".", ",")


@dataclass(frozen=True)
class Notable:
    direction: str  # gunstig / ongunstig / opvallend
    reasons: list[str]


def relative_change(new: float, old: float) -> float | None:
    if old is None or new is None or math.isnan(old) or math.isnan(new) or old == 0:
        return None
    return 100 * (new - old) / abs(old)


def direction_of(change: float, polarity: str) -> str:
    if polarity == Polarity.HIGHER_IS_WORSE:
        return UNFAVOURABLE if change > 0 else FAVOURABLE
    if polarity == Polarity.HIGHER_IS_BETTER:
        return FAVOURABLE if change > 0 else UNFAVOURABLE
    return NEUTRAL


def assess(
    *,
    latest: float,
    previous: float | None,
    earlier: list[float],
    district: float | None,
    polarity: str,
    is_count: bool,
    rules: NotableRules,
    compared_with: str = "",
) -> Notable | None:
    """Apply the rule to one series; `earlier` are the measurements before the latest, oldest first.

    `compared_with` names the previous measurement in the reason (its year, and any years skipped to reach it)."""
    if is_count and max([latest, previous or 0, *earlier]) < rules.min_count:
        return None
    reasons: list[str] = []
    deciding: float | None = None
    change = relative_change(latest, previous) if previous is not None else None
    if change is not None and abs(change) > rules.change_pct:
        reasons.append(f"{_signed(change)} t.o.v. {compared_with or 'vorige meting'}")
        deciding = change
    window = [v for v in earlier[-5:] if not math.isnan(v)]
    if len(window) >= 2:
        mean_change = relative_change(latest, sum(window) / len(window))
        if mean_change is not None and abs(mean_change) > rules.mean_pct:
            reasons.append(f"{_signed(mean_change)} t.o.v. gemiddelde van {len(window)} eerdere metingen")
            deciding = mean_change if deciding is None else deciding
    if district is not None:
        district_change = relative_change(latest, district)
        if district_change is not None and abs(district_change) > rules.district_pct:
            reasons.append(f"{_signed(district_change)} t.o.v. district")
            deciding = district_change if deciding is None else deciding
    if deciding is None:
        return None
    return Notable(direction=direction_of(deciding, polarity), reasons=reasons)


def _signed(value: float) -> str:
    return f"{value:+.0f}%".replace("-", "−")
