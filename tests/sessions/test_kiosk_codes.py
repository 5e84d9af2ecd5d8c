"""Personal codes (issue 16, part 4): 8 characters of an alphabet without look-alikes, typed as printed or not, and
the figure the README and `kiosk_codes` state for guessing at the kiosk's limits."""

from sessions.kiosk_codes import (
    KIOSK_ALPHABET,
    PERSONAL_CODE_LENGTH,
    display_code,
    is_short,
    normalise_code,
    random_code,
)
from sessions.kiosk_throttle import BROWSER, SESSION


def test_codes_use_an_alphabet_without_look_alikes() -> None:
    assert len(KIOSK_ALPHABET) == len(set(KIOSK_ALPHABET)) == 32
    assert not set("01OI") & set(KIOSK_ALPHABET)
    codes = {random_code(PERSONAL_CODE_LENGTH) for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(code) == 8 and set(code) <= set(KIOSK_ALPHABET) for code in codes)


def test_a_code_is_printed_in_groups_and_typed_any_way() -> None:
    assert display_code("K7P2QX9M") == "K7P2-QX9M"
    assert display_code("K7P2") == "K7P2"
    for typed in ("K7P2-QX9M", "k7p2 qx9m", " k7p2–QX9M ", "K7P2.QX9M"):
        assert normalise_code(typed) == "K7P2QX9M"
    assert is_short("K7P2")
    assert not is_short("K7P2QX9M")


def test_guessing_a_code_is_hopeless_at_the_kiosks_limits() -> None:
    """The figure in the README: 40 people, the session's limit from every browser together."""
    guesses_per_hit = len(KIOSK_ALPHABET) ** PERSONAL_CODE_LENGTH / 40
    per_day = SESSION.attempts * (86_400 / SESSION.window.total_seconds())
    assert round(guesses_per_hit) == 27_487_790_694
    assert per_day == 43_200
    assert round(guesses_per_hit / per_day / 365.25) == 1_742  # years per hit, for the whole session
    assert round(guesses_per_hit / (BROWSER.attempts * 144) / 365.25) == 52_262  # for one browser
