"""The room store for several server processes: Redis, with every write one Lua script.

Per room two keys, sharing a ``{CODE}`` hash tag so they live in one cluster slot:

* ``<prefix>:room:{CODE}:meta`` - a hash with ``version`` (the room's latest version) and
  ``created_at`` (ms since the epoch);
* ``<prefix>:room:{CODE}:log`` - a list with one JSON document per entry; the entry of
  version ``v`` sits at index ``v - 1``, so "everything since version ``v``" is one
  ``LRANGE log v -1``.

Why it is shaped like this:

* ``append`` is the versioned compare-and-set that serialises one room's commands across
  processes. It runs as one Lua script: Redis executes a script atomically, so "check the
  version, push the entry, bump the version, refresh the expiry" can never interleave with
  another process's append, and the AOF records the script's writes as one MULTI/EXEC
  block, so a crash never leaves half of it behind. There is no read-then-write anywhere.
* A write that times out is *ambiguous*: the script may still run later (a paused Redis
  reads the request once it resumes). That is safe by construction: the caller was told
  ``StoreUnavailable``; if the script did run, the entry is simply there, and the room
  authority finds it on its next catch-up (its resend dedupe then answers the command as
  already applied). A retried script that already ran fails its version check instead of
  writing twice.
* "Durable when it returns" needs Redis with ``appendonly yes`` and ``appendfsync always``:
  Redis then fsyncs the AOF before it sends any reply (and it batches the fsync over every
  client's commands, a group commit of its own). With ``everysec`` up to about a second of
  acknowledged writes can be lost in a power cut; see docs/scaling.md.
* Rooms expire ``retention`` after their last append (``PEXPIRE`` on both keys in the same
  script), so an abandoned room does not stay in memory for ever.
* ``create`` also records, in the same script, which room the create command made
  (``<prefix>:created:<command key>`` -> code, expiring after ``CREATION_MEMORY`` or the
  retention if shorter), so a resent create answers the same room on any process, even
  when the first attempt timed out and ran once Redis resumed. That key has no hash tag of
  the room's: one more reason Redis Cluster is not supported.
* Every failure to reach Redis becomes ``StoreUnavailable`` within a bounded time
  (connect and socket timeouts, one retry), never a hang. After a failure the store
  answers ``StoreUnavailable`` at once for ``cooldown`` seconds instead of queueing more
  requests behind a dead connection; the connection pool reconnects by itself afterwards.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any, Literal, TypeVar, cast

from redis import exceptions as redis_errors
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff

from .base import (
    CREATION_MEMORY,
    Entry,
    RoomExists,
    RoomNotFound,
    StoreError,
    StoreUnavailable,
    VersionConflict,
)
from .codec import decode_entry, encode_entry

__all__ = ["DEFAULT_RETENTION", "RedisStore", "redact"]

log = logging.getLogger(__name__)

_T = TypeVar("_T")

DEFAULT_RETENTION = timedelta(days=30)

# KEYS: meta, log, creation record. ARGV: payload (entry JSON), created_at, retention ms,
# code, creation memory ms. Returns {1, code} when created, {2, code} when this command
# already created a room (nothing written), {0, ''} when the code is taken.
_CREATE = """
local known = redis.call('GET', KEYS[3])
if known then
  return {2, known}
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {0, ''}
end
redis.call('DEL', KEYS[2])
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'version', 1, 'created_at', ARGV[2], 'creation', KEYS[3])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[5])
return {1, ARGV[4]}
"""

# KEYS: meta, log. ARGV: version of the new entry, payload (entry JSON), retention ms.
# Returns {1, version} when appended, {0, current} on a version conflict, {-1, 0} for an
# unknown room. Nothing is written unless the version matches.
_APPEND = """
local current = redis.call('HGET', KEYS[1], 'version')
if not current then
  return {-1, 0}
end
current = tonumber(current)
local version = tonumber(ARGV[1])
if current ~= version - 1 then
  return {0, current}
end
if redis.call('LLEN', KEYS[2]) ~= current then
  return redis.error_reply('LEERKLIMAAT room log length differs from its version')
end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[1], 'version', version)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return {1, version}
"""

# KEYS: meta, log. Deletes the room and the record of the command that created it.
_DELETE = """
local creation = redis.call('HGET', KEYS[1], 'creation')
if creation then
  redis.call('DEL', creation)
end
return redis.call('DEL', KEYS[1], KEYS[2])
"""

# KEYS: meta, log. ARGV: the last version the caller has. Returns {version, entries...}
# or {-1} for an unknown room; one script, so the version and the entries agree.
_READ_SINCE = """
local current = redis.call('HGET', KEYS[1], 'version')
if not current then
  return {-1}
end
local out = redis.call('LRANGE', KEYS[2], tonumber(ARGV[1]), -1)
table.insert(out, 1, tonumber(current))
return out
"""

# KEYS: meta, log. ARGV: version, payload, version, payload, ... Overwrites those entries
# in place (LSET), all or none. Returns 1, -1 for an unknown room, or -2 when a version is
# beyond the log. The AOF records the script's LSETs; see docs/scaling.md on rewriting it.
_REWRITE = """
local current = redis.call('HGET', KEYS[1], 'version')
if not current then
  return -1
end
current = tonumber(current)
for i = 1, #ARGV, 2 do
  local version = tonumber(ARGV[i])
  if version < 1 or version > current then
    return -2
  end
end
for i = 1, #ARGV, 2 do
  redis.call('LSET', KEYS[2], tonumber(ARGV[i]) - 1, ARGV[i + 1])
end
return 1
"""

_UNAVAILABLE: tuple[type[Exception], ...] = (
    redis_errors.ConnectionError,  # includes BusyLoadingError (Redis is loading its AOF)
    redis_errors.TimeoutError,
    redis_errors.ReadOnlyError,
    redis_errors.TryAgainError,
    OSError,
)


def redact(url: str) -> str:
    """A Redis URL safe to print: the password replaced by ``***``."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}"


class RedisStore:
    """A ``RoomStore`` in Redis, safe to share between any number of server processes.

    ``url`` is a redis-py URL (``redis://[:password@]host:port/db``, ``rediss://`` for
    TLS). ``prefix`` namespaces the keys, so several deployments can share one Redis.
    ``timeout`` bounds each attempt to reach Redis (connect and reply); a failed attempt
    is retried once, so a call fails with ``StoreUnavailable`` after at most about
    ``2 * timeout`` seconds.
    """

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "lk",
        retention: timedelta = DEFAULT_RETENTION,
        timeout: float = 1.0,
        cooldown: float = 0.5,
    ) -> None:
        if retention.total_seconds() < 1:
            raise ValueError("retention must be at least one second")
        self._url = url
        self._prefix = prefix
        self._retention_ms = int(retention.total_seconds() * 1000)
        self._timeout = timeout
        self._cooldown = cooldown
        self._down_until = 0.0
        self._state: Literal["new", "open", "closed"] = "new"
        self._redis: Redis | None = None
        self._scripts: dict[str, Any] = {}

    @property
    def url(self) -> str:
        return redact(self._url)

    def __repr__(self) -> str:
        return f"RedisStore({self.url}, prefix={self._prefix!r})"

    # -- keys ------------------------------------------------------------------------------

    def _meta(self, code: str) -> str:
        return f"{self._prefix}:room:{{{code}}}:meta"

    def _log(self, code: str) -> str:
        return f"{self._prefix}:room:{{{code}}}:log"

    def _creation(self, command_key: str) -> str:
        return f"{self._prefix}:created:{command_key}"

    # -- lifecycle -------------------------------------------------------------------------

    async def open(self) -> None:
        """Create the client; does not need Redis to be up (it connects on first use)."""
        if self._state != "new":
            raise StoreError(f"{self!r}: open() called on a store that is {self._state}")
        self._redis = Redis.from_url(
            self._url,
            socket_timeout=self._timeout,
            socket_connect_timeout=self._timeout,
            socket_keepalive=True,
            retry=Retry(ExponentialBackoff(cap=0.2, base=0.05), retries=1),
            retry_on_error=[redis_errors.ConnectionError, redis_errors.TimeoutError],
            health_check_interval=15,
            decode_responses=False,
        )
        for name, source in (
            ("create", _CREATE),
            ("append", _APPEND),
            ("read", _READ_SINCE),
            ("rewrite", _REWRITE),
            ("delete", _DELETE),
        ):
            self._scripts[name] = self._redis.register_script(source)
        self._state = "open"

    async def close(self) -> None:
        if self._redis is not None:
            redis, self._redis = self._redis, None
            try:
                await redis.aclose()
            except Exception:  # closing a broken connection must not fail shutdown
                log.debug("closing the Redis client failed", exc_info=True)
        self._state = "closed"

    async def ping(self) -> bool:
        """Whether Redis answers right now (for health checks; never raises)."""
        try:
            await self._call(lambda r: cast(Awaitable[Any], r.ping()))
        except StoreError:
            return False
        return True

    # -- writes ----------------------------------------------------------------------------

    async def create(self, code: str, entry: Entry) -> str:
        if entry.version != 1:
            raise ValueError(f"room {code}: the first entry must be version 1, not {entry.version}")
        payload = encode_entry(entry)
        memory_ms = min(int(CREATION_MEMORY.total_seconds() * 1000), self._retention_ms)
        status, found = await self._script(
            "create",
            [self._meta(code), self._log(code), self._creation(entry.command_key)],
            [payload, entry.at, self._retention_ms, code, memory_ms],
        )
        if int(status) == 0:
            raise RoomExists(f"room {code} already exists")
        return found.decode() if isinstance(found, bytes) else str(found)

    async def append(self, code: str, entry: Entry) -> None:
        # Encoded before anything is sent: a non-JSON event fails here with ValueError.
        payload = encode_entry(entry)
        status, current = await self._script(
            "append",
            [self._meta(code), self._log(code)],
            [entry.version, payload, self._retention_ms],
        )
        if int(status) == -1:
            raise RoomNotFound(f"no room {code}")
        if int(status) == 0:
            raise VersionConflict(code, expected=entry.version, actual=int(current))

    async def delete(self, code: str) -> None:
        await self._script("delete", [self._meta(code), self._log(code)], [])

    async def rewrite(self, code: str, entries: Sequence[Entry]) -> None:
        if not entries:
            return
        args: list[Any] = []
        for entry in entries:
            args += [entry.version, encode_entry(entry)]
        status = int(await self._script("rewrite", [self._meta(code), self._log(code)], args))
        if status == -1:
            raise RoomNotFound(f"no room {code}")
        if status != 1:
            raise StoreError(f"room {code}: a version to rewrite is beyond its log")

    # -- reads -----------------------------------------------------------------------------

    async def load(self, code: str) -> list[Entry]:
        return await self.read_since(code, 0)

    async def read_since(self, code: str, version: int) -> list[Entry]:
        reply = await self._script("read", [self._meta(code), self._log(code)], [max(version, 0)])
        if int(reply[0]) == -1:
            raise RoomNotFound(f"no room {code}")
        try:
            entries = [decode_entry(raw) for raw in reply[1:]]
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"room {code}: undecodable entry in Redis: {exc}") from exc
        expected = list(range(max(version, 0) + 1, int(reply[0]) + 1))
        if [e.version for e in entries] != expected:
            raise StoreError(f"room {code}: log in Redis does not match its version")
        return entries

    async def current_version(self, code: str) -> int:
        found = await self._call(
            lambda r: cast(Awaitable[Any], r.hget(self._meta(code), "version"))
        )
        if found is None:
            raise RoomNotFound(f"no room {code}")
        return int(found)

    async def room_codes(self) -> list[str]:
        pattern = f"{self._prefix}:room:{{*}}:meta"
        start = len(f"{self._prefix}:room:{{")

        async def scan(redis: Redis) -> list[str]:
            codes = []
            async for key in redis.scan_iter(match=pattern, count=1000):
                text = key.decode() if isinstance(key, bytes) else str(key)
                codes.append(text[start : -len("}:meta")])
            return sorted(codes)

        return await self._call(scan)

    # -- plumbing --------------------------------------------------------------------------

    async def _script(self, name: str, keys: list[str], args: list[Any]) -> Any:
        script = self._scripts.get(name)
        return await self._call(lambda r: script(keys=keys, args=args, client=r))  # type: ignore[misc]

    async def _call(self, action: Callable[[Redis], Awaitable[_T]]) -> _T:
        if self._state != "open" or self._redis is None:
            state = "not open yet: await open() first" if self._state == "new" else "closed"
            raise StoreError(f"{self!r} is {state}")
        if time.monotonic() < self._down_until:
            raise StoreUnavailable(f"{self.url} was unreachable a moment ago")
        try:
            return await action(self._redis)
        except _UNAVAILABLE as exc:
            self._down_until = time.monotonic() + self._cooldown
            raise StoreUnavailable(f"{self.url} unreachable: {type(exc).__name__}: {exc}") from exc
        except redis_errors.RedisError as exc:
            raise StoreError(f"{self.url}: {type(exc).__name__}: {exc}") from exc
