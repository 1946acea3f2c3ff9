"""Background upkeep of the rooms a process holds: look for unannounced versions, and let
rooms nobody is connected to leave memory.

Both are loops started with the application and cancelled before the store closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Collection

from ..room import RoomAuthority, Rooms
from ..stores.base import StoreError
from .audiences import Connections
from .fanout import Fanout

log = logging.getLogger(__name__)


class Upkeep:
    """``watch_every``: seconds between version checks (0: none, as with one process);
    ``evict_after``: seconds a room stays in memory with no connection here (0: never);
    ``send``: sends what a catch-up adopted (``Gateway.send``)."""

    def __init__(
        self,
        rooms: Rooms,
        connections: Connections,
        fanout: Fanout,
        send: Callable[[RoomAuthority], Awaitable[None]],
        *,
        watch_every: float,
        evict_after: float,
        kept: Callable[[], Collection[str]] = frozenset,
    ) -> None:
        self.rooms = rooms
        self.connections = connections
        self.fanout = fanout
        self.send = send
        self.watch_every = watch_every
        self.evict_after = evict_after
        self.kept = kept
        """Rooms in use although nobody here is bound to them: the tables of a workshop
        someone watches here (its overview is made from them)."""
        self.evicted = 0
        self.caught_up = 0
        self._seen: dict[str, float] = {}
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        if self.watch_every > 0:
            self._tasks.append(asyncio.create_task(self._every(self.watch_every, self.watch)))
        if self.evict_after > 0:
            tick = min(max(self.evict_after / 4, 0.25), 30.0)
            self._tasks.append(asyncio.create_task(self._every(tick, self.evict)))

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    async def _every(self, seconds: float, job: Callable[[], object]) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                result = job()
                if asyncio.iscoroutine(result):
                    await result
            except Exception:
                log.exception("room upkeep failed; trying again in %g s", seconds)

    async def watch(self) -> None:
        """Catch up every room with a connection here whose stored version is ahead.

        The fan-out is at-most-once and a process may die between storing a version and
        publishing it (a write that timed out and landed late), so without this a quiet
        room's clients here could stay a version behind until the room's next command.
        The catch-up publishes what it finds, so other processes hear of it too."""
        for code in list(self.connections.by_room):
            authority = self.rooms.cached(code)
            if authority is None:
                continue
            try:
                stored = await authority.store.current_version(code)
                if stored > authority.version:
                    log.info(
                        "%s: v%d found in the store (had v%d)", code, stored, authority.version
                    )
                    self.caught_up += 1
                    try:
                        await authority.catch_up()
                    finally:
                        await self.send(authority)
            except StoreError as exc:
                log.debug("version check of %s failed: %s", code, exc)

    async def evict(self) -> None:
        """Drop rooms nobody here has used for ``evict_after`` seconds; the next ``enter``
        loads them from the store again."""
        now = time.monotonic()
        kept = self.kept()
        for code in self.rooms.codes():
            if code in self.connections.by_room or code in kept:
                self._seen[code] = now
                continue
            last = max(self._seen.setdefault(code, now), self.rooms.last_used(code))
            authority = self.rooms.cached(code)
            if authority is None or authority.busy or now - last < self.evict_after:
                continue
            self.rooms.forget(code)
            self._seen.pop(code, None)
            self.evicted += 1
            await self.fanout.unfollow(code)
        for code in [c for c in self._seen if self.rooms.cached(c) is None]:
            del self._seen[code]
