"""Dot voting on what to develop: every participant spends a few dots on the items and
clusters under "to develop"; the dots stay hidden until the facilitator reveals them, then
the items are ordered by votes.

Nobody sees another's dots, the facilitator neither (``views``: ``my_dots`` is the voter's
own, the totals are shown only once revealed), so a projected facilitator screen anchors
nobody. Ballots are secret at rest too, in every room: when the game ends the voters are
forgotten (``ballots_forgotten``, room/anonymity.py), only the ballots remain.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from . import events
from .commands import Command, Id
from .context import Context
from .model import ANONYMOUS_VOTER, Phase, Room
from .plenary import room_items
from .refusals import Refusal
from .rule import HandlerResult, Rule

SUMMARY: frozenset[Phase] = frozenset({"summary"})
DEFAULT_DOTS = 3
MAX_DOTS = 10


class OpenVoting(Command):
    """Start a round of dot voting (again: earlier dots are cleared)."""

    type: Literal["open_voting"]
    dots: Annotated[int, Field(ge=1, le=MAX_DOTS)] = DEFAULT_DOTS
    several_per_item: bool = True


class PlaceDot(Command):
    type: Literal["place_dot"]
    item: Literal["card", "post_it", "cluster"]
    id: Id


class RemoveDot(Command):
    type: Literal["remove_dot"]
    item: Literal["card", "post_it", "cluster"]
    id: Id


class RevealVotes(Command):
    type: Literal["reveal_votes"]


class CancelVoting(Command):
    """Drop the round and its dots, revealed or not."""

    type: Literal["cancel_voting"]


def open_voting(room: Room, cmd: OpenVoting, ctx: Context) -> HandlerResult:
    if room.voting is not None and not room.voting.revealed:
        raise Refusal("voting_open")
    if not any(i.heading == "develop" for i in room_items(room)):
        raise Refusal("nothing_to_vote")
    made = events.make("voting_opened", dots=cmd.dots, several_per_item=cmd.several_per_item)
    return [made], {}


def _open(room: Room, *, to_dots: bool = False) -> None:
    if room.voting is None or room.voting.revealed:
        raise Refusal("voting_closed")
    if to_dots and room.voting.sealed:
        # A reopened game: its voters were forgotten, so whose dots are whose is unknown.
        raise Refusal("voting_closed")


def place_dot(room: Room, cmd: PlaceDot, ctx: Context) -> HandlerResult:
    _open(room, to_dots=True)
    voting = room.voting
    assert voting is not None and ctx.actor.player_id is not None
    voter = ctx.actor.player_id
    key = (cmd.item, cmd.id)
    if not any(i.key == key and i.heading == "develop" for i in room_items(room)):
        raise Refusal("not_votable")
    if voting.spent(voter) >= voting.dots:
        raise Refusal("no_dots_left", f"You have {voting.dots} dots.")
    if not voting.several_per_item and voting.ballots.get(voter, {}).get(key):
        raise Refusal("one_dot_per_item")
    return [events.make("dot_placed", player_id=voter, item=cmd.item, id=cmd.id)], {}


def remove_dot(room: Room, cmd: RemoveDot, ctx: Context) -> HandlerResult:
    _open(room, to_dots=True)
    voting = room.voting
    assert voting is not None and ctx.actor.player_id is not None
    voter = ctx.actor.player_id
    if not voting.ballots.get(voter, {}).get((cmd.item, cmd.id)):
        raise Refusal("no_dot_here")
    return [events.make("dot_removed", player_id=voter, item=cmd.item, id=cmd.id)], {}


def reveal_votes(room: Room, cmd: RevealVotes, ctx: Context) -> HandlerResult:
    _open(room)
    return [events.make("votes_revealed")], {}


def cancel_voting(room: Room, cmd: CancelVoting, ctx: Context) -> HandlerResult:
    if room.voting is None:
        raise Refusal("voting_closed")
    return [events.make("voting_cancelled")], {}


RULES: tuple[Rule, ...] = (
    Rule(OpenVoting, "facilitator", SUMMARY, open_voting),
    Rule(PlaceDot, "player", SUMMARY, place_dot),
    Rule(RemoveDot, "player", SUMMARY, remove_dot),
    Rule(RevealVotes, "facilitator", SUMMARY, reveal_votes),
    Rule(CancelVoting, "facilitator", SUMMARY, cancel_voting),
)


def forget_voters(room: Room) -> list[events.Event]:
    """What ``end_game`` adds so the stored history no longer links a dot to its voter."""
    voting = room.voting
    if voting is None or all(k.startswith(ANONYMOUS_VOTER) for k in voting.ballots):
        return []
    return [events.make("ballots_forgotten")]
