"""The room authority: one line of commands per room, durable before acknowledged."""

from .authority import AdoptedVersion, Answer, RoomAuthority
from .registry import ReusedCommandId, Rooms, UnknownContent

__all__ = [
    "AdoptedVersion",
    "Answer",
    "ReusedCommandId",
    "RoomAuthority",
    "Rooms",
    "UnknownContent",
]
