"""Import a JSON export as a NEW room, to rerun or continue a session.

The new room gets a new code, a new secret and so new tokens; everything else (title,
options, board, cards, players, placements, post-its, piles, action points, where the game
stood) is rebuilt as the events that produce it, stored as the room's first entry. So
export -> import -> export gives the same content (``record.content_of``).

Imported players have not entered the new room yet: they are present in the record but
not active (they take part again by entering with the personal token the import prints),
so nobody waits for them before placements are revealed. Post-its that were anonymous stay
anonymous: the record has no author for them, so the new room has none either.

The file may have been edited by hand, so it is validated like any client input: the same
text rules and limits as the commands (``rules.commands``), the board against the content
schema, and every reference (card, player, post-it) checked before anything is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ..content import Board as BoardSpec
from ..rules import Room, fold, open_room
from ..rules.clusters import ClusterName
from ..rules.commands import Id, Name, PostItText, RoomPlan, RoomTitle, ShortText
from ..rules.events import make
from ..rules.model import (
    CARD_STEPS,
    MAX_CARDS_IN_ROOM,
    MAX_PLAYERS,
    Board,
    Card,
    Options,
    Phase,
)
from ..rules.text import TYPED_TEXT
from ..rules.voting import MAX_DOTS
from ..stores.base import Entry, RoomExists, RoomStore
from .record import FORMAT_VERSION

READS = tuple(range(1, FORMAT_VERSION + 1))
"""Every format version this server has written: 1 had no clusters, votes or items; 2 no
table labels nor consensus (a workshop's plenary room)."""
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_POST_ITS = 10_000
MAX_ACTION_POINTS = 1_000

# The text rule of the commands (rules/text.py), so a file edited by hand cannot bring in
# what a player could not type.
CardText = Annotated[str, Field(max_length=600), TYPED_TEXT]
Time = Annotated[int, Field(ge=0, le=10**14)]
Coordinate = Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)]


class InvalidExport(ValueError):
    """The file is not a valid export; the message says what is wrong and where."""


class _Model(BaseModel):
    # Derived fields (figures, summary, names, deck names) are ignored: they are computed
    # again from the imported state, never trusted from the file.
    # Strict: a number is a JSON number (never "3" or true), as on the wire.
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)


class ExportedText(_Model):
    nl: CardText
    en: CardText


class Placed(_Model):
    player_id: Id
    position: dict[str, Any]


class Placements(_Model):
    first: Annotated[list[Placed], Field(max_length=MAX_PLAYERS)] = []
    second: Annotated[list[Placed], Field(max_length=MAX_PLAYERS)] = []


class ExportedPlayer(_Model):
    id: Id
    name: Name
    seat: Annotated[int, Field(ge=0, le=10_000)]
    colour: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
    joined_at: Time
    removed: bool = False


class ExportedCard(_Model):
    id: Id
    kind: Literal["statement", "scenario", "case"]
    deck_id: Id | None = None
    title: ExportedText | None = None
    text: ExportedText
    prompt: ExportedText | None = None
    minutes: Annotated[int, Field(ge=1, le=60)] | None = None
    author_id: Id | None = None
    started: bool = False
    skipped: bool = False
    reader_id: Id | None = None
    revealed: list[Literal["first", "second"]] = []
    placements: Placements = Placements()
    pile: Literal["red", "green"] | None = None


class ExportedPostIt(_Model):
    id: Id
    card_id: Id
    colour: Literal["green", "pink"]
    text: PostItText
    author_id: Id | None = None
    created_at: Time
    edited_at: Time | None = None
    pile: Literal["red", "green"] | None = None
    resolved: bool = False
    table_id: Id | None = None
    table_name: Name | None = None
    author_name: Name | None = None
    pile_card: bool = False


Figure = Annotated[float, Field(ge=-10_000, le=10_000, allow_inf_nan=False)]


class ExportedPoint(_Model):
    x: Coordinate
    y: Coordinate


class ExportedRound(_Model):
    """One round's figures of a table (the consensus picture): kept as the file has them,
    as the placements they come from are at the tables, not in the plenary room."""

    count: Annotated[int, Field(ge=0, le=MAX_PLAYERS * 100)]
    distribution: dict[Annotated[str, Field(max_length=4)], Annotated[int, Field(ge=0)]] | None = (
        None
    )
    mean: Figure | ExportedPoint | None = None
    spread: Figure | None = None
    consensus: Literal["consensus", "mixed", "discussion"] | None = None


class ExportedRounds(_Model):
    first: ExportedRound | None = None
    second: ExportedRound | None = None


class ExportedConsensusTable(_Model):
    id: Id
    name: Name


class ExportedConsensusCard(_Model):
    card_id: Id
    tables: Annotated[dict[Id, ExportedRounds], Field(max_length=MAX_PLAYERS)]
    together: ExportedRounds
    between: Figure | None = None
    verdict: Literal["agree", "differ", "single"]


class ExportedConsensus(_Model):
    tables: Annotated[list[ExportedConsensusTable], Field(max_length=MAX_PLAYERS)]
    cards: Annotated[list[ExportedConsensusCard], Field(max_length=MAX_CARDS_IN_ROOM)]


class ExportedActionPoint(_Model):
    id: Id
    what: ShortText
    who: ShortText
    first_step: ShortText
    evaluate_when: ShortText
    card_id: Id | None = None
    item: Literal["card", "post_it", "cluster"] | None = None
    item_id: Id | None = None
    created_at: Time
    edited_at: Time | None = None


class ExportedCluster(_Model):
    id: Id
    name: ClusterName
    post_it_ids: Annotated[list[Id], Field(min_length=2, max_length=MAX_POST_ITS)]
    created_at: Time


class ExportedDot(_Model):
    item: Literal["card", "post_it", "cluster"]
    id: Id
    dots: Annotated[int, Field(ge=1, le=MAX_DOTS)]


class ExportedVoting(_Model):
    dots: Annotated[int, Field(ge=1, le=MAX_DOTS)]
    several_per_item: bool
    revealed: bool
    ballots: Annotated[list[list[ExportedDot]], Field(max_length=MAX_PLAYERS)] = []


class Source(_Model):
    code: Annotated[str, Field(max_length=12)]
    created_at: Time
    exported_at: Time | None = None


class ExportedBoard(_Model):
    id: Id
    kind: Literal["scale", "quadrant"]
    size: Annotated[int, Field(ge=0, le=10)]
    spec: dict[str, Any]


class ImportedRecord(_Model):
    format_version: Literal[1, 2, 3]
    room: Source
    title: RoomTitle
    options: Options
    board: ExportedBoard
    phase: Phase
    current_card_id: Id | None = None
    post_its_locked: bool = False
    players: Annotated[list[ExportedPlayer], Field(max_length=MAX_PLAYERS)]
    cards: Annotated[list[ExportedCard], Field(min_length=1, max_length=MAX_CARDS_IN_ROOM)]
    post_its: Annotated[list[ExportedPostIt], Field(max_length=MAX_POST_ITS)]
    action_points: Annotated[list[ExportedActionPoint], Field(max_length=MAX_ACTION_POINTS)]
    clusters: Annotated[list[ExportedCluster], Field(max_length=MAX_POST_ITS)] = []
    voting: ExportedVoting | None = None
    consensus: ExportedConsensus | None = None
    plan: RoomPlan | None = None
    """Checked as ``create_room`` checks it (strict: as the file's JSON has it)."""


_BOARD_SPEC: TypeAdapter[Any] = TypeAdapter(BoardSpec)
_STRICT = ConfigDict(strict=True)
_SCALE = TypeAdapter(dict[str, Annotated[int, Field(ge=1, le=10)]], config=_STRICT)
_QUADRANT = TypeAdapter(dict[str, Coordinate], config=_STRICT)


def _unique(kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise InvalidExport(f"{kind} id {item!r} occurs twice")
        seen.add(item)


def _position(board: ExportedBoard, placed: Placed) -> dict[str, Any]:
    try:
        if board.kind == "scale":
            position: dict[str, Any] = dict(_SCALE.validate_python(placed.position))
            if set(position) != {"square"} or position["square"] > board.size:
                raise InvalidExport(f"position {placed.position!r} is not on the board")
            return position
        position = dict(_QUADRANT.validate_python(placed.position))
        if set(position) != {"x", "y"}:
            raise InvalidExport(f"position {placed.position!r} is not on the board")
        return position
    except ValidationError as exc:
        raise InvalidExport(f"position {placed.position!r} is not on the board") from exc


def parse_record(data: Any) -> ImportedRecord:
    """Validate an export (parsed JSON); raises InvalidExport naming the first problem."""
    if not isinstance(data, dict):
        raise InvalidExport("the file does not hold a game record (expected a JSON object)")
    version = data.get("format_version")
    if version not in READS:
        raise InvalidExport(
            f"format_version {version!r} is not supported (this server reads "
            f"{', '.join(map(str, READS))})"
        )
    try:
        record = ImportedRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidExport(f"{where}: {first['msg']} ({exc.error_count()} problem(s))") from exc
    _check(record)
    return record


def _check(record: ImportedRecord) -> None:
    try:
        spec = _BOARD_SPEC.validate_python(record.board.spec)
    except ValidationError as exc:
        raise InvalidExport(f"board.spec is not a valid board: {exc.errors()[0]['msg']}") from exc
    if spec.kind != record.board.kind or spec.id != record.board.id:
        raise InvalidExport("board.spec does not match the board's id and kind")
    if spec.kind == "scale" and len(spec.squares) != record.board.size:
        raise InvalidExport("board.size does not match the number of squares")
    _unique("player", [p.id for p in record.players])
    _unique("card", [c.id for c in record.cards])
    _unique("post-it", [p.id for p in record.post_its])
    _unique("action point", [a.id for a in record.action_points])
    players = {p.id for p in record.players}
    cards = {c.id: c for c in record.cards}
    for card in record.cards:
        for player_id in (card.author_id, card.reader_id):
            if player_id is not None and player_id not in players:
                raise InvalidExport(f"card {card.id!r} names unknown player {player_id!r}")
        for placed in [*card.placements.first, *card.placements.second]:
            if placed.player_id not in players:
                raise InvalidExport(f"card {card.id!r}: placement of unknown player")
            _position(record.board, placed)
        if (card.skipped or card.placements.first or card.placements.second) and not card.started:
            raise InvalidExport(f"card {card.id!r} has placements or is skipped but never started")
    for post_it in record.post_its:
        gathered = post_it.table_id is not None  # from a table: its card was played there
        if post_it.card_id not in cards or not (gathered or cards[post_it.card_id].started):
            raise InvalidExport(f"post-it {post_it.id!r} is on a card that was not played")
        if not gathered and (post_it.table_name or post_it.author_name or post_it.pile_card):
            raise InvalidExport(f"post-it {post_it.id!r} has a table's label but no table")
        if post_it.author_id is not None and post_it.author_id not in players:
            raise InvalidExport(f"post-it {post_it.id!r} names an unknown author")
        if post_it.resolved and post_it.colour != "pink" and not post_it.pile_card:
            raise InvalidExport(f"post-it {post_it.id!r}: only pink post-its can be resolved")
    _check_plenary(record)
    _check_consensus(record)
    for point in record.action_points:
        if point.card_id is not None and point.card_id not in cards:
            raise InvalidExport(f"action point {point.id!r} names an unknown card")
        if (point.item is None) != (point.item_id is None):
            raise InvalidExport(f"action point {point.id!r}: give item and item_id, or neither")
        known = {
            "card": set(cards),
            "post_it": {p.id for p in record.post_its},
            "cluster": {c.id for c in record.clusters},
        }
        if point.item is not None and point.item_id not in known[point.item]:
            raise InvalidExport(f"action point {point.id!r} names an unknown {point.item}")
    in_card = record.phase in CARD_STEPS
    if in_card != (record.current_card_id is not None):
        raise InvalidExport("phase and current_card_id do not fit together")
    if record.current_card_id is not None and not cards[record.current_card_id].started:
        raise InvalidExport("the current card was never started")


def _check_plenary(record: ImportedRecord) -> None:
    """Clusters hold known post-its, each in one cluster; a ballot spends at most its dots
    (one per item unless several are allowed)."""
    _unique("cluster", [c.id for c in record.clusters])
    post_its = {p.id for p in record.post_its}
    clustered: list[str] = []
    for cluster in record.clusters:
        if not set(cluster.post_it_ids) <= post_its:
            raise InvalidExport(f"cluster {cluster.id!r} holds an unknown post-it")
        clustered.extend(cluster.post_it_ids)
    _unique("clustered post-it", clustered)
    voting = record.voting
    if voting is None:
        return
    for ballot in voting.ballots:
        if sum(d.dots for d in ballot) > voting.dots:
            raise InvalidExport("a ballot holds more dots than the vote gives")
        if not voting.several_per_item and any(d.dots > 1 for d in ballot):
            raise InvalidExport("a ballot puts several dots on one item in a one-dot vote")
        _unique("voted item", [f"{d.item}:{d.id}" for d in ballot])


def created_room_phase(created: dict[str, Any]) -> str:
    return "summary" if created.get("plenary") is not None else "lobby"


def _check_consensus(record: ImportedRecord) -> None:
    """The picture names the record's cards and its own tables."""
    picture = record.consensus
    if picture is None:
        return
    _unique("consensus table", [t.id for t in picture.tables])
    tables = {t.id for t in picture.tables}
    cards = {c.id for c in record.cards}
    for entry in picture.cards:
        if entry.card_id not in cards:
            raise InvalidExport(f"consensus names unknown card {entry.card_id!r}")
        if not set(entry.tables) <= tables:
            raise InvalidExport(f"consensus of card {entry.card_id!r} names an unknown table")


def _gathered(record: ImportedRecord) -> dict[str, Any] | None:
    """A plenary room's ``room_created`` snapshot (``rules/workshop/plenary.py``): the
    items gathered from the tables, as they stand now, and the consensus picture."""
    items = [
        {
            "id": p.id,
            "card_id": p.card_id,
            "colour": p.colour,
            "text": p.text,
            "created_at": p.created_at,
            "pile": p.pile,
            "resolved": p.resolved,
            "table_id": p.table_id,
            "table_name": p.table_name,
            "author_name": p.author_name,
            "pile_card": p.pile_card,
        }
        for p in record.post_its
        if p.table_id is not None
    ]
    if not items and record.consensus is None:
        return None
    consensus = record.consensus.model_dump(exclude_none=False) if record.consensus else None
    return {"items": items, "consensus": _figures_as_written(consensus)}


def _figures_as_written(value: Any) -> Any:
    """The picture as the server writes it: a round without a scale's distribution has
    no ``distribution`` key (pydantic adds it as None)."""
    if isinstance(value, dict):
        return {
            k: _figures_as_written(v)
            for k, v in value.items()
            if not (k == "distribution" and v is None)
        }
    if isinstance(value, list):
        return [_figures_as_written(v) for v in value]
    return value


def _text(value: ExportedText | None) -> dict[str, str] | None:
    return {"nl": value.nl, "en": value.en} if value is not None else None


def import_events(
    record: ImportedRecord,
    *,
    code: str,
    secret: str,
    now: int,
    workshop: str | None = None,
    table_name: str | None = None,
) -> list[dict[str, Any]]:
    """The events that rebuild ``record`` as a new room with ``code`` and ``secret``.

    Made as the rules make them: ``room_created`` by ``open_room``, every other event by
    the event table's ``make`` (which refuses a field the table does not name); the
    caller folds them through ``evolve`` before anything is stored.
    """
    board = record.board
    created, _ = open_room(
        code=code,
        title=record.title,
        secret=secret,
        options=record.options,
        board=Board(id=board.id, kind=board.kind, size=board.size, spec=board.spec),
        cards=[
            Card(
                id=c.id,
                kind=c.kind,
                text=_text(c.text) or {},
                title=_text(c.title),
                minutes=c.minutes,
                deck_id=c.deck_id,
                author_id=c.author_id,
                prompt=_text(c.prompt),
            )
            for c in record.cards
        ],
        now=now,
        workshop=workshop,
        table_name=table_name,
        plenary=_gathered(record),
        plan=record.plan.model_dump(mode="json") if record.plan else None,
    )
    source = record.room
    imported_from = {
        "code": source.code,
        "created_at": source.created_at,
        "exported_at": source.exported_at,
    }
    events: list[dict[str, Any]] = [{**created, "imported_from": imported_from}]
    for player in sorted(record.players, key=lambda p: p.seat):
        events.append(
            make(
                "player_joined",
                player_id=player.id,
                name=player.name,
                seat=player.seat,
                colour=player.colour,
                at=player.joined_at,
            )
        )
        events.append(
            make("player_removed" if player.removed else "player_left", player_id=player.id)
        )

    def moved(phase: str, card_id: str | None) -> dict[str, Any]:
        return make("moved", phase=phase, card_id=card_id, direction="forward", at=now)

    # A plenary room opens on its plenary step (``room_from_created``).
    spot: tuple[str, str | None] = (created_room_phase(created), None)
    for card in record.cards:
        if card.started:
            events.append(moved("read", card.id))
            spot = ("read", card.id)
        if card.skipped:
            events.append(make("card_skipped", card_id=card.id))
        if card.reader_id is not None:
            events.append(make("reader_chosen", card_id=card.id, player_id=card.reader_id))
    if (record.phase, record.current_card_id) != spot:
        events.append(moved(record.phase, record.current_card_id))
    for card in record.cards:
        for round_, placed in (
            ("first", card.placements.first),
            ("second", card.placements.second),
        ):
            for p in placed:
                events.append(
                    make(
                        "pawn_placed",
                        card_id=card.id,
                        round=round_,
                        player_id=p.player_id,
                        position=_position(board, p),
                    )
                )
        for round_ in card.revealed:
            events.append(make("placements_revealed", card_id=card.id, round=round_))
        if card.pile is not None:
            events.append(make("pile_set", item="card", id=card.id, pile=card.pile))
    for post_it in record.post_its:
        # Gathered from a table (a plenary room): added by the snapshot in room_created,
        # with its pile and resolution; only an edit made in the plenary is its own event.
        gathered = post_it.table_id is not None
        if not gathered:
            events.append(
                make(
                    "post_it_added",
                    post_it_id=post_it.id,
                    card_id=post_it.card_id,
                    colour=post_it.colour,
                    text=post_it.text,
                    author_id=post_it.author_id,
                    at=post_it.created_at,
                )
            )
        if post_it.edited_at is not None:
            events.append(
                make(
                    "post_it_edited",
                    post_it_id=post_it.id,
                    text=post_it.text,
                    colour=post_it.colour,
                    at=post_it.edited_at,
                )
            )
        if gathered:
            continue
        if post_it.resolved:
            events.append(make("post_it_resolved", post_it_id=post_it.id, resolved=True))
        if post_it.pile is not None:
            events.append(make("pile_set", item="post_it", id=post_it.id, pile=post_it.pile))
    if record.post_its_locked:
        events.append(make("post_its_locked", locked=True))
    for point in record.action_points:
        texts = {
            "what": point.what,
            "who": point.who,
            "first_step": point.first_step,
            "evaluate_when": point.evaluate_when,
        }
        events.append(
            make(
                "action_point_added",
                action_point_id=point.id,
                **texts,
                card_id=point.card_id,
                item=point.item,
                item_id=point.item_id,
                at=point.created_at,
            )
        )
        if point.edited_at is not None:
            events.append(
                make("action_point_edited", action_point_id=point.id, **texts, at=point.edited_at)
            )
    return events + _plenary_events(record)


def _plenary_events(record: ImportedRecord) -> list[dict[str, Any]]:
    """Clusters, then the vote. A ballot's voter is not in the record (votes never name
    one): each ballot is placed by a voter id of its own, ``voter-1``, ... ."""
    events = [
        make(
            "items_merged",
            cluster_id=c.id,
            name=c.name,
            post_it_ids=list(c.post_it_ids),
            at=c.created_at,
        )
        for c in record.clusters
    ]
    voting = record.voting
    if voting is not None:
        events.append(
            make("voting_opened", dots=voting.dots, several_per_item=voting.several_per_item)
        )
        for n, ballot in enumerate(voting.ballots, start=1):
            for dot in ballot:
                placed = {"player_id": f"voter-{n}", "item": dot.item, "id": dot.id}
                events.extend(make("dot_placed", **placed) for _ in range(dot.dots))
        if voting.revealed:
            events.append(make("votes_revealed"))
    return events


@dataclass(frozen=True, slots=True)
class Imported:
    code: str
    room: Room


async def import_record(
    store: RoomStore,
    data: Any,
    *,
    now: Callable[[], int],
    new_code: Callable[[], str],
    new_secret: Callable[[], str],
    new_id: Callable[[], str],
) -> Imported:
    """Validate ``data`` and store it as a new room; raises InvalidExport or a StoreError."""
    record = parse_record(data)
    secret = new_secret()
    while True:
        code = new_code()
        at = now()
        events = import_events(record, code=code, secret=secret, now=at)
        try:
            room = fold(events)
        except (KeyError, ValueError, TypeError) as exc:  # _check should have caught it
            raise InvalidExport(f"the record is inconsistent: {exc!r}") from exc
        entry = Entry(
            version=1,
            command_key=f"import:{new_id()}",
            events=events,
            at=at,
            result={"code": code},
        )
        try:
            await store.create(code, entry)
        except RoomExists:
            continue
        return Imported(code=code, room=room)
