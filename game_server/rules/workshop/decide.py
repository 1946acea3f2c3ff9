"""The workshop's one table of commands, gathered from ``seats`` and ``steering`` as the
rooms' table is from their feature modules (``rules/decide.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Union, cast

from pydantic import Field, TypeAdapter

from ..commands import Command
from ..events import Event
from ..refusals import Refusal
from . import seats, steering
from .events import check, evolve
from .model import Workshop
from .rule import WorkshopContext, WorkshopRule, WorkshopWho

FEATURES = (seats, steering)


def _table(records: list[WorkshopRule]) -> dict[str, WorkshopRule]:
    table: dict[str, WorkshopRule] = {}
    for record in records:
        if record.type in table:
            raise ValueError(f"two rule records for workshop command {record.type!r}")
        table[record.type] = record
    return table


RULES: dict[str, WorkshopRule] = _table([r for f in FEATURES for r in f.RULES])

COMMAND: TypeAdapter[Command] = TypeAdapter(
    cast(
        Any,
        Annotated[
            Union[tuple(r.schema for r in RULES.values())],  # noqa: UP007 (built at run time)
            Field(discriminator="type"),
        ],
    )
)
"""Validates a payload sent to a workshop into its command's schema."""


@dataclass(frozen=True, slots=True)
class WorkshopAccepted:
    events: list[Event]
    room: Workshop
    """Named ``room`` as ``rules.Accepted``'s, so the room line treats both alike."""
    result: dict[str, Any] = field(default_factory=dict)


def _may(who: WorkshopWho, w: Workshop, ctx: WorkshopContext) -> bool:
    actor = ctx.actor
    if who == "participant":
        p = w.participants.get(actor.player_id or "")
        return actor.role == "participant" and p is not None and not p.removed
    return actor.role == who


def decide(w: Workshop, command: Command, ctx: WorkshopContext) -> WorkshopAccepted:
    """As ``rules.decide``: the events and the workshop after them, or Refusal."""
    rule = RULES[command.type]
    if not _may(rule.who, w, ctx):
        raise Refusal("not_allowed")
    if w.phase not in rule.phases:
        raise Refusal("room_closed" if w.phase == "closed" else "wrong_phase")
    events, result = rule.handler(w, command, ctx)
    after = w
    for event in events:
        after = evolve(after, check(event))
    return WorkshopAccepted(events=events, room=after, result=result)
