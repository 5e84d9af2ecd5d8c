"""Tables of the dialogue sessions: the session, participants, pairs, tables, seats, notes, actions, jaarplan.

Importing this module registers every table of the application with SQLModel's metadata (the kernel's and the
monitor's through `TABLE_MODULES`): entry points import it before a backup, a restore or a schema comparison.
"""

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, MetaData, UniqueConstraint
from sqlmodel import Field, SQLModel

import core.models
import indicators.models
from core.backup import MAX_CHARS
from core.models import utc_now
from sessions.text_limits import ACTION_TITLE_MAX, NOTE_TEXT_MAX

TABLE_MODULES = (core.models, indicators.models)
"""The other modules whose tables this one's refer to; importing them here registers every table."""


def application_metadata() -> MetaData:
    """SQLModel's metadata with every table of the application registered."""
    return SQLModel.metadata


class DialogueSessionBase(SQLModel):
    name: str = Field(max_length=200)
    session_date: date
    kind: str = Field(default="ambtelijk", max_length=20)  # ambtelijk / bestuurlijk
    edition: int = 2020
    district_code: str = Field(default="DIS-MARKIEZATEN", max_length=20)
    rounds: int = 2
    seats_per_table: int = 10
    tables_per_theme: int = 1


class DialogueSession(DialogueSessionBase, table=True):
    __tablename__ = "dialogue_session"

    id: int | None = Field(default=None, primary_key=True)
    themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    kiosk_code: str = Field(max_length=12, unique=True, index=True)
    current_round: int = 1
    round_started_at: datetime | None = None
    round_minutes: int = 45
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utc_now)
    retention_days: int = 180  # after session date + retention, participant names are pseudonymised
    pseudonymised_at: datetime | None = None


class ParticipantBase(SQLModel):
    name: str = Field(max_length=200)
    organisation: str = Field(max_length=200)
    organisation_type: str = Field(default="partner", max_length=20)  # gemeente / partner
    municipality_code: str | None = Field(default=None, max_length=20)
    role: str = Field(default="deelnemer", max_length=20)  # gespreksleider / verslaglegger / deelnemer
    preferred_theme: str | None = Field(default=None, max_length=8)
    rsvp: str = Field(default="uitgenodigd", max_length=20)  # uitgenodigd / aangemeld / afgemeld


class Participant(ParticipantBase, table=True):
    __table_args__ = (UniqueConstraint("session_id", "personal_code", name="uq_participant_code"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="dialogue_session.id", index=True)
    personal_code: str = Field(max_length=8)
    checked_in_at: datetime | None = None
    is_demo: bool = False


class PairRule(SQLModel, table=True):
    """Two participants who must sit together (samen) or apart (apart)."""

    __tablename__ = "pair_rule"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="dialogue_session.id", index=True)
    first_id: int = Field(foreign_key="participant.id")
    second_id: int = Field(foreign_key="participant.id")
    kind: str = Field(max_length=10)


class DialogueTable(SQLModel, table=True):
    """One table in one round. `taken` counts its seats; the database refuses more than `seats`."""

    __tablename__ = "dialogue_table"
    __table_args__ = (
        UniqueConstraint("session_id", "round", "theme_code", "number", name="uq_table"),
        CheckConstraint("taken >= 0 AND taken <= seats", name="ck_table_seats"),
    )

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="dialogue_session.id", index=True)
    round: int
    theme_code: str = Field(max_length=8)
    number: int = 1
    seats: int = 10
    taken: int = 0


class KioskThrottle(SQLModel, table=True):
    """Attempts at the kiosk counted per window, shared by every app process (`sessions.kiosk_throttle`). `key` is
    the SHA-256 of what is counted (a browser, an address, a session, a personal code): no address is stored."""

    __tablename__ = "kiosk_throttle"

    key: str = Field(primary_key=True, max_length=64)
    window_started_at: datetime = Field(index=True)
    attempts: int = 0


class TableClock(SQLModel, table=True):
    """The clock of one table: `seconds` allowed in all (extensions included), `used_seconds` used up before the
    current run, running since `started_at` (None: paused, or stopped when `seconds` is 0)."""

    __tablename__ = "table_clock"

    id: int | None = Field(default=None, primary_key=True)
    table_id: int = Field(foreign_key="dialogue_table.id", unique=True, index=True)
    seconds: int = 0
    used_seconds: int = 0
    started_at: datetime | None = None
    updated_by: str = Field(default="", max_length=120)
    updated_at: datetime = Field(default_factory=utc_now)


class Seat(SQLModel, table=True):
    """A participant at a table in a round; one seat per participant per round."""

    __table_args__ = (UniqueConstraint("participant_id", "round", name="uq_seat_participant_round"),)

    id: int | None = Field(default=None, primary_key=True)
    table_id: int = Field(foreign_key="dialogue_table.id", index=True)
    participant_id: int = Field(foreign_key="participant.id", index=True)
    round: int
    locked: bool = False
    assigned_by: str = Field(default="solver", max_length=20)  # solver / hand / kiosk
    created_at: datetime = Field(default_factory=utc_now)


class Note(SQLModel, table=True):
    """An interpretation written at a table, about one indicator or about the theme as a whole.

    `version` grows with every saved change; a save that expected an older version is a conflict
    and is kept as a separate note (`conflict_of`), never written over the other one.
    """

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="dialogue_session.id", index=True)
    table_id: int = Field(foreign_key="dialogue_table.id", index=True)
    theme_code: str = Field(max_length=8)
    indicator_code: str | None = Field(default=None, max_length=20, index=True)
    kind: str = Field(default="verklaring", max_length=20)
    text: str = Field(default="", sa_column_kwargs={"info": {MAX_CHARS: NOTE_TEXT_MAX}})
    organisations: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ccv_factor: str | None = Field(default=None, max_length=120)
    key_conclusion: bool = False
    author: str = Field(max_length=120)
    version: int = 1
    conflict_of: int | None = Field(default=None, foreign_key="note.id")
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    withdrawn_at: datetime | None = None  # withdrawn by the note-taker: kept, in the history, in no report
    withdrawn_by: str | None = Field(default=None, max_length=120)


class Action(SQLModel, table=True):
    """A proposed action: what, who leads, with whom, for which municipalities and jaarplan year."""

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="dialogue_session.id", index=True)
    table_id: int = Field(foreign_key="dialogue_table.id", index=True)
    theme_code: str = Field(max_length=8)
    title: str = Field(sa_column_kwargs={"info": {MAX_CHARS: ACTION_TITLE_MAX}})
    lead_organisation: str = Field(default="", max_length=200)
    partners: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    municipalities: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # [] = district
    indicator_codes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    jaarplan_year: int | None = None
    priority: str = Field(default="middel", max_length=10)  # hoog / middel / laag
    votes: int = 0
    author: str = Field(max_length=120)
    version: int = 1
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    withdrawn_at: datetime | None = None  # withdrawn by the note-taker: kept, in the history, in no report/jaarplan
    withdrawn_by: str | None = Field(default=None, max_length=120)


class EditHistory(SQLModel, table=True):
    """Every saved version of a note or action: who, when, what."""

    __tablename__ = "edit_history"

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=10)  # note / action
    entity_id: int = Field(index=True)
    version: int
    author: str = Field(max_length=120)
    saved_at: datetime = Field(default_factory=utc_now)
    snapshot: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class JaarplanDecision(SQLModel, table=True):
    """What a municipality did with a proposed action in its jaarplan veiligheid."""

    __tablename__ = "jaarplan_decision"
    __table_args__ = (UniqueConstraint("action_id", "municipality_code", name="uq_jaarplan_action_municipality"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    municipality_code: str = Field(max_length=20, index=True)
    decision: str = Field(default="open", max_length=20)  # open / overgenomen / aangepast / niet_overgenomen
    reason: str = ""
    plan_reference: str = Field(default="", max_length=200)
    progress: str = Field(default="niet gestart", max_length=20)  # niet gestart / loopt / afgerond
    year: int | None = None
    updated_by: str = Field(default="", max_length=120)
    updated_at: datetime = Field(default_factory=utc_now)
