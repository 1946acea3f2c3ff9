"""Who is online: which players of a room have a connection now, told to the facilitator.

Presence is connection state, not game state: it is never stored in the room's event log.
Each process knows the players bound on its own connections (``Connections``). With one
process that is everything (``LocalBoard``). With several processes on one Redis
(``RedisBoard``) each process writes its own players of a room into the room's sorted set
``<prefix>:presence:{CODE}``, one member per process and player with an expiry time as
its score, refreshed every ``REFRESH`` seconds; readers ignore expired members. A process
that is killed stops refreshing, so its players go offline within ``TTL`` seconds (plus
one refresh of the reader) without anyone having to clean up after it.

The facilitator's connections get a ``presence`` event ``{"online": [player ids]}``: after
their ``enter`` and whenever the set changes. Changes are coalesced: a room is looked at
at most once per ``TICK``, so a burst of reconnects costs a few events, not one each.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Iterable
from typing import Protocol

import socketio
from redis import exceptions as redis_errors
from redis.asyncio import Redis

from . import audiences
from .audiences import Connections
from .emit import send_to_group

log = logging.getLogger(__name__)

TOLD = ("facilitator", "host")
"""The roles told who is online: whoever steers, and the host who may take steering back."""

TICK = 0.4
"""Seconds between two looks at a room that changed: at most a few events per second."""
REFRESH = 2.0
"""Seconds between two refreshes of this process's entries (and reads of the others')."""
TTL = 6.0
"""Seconds an entry stays valid without a refresh: a killed process's players go offline
within this time (plus one ``REFRESH``)."""


class Board(Protocol):
    """Where the processes of one deployment share who is connected to them."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def share(self, mine: dict[str, set[str]], gone: Iterable[str]) -> None:
        """This process's players per room now; ``gone``: rooms where it has none left.
        May raise on a store failure (the caller retries at the next refresh)."""

    async def online(self, codes: list[str], mine: dict[str, set[str]]) -> dict[str, set[str]]:
        """Every process's players per room (``mine`` is this process's own)."""


class LocalBoard:
    """One process: its own connections are everyone's."""

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def share(self, mine: dict[str, set[str]], gone: Iterable[str]) -> None:
        return None

    async def online(self, codes: list[str], mine: dict[str, set[str]]) -> dict[str, set[str]]:
        return {code: set(mine.get(code, ())) for code in codes}


class RedisBoard:
    """Per-room sorted sets of ``<process>:<player id>`` scored by their expiry time.

    Expiry times are wall-clock milliseconds of the writing process, so the processes'
    clocks must agree to within a second or two (NTP), as they already must for timers.
    """

    def __init__(self, url: str, *, prefix: str = "lk", timeout: float = 1.0) -> None:
        self._url = url
        self._prefix = prefix
        self._timeout = timeout
        self.origin = secrets.token_hex(6)
        self._redis: Redis | None = None
        self._shared: dict[str, set[str]] = {}

    def key(self, code: str) -> str:
        return f"{self._prefix}:presence:{{{code}}}"

    async def start(self) -> None:
        self._redis = Redis.from_url(
            self._url, socket_timeout=self._timeout, socket_connect_timeout=self._timeout
        )

    async def close(self) -> None:
        if self._redis is None:
            return
        # Leave at once rather than after TTL: a drained process's players are gone.
        with contextlib.suppress(redis_errors.RedisError, OSError):
            await self.share({}, list(self._shared))
        with contextlib.suppress(redis_errors.RedisError, OSError):
            await self._redis.aclose()
        self._redis = None

    async def share(self, mine: dict[str, set[str]], gone: Iterable[str]) -> None:
        if self._redis is None:
            return
        expires = int((time.time() + TTL) * 1000)
        now = int(time.time() * 1000)
        pipe = self._redis.pipeline(transaction=False)
        for code in gone:
            old = self._shared.get(code, set())
            if old:
                pipe.zrem(self.key(code), *(f"{self.origin}:{p}" for p in old))
        for code, players in mine.items():
            key = self.key(code)
            left = self._shared.get(code, set()) - players
            if left:
                pipe.zrem(key, *(f"{self.origin}:{p}" for p in left))
            if players:
                pipe.zadd(key, {f"{self.origin}:{p}": expires for p in players})
            pipe.zremrangebyscore(key, "-inf", now)
            pipe.pexpire(key, int(TTL * 2000))
        await pipe.execute()
        self._shared = {code: set(players) for code, players in mine.items() if players}

    async def online(self, codes: list[str], mine: dict[str, set[str]]) -> dict[str, set[str]]:
        if self._redis is None or not codes:
            return {code: set(mine.get(code, ())) for code in codes}
        now = int(time.time() * 1000)
        pipe = self._redis.pipeline(transaction=False)
        for code in codes:
            pipe.zrangebyscore(self.key(code), now, "+inf")
        answers = await pipe.execute()
        result: dict[str, set[str]] = {}
        for code, members in zip(codes, answers, strict=True):
            # Our own part comes from our connections, not from what we last wrote.
            others = {
                m.decode().split(":", 1)[1]
                for m in members
                if not m.decode().startswith(f"{self.origin}:")
            }
            result[code] = others | mine.get(code, set())
        return result


class Presence:
    """Keeps the facilitators of this process's rooms told who is online."""

    def __init__(self, sio: socketio.AsyncServer, connections: Connections, board: Board) -> None:
        self.sio = sio
        self.connections = connections
        self.board = board
        self._dirty: set[str] = set()
        self._told: dict[str, list[str]] = {}
        """Per room: the online list its facilitators here were last sent."""
        self._fresh: set[str] = set()
        """Facilitator connections that entered and have not been sent presence yet."""
        self._wake = asyncio.Event()
        self._runner: asyncio.Task[None] | None = None
        self._last_refresh = 0.0
        self._shared_rooms: set[str] = set()
        self.sent = 0

    # -- called by the gateway (synchronous, no I/O) ---------------------------------------

    def bound(self, sid: str, binding: audiences.Binding) -> None:
        """A connection entered a room (or changed role in it)."""
        if binding.actor.role in TOLD:
            self._fresh.add(sid)
        self._mark(binding.code)

    def unbound(self, binding: audiences.Binding | None) -> None:
        if binding is not None:
            self._mark(binding.code)

    def _mark(self, code: str) -> None:
        self._dirty.add(code)
        self._wake.set()

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        self._runner = asyncio.create_task(self._run(), name="presence")

    async def close(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
            self._runner = None
        await self.board.close()

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), REFRESH)
            self._wake.clear()
            try:
                await self.once()
            except Exception:
                log.exception("presence round failed")
            await asyncio.sleep(TICK)

    # -- one round ---------------------------------------------------------------------------

    def local(self) -> dict[str, set[str]]:
        """This process's connected players per room."""
        mine: dict[str, set[str]] = {}
        for binding in self.connections.by_sid.values():
            players = mine.setdefault(binding.code, set())
            if binding.actor.player_id is not None:
                players.add(binding.actor.player_id)
        return mine

    async def once(self) -> None:
        """Share this process's players, then tell facilitators here what changed."""
        mine = self.local()
        refresh = time.monotonic() - self._last_refresh >= REFRESH
        dirty, self._dirty = self._dirty, set()
        gone = [c for c in self._shared_rooms if not mine.get(c)]
        try:
            await self.board.share({c: p for c, p in mine.items() if p}, gone)
            self._shared_rooms = {c for c, p in mine.items() if p}
        except (redis_errors.RedisError, OSError) as exc:
            log.info("presence not shared: %s", exc)
        if refresh:
            self._last_refresh = time.monotonic()
        watched = sorted(
            code
            for code in self.connections.by_room
            if refresh or code in dirty or self._has_fresh(code)
        )
        watched = [c for c in watched if self._facilitators_here(c)]
        try:
            online = await self.board.online(watched, mine)
        except (redis_errors.RedisError, OSError) as exc:
            # Keep what the facilitators were told: without the other processes' part the
            # list would show their players offline, then online again, for nothing.
            log.info("presence not read: %s", exc)
            self._dirty |= dirty
            return
        for code in watched:
            now = sorted(online.get(code, set()))
            fresh = [s for s in self.connections.in_room(code) if s in self._fresh]
            if now != self._told.get(code):
                self._told[code] = now
                await self._send(code, now)
            elif fresh:
                for sid in fresh:
                    await self.sio.emit("presence", {"online": now}, to=sid)
                    self.sent += 1
            self._fresh.difference_update(fresh)
        for code in list(self._told):
            if code not in self.connections.by_room:
                del self._told[code]
        self._fresh.intersection_update(self.connections.by_sid)

    def _has_fresh(self, code: str) -> bool:
        return any(s in self._fresh for s in self.connections.in_room(code))

    def _facilitators_here(self, code: str) -> bool:
        return any(
            (b := self.connections.get(sid)) is not None and b.actor.role in TOLD
            for sid in self.connections.in_room(code)
        )

    async def _send(self, code: str, online: list[str]) -> None:
        message = {"online": online}
        self.sent += await send_to_group(
            self.sio, "presence", message, audiences.facilitators(code)
        )
        for sid in self.connections.in_room(code):
            # The host sits with the projectors (``audiences.groups``), who are not told.
            if (b := self.connections.get(sid)) is not None and b.actor.role == "host":
                await self.sio.emit("presence", message, to=sid)
                self.sent += 1
