"""Telling the other server processes that a room moved on.

With one process there is nothing to tell (``LocalFanout``). With several processes on one
Redis (``RedisFanout``), the process that stored a new version publishes the entry on the
room's own channel, ``<prefix>:room:{CODE}:versions``; every process that holds the room in
memory is subscribed to that channel, folds the entry into its cached room
(``RoomAuthority.receive``) and sends the update to *its own* connections. No process ever
emits to another process's connections, so each client gets exactly one update per
version, computed by the process it is connected to, for the role it has there.

Why per-room channels and not python-socketio's ``AsyncRedisManager``: that manager puts
every emit of every room on one channel, so every process decodes every message of every
room; per-room channels deliver a message only to the processes that serve the room.
``bench/fanout_bench.py`` measures both; the figures are in docs/scaling.md.

Pub/sub is at-most-once, so nothing depends on it arriving: the entry is in the store
before it is published. A process that misses a message sees a gap at the next one and
reads the missing versions from the store; after losing its Redis connection it
re-subscribes and catches up every room it follows; a client that misses an update
notices the version gap and enters again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from redis import exceptions as redis_errors
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from ..stores.base import Entry
from ..stores.codec import decode_entry, encode_entry
from ..stores.redis import redact

log = logging.getLogger(__name__)

Deliver = Callable[[str, Entry | None], Awaitable[None]]
"""``deliver(code, entry)``: fold in an entry from another process; ``entry`` None means
"messages may have been missed: catch this room up from the store"."""

_REDIS_FAILURES: tuple[type[Exception], ...] = (redis_errors.RedisError, OSError)


class Fanout(Protocol):
    async def start(self, deliver: Deliver) -> None:
        """Begin delivering other processes' entries to ``deliver``."""

    async def close(self) -> None: ...

    async def follow(self, code: str) -> None:
        """Receive this room's entries from now on. Never raises; returns once subscribed
        (or after a short timeout when Redis is unreachable: the subscription is then made
        on reconnect, followed by a catch-up)."""

    async def unfollow(self, code: str) -> None:
        """Stop receiving this room's entries (it left this process's memory). Never raises."""

    async def publish(self, code: str, entry: Entry) -> None:
        """Tell the other processes about an entry this process stored or found in the
        store. Never raises."""

    def status(self) -> dict[str, Any]: ...


class LocalFanout:
    """One process: every connection of a room is here, so there is no one to tell."""

    async def start(self, deliver: Deliver) -> None:
        return None

    async def close(self) -> None:
        return None

    async def follow(self, code: str) -> None:
        return None

    async def unfollow(self, code: str) -> None:
        return None

    async def publish(self, code: str, entry: Entry) -> None:
        return None

    def status(self) -> dict[str, Any]:
        return {"kind": "local"}


class RedisFanout:
    """Per-room Redis pub/sub channels between the server processes of one deployment."""

    def __init__(self, url: str, *, prefix: str = "lk", timeout: float = 1.0) -> None:
        self._url = url
        self._prefix = prefix
        self._timeout = timeout
        self.origin = secrets.token_hex(6).encode()
        """Marks this process's own messages, which it skips without decoding."""
        self._redis: Redis | None = None
        self._deliver: Deliver | None = None
        self._followed: set[str] = set()
        self._pubsub: PubSub | None = None
        self._lock = asyncio.Lock()
        self._confirmations: dict[bytes, list[asyncio.Future[None]]] = {}
        self._runner: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.connected = False
        self.received = 0
        self.published = 0
        self.reconnects = 0

    def _channel(self, code: str) -> bytes:
        return f"{self._prefix}:room:{{{code}}}:versions".encode()

    @property
    def _control(self) -> bytes:
        # Always subscribed, so the subscription is never empty (an empty one ends).
        return f"{self._prefix}:processes".encode()

    def _code_of(self, channel: bytes) -> str:
        start = len(f"{self._prefix}:room:{{")
        return channel[start : -len(b"}:versions")].decode()

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self, deliver: Deliver) -> None:
        self._deliver = deliver
        self._redis = Redis.from_url(
            self._url,
            socket_timeout=self._timeout,
            socket_connect_timeout=self._timeout,
            socket_keepalive=True,
            # No hidden retries or reconnects: the loop below must see every lost
            # connection, because it has to catch up after one.
            retry=Retry(NoBackoff(), 0),
            health_check_interval=10,
        )
        self._runner = asyncio.create_task(self._run(), name="redis-fanout")

    async def close(self) -> None:
        if self._runner is not None:
            self._runner.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._runner
            self._runner = None
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(BaseException):
                await task
        if self._redis is not None:
            with contextlib.suppress(Exception):
                await self._redis.aclose()
            self._redis = None

    def status(self) -> dict[str, Any]:
        return {
            "kind": "redis",
            "connected": self.connected,
            "rooms_followed": len(self._followed),
            "received": self.received,
            "published": self.published,
            "reconnects": self.reconnects,
        }

    # -- the two directions ----------------------------------------------------------------

    async def publish(self, code: str, entry: Entry) -> None:
        if self._redis is None:
            return
        try:
            await self._redis.publish(self._channel(code), self.origin + b"\n" + _encoded(entry))
            self.published += 1
        except _REDIS_FAILURES as exc:
            # The entry is stored; the others find it at their next message or catch-up.
            log.warning("could not publish %s v%d: %s", code, entry.version, exc)

    async def follow(self, code: str) -> None:
        if code in self._followed:
            return
        self._followed.add(code)
        channel = self._channel(code)
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        async with self._lock:
            pubsub = self._pubsub
            if pubsub is None:
                return  # not connected: _run subscribes to every followed room on connect
            self._confirmations.setdefault(channel, []).append(waiter)
            try:
                await pubsub.subscribe(channel)
            except _REDIS_FAILURES as exc:
                log.warning("could not subscribe to %s: %s", code, exc)
                return
        try:
            await asyncio.wait_for(asyncio.shield(waiter), self._timeout)
        except TimeoutError:
            log.warning("subscription to %s not confirmed yet", code)

    async def unfollow(self, code: str) -> None:
        if code not in self._followed:
            return
        # Forgotten at once, so a follow() that comes while we wait for the lock adds the
        # room again and we then leave its subscription alone.
        self._followed.discard(code)
        async with self._lock:
            if code in self._followed or self._pubsub is None:
                return
            try:
                await self._pubsub.unsubscribe(self._channel(code))
            except _REDIS_FAILURES as exc:
                # The next reconnect subscribes only to the rooms still followed.
                log.warning("could not unsubscribe from %s: %s", code, exc)

    # -- the listening loop ----------------------------------------------------------------

    async def _run(self) -> None:
        delay = 0.05
        while True:
            was_connected = False
            try:
                was_connected = await self._listen()
            except asyncio.CancelledError:
                raise
            except _REDIS_FAILURES as exc:
                was_connected = self.connected
                if was_connected:
                    log.warning("lost the Redis fan-out connection (%s); reconnecting", exc)
            except Exception:
                log.exception("fan-out loop failed; restarting it")
            self.connected = False
            delay = 0.05 if was_connected else min(delay * 2, 1.0)
            await asyncio.sleep(delay)

    async def _listen(self) -> bool:
        assert self._redis is not None
        pubsub = self._redis.pubsub()
        try:
            async with self._lock:
                await pubsub.subscribe(self._control, *(self._channel(c) for c in self._followed))
                self._pubsub = pubsub
            # Redis answers in order: once the PING's answer is here, so are the
            # confirmations of every subscription made above.
            await pubsub.ping()
            while True:
                message = await pubsub.get_message(timeout=self._timeout)
                if message is None:
                    raise redis_errors.TimeoutError("subscriptions not confirmed in time")
                self._handle(message)
                if message["type"] == "pong":
                    break
            if self.reconnects:
                log.info("Redis fan-out connected; catching up %d rooms", len(self._followed))
            self.reconnects += 1
            self.connected = True
            # Whatever was published while we were not listening is in the store.
            for code in sorted(self._followed):
                self._spawn(code, None)
            while True:
                message = await pubsub.get_message(timeout=30.0)
                if message is not None:
                    self._handle(message)
        finally:
            async with self._lock:
                if self._pubsub is pubsub:
                    self._pubsub = None
            for waiters in self._confirmations.values():
                for waiter in waiters:
                    if not waiter.done():
                        waiter.set_result(None)
            self._confirmations.clear()
            with contextlib.suppress(Exception):
                await pubsub.aclose()  # type: ignore[no-untyped-call, unused-ignore]

    def _handle(self, message: dict[str, Any]) -> None:
        kind, channel = message["type"], message["channel"]
        if kind == "subscribe":
            for waiter in self._confirmations.pop(channel, []):
                if not waiter.done():
                    waiter.set_result(None)
            return
        if kind != "message" or channel == self._control:
            return
        data: bytes = message["data"]
        origin, _, payload = data.partition(b"\n")
        if origin == self.origin:
            return
        self.received += 1
        try:
            entry = decode_entry(payload)
        except (ValueError, KeyError, TypeError):
            log.warning("undecodable fan-out message on %r", channel)
            return
        self._spawn(self._code_of(channel), entry)

    def _spawn(self, code: str, entry: Entry | None) -> None:
        task = asyncio.create_task(self._deliver_one(code, entry))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver_one(self, code: str, entry: Entry | None) -> None:
        assert self._deliver is not None
        try:
            await self._deliver(code, entry)
        except Exception as exc:
            # Typically the store is unreachable during a catch-up: the next message
            # (a gap) or the next reconnect catches up again.
            log.warning("could not bring %s up to date: %s", code, exc)

    def __repr__(self) -> str:
        return f"RedisFanout({redact(self._url)})"


def _encoded(entry: Entry) -> bytes:
    return encode_entry(entry).encode()
