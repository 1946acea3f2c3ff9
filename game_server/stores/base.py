"""The narrow interface every room store implements.

A room's history is a list of entries, one per accepted command, numbered 1, 2, 3, ...
Entry 1 holds the ``room_created`` event. The store is the source of truth: a process
may cache a room's state, but it is always rebuilt by folding the entries in order.

``append`` is a compare-and-set on the version: it succeeds only if ``entry.version`` is
exactly one more than the room's current version. That is what serialises one room's
commands across several processes (see the Redis store), not any in-process lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

CREATION_MEMORY = timedelta(days=1)
"""How long a store remembers which room a create command made. A resend comes seconds or
minutes after the first attempt; a day covers a laptop that slept overnight, and one small
record per room created that day is all it costs."""

JSONValue = Any
"""An event or result: nested dicts, lists, str, int, float, bool and None only."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted command and what it caused.

    ``command_key`` is the sender-scoped command id (``"<actor>:<command id>"``) that lets a
    resent command be recognised and answered with the same ``result`` instead of being
    applied twice. ``at`` is the server time in milliseconds since the epoch.
    """

    version: int
    command_key: str
    events: Sequence[dict[str, JSONValue]]
    at: int
    result: dict[str, JSONValue] = field(default_factory=dict)


class StoreError(Exception):
    """The store could not complete the request; nothing was written."""


class RoomNotFound(StoreError):
    """No room with that code exists in the store."""


class RoomExists(StoreError):
    """A room with that code already exists (room codes are never reused)."""


class VersionConflict(StoreError):
    """The room has moved on: the entry's version is not current + 1."""

    def __init__(self, code: str, expected: int, actual: int) -> None:
        super().__init__(f"room {code}: append of version {expected}, but room is at {actual}")
        self.code = code
        self.expected = expected
        self.actual = actual


class StoreUnavailable(StoreError):
    """The backing service is unreachable; the caller may retry later."""


class RoomStore(Protocol):
    """Loads and appends room histories. Every method is safe to call concurrently."""

    async def open(self) -> None:
        """Prepare the store (create tables, connect). Called once before use."""

    async def close(self) -> None:
        """Flush and release resources. Pending appends complete or fail first."""

    async def ping(self) -> bool:
        """Whether the store can take a write right now (readiness checks); never raises."""

    async def create(self, code: str, entry: Entry) -> str:
        """Store the first entry (version 1) of a new room; return the code of the room.

        Creation is idempotent per ``entry.command_key``: the store records which room each
        create made (for ``CREATION_MEMORY``), in the same atomic write as the room, and a
        create with a key it already recorded writes nothing and returns that room's code
        instead of ``code``. So a resent ``create_room`` answers the same room whichever
        process it reaches, even when the first attempt timed out and landed later.
        Raises RoomExists if ``code`` is taken by another command. Durable when it returns.
        """

    async def append(self, code: str, entry: Entry) -> None:
        """Append ``entry`` if and only if the room is at ``entry.version - 1``.

        Raises VersionConflict otherwise and RoomNotFound for an unknown room.
        Durable when it returns: a crash after this returns never loses the entry.
        """

    async def load(self, code: str) -> list[Entry]:
        """All entries of a room, in version order. Raises RoomNotFound."""

    async def read_since(self, code: str, version: int) -> list[Entry]:
        """Entries with a version greater than ``version``, in order. Raises RoomNotFound."""

    async def current_version(self, code: str) -> int:
        """The room's latest version. Raises RoomNotFound."""

    async def room_codes(self) -> list[str]:
        """Codes of every stored room."""

    async def delete(self, code: str) -> None:
        """Remove a room and all its entries (no error if absent)."""

    async def rewrite(self, code: str, entries: Sequence[Entry]) -> None:
        """Write ``entries`` over the stored entries of the same versions, all or none.

        Only for forgetting what must not be kept (room/anonymity.py): the room's version
        does not change, and no copy of what was overwritten is left where the store keeps
        its data. Raises RoomNotFound, or StoreError for a version the room does not have.
        """
