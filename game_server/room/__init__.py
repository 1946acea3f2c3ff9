"""The room authority: one line of commands per room, durable before acknowledged."""

from .authority import Outcome, RoomAuthority
from .registry import ReusedCommandId, Rooms, UnknownContent

__all__ = ["Outcome", "ReusedCommandId", "RoomAuthority", "Rooms", "UnknownContent"]
