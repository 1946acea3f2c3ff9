"""Events: the facts a command produced, and how each one changes a room.

An event is a JSON-shaped dict with a ``type``; these dicts are what the store keeps, so
a room is rebuilt by folding its events with ``evolve``. ``evolve`` trusts its input:
every check happened in ``decide`` before the event was made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, cast

from . import shared
from .model import (
    ANONYMOUS_VOTER,
    ActionPoint,
    Board,
    Card,
    Cluster,
    ItemKey,
    Message,
    Options,
    Pile,
    Player,
    PostIt,
    Room,
    Round,
    Spot,
    Timer,
    Voting,
)

Event = dict[str, Any]


def _card_from(data: dict[str, Any]) -> Card:
    return shared.card(
        Card(
            id=data["id"],
            kind=data["kind"],
            text=dict(data["text"]),
            title=dict(data["title"]) if data.get("title") else None,
            minutes=data.get("minutes"),
            deck_id=data.get("deck_id"),
            author_id=data.get("author_id"),
            prompt=dict(data["prompt"]) if data.get("prompt") else None,
        )
    )


def card_data(card: Card) -> dict[str, Any]:
    """The JSON shape of a card, as carried by ``room_created`` and ``case_card_added``
    (``prompt`` only once a deck's case card is written, i.e. in an imported room)."""
    data = {
        "id": card.id,
        "kind": card.kind,
        "text": dict(card.text),
        "title": dict(card.title) if card.title else None,
        "minutes": card.minutes,
        "deck_id": card.deck_id,
        "author_id": card.author_id,
    }
    if card.prompt:
        data["prompt"] = dict(card.prompt)
    return data


def room_from_created(event: Event) -> Room:
    """The room as it is right after its ``room_created`` event."""
    board = event["board"]
    cards = [_card_from(c) for c in event["cards"]]
    room = Room(
        code=event["code"],
        title=event["title"],
        created_at=event["at"],
        secret=event["secret"],
        options=Options(**event["options"]),
        board=shared.board(
            Board(id=board["id"], kind=board["kind"], size=board["size"], spec=board["spec"])
        ),
        cards={c.id: c for c in cards},
        agenda=tuple(c.id for c in cards),
        workshop=event.get("workshop"),
        table_name=event.get("table_name"),
        spot_since=event["at"],
        plan=event.get("plan"),
    )
    plenary = event.get("plenary")
    if plenary is None:
        return room
    # A workshop's plenary room opens on its plenary step with every table's items.
    post_its = [plenary_post_it(item) for item in plenary["items"]]
    return replace(
        room,
        spot=Spot("summary"),
        started_at=event["at"],
        post_its={p.id: p for p in post_its},
        consensus=plenary["consensus"],
    )


def plenary_post_it(item: dict[str, Any]) -> PostIt:
    """One gathered item of a plenary room's ``room_created`` (``workshop/plenary.py``)."""
    return PostIt(
        id=item["id"],
        card_id=item["card_id"],
        colour=item["colour"],
        text=item["text"],
        author_id=None,
        created_at=item["created_at"],
        pile=item["pile"],
        resolved=item["resolved"],
        table_id=item["table_id"],
        table_name=item["table_name"],
        author_name=item["author_name"],
        pile_card=item["pile_card"],
    )


def _with(mapping: Any, key: Any, value: Any) -> dict[Any, Any]:
    return {**mapping, key: value}


def _without(mapping: Any, key: Any) -> dict[Any, Any]:
    return {k: v for k, v in mapping.items() if k != key}


def _player_joined(room: Room, e: Event) -> Room:
    player = Player(
        id=e["player_id"], name=e["name"], seat=e["seat"], colour=e["colour"], joined_at=e["at"]
    )
    return replace(room, players=_with(room.players, player.id, player))


def _player_flag(active: bool, removed: bool = False) -> Callable[[Room, Event], Room]:
    def apply(room: Room, e: Event) -> Room:
        player = replace(room.players[e["player_id"]], active=active, removed=removed)
        return replace(room, players=_with(room.players, player.id, player))

    return apply


def _player_seated(room: Room, e: Event) -> Room:
    """A workshop participant takes a chair here: new, or back after a move or a leave."""
    known = room.players.get(e["player_id"])
    if known is None:
        return _player_joined(room, e)
    player = replace(known, active=True, removed=False, moved_to=None)
    return replace(room, players=_with(room.players, player.id, player))


def _player_moved(room: Room, e: Event) -> Room:
    player = replace(
        room.players[e["player_id"]], active=False, removed=True, moved_to=e["moved_to"]
    )
    return replace(room, players=_with(room.players, player.id, player))


def _message_shown(room: Room, e: Event) -> Room:
    return replace(room, message=Message(id=e["message_id"], text=e["text"], at=e["at"]))


def _help_asked(room: Room, e: Event) -> Room:
    return replace(room, help_asked_at=e["at"])


def _help_cleared(room: Room, e: Event) -> Room:
    return replace(room, help_asked_at=None)


def _facilitation_handed_over(room: Room, e: Event) -> Room:
    return replace(
        room,
        facilitator_player_id=e["player_id"],
        facilitator_generation=room.facilitator_generation + 1,
    )


def _facilitation_taken_back(room: Room, e: Event) -> Room:
    return replace(room, facilitator_player_id=None)


def _moved(room: Room, e: Event) -> Room:
    to = Spot(e["phase"], e["card_id"])
    if e["direction"] == "back":
        trail = room.trail[:-1]
    else:
        trail = (*room.trail, room.spot)
    started = room.started | {to.card_id} if to.card_id is not None else room.started
    since = e.get("at", room.spot_since)  # moves stored before it was kept carry no time
    started_at = room.started_at
    if started_at is None and room.phase == "lobby" and to.phase != "lobby":
        started_at = e.get("at")  # the game's first step out of the lobby
    return replace(
        room, spot=to, trail=trail, started=started, spot_since=since, started_at=started_at
    )


def _reader_chosen(room: Room, e: Event) -> Room:
    return replace(room, readers=_with(room.readers, e["card_id"], e["player_id"]))


def _card_skipped(room: Room, e: Event) -> Room:
    return replace(room, skipped=room.skipped | {e["card_id"]})


def _card_unskipped(room: Room, e: Event) -> Room:
    return replace(room, skipped=room.skipped - {e["card_id"]})


def _case_card_added(room: Room, e: Event) -> Room:
    card = _card_from(e["card"])
    agenda = list(room.agenda)
    after = e["after"]
    agenda.insert(agenda.index(after) + 1 if after is not None else len(agenda), card.id)
    return replace(room, cards=_with(room.cards, card.id, card), agenda=tuple(agenda))


def _card_removed(room: Room, e: Event) -> Room:
    card_id = e["card_id"]
    agenda = tuple(c for c in room.agenda if c != card_id)
    return replace(room, cards=_without(room.cards, card_id), agenda=agenda)


def _case_written(room: Room, e: Event) -> Room:
    card = room.cards[e["card_id"]]
    written = replace(
        card,
        prompt=dict(card.text),
        text={"nl": e["text"], "en": e["text"]},
        title={"nl": e["title"], "en": e["title"]} if e.get("title") else card.title,
        author_id=e["author_id"],
    )
    return replace(room, cards=_with(room.cards, card.id, written))


def _cards_reordered(room: Room, e: Event) -> Room:
    return replace(room, agenda=tuple(e["agenda"]))


def _pawn_placed(room: Room, e: Event) -> Room:
    key: tuple[str, Round] = (e["card_id"], e["round"])
    position = shared.position(e["position"])
    placed = _with(room.placements_of(*key), e["player_id"], position)
    return replace(room, placements=_with(room.placements, key, placed))


def _placements_revealed(room: Room, e: Event) -> Room:
    return replace(room, revealed=room.revealed | {(e["card_id"], e["round"])})


def _post_it_added(room: Room, e: Event) -> Room:
    post_it = PostIt(
        id=e["post_it_id"],
        card_id=e["card_id"],
        colour=e["colour"],
        text=e["text"],
        author_id=e["author_id"],
        created_at=e["at"],
    )
    return replace(room, post_its=_with(room.post_its, post_it.id, post_it))


def _post_it_edited(room: Room, e: Event) -> Room:
    post_it = replace(
        room.post_its[e["post_it_id"]], text=e["text"], colour=e["colour"], edited_at=e["at"]
    )
    return replace(room, post_its=_with(room.post_its, post_it.id, post_it))


def _post_it_deleted(room: Room, e: Event) -> Room:
    room = _out_of_clusters(room, {e["post_it_id"]})
    return replace(room, post_its=_without(room.post_its, e["post_it_id"]))


def _out_of_clusters(room: Room, post_it_ids: set[str], keep: str | None = None) -> Room:
    """The room with ``post_it_ids`` taken out of every cluster but ``keep``; a cluster
    left with fewer than two post-its is dissolved (a cluster of one is just a post-it)."""
    clusters: dict[str, Cluster] = {}
    for c in room.clusters.values():
        members = (
            c.post_it_ids
            if c.id == keep
            else tuple(p for p in c.post_it_ids if p not in post_it_ids)
        )
        if len(members) >= 2:
            clusters[c.id] = replace(c, post_it_ids=members)
    return replace(room, clusters=clusters)


def _items_merged(room: Room, e: Event) -> Room:
    joining = tuple(e["post_it_ids"])
    room = _out_of_clusters(room, set(joining), keep=e["cluster_id"])
    old = room.clusters.get(e["cluster_id"])
    cluster = (
        replace(old, name=e["name"], post_it_ids=old.post_it_ids + joining)
        if old is not None
        else Cluster(id=e["cluster_id"], name=e["name"], post_it_ids=joining, created_at=e["at"])
    )
    return replace(room, clusters=_with(room.clusters, cluster.id, cluster))


def _cluster_renamed(room: Room, e: Event) -> Room:
    cluster = replace(room.clusters[e["cluster_id"]], name=e["name"])
    return replace(room, clusters=_with(room.clusters, cluster.id, cluster))


def _cluster_split(room: Room, e: Event) -> Room:
    return _out_of_clusters(room, set(e["post_it_ids"]))


def _voting_opened(room: Room, e: Event) -> Room:
    return replace(room, voting=Voting(dots=e["dots"], several_per_item=e["several_per_item"]))


def _dot_moved(step: int) -> Callable[[Room, Event], Room]:
    def apply(room: Room, e: Event) -> Room:
        voting = cast(Voting, room.voting)
        key: ItemKey = (e["item"], e["id"])
        ballot = dict(voting.ballots.get(e["player_id"], {}))
        ballot[key] = ballot.get(key, 0) + step
        if ballot[key] <= 0:
            del ballot[key]
        # An emptied ballot stays (as {}): its voter is still told about later changes.
        ballots = _with(voting.ballots, e["player_id"], ballot)
        return replace(room, voting=replace(voting, ballots=ballots))

    return apply


def _votes_revealed(room: Room, e: Event) -> Room:
    return replace(room, voting=replace(cast(Voting, room.voting), revealed=True))


def _voting_cancelled(room: Room, e: Event) -> Room:
    return replace(room, voting=None)


def _ballots_forgotten(room: Room, e: Event) -> Room:
    # Relabelled by their content alone, so the room is the same whether the history named
    # the voters or was rewritten not to (room/anonymity.py); empty ballots go, as the
    # views and exports count only ballots holding dots.
    voting = cast(Voting, room.voting)
    kept = sorted(
        (sorted(ballot.items()) for ballot in voting.ballots.values() if ballot), key=repr
    )
    ballots = {f"{ANONYMOUS_VOTER}{n}": dict(b) for n, b in enumerate(kept, start=1)}
    return replace(room, voting=replace(voting, ballots=ballots, sealed=True))


def _authors_forgotten(room: Room, e: Event) -> Room:
    post_its = dict(room.post_its)
    for post_it_id in e["post_it_ids"]:
        post_its[post_it_id] = replace(post_its[post_it_id], author_id=None)
    return replace(room, post_its=post_its)


def _post_its_locked(room: Room, e: Event) -> Room:
    return replace(room, post_its_locked=e["locked"])


def _post_it_resolved(room: Room, e: Event) -> Room:
    post_it = replace(room.post_its[e["post_it_id"]], resolved=e["resolved"])
    return replace(room, post_its=_with(room.post_its, post_it.id, post_it))


def _timer_started(room: Room, e: Event) -> Room:
    return replace(room, timer=Timer(started_at=e["started_at"], seconds=e["seconds"]))


def _timer_extended(room: Room, e: Event) -> Room:
    timer = cast(Timer, room.timer)
    return replace(room, timer=replace(timer, seconds=timer.seconds + e["seconds"]))


def _timer_stopped(room: Room, e: Event) -> Room:
    return replace(room, timer=None)


def _set_pile(room: Room, item: str, item_id: str, pile: Pile | None) -> Room:
    if item == "card":
        piles = (
            _with(room.card_piles, item_id, pile) if pile else _without(room.card_piles, item_id)
        )
        return replace(room, card_piles=piles)
    post_it = replace(room.post_its[item_id], pile=pile)
    return replace(room, post_its=_with(room.post_its, item_id, post_it))


def _pile_set(room: Room, e: Event) -> Room:
    return _set_pile(room, e["item"], e["id"], e["pile"])


def _piles_suggested(room: Room, e: Event) -> Room:
    for card_id, pile in e["cards"].items():
        room = _set_pile(room, "card", card_id, pile)
    for post_it_id, pile in e["post_its"].items():
        room = _set_pile(room, "post_it", post_it_id, pile)
    return room


def _action_point_added(room: Room, e: Event) -> Room:
    point = ActionPoint(
        id=e["action_point_id"],
        what=e["what"],
        who=e["who"],
        first_step=e["first_step"],
        evaluate_when=e["evaluate_when"],
        card_id=e["card_id"],
        created_at=e["at"],
        # Stored before the plenary linked action points to its items: no item.
        item=e.get("item"),
        item_id=e.get("item_id"),
    )
    return replace(room, action_points=_with(room.action_points, point.id, point))


def _action_point_edited(room: Room, e: Event) -> Room:
    point = replace(
        room.action_points[e["action_point_id"]],
        what=e["what"],
        who=e["who"],
        first_step=e["first_step"],
        evaluate_when=e["evaluate_when"],
        edited_at=e["at"],
    )
    return replace(room, action_points=_with(room.action_points, point.id, point))


def _action_point_deleted(room: Room, e: Event) -> Room:
    return replace(room, action_points=_without(room.action_points, e["action_point_id"]))


Path = tuple[str, ...]
"""A place in a view (``views.view``): a top-level key, or a section, an entry and deeper keys."""


@dataclass(frozen=True, slots=True)
class EventType:
    """One kind of event: the fields it carries, how it changes the room, and which parts
    of a view it can change (``views.updates`` re-reads exactly those)."""

    fields: tuple[str, ...]
    evolve: Callable[[Room, Event], Room]
    touches: Callable[[Event], list[Path]]
    derived: tuple[str, ...] = ()
    """Top-level view fields computed from the room (``views._SCALARS``: the summary, who
    still has to place, ...) that this event can change."""


def _player(e: Event) -> list[Path]:
    return [("players", e["player_id"])]


def _card(e: Event) -> list[Path]:
    return [("cards", e["card_id"])]


def _post_it(e: Event) -> list[Path]:
    return [("post_its", e["post_it_id"])]


def _action_point(e: Event) -> list[Path]:
    return [("action_points", e["action_point_id"])]


def _timer(e: Event) -> list[Path]:
    return [("timer",)]


def _clusters(e: Event) -> list[Path]:
    # The whole section: a merge or split can dissolve other clusters too.
    return [("clusters",)]


def _voting(e: Event) -> list[Path]:
    # ``my_dots`` differs per player: views.concerned sends it to every voter.
    return [("voting",), ("my_dots",)]


def _moved_touches(e: Event) -> list[Path]:
    paths: list[Path] = [
        ("phase",),
        ("current_card_id",),
        ("can_go_back",),
        ("spot_since",),
        ("started_at",),
    ]
    if e["phase"] == "read" and e["card_id"] is not None:
        paths.append(("cards", e["card_id"]))  # entering a card marks it started
    return paths


def _case_card_added_touches(e: Event) -> list[Path]:
    card_id = e["card"]["id"]
    return [("cards", card_id), ("placements", card_id), ("figures", card_id), ("agenda",)]


def _pawn_placed_touches(e: Event) -> list[Path]:
    c, r = e["card_id"], e["round"]
    return [("placements", c, r, "positions", e["player_id"]), ("figures", c)]


def _piles_suggested_touches(e: Event) -> list[Path]:
    return [("cards", c) for c in e["cards"]] + [("post_its", p) for p in e["post_its"]]


_ACTION_POINT_TEXTS = ("what", "who", "first_step", "evaluate_when")

EVENTS: dict[str, EventType] = {
    "player_joined": EventType(
        ("player_id", "name", "seat", "colour", "at"),
        _player_joined,
        _player,
        derived=("still_to_place",),
    ),
    "player_rejoined": EventType(
        ("player_id",), _player_flag(active=True), _player, derived=("still_to_place",)
    ),
    "player_left": EventType(
        ("player_id",), _player_flag(active=False), _player, derived=("still_to_place",)
    ),
    "player_removed": EventType(
        ("player_id",),
        _player_flag(active=False, removed=True),
        _player,
        derived=("still_to_place",),
    ),
    "player_seated": EventType(
        ("player_id", "name", "seat", "colour", "at"),
        _player_seated,
        _player,
        derived=("still_to_place",),
    ),
    "player_moved": EventType(
        ("player_id", "moved_to"), _player_moved, _player, derived=("still_to_place",)
    ),
    "message_shown": EventType(
        ("message_id", "text", "at"), _message_shown, lambda e: [("message",)]
    ),
    "help_asked": EventType(("at",), _help_asked, lambda e: [("help_asked_at",)]),
    "help_cleared": EventType((), _help_cleared, lambda e: [("help_asked_at",)]),
    "facilitation_handed_over": EventType(
        ("player_id",), _facilitation_handed_over, lambda e: [("facilitator_player_id",)]
    ),
    "facilitation_taken_back": EventType(
        ("player_id",), _facilitation_taken_back, lambda e: [("facilitator_player_id",)]
    ),
    "moved": EventType(
        ("phase", "card_id", "direction", "at"),
        _moved,
        _moved_touches,
        derived=(
            "remaining_cards",
            "next_card_id",
            "still_to_place",
            "played_cards",
            "summary",
            "plenary",
        ),
    ),
    "reader_chosen": EventType(("card_id", "player_id"), _reader_chosen, _card),
    "card_skipped": EventType(
        ("card_id",),
        _card_skipped,
        _card,
        derived=("next_card_id", "played_cards", "summary", "plenary"),
    ),
    "card_unskipped": EventType(
        ("card_id",),
        _card_unskipped,
        _card,
        derived=("next_card_id", "played_cards", "summary", "plenary"),
    ),
    "case_card_added": EventType(
        ("card", "after"),
        _case_card_added,
        _case_card_added_touches,
        derived=("remaining_cards", "next_card_id", "played_cards", "summary", "plenary"),
    ),
    "card_added": EventType(
        ("card", "after"),
        _case_card_added,  # the same fact: a card joins the agenda after ``after``
        _case_card_added_touches,
        derived=("remaining_cards", "next_card_id", "played_cards", "summary"),
    ),
    "card_removed": EventType(
        ("card_id",),
        _card_removed,
        lambda e: [
            ("cards", e["card_id"]),
            ("placements", e["card_id"]),
            ("figures", e["card_id"]),
            ("agenda",),
        ],
        derived=("remaining_cards", "next_card_id", "played_cards", "summary"),
    ),
    "case_written": EventType(("card_id", "text", "title", "author_id"), _case_written, _card),
    "cards_reordered": EventType(
        ("agenda",),
        _cards_reordered,
        lambda e: [("agenda",)],
        derived=("remaining_cards", "next_card_id", "played_cards", "summary", "plenary"),
    ),
    "pawn_placed": EventType(
        ("card_id", "round", "player_id", "position"),
        _pawn_placed,
        _pawn_placed_touches,
        derived=("still_to_place",),
    ),
    "placements_revealed": EventType(
        ("card_id", "round"),
        _placements_revealed,
        lambda e: [("placements", e["card_id"], e["round"]), ("figures", e["card_id"])],
    ),
    "post_it_added": EventType(
        ("post_it_id", "card_id", "colour", "text", "author_id", "at"),
        _post_it_added,
        _post_it,
        derived=("summary", "plenary"),
    ),
    "post_it_edited": EventType(
        ("post_it_id", "text", "colour", "at"),
        _post_it_edited,
        _post_it,
        derived=("summary", "plenary"),
    ),
    "post_it_deleted": EventType(
        ("post_it_id",),
        _post_it_deleted,
        lambda e: [("post_its", e["post_it_id"]), ("clusters",)],
        derived=("summary", "plenary"),
    ),
    "authors_forgotten": EventType(
        ("post_it_ids",),
        _authors_forgotten,
        lambda e: [("post_its", post_it_id) for post_it_id in e["post_it_ids"]],
    ),
    "post_its_locked": EventType(
        ("locked",),
        _post_its_locked,
        lambda e: [("post_its_locked",), ("post_its",)],  # every post-it's can_edit
    ),
    "post_it_resolved": EventType(
        ("post_it_id", "resolved"), _post_it_resolved, _post_it, derived=("summary", "plenary")
    ),
    "timer_started": EventType(("started_at", "seconds"), _timer_started, _timer),
    "timer_extended": EventType(("seconds",), _timer_extended, _timer),
    "timer_stopped": EventType((), _timer_stopped, _timer),
    "pile_set": EventType(
        ("item", "id", "pile"),
        _pile_set,
        lambda e: [("cards" if e["item"] == "card" else "post_its", e["id"])],
        derived=("summary", "plenary"),
    ),
    "piles_suggested": EventType(
        ("cards", "post_its"),
        _piles_suggested,
        _piles_suggested_touches,
        derived=("summary", "plenary"),
    ),
    "items_merged": EventType(
        ("cluster_id", "name", "post_it_ids", "at"),
        _items_merged,
        _clusters,
        derived=("plenary",),
    ),
    "cluster_renamed": EventType(("cluster_id", "name"), _cluster_renamed, _clusters),
    "cluster_split": EventType(
        ("cluster_id", "post_it_ids"), _cluster_split, _clusters, derived=("plenary",)
    ),
    "voting_opened": EventType(
        ("dots", "several_per_item"), _voting_opened, _voting, derived=("plenary",)
    ),
    "dot_placed": EventType(("player_id", "item", "id"), _dot_moved(+1), _voting),
    "dot_removed": EventType(("player_id", "item", "id"), _dot_moved(-1), _voting),
    "ballots_forgotten": EventType((), _ballots_forgotten, _voting),
    "votes_revealed": EventType((), _votes_revealed, _voting, derived=("plenary",)),
    "voting_cancelled": EventType((), _voting_cancelled, _voting, derived=("plenary",)),
    "action_point_added": EventType(
        ("action_point_id", *_ACTION_POINT_TEXTS, "card_id", "item", "item_id", "at"),
        _action_point_added,
        _action_point,
        derived=("summary", "plenary"),
    ),
    "action_point_edited": EventType(
        ("action_point_id", *_ACTION_POINT_TEXTS, "at"), _action_point_edited, _action_point
    ),
    "action_point_deleted": EventType(
        ("action_point_id",), _action_point_deleted, _action_point, derived=("summary", "plenary")
    ),
}
"""Every event a command can cause, one entry each (``room_created`` opens a room and is
folded by ``room_from_created``)."""


def make(type_: str, **fields: Any) -> Event:
    """An event of ``type_`` with exactly the fields its table entry names.

    The importer builds its events with this; ``decide`` checks every event a rule makes
    with ``check``, so a handler and the table cannot drift apart.
    """
    return check({"type": type_, **fields})


def check(event: Event) -> Event:
    """``event`` itself, or ValueError when it is not what its table entry says."""
    kind = EVENTS.get(event.get("type", ""))
    if kind is None:
        raise ValueError(f"unknown event type {event.get('type')!r}")
    given = set(event) - {"type"}
    if given != set(kind.fields):
        raise ValueError(f"event {event['type']!r} has fields {sorted(given)}, not {kind.fields}")
    return event


def evolve(room: Room, event: Event) -> Room:
    """The room after ``event``."""
    return EVENTS[event["type"]].evolve(room, event)


def fold(events: Iterable[Event], room: Room | None = None) -> Room:
    """Rebuild a room from its events (the first is ``room_created`` unless ``room`` is given)."""
    for event in events:
        room = room_from_created(event) if room is None else evolve(room, event)
    if room is None:
        raise ValueError("no events to fold")
    return room
