"""What each role may see: the one place that decides visibility.

``view(room, viewer)`` is a full snapshot for one viewer. After a command, ``updates``
tells each viewer what changed as a list of operations on that snapshot:
``["set", path, value]`` or ``["del", path]``, where ``path`` is a list of keys. A client
folds them with ``apply_ops`` (mirrored in the web client), so clients never re-implement
the rules, and the property tests check that folding updates always equals a fresh view.

Visibility:
- hidden placements: until revealed, players and the projector see *that* someone placed
  (``null``), never *where*; a player always sees their own pawn; the figures of a hidden
  round are ``null`` for them. The facilitator sees everything.
- anonymous post-its: ``author_id`` is ``null`` for everyone, the facilitator too; only the
  author's own view says ``mine: true``. Post-it ids are random, so they leak nothing.
- dot votes: nobody sees another's dots, the facilitator neither: ``my_dots`` is the
  viewer's own, ``voting`` says only how many dots and voters so far, and the plenary's
  totals stay ``null`` until the facilitator reveals them. Never who voted for what.
- the room secret and tokens are never in a view.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from .access import Viewer
from .events import EVENTS, Event, Path
from .figures import card_figures, still_to_place, suggested_post_it_pile, summary
from .model import ROUNDS, Room, Round
from .plenary import plenary_view
from .steps import next_card, remaining_cards
from .view_types import (
    ActionPoint,
    Board,
    Card,
    CardFigures,
    CardPlacements,
    Cluster,
    MyDot,
    Player,
    PostIt,
    RoundPlacements,
    Text,
    Timer,
    View,
    ViewPlan,
    Voting,
)

Op = list[Any]
_MISSING = object()


def _sees_round(room: Room, viewer: Viewer, card_id: str, round_: Round) -> bool:
    return viewer.sees_all or not room.is_hidden(card_id, round_)


def _text(text: Mapping[str, str] | None) -> Text | None:
    return cast(Text, dict(text)) if text else None


def card_view(room: Room, card_id: str) -> Card:
    card = room.cards[card_id]
    return {
        "id": card.id,
        "kind": card.kind,
        "text": cast(Text, dict(card.text)),
        "title": _text(card.title),
        "minutes": card.minutes,
        "deck_id": card.deck_id,
        "author_id": card.author_id,
        "prompt": _text(card.prompt),
        "to_write": card.to_write,
        "started": card_id in room.started,
        "skipped": card_id in room.skipped,
        "reader_id": room.readers.get(card_id),
        "pile": room.card_piles.get(card_id),
    }


def player_view(room: Room, player_id: str) -> Player:
    p = room.players[player_id]
    return {
        "id": p.id,
        "name": p.name,
        "seat": p.seat,
        "colour": p.colour,
        "active": p.active,
        "removed": p.removed,
        "moved_to": p.moved_to,
    }


def post_it_view(room: Room, viewer: Viewer, post_it_id: str) -> PostIt:
    p = room.post_its[post_it_id]
    mine = viewer.player_id is not None and viewer.player_id == p.author_id
    # Who may edit or delete it, as post_its._editable decides (a screen only reads it).
    can_edit = viewer.sees_all or (mine and not room.post_its_locked)
    return {
        "id": p.id,
        "card_id": p.card_id,
        "colour": p.colour,
        "text": p.text,
        "author_id": None if room.options.anonymous_post_its else p.author_id,
        "mine": mine,
        "created_at": p.created_at,
        "edited_at": p.edited_at,
        "pile": p.pile,
        "resolved": p.resolved,
        "can_edit": can_edit,
        "suggested_pile": suggested_post_it_pile(p.colour),
        "table_id": p.table_id,
        "table_name": p.table_name,
        "author_name": p.author_name,
        "pile_card": p.pile_card,
    }


def action_point_view(room: Room, point_id: str) -> ActionPoint:
    a = room.action_points[point_id]
    return {
        "id": a.id,
        "what": a.what,
        "who": a.who,
        "first_step": a.first_step,
        "evaluate_when": a.evaluate_when,
        "card_id": a.card_id,
        "item": a.item,
        "item_id": a.item_id,
        "created_at": a.created_at,
        "edited_at": a.edited_at,
    }


def cluster_view(room: Room, cluster_id: str) -> Cluster:
    c = room.clusters[cluster_id]
    return {
        "id": c.id,
        "name": c.name,
        "post_it_ids": list(c.post_it_ids),
        "post_its": len(c.post_it_ids),
        "tables": len(
            {
                room.post_its[m].table_id
                for m in c.post_it_ids
                if m in room.post_its and room.post_its[m].table_id is not None
            }
        ),
        "created_at": c.created_at,
    }


def voting_view(room: Room) -> Voting | None:
    """The round's settings and progress; never whose dots are where."""
    v = room.voting
    if v is None:
        return None
    return {
        "dots": v.dots,
        "several_per_item": v.several_per_item,
        "revealed": v.revealed,
        "dots_placed": sum(v.totals().values()),
        "voters": sum(1 for ballot in v.ballots.values() if ballot),
        "sealed": v.sealed,
    }


def my_dots(room: Room, viewer: Viewer) -> list[MyDot]:
    """The viewer's own dots, item by item (empty for anyone without a ballot)."""
    v = room.voting
    if v is None or viewer.player_id is None:
        return []
    ballot = v.ballots.get(viewer.player_id, {})
    return [{"item": k[0], "id": k[1], "dots": n} for k, n in sorted(ballot.items())]


def _round_placements(room: Room, viewer: Viewer, card_id: str, round_: Round) -> RoundPlacements:
    placed = room.placements_of(card_id, round_)
    visible = _sees_round(room, viewer, card_id, round_)
    positions: dict[str, Any] = {
        pid: dict(pos) if visible or pid == viewer.player_id else None
        for pid, pos in placed.items()
    }
    return {"hidden": room.is_hidden(card_id, round_), "positions": positions}


def placements_view(room: Room, viewer: Viewer, card_id: str) -> CardPlacements:
    return {
        "first": _round_placements(room, viewer, card_id, "first"),
        "second": _round_placements(room, viewer, card_id, "second"),
    }


def figures_view(room: Room, viewer: Viewer, card_id: str) -> CardFigures | None:
    visible = tuple(r for r in ROUNDS if _sees_round(room, viewer, card_id, r))
    if not visible:
        return None
    figures = card_figures(room, card_id, visible)
    for round_ in ROUNDS:
        figures.setdefault(round_, None)
    return cast(CardFigures, figures)


def timer_view(room: Room) -> Timer | None:
    if room.timer is None:
        return None
    return {
        "started_at": room.timer.started_at,
        "seconds": room.timer.seconds,
        "ends_at": room.timer.ends_at(),
    }


def plan_view(room: Room) -> ViewPlan | None:
    return None if room.plan is None else cast(ViewPlan, copy.deepcopy(dict(room.plan)))


_SCALARS: dict[str, Callable[[Room], Any]] = {
    "phase": lambda room: room.phase,
    "current_card_id": lambda room: room.current_card_id,
    "can_go_back": lambda room: bool(room.trail),
    "agenda": lambda room: list(room.agenda),
    "post_its_locked": lambda room: room.post_its_locked,
    "timer": timer_view,
    "facilitator_player_id": lambda room: room.facilitator_player_id,
    "remaining_cards": lambda room: list(remaining_cards(room)),
    "next_card_id": next_card,
    "still_to_place": still_to_place,
    "played_cards": lambda room: room.played_cards(),
    "summary": summary,
    "plenary": plenary_view,
    "voting": voting_view,
    "spot_since": lambda room: room.spot_since,
    "started_at": lambda room: room.started_at,
    "message": lambda room: (
        None
        if room.message is None
        else {"id": room.message.id, "text": room.message.text, "at": room.message.at}
    ),
    "help_asked_at": lambda room: room.help_asked_at,
    # Set once when a plenary room opens and never changed by an event: no path touches it.
    "consensus": lambda room: None if room.consensus is None else copy.deepcopy(room.consensus),
}

_PERSONAL: dict[str, Callable[[Room, Viewer], Any]] = {"my_dots": my_dots}
"""Top-level fields that differ per viewer (``concerned`` says who gets their own)."""


def _section(room: Room, viewer: Viewer, name: str, key: str) -> Any:
    """One entry of a keyed section, or _MISSING when it no longer exists."""
    if name == "cards":
        return card_view(room, key) if key in room.cards else _MISSING
    if name == "players":
        return player_view(room, key) if key in room.players else _MISSING
    if name == "post_its":
        return post_it_view(room, viewer, key) if key in room.post_its else _MISSING
    if name == "action_points":
        return action_point_view(room, key) if key in room.action_points else _MISSING
    if name == "clusters":
        return cluster_view(room, key) if key in room.clusters else _MISSING
    # A card removed in the lobby (``remove_card``) takes its placements and figures along.
    if name == "placements":
        return placements_view(room, viewer, key) if key in room.cards else _MISSING
    if name == "figures":
        return figures_view(room, viewer, key) if key in room.cards else _MISSING
    raise KeyError(name)


def _keyed(room: Room) -> dict[str, Iterable[str]]:
    """The keyed sections of a view and their keys."""
    return {
        "cards": room.agenda,
        "players": sorted(room.players),
        "post_its": sorted(room.post_its),
        "action_points": sorted(room.action_points),
        "clusters": sorted(room.clusters),
        "placements": room.agenda,
        "figures": room.agenda,
    }


def _whole(room: Room, viewer: Viewer, name: str) -> dict[str, Any]:
    return {k: _section(room, viewer, name, k) for k in _keyed(room)[name]}


def _board(room: Room) -> Board:
    return {
        "id": room.board.id,
        "kind": room.board.kind,
        "size": room.board.size,
        "spec": cast(Any, copy.deepcopy(dict(room.board.spec))),
    }


def view(room: Room, viewer: Viewer) -> View:
    """Everything ``viewer`` may see of ``room``: the snapshot a client starts from.

    Its shape is ``view_types.View``; the scalars and keyed sections are filled from
    ``_SCALARS`` and ``_keyed`` (the tables ``updates`` re-reads), which mypy cannot check
    key by key, so the property tests validate every view against ``View``."""
    snapshot: dict[str, Any] = {
        "code": room.code,
        "title": room.title,
        "created_at": room.created_at,
        "workshop": room.workshop,
        "table_name": room.table_name,
        "me": {"role": viewer.role, "player_id": viewer.player_id},
        "options": {
            "hidden_placements": room.options.hidden_placements,
            "anonymous_post_its": room.options.anonymous_post_its,
            "minutes_per_card": room.options.minutes_per_card,
            "language": room.options.language,
        },
        "board": _board(room),
        # Set when the room opens and never changed by an event: no path touches it.
        "plan": plan_view(room) if viewer.role in ("facilitator", "host") else None,
    }
    for name, fn in _SCALARS.items():
        snapshot[name] = fn(room)
    for name, personal in _PERSONAL.items():
        snapshot[name] = personal(room, viewer)
    for name in _keyed(room):
        snapshot[name] = _whole(room, viewer, name)
    return cast(View, snapshot)


def _paths(event: Event) -> list[Path]:
    """The parts of a view that an event can change: its entry in the event table."""
    return EVENTS[event["type"]].touches(event)


def concerned(events: Iterable[Event], room: Room | None = None) -> set[str]:
    """Players whose own view of these events differs from other players' view.

    Pass ``room`` (the room after the events): any event that re-sends a whole post-it
    (edited, resolved, put on a pile, piles suggested) concerns its author, whose copy
    says ``mine: true``; only the room knows who that is.
    """
    players: set[str | None] = set()
    for event in events:
        if event["type"] == "pawn_placed":
            players.add(event["player_id"])
        elif event["type"] == "post_it_added":
            players.add(event["author_id"])
        elif ("my_dots",) in _paths(event):
            # Every voter's own dots, not only the one who moved: the players' common
            # update carries no ballot, which would blank theirs.
            players.add(event.get("player_id"))
            if room is not None and room.voting is not None:
                players.update(room.voting.ballots)
        elif room is not None:
            for path in _paths(event):
                if path == ("post_its",):
                    players.update(p.author_id for p in room.post_its.values())
                elif path[0] == "post_its" and path[1] in room.post_its:
                    players.add(room.post_its[path[1]].author_id)
    return {p for p in players if p is not None}


def _value_at(room: Room, viewer: Viewer, path: Path) -> Any:
    if len(path) == 1:
        if path[0] in _SCALARS:
            return _SCALARS[path[0]](room)
        if path[0] in _PERSONAL:
            return _PERSONAL[path[0]](room, viewer)
        return _whole(room, viewer, path[0])
    value = _section(room, viewer, path[0], path[1])
    for key in path[2:]:
        if value is _MISSING or not isinstance(value, dict) or key not in value:
            return _MISSING
        value = value[key]
    return value


def updates(room: Room, events: Iterable[Event], viewer: Viewer) -> list[Op]:
    """The operations that bring ``viewer``'s view up to ``room`` after ``events``."""
    seen: dict[Path, None] = {}
    for event in events:
        for path in _paths(event):
            seen.setdefault(path, None)
        for name in EVENTS[event["type"]].derived:
            seen.setdefault((name,), None)
    # A whole section replaces its own sub-paths: drop sub-paths of another path.
    paths = [p for p in seen if not any(len(q) < len(p) and p[: len(q)] == q for q in seen)]
    ops: list[Op] = []
    for path in paths:
        value = _value_at(room, viewer, path)
        if value is _MISSING:
            ops.append(["del", list(path)])
        else:
            ops.append(["set", list(path), value])
    return ops


def apply_ops(snapshot: dict[str, Any], ops: Iterable[Op]) -> dict[str, Any]:
    """Fold operations into a snapshot in place (the reference for the web client)."""
    for op in ops:
        path = op[1]
        target = snapshot
        for key in path[:-1]:
            target = target.setdefault(key, {})
        if op[0] == "set":
            target[path[-1]] = op[2]
        else:
            target.pop(path[-1], None)
    return snapshot


@dataclass(frozen=True, slots=True)
class AudienceUpdates:
    """One version's operations for every kind of viewer, computed once for the fan-out.

    Players see the same thing except the ``personal`` ones, whose own pawn or post-it
    is in the events; ``for_viewer`` says which list a given viewer gets.
    """

    facilitator: list[Op]
    projector: list[Op]
    player: list[Op]
    personal: dict[str, list[Op]]

    def for_viewer(self, viewer: Viewer) -> list[Op]:
        if viewer.role == "facilitator":
            return self.facilitator
        if viewer.role == "projector" or viewer.role == "host":
            return self.projector
        if viewer.player_id is not None and viewer.player_id in self.personal:
            return self.personal[viewer.player_id]
        return self.player


def audience_updates(room: Room, events: list[Event], projector: bool = True) -> AudienceUpdates:
    """``updates`` for the facilitator, the projector, players, and each concerned player.

    ``projector=False`` (no projector connected to send them to) leaves the projector's
    empty: most rooms never open one, and its view is as costly as a player's."""
    facilitator_id = room.facilitator_player_id
    personal = concerned(events, room) - {facilitator_id}
    return AudienceUpdates(
        facilitator=updates(room, events, Viewer("facilitator", facilitator_id)),
        projector=updates(room, events, Viewer("projector")) if projector else [],
        player=updates(room, events, Viewer("player")),
        personal={p: updates(room, events, Viewer("player", p)) for p in sorted(personal)},
    )
