"""The shape of a view, declared once: what ``views.view`` builds, key by key.

These are TypedDicts, so ``views.py`` keeps building plain dicts (a view is built for every
viewer after every command, where a model per section would cost time) while mypy checks
the section functions against them. ``schema.protocol_schema`` puts their JSON Schema
beside the commands', and ``scripts/protocol_types.py`` turns it into the browser client's
view types (``protocol.generated.ts``), so Python and TypeScript name one shape.

Strict: every TypedDict forbids keys it does not declare and does not coerce types;
``view_adapter`` validates a view against it (``tests/unit/rules/test_view_types.py`` and
the property tests check every view they build).
"""

from __future__ import annotations

from typing import NotRequired

from pydantic import ConfigDict, TypeAdapter, with_config
from typing_extensions import TypeAliasType, TypedDict

from . import access, figures, model

_STRICT = ConfigDict(extra="forbid", strict=True, use_attribute_docstrings=True)

# The game's words for its small sets of values: named, so the TypeScript names them too.
Phase = TypeAliasType("Phase", model.Phase)
Round = TypeAliasType("Round", model.Round)
Colour = TypeAliasType("Colour", model.Colour)
Pile = TypeAliasType("Pile", model.Pile)
BoardKind = TypeAliasType("BoardKind", model.BoardKind)
CardKind = TypeAliasType("CardKind", model.CardKind)
Language = TypeAliasType("Language", model.Language)
Role = TypeAliasType("Role", access.Role)
Consensus = TypeAliasType("Consensus", figures.Consensus)
ItemKind = TypeAliasType("ItemKind", model.ItemKind)
Verdict = TypeAliasType("Verdict", model.Verdict)


@with_config(_STRICT)
class Text(TypedDict, total=False):
    """A text in one or more languages."""

    nl: str
    en: str


@with_config(_STRICT)
class ScalePosition(TypedDict):
    square: int


@with_config(_STRICT)
class QuadrantPosition(TypedDict):
    x: float
    y: float


@with_config(_STRICT)
class Me(TypedDict):
    """Who this view is for."""

    role: Role
    player_id: str | None


@with_config(_STRICT)
class ViewOptions(TypedDict):
    """The room's ``Options`` as a view carries them: every field present (the command
    side's ``Options`` has defaults, so its fields are optional there)."""

    hidden_placements: bool
    anonymous_post_its: bool
    minutes_per_card: int | None
    language: Language


@with_config(_STRICT)
class AxisLabels(TypedDict):
    low: Text
    high: Text


@with_config(_STRICT)
class PlacementLabels(TypedDict):
    """What the first and the second placement mean on this board."""

    first: Text
    second: Text


@with_config(_STRICT)
class BoardSpec(TypedDict):
    """A board's content file (``content/models.py``: a scale has ``squares``, a quadrant
    ``x_axis`` and ``y_axis``)."""

    id: str
    kind: BoardKind
    name: Text
    squares: NotRequired[list[Text]]
    x_axis: NotRequired[AxisLabels]
    y_axis: NotRequired[AxisLabels]
    placements: PlacementLabels


@with_config(_STRICT)
class Board(TypedDict):
    id: str
    kind: BoardKind
    size: int
    spec: BoardSpec


@with_config(_STRICT)
class Card(TypedDict):
    id: str
    kind: CardKind
    text: Text
    title: Text | None
    minutes: int | None
    deck_id: str | None
    author_id: str | None
    prompt: Text | None
    """For a deck's case card once its case is written: the deck's prompt that led to it."""
    to_write: bool
    """A deck's blank case card whose case is not written yet: ``text`` is a prompt."""
    started: bool
    skipped: bool
    reader_id: str | None
    pile: Pile | None


@with_config(_STRICT)
class Player(TypedDict):
    id: str
    name: str
    seat: int
    colour: str
    active: bool
    removed: bool
    moved_to: str | None
    """At a workshop's table: the table id this player was moved to."""


@with_config(_STRICT)
class Message(TypedDict):
    """A workshop's broadcast as a table shows it."""

    id: str
    text: str
    at: int


@with_config(_STRICT)
class PostIt(TypedDict):
    """A post-it as one viewer sees it. ``suggested_pile``: the pile it goes on when
    sorting starts, green for green, red for pink."""

    id: str
    card_id: str
    colour: Colour
    text: str
    author_id: str | None
    mine: bool
    created_at: int
    edited_at: int | None
    pile: Pile | None
    resolved: bool
    can_edit: bool
    """This viewer may edit and delete it now (the facilitator always; its author until
    the post-its are locked)."""
    suggested_pile: Pile
    table_id: str | None
    """In a workshop's plenary room: the table it was gathered from; else null."""
    table_name: str | None
    author_name: str | None
    """In a plenary room: its author's name at that table, null when that table's post-its
    were anonymous; null in every other room."""
    pile_card: bool
    """In a plenary room: a table's card on that table's pile (``text`` is the card's
    text), not a post-it; false in every other room."""


@with_config(_STRICT)
class ActionPoint(TypedDict):
    id: str
    what: str
    who: str
    first_step: str
    evaluate_when: str
    card_id: str | None
    item: ItemKind | None
    """The plenary item it was made from, if any."""
    item_id: str | None
    created_at: int
    edited_at: int | None


@with_config(_STRICT)
class RoundPlacements(TypedDict):
    hidden: bool
    positions: dict[str, ScalePosition | QuadrantPosition | None]
    """Player id -> position; null when placed but hidden from this viewer."""


@with_config(_STRICT)
class CardPlacements(TypedDict):
    first: RoundPlacements
    second: RoundPlacements


@with_config(_STRICT)
class RoundFigures(TypedDict):
    count: int
    distribution: NotRequired[dict[str, int]]
    """Scale boards only: square -> how many pawns."""
    mean: float | QuadrantPosition | None
    spread: float | None
    consensus: Consensus | None


@with_config(_STRICT)
class Shift(TypedDict):
    """One player's move from the first to the second placement on a quadrant."""

    dx: float
    dy: float
    length: float


@with_config(_STRICT)
class CardFigures(TypedDict):
    first: RoundFigures | None
    second: RoundFigures | None
    shift: float | None
    shifts: NotRequired[dict[str, Shift]]
    """Quadrant boards only: player id -> their move."""
    suggested_pile: Pile | None


@with_config(_STRICT)
class Timer(TypedDict):
    started_at: int
    seconds: int
    ends_at: int


@with_config(_STRICT)
class PileContents(TypedDict):
    cards: list[str]
    post_its: list[str]


@with_config(_STRICT)
class Summary(TypedDict):
    """The plenary summary as ids into the view (``figures.summary``)."""

    green_pile: PileContents
    red_pile: PileContents
    open_questions: list[str]
    action_points: list[str]


@with_config(_STRICT)
class ItemRef(TypedDict):
    """A plenary item: a card on a pile, a post-it, or a cluster (``rules/plenary.py``)."""

    item: ItemKind
    id: str


@with_config(_STRICT)
class DevelopItem(TypedDict):
    item: ItemKind
    id: str
    dots: int | None
    """Its total once the votes are revealed, else null (for everyone)."""


@with_config(_STRICT)
class Duplicate(TypedDict):
    """Two items whose texts are likely the same thing in other words."""

    a: ItemRef
    b: ItemRef
    score: float


@with_config(_STRICT)
class Plenary(TypedDict):
    """The seed's three headings over the sorted items; each item under one."""

    present: list[ItemRef]
    develop: list[DevelopItem]
    questions: list[ItemRef]
    duplicates: list[Duplicate]


@with_config(_STRICT)
class Voting(TypedDict):
    """A round of dot voting: its settings and progress, never whose dots are where."""

    dots: int
    several_per_item: bool
    revealed: bool
    dots_placed: int
    voters: int
    sealed: bool
    """The game was ended and reopened: its voters were forgotten, so no dot can be placed
    or taken back (``voting_closed``); it can still be revealed or cancelled."""


@with_config(_STRICT)
class MyDot(TypedDict):
    item: ItemKind
    id: str
    dots: int


@with_config(_STRICT)
class Cluster(TypedDict):
    """Post-its the facilitator merged into one named item."""

    id: str
    name: str
    post_it_ids: list[str]
    post_its: int
    tables: int
    """How many tables its post-its come from (a workshop's plenary room; else 0)."""
    created_at: int


@with_config(_STRICT)
class ConsensusTable(TypedDict):
    id: str
    name: str


@with_config(_STRICT)
class TableRounds(TypedDict):
    """A card's figures per round, over one table's placements or all tables' together."""

    first: RoundFigures | None
    second: RoundFigures | None


@with_config(_STRICT)
class ConsensusCard(TypedDict):
    """One statement across the tables that played it (``rules/workshop/consensus.py``)."""

    card_id: str
    tables: dict[str, TableRounds]
    """Table id -> its figures; only the tables that placed pawns on this card."""
    together: TableRounds
    between: float | None
    """How far apart the tables' means are (0..1, as ``spread``); null for one table."""
    verdict: Verdict


@with_config(_STRICT)
class TablesConsensus(TypedDict):
    """Where a workshop's tables agree and where they differ: figures only, never a pawn."""

    tables: list[ConsensusTable]
    cards: list[ConsensusCard]


@with_config(_STRICT)
class ViewPlanStep(TypedDict):
    """A step of the session plan before or after the cards."""

    title: Text
    minutes: int
    text: Text | None


@with_config(_STRICT)
class ViewPlan(TypedDict):
    """The session plan the room was opened from (``create_room``'s ``plan``)."""

    name: Text
    opening: list[ViewPlanStep]
    closing: list[ViewPlanStep]


@with_config(_STRICT)
class View(TypedDict):
    """The snapshot one viewer gets (``views.view``)."""

    code: str
    title: str
    created_at: int
    workshop: str | None
    """The code of the workshop this room is a table of; null for a room on its own."""
    table_name: str | None
    me: Me
    options: ViewOptions
    board: Board
    phase: Phase
    current_card_id: str | None
    can_go_back: bool
    agenda: list[str]
    post_its_locked: bool
    timer: Timer | None
    facilitator_player_id: str | None
    cards: dict[str, Card]
    players: dict[str, Player]
    post_its: dict[str, PostIt]
    action_points: dict[str, ActionPoint]
    placements: dict[str, CardPlacements]
    figures: dict[str, CardFigures | None]
    remaining_cards: list[str]
    """The cards after the current one: the ones ``reorder_cards`` may reorder."""
    next_card_id: str | None
    """Where ``next_step`` goes after this card's revise; null: to sorting."""
    still_to_place: list[str]
    """Active players without a pawn in the round being placed (place and revise only)."""
    played_cards: list[str]
    """Cards entered and not skipped, in agenda order: the ones sorted and summarised."""
    summary: Summary
    spot_since: int
    started_at: int | None
    """When the game first left the lobby (ms since the epoch); null before it started."""
    """When the current spot began (ms since the epoch; 0 for rooms stored before)."""
    message: Message | None
    """The workshop's latest broadcast shown at this table."""
    help_asked_at: int | None
    """When this table asked the workshop's facilitator for help."""
    plenary: Plenary
    voting: Voting | None
    my_dots: list[MyDot]
    """This viewer's own dots (nobody sees another's)."""
    clusters: dict[str, Cluster]
    consensus: TablesConsensus | None
    """A workshop's plenary room: the consensus picture across its tables; else null."""
    plan: ViewPlan | None
    """The session plan the room was opened from, for the facilitator (and the host);
    null for everyone else and in a room opened without a plan."""


view_adapter: TypeAdapter[View] = TypeAdapter(View)
"""Validates a view strictly: ``view_adapter.validate_python(snapshot)``."""
