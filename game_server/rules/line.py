"""One line of the store holds a room or a workshop: the rules' entry points for either.

The room authority (``room/authority.py``) serves both kinds of line with these, so it
needs no second copy for workshops: the first event says which kind a line is, and every
later call dispatches on the state's type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from . import workshop
from .access import Actor, Viewer
from .access import current_role as room_role
from .access import identify as identify_in_room
from .commands import Command
from .context import Accepted, Context
from .decide import SENDERS
from .decide import carried_by as room_carried_by
from .decide import decide as decide_room
from .events import Event
from .events import fold as fold_room
from .model import Room
from .views import updates as room_updates
from .views import view as room_view
from .workshop import Workshop

State = Room | Workshop


def fold(events: Iterable[Event], state: State | None = None) -> State:
    """Rebuild a line's state from its events (or fold more into ``state``)."""
    events = list(events)
    if state is None:
        if not events:
            raise ValueError("no events to fold")
        if events[0]["type"] == workshop.CREATED:
            return workshop.fold(events)
        return fold_room(events)
    if isinstance(state, Workshop):
        return workshop.fold(events, state)
    return fold_room(events, state)


def decide(state: State, command: Command, ctx: Context, new_code: Callable[[], str] = str) -> Any:
    """``rules.decide`` for a room, ``workshop.decide`` for a workshop (which may open a
    table under the code ``new_code()`` gives: asked only for a workshop, as a fresh code
    costs six reads of the system's randomness); either gives ``events``, ``room`` (the
    state after) and ``result``."""
    if isinstance(state, Workshop):
        wctx = workshop.WorkshopContext(ctx.actor, ctx.now, ctx.new_id, new_code())
        return workshop.decide(state, command, wctx)
    accepted: Accepted = decide_room(state, command, ctx)
    return accepted


def current_role(state: State, actor: Actor) -> Actor:
    if isinstance(state, Workshop):
        return workshop.tokens.current_role(state, actor)
    return room_role(state, actor)


WORKSHOP_SENDERS = frozenset(rule.who for rule in workshop.RULES.values())
"""The roles a workshop's rule records admit (each ``who`` is the role of that name)."""


def may_send(state: State, role: str) -> bool:
    """Whether a connection bound to this role may send commands to this line at all (the
    projector may not); which command it may give now is decided in the line."""
    return role in (WORKSHOP_SENDERS if isinstance(state, Workshop) else SENDERS)


def carried_by(state: State, command_type: str) -> str:
    """The transport event that carries a command: ``command``, or ``join`` for joining."""
    if isinstance(state, Workshop):
        return "join" if command_type == "join_workshop" else "command"
    return room_carried_by(command_type)


def validate(state: State, payload: dict[str, Any]) -> Command:
    """A payload as the command its ``type`` names, for this kind of line."""
    from .decide import COMMAND

    adapter = workshop.COMMAND if isinstance(state, Workshop) else COMMAND
    return adapter.validate_python(payload)


def identify(state: State, token: str) -> Actor | None:
    if isinstance(state, Workshop):
        return workshop.identify(state, token)
    return identify_in_room(state, token)


def view(state: State, viewer: Viewer) -> dict[str, Any]:
    if isinstance(state, Workshop):
        return workshop.view(state, viewer)
    return cast(dict[str, Any], room_view(state, viewer))


def updates(
    previous: State | None, state: State, events: list[Event], viewer: Viewer
) -> list[list[Any]] | None:
    """The ops for one version, or None when they cannot be worked out here (a workshop
    version whose state before is not known): then the client gets a fresh view."""
    if isinstance(state, Workshop):
        if not isinstance(previous, Workshop):
            return None
        return workshop.updates(previous, state, viewer)
    return room_updates(state, events, viewer)
