"""A room as one table of a workshop: what the workshop does at its tables (seat and
unseat its participants, show its broadcast) and the table's call for help.

``seat``, ``unseat`` and ``show_message`` come only from the workshop (``Actor("workshop")``,
``rules/workshop/carry.py``), which decides who sits where; each is a no-op when the table
already is as asked, so the workshop may carry them again after a crash or from another
process without harm.
"""

from __future__ import annotations

from typing import Literal

from . import events
from .commands import Command, Id, Name, PostItText
from .context import Context
from .events import evolve
from .model import MAX_PLAYERS, PLAYER_COLOURS, Room
from .players import _with_reveal
from .refusals import Refusal
from .rule import ALL, OPEN, HandlerResult, Rule


class Seat(Command):
    """The workshop seats its participant here, with their workshop id as player id."""

    type: Literal["seat"]
    player_id: Id
    name: Name


class Unseat(Command):
    """The workshop moves its participant away (``moved_to``: the new table) or removes
    them (None). Their post-its and pawns stay here."""

    type: Literal["unseat"]
    player_id: Id
    moved_to: Id | None = None


class ShowMessage(Command):
    type: Literal["show_message"]
    message_id: Id
    text: PostItText


class AskHelp(Command):
    type: Literal["ask_help"]


class ClearHelp(Command):
    type: Literal["clear_help"]


def seat(room: Room, cmd: Seat, ctx: Context) -> HandlerResult:
    known = room.players.get(cmd.player_id)
    if known is not None and known.active and not known.removed:
        return [], {"player_id": known.id}
    if known is None and sum(not p.removed for p in room.players.values()) >= MAX_PLAYERS:
        raise Refusal("room_full")
    chair = known.seat if known is not None else len(room.players)
    event = events.make(
        "player_seated",
        player_id=cmd.player_id,
        name=known.name if known is not None else cmd.name,
        seat=chair,
        colour=PLAYER_COLOURS[chair % len(PLAYER_COLOURS)],
        at=ctx.now,
    )
    return [event], {"player_id": cmd.player_id}


def unseat(room: Room, cmd: Unseat, ctx: Context) -> HandlerResult:
    player = room.players.get(cmd.player_id)
    if player is None:
        raise Refusal("unknown_player")
    if player.removed:
        return [], {}
    moved = events.make("player_moved", player_id=player.id, moved_to=cmd.moved_to)
    if room.facilitator_player_id != player.id:
        return _with_reveal(room, moved), {}
    # A lead who leaves the table leaves its steering behind (the workshop hands it on).
    taken = events.make("facilitation_taken_back", player_id=player.id)
    return [taken, *_with_reveal(evolve(room, taken), moved)], {}


def show_message(room: Room, cmd: ShowMessage, ctx: Context) -> HandlerResult:
    if room.message is not None and room.message.id == cmd.message_id:
        return [], {}
    event = events.make("message_shown", message_id=cmd.message_id, text=cmd.text, at=ctx.now)
    return [event], {}


def ask_help(room: Room, cmd: AskHelp, ctx: Context) -> HandlerResult:
    if room.help_asked_at is not None:
        return [], {}
    return [events.make("help_asked", at=ctx.now)], {}


def clear_help(room: Room, cmd: ClearHelp, ctx: Context) -> HandlerResult:
    if room.help_asked_at is None:
        return [], {}
    return [events.make("help_cleared")], {}


RULES: tuple[Rule, ...] = (
    Rule(Seat, "workshop", OPEN, seat),
    Rule(Unseat, "workshop", ALL, unseat),
    Rule(ShowMessage, "workshop", ALL, show_message),
    Rule(AskHelp, "member", OPEN, ask_help),
    Rule(ClearHelp, "facilitator", ALL, clear_help),
)
