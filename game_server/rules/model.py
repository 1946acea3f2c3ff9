"""The state of one room: plain, immutable data.

Every field is a frozen dataclass (``Options``: a frozen pydantic model), a tuple, a
frozenset or a dict that is never mutated after construction (changes build a new dict),
so a state can be shared between the authority, the views and the tests without copies,
and a refused command cannot have changed anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Phase = Literal["lobby", "read", "place", "discuss", "revise", "sort", "summary", "closed"]
CARD_STEPS: tuple[Phase, ...] = ("read", "place", "discuss", "revise")
Round = Literal["first", "second"]
ROUNDS: tuple[Round, ...] = ("first", "second")
Colour = Literal["green", "pink"]
Pile = Literal["red", "green"]
BoardKind = Literal["scale", "quadrant"]
CardKind = Literal["statement", "scenario", "case"]
Language = Literal["nl", "en"]

Text = Mapping[str, str]
"""A text in one or more languages: ``{"nl": ..., "en": ...}``."""

Position = Mapping[str, Any]
"""Where a pawn stands: ``{"square": 3}`` on a scale, ``{"x": 0.4, "y": -0.2}`` on a quadrant."""

MAX_PLAYERS = 100
MAX_CARDS = 60
"""The most cards a room opens with (``create_room``)."""
MAX_CARDS_IN_ROOM = 200
"""The most cards an imported room may hold: its deck plus the case cards written in play."""
MAX_POST_IT_LENGTH = 280
MAX_NAME_LENGTH = 40

PLAYER_COLOURS: tuple[str, ...] = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#393b79",
    "#ad494a",
)
"""Pawn colours by seat; pawns also carry the player's initials, so colour is never the only cue."""


class Options(BaseModel):
    """How a room plays, chosen when it is created (``create_room``'s ``options``).

    The one definition for the wire, the state and the export: a frozen pydantic model,
    so the schema that validates ``create_room`` is the value the room keeps.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    hidden_placements: bool = True
    anonymous_post_its: bool = False
    minutes_per_card: Annotated[int, Field(ge=1, le=60)] | None = None
    language: Language = "nl"


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Board:
    """The board as played: ``size`` squares for a scale; ``spec`` is the full content file."""

    id: str
    kind: BoardKind
    size: int
    spec: Mapping[str, Any]


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Card:
    id: str
    kind: CardKind
    text: Text
    title: Text | None = None
    minutes: int | None = None
    deck_id: str | None = None
    author_id: str | None = None
    """For a case card: the player who wrote it (they read it aloud)."""
    prompt: Text | None = None
    """For a case card from a deck, once its case is written: the deck's prompt that led
    to it (``text`` is then the case)."""

    @property
    def to_write(self) -> bool:
        """A blank case card from a deck: its text is a prompt for a case, not a statement.
        Its reader writes the case (``write_case``) before the card is played."""
        return self.kind == "case" and self.deck_id is not None and self.prompt is None


@dataclass(frozen=True, slots=True)
class Player:
    id: str
    name: str
    seat: int
    colour: str
    joined_at: int
    active: bool = True
    removed: bool = False
    moved_to: str | None = None
    """At a workshop's table: the table (id) this player was moved to (``unseat``); their
    post-its and pawns stay here under their name."""


@dataclass(frozen=True, slots=True)
class PostIt:
    id: str
    card_id: str
    colour: Colour
    text: str
    author_id: str | None
    """None once forgotten: an anonymous room's authors are dropped when the game ends."""
    created_at: int
    edited_at: int | None = None
    pile: Pile | None = None
    resolved: bool = False
    table_id: str | None = None
    """In a workshop's plenary room: the table it was gathered from (None: written here)."""
    table_name: str | None = None
    author_name: str | None = None
    """In a plenary room: its author's name at that table, or None when that table's
    post-its were anonymous (the plenary's own ``author_id`` is always None)."""
    pile_card: bool = False
    """In a plenary room: a table's card on that table's pile, carried as an item (its
    ``text`` is the card's text), not a post-it anyone wrote."""


ItemKind = Literal["card", "post_it", "cluster"]
"""What a plenary item is: a sorted card, a post-it, or a cluster of post-its."""

Verdict = Literal["agree", "differ", "single"]
"""A statement across a workshop's tables (``workshop/consensus.py``): their means lie
close together, far apart, or only one table played it."""

ItemKey = tuple[ItemKind, str]
"""A plenary item: its kind and its id (ids of different kinds may look alike)."""


@dataclass(frozen=True, slots=True)
class ActionPoint:
    id: str
    what: str
    who: str
    first_step: str
    evaluate_when: str
    created_at: int
    card_id: str | None = None
    edited_at: int | None = None
    item: ItemKind | None = None
    """The plenary item the action point was made from (``plenary``), if any."""
    item_id: str | None = None


@dataclass(frozen=True, slots=True)
class Cluster:
    """Post-its the facilitator merged because they say the same thing in other words."""

    id: str
    name: str
    post_it_ids: tuple[str, ...]
    """The members, in the order they joined: the first decides the cluster's heading."""
    created_at: int


ANONYMOUS_VOTER = "anonymous:"
"""How a ballot's key starts once its voter is forgotten: it names no player."""


@dataclass(frozen=True, slots=True)
class Voting:
    """A round of dot voting on the items to develop (``voting.py``)."""

    dots: int
    """Dots per participant."""
    several_per_item: bool
    """Whether a participant may put more than one of their dots on one item."""
    revealed: bool = False
    """Dots are hidden from everyone until the facilitator reveals them; then it is over."""
    ballots: Mapping[str, Mapping[ItemKey, int]] = field(default_factory=dict)
    """player id -> item -> dots placed there. Never shown to anyone but the voter. Once the
    game has ended the keys name nobody (``ballots_forgotten``): ``"anonymous:<n>"``."""
    sealed: bool = False
    """The voters were forgotten (the game ended): nobody can place or take back a dot in
    this round any more, as nobody's own dots are known; it can still be revealed."""

    def totals(self) -> dict[ItemKey, int]:
        counts: dict[ItemKey, int] = {}
        for ballot in self.ballots.values():
            for key, dots in ballot.items():
                counts[key] = counts.get(key, 0) + dots
        return counts

    def spent(self, player_id: str) -> int:
        return sum(self.ballots.get(player_id, {}).values())


@dataclass(frozen=True, slots=True)
class Timer:
    started_at: int
    seconds: int

    def ends_at(self) -> int:
        return self.started_at + self.seconds * 1000


@dataclass(frozen=True, slots=True)
class Message:
    """A workshop's broadcast as a table shows it (``show_message``)."""

    id: str
    text: str
    at: int


@dataclass(frozen=True, slots=True)
class Spot:
    """A point in the game's flow: a phase and, during a card's steps, that card."""

    phase: Phase
    card_id: str | None = None


@dataclass(frozen=True, slots=True)
class Room:
    code: str
    title: str
    created_at: int
    secret: str
    """Key for the room's tokens (see access.py). Never in a view or an export."""
    options: Options
    board: Board
    cards: Mapping[str, Card]
    agenda: tuple[str, ...]
    """Card ids in playing order."""
    spot: Spot = Spot("lobby")
    trail: tuple[Spot, ...] = ()
    """Earlier spots, most recent last: what ``back_step`` returns to."""
    started: frozenset[str] = frozenset()
    skipped: frozenset[str] = frozenset()
    readers: Mapping[str, str] = field(default_factory=dict)
    """card id -> id of the player who reads it aloud."""
    players: Mapping[str, Player] = field(default_factory=dict)
    placements: Mapping[tuple[str, Round], Mapping[str, Position]] = field(default_factory=dict)
    revealed: frozenset[tuple[str, Round]] = frozenset()
    post_its: Mapping[str, PostIt] = field(default_factory=dict)
    post_its_locked: bool = False
    card_piles: Mapping[str, Pile] = field(default_factory=dict)
    timer: Timer | None = None
    action_points: Mapping[str, ActionPoint] = field(default_factory=dict)
    clusters: Mapping[str, Cluster] = field(default_factory=dict)
    voting: Voting | None = None
    facilitator_player_id: str | None = None
    """None: the host holding the facilitator token steers. Else that player steers."""
    facilitator_generation: int = 0
    """Raised on every hand-over, which invalidates every earlier facilitator token."""
    workshop: str | None = None
    """The code of the workshop this room is a table of (``room_created``); None for a
    room on its own, and for every room stored before workshops."""
    table_name: str | None = None
    spot_since: int = 0
    started_at: int | None = None
    """When the game first left the lobby (ms); None before, and for rooms stored before
    moves carried their time. The session's actual time counts from here."""
    """When the current spot began (ms; 0 for a room stored before it was kept)."""
    message: Message | None = None
    """The workshop's latest broadcast shown at this table."""
    help_asked_at: int | None = None
    """When this table asked the workshop's facilitator for help (``ask_help``)."""
    plan: Mapping[str, Any] | None = None
    """The session plan the room was opened from (``create_room``'s ``plan``, plain data
    from ``room_created``): its name, opening and closing steps; None without one."""
    consensus: Mapping[str, Any] | None = None
    """A workshop's plenary room: the picture across its tables, plain data from its
    ``room_created`` event (``rules/workshop/consensus.py``); None in every other room."""

    @property
    def phase(self) -> Phase:
        return self.spot.phase

    @property
    def current_card_id(self) -> str | None:
        return self.spot.card_id

    def active_players(self) -> list[Player]:
        """Players taking part now, in seat order."""
        return sorted(
            (p for p in self.players.values() if p.active and not p.removed),
            key=lambda p: p.seat,
        )

    def placements_of(self, card_id: str, round_: Round) -> Mapping[str, Position]:
        return self.placements.get((card_id, round_), {})

    def is_hidden(self, card_id: str, round_: Round) -> bool:
        return self.options.hidden_placements and (card_id, round_) not in self.revealed

    def played_cards(self) -> list[str]:
        """Cards that were started and not skipped, in agenda order: the ones summarised."""
        return [c for c in self.agenda if c in self.started and c not in self.skipped]
