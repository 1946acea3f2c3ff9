"""The one table of the game, gathered from the feature modules' rule records: for every
command, its schema, who may give it, in which phases, and what it does. ``decide`` is the
single entry point the room authority calls; ``COMMAND`` validates a payload into a command.
"""

from __future__ import annotations

from typing import Annotated, Any, Union, cast

from pydantic import Field, TypeAdapter

from . import (
    action_points,
    cards,
    clusters,
    pawns,
    players,
    post_its,
    sorting,
    steps,
    tables,
    timer,
    voting,
)
from .access import Role
from .commands import Command
from .context import Accepted, Context
from .events import check, evolve
from .model import Room
from .refusals import Refusal
from .rule import ROLES, Rule, Who

FEATURES = (
    players,
    steps,
    cards,
    pawns,
    post_its,
    timer,
    sorting,
    clusters,
    voting,
    action_points,
    tables,
)
"""The modules whose ``RULES`` make up the game; a new feature module is added here."""


def _table(records: list[Rule]) -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for record in records:
        if record.type in table:
            raise ValueError(f"two rule records for command {record.type!r}")
        table[record.type] = record
    return table


RULES: dict[str, Rule] = _table([r for feature in FEATURES for r in feature.RULES])

COMMAND: TypeAdapter[Command] = TypeAdapter(
    cast(
        Any,
        Annotated[
            Union[tuple(r.schema for r in RULES.values())],  # noqa: UP007 (built at run time)
            Field(discriminator="type"),
        ],
    )
)
"""Validates a payload dict into its command's schema (raises pydantic.ValidationError)."""


def _may(who: Who, room: Room, ctx: Context) -> bool:
    actor = ctx.actor
    if actor.role not in ROLES[who]:
        return False
    needs_seat = who == "player" or (who == "member" and actor.role == "player")
    return not needs_seat or (actor.player_id is not None and actor.player_id in room.players)


SENDERS: frozenset[Role] = frozenset().union(*(ROLES[r.who] for r in RULES.values()))
"""The roles some rule admits: a connection bound to another role (the projector) may send
no command, whatever the room's state; the transport refuses it before the room's line."""


def carried_by(command_type: str) -> str:
    """The transport event that carries this command (``Rule.event``)."""
    return RULES[command_type].event


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
        after = evolve(after, check(event))
    return Accepted(events=events, room=after, result=result)
