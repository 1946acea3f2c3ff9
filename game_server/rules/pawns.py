"""Pawns on the board: a first placement, a revised second one, and revealing them."""

from __future__ import annotations

from typing import Literal

from . import events, model
from .commands import Command, Position
from .context import Context
from .events import Event
from .model import Room, Round
from .refusals import Refusal
from .rule import HandlerResult, Rule


class PlacePawn(Command):
    type: Literal["place_pawn"]
    position: Position


class RevealPlacements(Command):
    type: Literal["reveal_placements"]


def current_round(room: Room) -> Round:
    return "second" if room.phase == "revise" else "first"


def _position(room: Room, cmd: PlacePawn) -> model.Position:
    """The position if it is on this room's board; every position off it, whatever the
    board, the kind or the distance, is the one refusal ``invalid_position``."""
    pos = cmd.position
    if room.board.kind == "scale" and pos.square is not None:
        if 1 <= pos.square <= room.board.size:
            return {"square": pos.square}
    if room.board.kind == "quadrant" and pos.x is not None and pos.y is not None:
        if -1.0 <= pos.x <= 1.0 and -1.0 <= pos.y <= 1.0:
            return {"x": pos.x, "y": pos.y}
    raise Refusal("invalid_position")


def everyone_placed(room: Room, card_id: str, round_: Round) -> bool:
    placed = room.placements_of(card_id, round_)
    active = room.active_players()
    return bool(active) and all(p.id in placed for p in active)


def place_pawn(room: Room, cmd: PlacePawn, ctx: Context) -> HandlerResult:
    card_id = str(room.current_card_id)
    round_ = current_round(room)
    player_id = str(ctx.actor.player_id)
    event = events.make(
        "pawn_placed",
        card_id=card_id,
        round=round_,
        player_id=player_id,
        position=_position(room, cmd),
    )
    made: list[Event] = [event]
    placed = {**room.placements_of(card_id, round_), player_id: event["position"]}
    active = room.active_players()
    if room.is_hidden(card_id, round_) and active and all(p.id in placed for p in active):
        made.append(events.make("placements_revealed", card_id=card_id, round=round_))
    return made, {}


def reveal_placements(room: Room, cmd: RevealPlacements, ctx: Context) -> HandlerResult:
    card_id = str(room.current_card_id)
    round_ = current_round(room)
    if not room.is_hidden(card_id, round_):
        raise Refusal("nothing_to_reveal")
    return [events.make("placements_revealed", card_id=card_id, round=round_)], {}


RULES: tuple[Rule, ...] = (
    Rule(PlacePawn, "player", frozenset({"place", "revise"}), place_pawn),
    Rule(
        RevealPlacements,
        "facilitator",
        frozenset({"place", "discuss", "revise"}),
        reveal_placements,
    ),
)
