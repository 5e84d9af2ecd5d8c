"""The codes of the kiosk: a session code per dialogue session and a personal code per participant.

A personal code is 8 characters from `KIOSK_ALPHABET` (32 characters: no 0/O and no 1/I, so it is read aloud and
typed on a phone without doubt), printed in two groups of four (`K7P2-QX9M`). The kiosk takes it with or without
the dash or spaces, in capitals or not.

Why 8: there are 32^8 = 1,099,511,627,776 codes. With 40 people in a session a random guess hits one of them once
in 32^8 / 40 = 27,487,790,694 guesses (27 billion; at 80 people 13.7 billion). The kiosk answers at most
`kiosk_throttle.SESSION.attempts` wrong codes per session per `kiosk_throttle.SESSION.window`, whatever the number
of browsers or addresses (300 per 10 minutes, 43,200 a day): one hit takes on average 636,291 days, about 1,742
years, and the kiosk only looks codes up while round 2 is open. From one address (30 per 10 minutes) it is 17,400
years, from one browser (10 per 10 minutes) 52,000 years. The 4-character codes of before (32^4 / 40 = 26,214
guesses per hit) fell in about 6 minutes at the 4,291 answers a minute the unthrottled kiosk gave.

Codes of sessions made by an earlier version (4 characters) keep working; `participants.renew_short_codes` gives
such a session new codes (the name cards must then be printed again).
"""

import re
import secrets

KIOSK_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on a phone
PERSONAL_CODE_LENGTH = 8
SESSION_CODE_LENGTH = 6
GROUP = 4
TYPED_MAX_CHARS = 12  # what the kiosk's field takes: 8 characters, a dash and some spaces
_SEPARATORS = re.compile(r"[\s\-–.]+")


def random_code(length: int) -> str:
    """A code of `length` characters drawn from `KIOSK_ALPHABET` by the system's secure random source."""
    return "".join(secrets.choice(KIOSK_ALPHABET) for _ in range(length))


def normalise_code(typed: str) -> str:
    """A typed code as stored: capitals, without spaces or dashes (`k7p2 - qx9m` → `K7P2QX9M`)."""
    return _SEPARATORS.sub("", typed).upper()


def display_code(code: str) -> str:
    """A code as printed: groups of four joined by a dash (`K7P2QX9M` → `K7P2-QX9M`; a 4-character code stays)."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))


def is_short(code: str) -> bool:
    """A personal code from an earlier version (shorter than codes made now)."""
    return len(code) < PERSONAL_CODE_LENGTH
