"""The one table of the game: for every command, who may give it, in which steps, and
what it does. ``decide`` is the single entry point the room authority calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from . import action_points, cards, pawns, players, post_its, sorting, steps, timer
from .commands import Command
from .context import Accepted, Context
from .events import Event, evolve
from .model import CARD_STEPS, Phase, Room
from .refusals import Refusal

Who = Literal["facilitator", "player", "member", "guest", "host"]
"""``player``: has a seat (a facilitator with a seat too); ``member``: player or facilitator."""

LOBBY: frozenset[Phase] = frozenset({"lobby"})
CARD: frozenset[Phase] = frozenset(CARD_STEPS)
PLAYING: frozenset[Phase] = CARD | {"sort", "summary"}
OPEN: frozenset[Phase] = LOBBY | PLAYING
ALL: frozenset[Phase] = OPEN | {"closed"}

Handler = Callable[[Room, Any, Context], tuple[list[Event], dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Rule:
    handler: Handler
    who: Who
    phases: frozenset[Phase]


RULES: dict[str, Rule] = {
    "join": Rule(players.join, "guest", OPEN),
    "rejoin": Rule(players.rejoin, "player", ALL),
    "leave": Rule(players.leave, "player", ALL),
    "remove_player": Rule(players.remove_player, "facilitator", OPEN),
    "hand_over": Rule(players.hand_over, "facilitator", OPEN),
    "take_back": Rule(players.take_back, "host", ALL),
    "start": Rule(steps.start, "facilitator", LOBBY),
    "next_step": Rule(steps.next_step, "facilitator", OPEN),
    "back_step": Rule(steps.back_step, "facilitator", PLAYING | {"closed"}),
    "skip_card": Rule(steps.skip_card, "facilitator", CARD),
    "end_game": Rule(steps.end_game, "facilitator", PLAYING),
    "add_case_card": Rule(cards.add_case_card, "member", LOBBY | CARD),
    "write_case": Rule(cards.write_case, "member", frozenset({"read"})),
    "reorder_cards": Rule(cards.reorder_cards, "facilitator", LOBBY | CARD),
    "place_pawn": Rule(pawns.place_pawn, "player", frozenset({"place", "revise"})),
    "reveal_placements": Rule(
        pawns.reveal_placements, "facilitator", frozenset({"place", "discuss", "revise"})
    ),
    "add_post_it": Rule(post_its.add_post_it, "player", CARD | {"sort"}),
    "edit_post_it": Rule(post_its.edit_post_it, "member", PLAYING),
    "delete_post_it": Rule(post_its.delete_post_it, "member", PLAYING),
    "lock_post_its": Rule(post_its.lock_post_its, "facilitator", OPEN),
    "unlock_post_its": Rule(post_its.lock_post_its, "facilitator", OPEN),
    "resolve_post_it": Rule(post_its.resolve_post_it, "facilitator", PLAYING),
    "start_timer": Rule(timer.start_timer, "facilitator", PLAYING),
    "extend_timer": Rule(timer.extend_timer, "facilitator", PLAYING),
    "stop_timer": Rule(timer.stop_timer, "facilitator", PLAYING),
    "set_pile": Rule(sorting.set_pile, "facilitator", frozenset({"sort", "summary"})),
    "add_action_point": Rule(action_points.add_action_point, "facilitator", PLAYING),
    "edit_action_point": Rule(action_points.edit_action_point, "facilitator", PLAYING),
    "delete_action_point": Rule(action_points.delete_action_point, "facilitator", PLAYING),
}


def _may(who: Who, room: Room, ctx: Context) -> bool:
    actor = ctx.actor
    if who == "guest":
        return actor.role == "guest"
    if who == "host":
        return actor.role == "host"
    if who == "facilitator":
        return actor.role == "facilitator"
    has_seat = actor.player_id is not None and actor.player_id in room.players
    if who == "player":
        return has_seat and actor.role in ("player", "facilitator")
    return actor.role == "facilitator" or (has_seat and actor.role == "player")


def decide(room: Room, command: Command, ctx: Context) -> Accepted:
    """Apply ``command`` to ``room``: the events it causes and the room after them.

    Raises Refusal, with the room untouched, when the sender may not give this command
    now or the command does not fit the room.
    """
    rule = RULES[command.type]
    if not _may(rule.who, room, ctx):
        raise Refusal("not_joined" if rule.who == "player" else "not_allowed")
    if room.phase not in rule.phases:
        raise Refusal("room_closed" if room.phase == "closed" else "wrong_phase")
    events, result = rule.handler(room, command, ctx)
    after = room
    for event in events:
        after = evolve(after, event)
    return Accepted(events=events, room=after, result=result)
