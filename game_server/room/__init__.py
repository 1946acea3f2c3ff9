"""The room authority: one line of commands per room, durable before acknowledged."""

from .authority import Outcome, RoomAuthority
from .registry import Rooms, UnknownContent

__all__ = ["Outcome", "RoomAuthority", "Rooms", "UnknownContent"]
