"""The record of one workshop command: schema, who, phases, handler (as ``rules/rule.py``
for a room's commands), and the context a workshop command is decided in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from ..access import Actor
from ..commands import Command
from ..events import Event
from .model import Workshop, WorkshopPhase

WorkshopWho = Literal["facilitator", "participant", "guest"]

LOBBY: frozenset[WorkshopPhase] = frozenset({"lobby"})
OPEN: frozenset[WorkshopPhase] = frozenset({"lobby", "playing", "plenary"})
PLAYING: frozenset[WorkshopPhase] = frozenset({"playing"})
"""While the tables play: orders to them (a step, a timer, all to sort) and opening the
plenary. In the plenary the tables are left as they are."""
ALL: frozenset[WorkshopPhase] = OPEN | {"closed"}


@dataclass(frozen=True, slots=True)
class WorkshopContext:
    """As ``rules.Context``, plus a fresh room code for a table the command may open
    (size mode); the server makes sure no room has it yet, as it does for a new room."""

    actor: Actor
    now: int
    new_id: str
    new_code: str


HandlerResult = tuple[list[Event], dict[str, object]]
Handler = Callable[[Workshop, Any, WorkshopContext], HandlerResult]


@dataclass(frozen=True, slots=True)
class WorkshopRule:
    schema: type[Command]
    who: WorkshopWho
    phases: frozenset[WorkshopPhase]
    handler: Handler

    @property
    def type(self) -> str:
        (name,) = get_args(self.schema.model_fields["type"].annotation)
        return str(name)
