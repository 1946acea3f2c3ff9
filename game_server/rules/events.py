"""Events: the facts a command produced, and how each one changes a room.

An event is a JSON-shaped dict with a ``type``; these dicts are what the store keeps, so
a room is rebuilt by folding its events with ``evolve``. ``evolve`` trusts its input:
every check happened in ``decide`` before the event was made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, cast

from .model import (
    ActionPoint,
    Board,
    Card,
    Options,
    Pile,
    Player,
    Position,
    PostIt,
    Room,
    Round,
    Spot,
    Timer,
)

Event = dict[str, Any]


def _card_from(data: dict[str, Any]) -> Card:
    return Card(
        id=data["id"],
        kind=data["kind"],
        text=dict(data["text"]),
        title=dict(data["title"]) if data.get("title") else None,
        minutes=data.get("minutes"),
        deck_id=data.get("deck_id"),
        author_id=data.get("author_id"),
        prompt=dict(data["prompt"]) if data.get("prompt") else None,
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
    return Room(
        code=event["code"],
        title=event["title"],
        created_at=event["at"],
        secret=event["secret"],
        options=Options(**event["options"]),
        board=Board(id=board["id"], kind=board["kind"], size=board["size"], spec=board["spec"]),
        cards={c.id: c for c in cards},
        agenda=tuple(c.id for c in cards),
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
    return replace(room, spot=to, trail=trail, started=started)


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
    position: Position = dict(e["position"])
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
    return replace(room, post_its=_without(room.post_its, e["post_it_id"]))


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


EVOLVE: dict[str, Callable[[Room, Event], Room]] = {
    "player_joined": _player_joined,
    "player_rejoined": _player_flag(active=True),
    "player_left": _player_flag(active=False),
    "player_removed": _player_flag(active=False, removed=True),
    "facilitation_handed_over": _facilitation_handed_over,
    "facilitation_taken_back": _facilitation_taken_back,
    "moved": _moved,
    "reader_chosen": _reader_chosen,
    "card_skipped": _card_skipped,
    "card_unskipped": _card_unskipped,
    "case_card_added": _case_card_added,
    "case_written": _case_written,
    "cards_reordered": _cards_reordered,
    "pawn_placed": _pawn_placed,
    "placements_revealed": _placements_revealed,
    "post_it_added": _post_it_added,
    "post_it_edited": _post_it_edited,
    "post_it_deleted": _post_it_deleted,
    "authors_forgotten": _authors_forgotten,
    "post_its_locked": _post_its_locked,
    "post_it_resolved": _post_it_resolved,
    "timer_started": _timer_started,
    "timer_extended": _timer_extended,
    "timer_stopped": _timer_stopped,
    "pile_set": _pile_set,
    "piles_suggested": _piles_suggested,
    "action_point_added": _action_point_added,
    "action_point_edited": _action_point_edited,
    "action_point_deleted": _action_point_deleted,
}


def evolve(room: Room, event: Event) -> Room:
    """The room after ``event``."""
    return EVOLVE[event["type"]](room, event)


def fold(events: Iterable[Event], room: Room | None = None) -> Room:
    """Rebuild a room from its events (the first is ``room_created`` unless ``room`` is given)."""
    for event in events:
        room = room_from_created(event) if room is None else evolve(room, event)
    if room is None:
        raise ValueError("no events to fold")
    return room
