"""How long what is written at a table may be: notes, proposed actions and withdrawal reasons.

A note is saved as it is typed and every version lands in the edit history, so without a limit one pasted 20 MB
text grew the database by 160 MB in five saves. `NOTE_TEXT_MAX` characters is about four A4 pages, far more than a
table writes about one indicator in a round. The limits are checked here for every save (a Dutch `TextTooLong`
names the limit and the length), the app's fields stop at them (`max_chars`, the note editor's `maxlength`), and a
restore refuses longer values (the models put them in their columns' `info` under `core.backup.MAX_CHARS`).
"""

from collections.abc import Iterable

from core.errors import UserError
from core.formatting import format_int

NOTE_TEXT_MAX = 10_000
ACTION_TITLE_MAX = 1_000
NAME_MAX = 200  # an organisation, a lead, a partner (the columns' own length)
FACTOR_MAX = 120  # a note's "Tafel van 12" factor
REASON_MAX = 1_000  # why a note or action is withdrawn
LIST_MAX = 50  # organisations, partners, municipalities or indicators of one note or action


class TextTooLong(UserError):
    """A text longer than its limit (message in Dutch)."""


def check_length(text: str | None, limit: int, what: str, advice: str = "Maak de tekst korter.") -> None:
    """Refuse `text` when it is longer than `limit` characters; `what` names it in the message ("Een notitie")."""
    if text is not None and len(text) > limit:
        raise TextTooLong(
            f"{what} mag hoogstens {format_int(limit)} tekens lang zijn; deze tekst heeft er {format_int(len(text))}. "
            f"{advice}"
        )


def check_names(names: Iterable[str], what: str) -> None:
    """Refuse a list of names with more than `LIST_MAX` entries, or one longer than `NAME_MAX` characters."""
    listed = list(names)
    if len(listed) > LIST_MAX:
        raise TextTooLong(f"Kies hoogstens {LIST_MAX} {what}; het waren er {len(listed)}.")
    for name in listed:
        check_length(name, NAME_MAX, f"Een naam bij {what}")


def check_note_text(text: str | None) -> None:
    check_length(text, NOTE_TEXT_MAX, "Een notitie", "Maak haar korter of verdeel haar over twee notities.")
