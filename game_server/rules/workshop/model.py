"""The state of one workshop: a room of rooms. Plain, immutable data like ``rules.model``.

A workshop holds what its tables share (board, cards, options), who takes part and at
which table each sits, and how the tables are steered. Each table is an ordinary room
with its own line (``Table.code``); what happens at a table is that room's, never the
workshop's. The workshop's facilitator reaches the tables through the server, which
carries the workshop's decisions to them (``carry.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..model import MAX_PLAYERS, Board, Card, Options

Seating = Literal["choose", "spread", "assign"]
Steering = Literal["tables", "facilitator"]
WorkshopPhase = Literal["lobby", "playing", "plenary", "closed"]
OrderKind = Literal["step", "timer", "sort", "clear_help"]

PLENARY_ID = "plenary"
"""The plenary room's id among the workshop's tables (its secret and tokens derive from
it as a table's do, ``tokens.py``)."""
PLENARY_NAME = {"nl": "Plenair", "en": "Plenary"}
MIN_TABLES = 2
MAX_COUNT_TABLES = 30
MAX_TABLES = 60
"""Tables made as people arrive (size mode) stop here."""
MAX_TABLE_SIZE = 12
MAX_PARTICIPANTS = 600
MESSAGES_KEPT = 5
ORDERS_KEPT = 16
"""Orders (step, timer, sort) remembered so that one not yet carried to every table can
be carried again when the workshop is loaded; far more than arrive between two loads."""


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    name: str
    code: str
    """The table's own room code."""


@dataclass(frozen=True, slots=True)
class Participant:
    id: str
    """Also their player id at every table they sit at."""
    name: str
    table_id: str | None
    joined_at: int
    removed: bool = False


@dataclass(frozen=True, slots=True)
class Message:
    id: str
    text: str
    at: int


@dataclass(frozen=True, slots=True)
class Order:
    """A one-time order to every table (or one, ``table_id``): carried as a table command
    whose id is made from ``id``, so carrying it again is answered, not redone."""

    id: str
    kind: OrderKind
    at: int
    seconds: int | None = None
    table_id: str | None = None


@dataclass(frozen=True, slots=True)
class TablesMode:
    """``count``: that many tables from the start; else tables of ``min``..``max`` made as
    people arrive."""

    count: int | None = None
    min: int | None = None
    max: int | None = None

    @property
    def by_size(self) -> bool:
        return self.count is None

    def as_dict(self) -> dict[str, object]:
        if self.count is not None:
            return {"count": self.count}
        return {"size": {"min": self.min, "max": self.max}}


@dataclass(frozen=True, slots=True)
class Workshop:
    code: str
    title: str
    created_at: int
    secret: str
    """Key for the workshop's tokens and, derived, its tables' secrets (``tokens.py``)."""
    options: Options
    board: Board
    cards: Mapping[str, Card]
    agenda: tuple[str, ...]
    tables_mode: TablesMode
    seating: Seating
    steering: Steering
    tables: Mapping[str, Table] = field(default_factory=dict)
    """In table order ("t1", "t2", ...)."""
    participants: Mapping[str, Participant] = field(default_factory=dict)
    """In joining order."""
    phase: WorkshopPhase = "lobby"
    shown_table: str | None = None
    messages: tuple[Message, ...] = ()
    orders: tuple[Order, ...] = ()
    taken_over: frozenset[str] = frozenset()
    """Tables the facilitator steers although the tables steer themselves."""
    plenary: Table | None = None
    """The plenary across the tables (``open_plenary``): a room of its own (id
    ``"plenary"``), opened from what every table gathered at that moment."""

    def present(self) -> list[Participant]:
        return [p for p in self.participants.values() if not p.removed]

    def seated_at(self, table_id: str) -> list[Participant]:
        return [p for p in self.present() if p.table_id == table_id]

    def in_plenary(self) -> list[Participant]:
        """Who sits in the plenary room: everyone present, up to a room's most players
        (``MAX_PLAYERS``), in joining order; the rest follow it on the projector."""
        return self.present()[:MAX_PLAYERS]

    def steered_by_facilitator(self, table_id: str) -> bool:
        return self.steering == "facilitator" or table_id in self.taken_over
