"""The shape of one command's rule: its schema, who may send it, in which phases, and its
pure handler, in one record.

Each feature module (``players``, ``steps``, ``cards``, ``pawns``, ``post_its``, ``timer``,
``sorting``, ``action_points``) ends with a ``RULES`` tuple of these records, beside the
schemas and handlers they name; ``decide`` gathers them into the one table of the game.
It is Colyseus's ``messages = {type: validate(schema, handler)}`` with boardgame.io's
per-phase move lists folded into the record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from .access import Role
from .commands import Command
from .context import Context
from .events import Event
from .model import CARD_STEPS, Phase, Room

Who = Literal["facilitator", "player", "member", "guest", "host", "workshop"]
"""``player``: has a seat (a facilitator with a seat too); ``member``: player or facilitator;
``host``: the facilitator token while a player steers (it may only take steering back);
``workshop``: only the workshop, acting at its table (``Actor("workshop")``), which may
also give every ``facilitator`` and ``host`` command."""

LOBBY: frozenset[Phase] = frozenset({"lobby"})
CARD: frozenset[Phase] = frozenset(CARD_STEPS)
PLAYING: frozenset[Phase] = CARD | {"sort", "summary"}
OPEN: frozenset[Phase] = LOBBY | PLAYING
ALL: frozenset[Phase] = OPEN | {"closed"}

HandlerResult = tuple[list[Event], dict[str, object]]
"""What a handler returns: the events the command causes and the reply's result."""

Handler = Callable[[Room, Any, Context], HandlerResult]


ROLES: dict[Who, frozenset[Role]] = {
    "facilitator": frozenset({"facilitator", "workshop"}),
    "player": frozenset({"player", "facilitator"}),
    "member": frozenset({"player", "facilitator"}),
    "guest": frozenset({"guest"}),
    "host": frozenset({"host", "workshop"}),
    "workshop": frozenset({"workshop"}),
}
"""The roles each ``who`` admits (``player`` and ``member`` also need a seat; ``decide``
checks that). A role no rule admits (the projector) may send no command at all. The
``workshop`` actor is the workshop's facilitator steering a table through the server
(lockstep, broadcasts, take-over), so it may give every facilitator and host command."""


@dataclass(frozen=True, slots=True)
class Rule:
    schema: type[Command]
    who: Who
    phases: frozenset[Phase]
    handler: Handler
    event: str = "command"
    """The transport event that carries this command: ``command``, or its own (``join``
    returns the new seat's token and binds the connection to it, which the ``command``
    event cannot)."""

    @property
    def type(self) -> str:
        """The command's ``type``, read from the schema's ``Literal`` so it is written once."""
        (name,) = get_args(self.schema.model_fields["type"].annotation)
        return str(name)
