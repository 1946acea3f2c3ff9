"""Joining, leaving and steering: who takes part and who leads."""

from __future__ import annotations

import unicodedata
from typing import Literal

from . import events
from .commands import Command, Id, Name
from .context import Context
from .events import Event, evolve
from .model import MAX_PLAYERS, PLAYER_COLOURS, Room
from .pawns import current_round, everyone_placed
from .refusals import Refusal
from .rule import ALL, OPEN, HandlerResult, Rule


class Join(Command):
    type: Literal["join"]
    name: Name


class Rejoin(Command):
    """Sent by the server when a player who had left enters again with their token."""

    type: Literal["rejoin"]


class Leave(Command):
    type: Literal["leave"]


class RemovePlayer(Command):
    type: Literal["remove_player"]
    player_id: Id


class HandOver(Command):
    type: Literal["hand_over"]
    player_id: Id


def _same_name(a: str, b: str) -> bool:
    return (
        unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()
    )


def join(room: Room, cmd: Join, ctx: Context) -> HandlerResult:
    present = [p for p in room.players.values() if not p.removed]
    if any(_same_name(p.name, cmd.name) for p in present):
        raise Refusal("name_taken")
    if len(present) >= MAX_PLAYERS:
        raise Refusal("room_full")
    seat = len(room.players)
    event = events.make(
        "player_joined",
        player_id=ctx.new_id,
        name=cmd.name,
        seat=seat,
        colour=PLAYER_COLOURS[seat % len(PLAYER_COLOURS)],
        at=ctx.now,
    )
    return [event], {"player_id": ctx.new_id}


def rejoin(room: Room, cmd: Rejoin, ctx: Context) -> HandlerResult:
    player_id = str(ctx.actor.player_id)
    if room.players[player_id].active:
        return [], {"player_id": player_id}
    return [events.make("player_rejoined", player_id=player_id)], {"player_id": player_id}


def leave(room: Room, cmd: Leave, ctx: Context) -> HandlerResult:
    player_id = str(ctx.actor.player_id)
    if not room.players[player_id].active:
        return [], {}
    return _with_reveal(room, events.make("player_left", player_id=player_id)), {}


def _with_reveal(room: Room, event: Event) -> list[Event]:
    """When the last player who had not placed goes, hidden placements are revealed, as
    they would have been had that player placed."""
    after = evolve(room, event)
    if after.phase not in ("place", "revise") or after.current_card_id is None:
        return [event]
    card_id, round_ = after.current_card_id, current_round(after)
    if after.is_hidden(card_id, round_) and everyone_placed(after, card_id, round_):
        return [event, events.make("placements_revealed", card_id=card_id, round=round_)]
    return [event]


def remove_player(room: Room, cmd: RemovePlayer, ctx: Context) -> HandlerResult:
    player = room.players.get(cmd.player_id)
    if player is None:
        raise Refusal("unknown_player")
    if room.facilitator_player_id == player.id:
        raise Refusal("not_allowed", "Hand facilitation to someone else first.")
    if player.removed:
        return [], {}
    return _with_reveal(room, events.make("player_removed", player_id=player.id)), {}


def hand_over(room: Room, cmd: HandOver, ctx: Context) -> HandlerResult:
    player = room.players.get(cmd.player_id)
    if player is None or player.removed or not player.active:
        raise Refusal("unknown_player", "Facilitation can only go to a player who is present.")
    if room.facilitator_player_id == player.id:
        raise Refusal("already_facilitator")
    return [events.make("facilitation_handed_over", player_id=player.id)], {}


class TakeBack(Command):
    type: Literal["take_back"]


def take_back(room: Room, cmd: TakeBack, ctx: Context) -> HandlerResult:
    """The host takes steering back from the player it was handed to (who keeps their seat):
    for when that player's laptop is gone and nobody else could steer."""
    if room.facilitator_player_id is None:
        return [], {}
    return [events.make("facilitation_taken_back", player_id=room.facilitator_player_id)], {}


RULES: tuple[Rule, ...] = (
    Rule(Join, "guest", OPEN, join, event="join"),
    Rule(Rejoin, "player", ALL, rejoin),
    Rule(Leave, "player", ALL, leave),
    Rule(RemovePlayer, "facilitator", OPEN, remove_player),
    Rule(HandOver, "facilitator", OPEN, hand_over),
    Rule(TakeBack, "host", ALL, take_back),
)
