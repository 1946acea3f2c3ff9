"""What the rules need from the outside world for one command, passed in as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .access import Actor
from .events import Event
from .model import Room


@dataclass(frozen=True, slots=True)
class Context:
    """The sender, the server's clock (ms since the epoch) and a fresh random id.

    The id is used for whatever the command creates (player, post-it, case card, action
    point): random, so an anonymous post-it's id says nothing about its author.
    """

    actor: Actor
    now: int
    new_id: str


@dataclass(frozen=True, slots=True)
class Accepted:
    """A command's outcome: its events, the room after them, and the reply's result."""

    events: list[Event]
    room: Room
    result: dict[str, Any] = field(default_factory=dict)
