"""The Redis room store against a real redis-server: the same behaviour as the SQLite
store (see tests/unit/test_sqlite_store.py), plus what only Redis has: expiry, a Redis
that stops answering, and a Redis that is killed and started again."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from game_server.stores import (
    Entry,
    RoomNotFound,
    StoreError,
    StoreUnavailable,
    VersionConflict,
)
from game_server.stores.redis import RedisStore, redact
from tests.support.store_contract import (
    CONTRACT,
    Crash,
    acknowledged_appends_survive_a_crash,
    entry,
    refuses_use_before_open_and_after_close,
    room_with,
    stale_or_future_version_conflicts_and_changes_nothing,
)

from .redis_server import RedisServer

pytestmark = pytest.mark.redis

# -- the same behaviour as the SQLite store --------------------------------------------------


@pytest.mark.parametrize("check", CONTRACT, ids=lambda check: check.__name__)
async def test_the_store_contract(
    redis_store: RedisStore, check: Callable[[RedisStore], Awaitable[None]]
) -> None:
    await check(redis_store)


@pytest.mark.parametrize("version", [1, 2, 3, 5, 9])
async def test_stale_or_future_version_conflicts_and_changes_nothing(
    redis_store: RedisStore, redis_server: RedisServer, version: int
) -> None:
    await stale_or_future_version_conflicts_and_changes_nothing(redis_store, version)
    with redis_server.client() as raw:
        assert raw.llen("lk:room:{ABCD}:log") == 3


async def test_non_json_events_are_refused_before_anything_is_written(
    redis_store: RedisStore,
) -> None:
    await redis_store.create("ABCD", entry(1))
    bad = Entry(version=2, command_key="k", events=[{"type": "x", "s": {1, 2}}], at=0)
    with pytest.raises(ValueError):
        await redis_store.append("ABCD", bad)
    assert await redis_store.current_version("ABCD") == 1


async def test_many_concurrent_appenders_win_each_version_exactly_once(
    redis_server: RedisServer,
) -> None:
    # Separate stores = separate connection pools, as separate server processes have.
    stores = [RedisStore(redis_server.url) for _ in range(4)]
    for store in stores:
        await store.open()
    try:
        await stores[0].create("ABCD", entry(1))
        for v in range(2, 40):
            results = await asyncio.gather(
                *(s.append("ABCD", entry(v, note=f"s{i}")) for i, s in enumerate(stores)),
                return_exceptions=True,
            )
            assert sum(r is None for r in results) == 1, results
            assert sum(isinstance(r, VersionConflict) for r in results) == 3, results
        loaded = await stores[3].load("ABCD")
        assert [e.version for e in loaded] == list(range(1, 40))
    finally:
        for store in stores:
            await store.close()


async def test_methods_before_open_and_after_close_raise_store_error(
    redis_server: RedisServer,
) -> None:
    await refuses_use_before_open_and_after_close(RedisStore(redis_server.url))


async def test_prefixes_keep_deployments_apart(redis_server: RedisServer) -> None:
    one, two = (
        RedisStore(redis_server.url, prefix="one"),
        RedisStore(redis_server.url, prefix="two"),
    )
    await one.open()
    await two.open()
    try:
        await room_with(one, "ABCD", 3)
        assert await two.room_codes() == []
        await two.create("ABCD", entry(1))
        assert await one.current_version("ABCD") == 3
    finally:
        await one.close()
        await two.close()


def test_redact_hides_the_password() -> None:
    assert redact("redis://:geheim@redis:6379/0") == "redis://:***@redis:6379/0"
    assert redact("rediss://user:geheim@host/1") == "rediss://user:***@host/1"
    assert redact("redis://localhost:6379/0") == "redis://localhost:6379/0"


# -- retention ----------------------------------------------------------------------------


async def test_every_write_sets_the_retention_and_appends_refresh_it(
    redis_server: RedisServer,
) -> None:
    store = RedisStore(redis_server.url, retention=timedelta(days=2))
    await store.open()
    try:
        await store.create("ABCD", entry(1))
        with redis_server.client() as raw:
            two_days = 2 * 86_400_000
            for key in ("lk:room:{ABCD}:meta", "lk:room:{ABCD}:log"):
                assert two_days - 60_000 < raw.pttl(key) <= two_days
                raw.pexpire(key, 50_000)  # as if the room had been idle for almost 2 days
            await store.append("ABCD", entry(2))
            for key in ("lk:room:{ABCD}:meta", "lk:room:{ABCD}:log"):
                assert raw.pttl(key) > two_days - 60_000
    finally:
        await store.close()


async def test_an_idle_room_expires(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url, retention=timedelta(seconds=1))
    await store.open()
    try:
        await room_with(store, "ABCD", 2)
        assert await store.room_codes() == ["ABCD"]
        deadline = time.monotonic() + 5
        while await store.room_codes():  # Redis expires the keys on its own clock
            assert time.monotonic() < deadline, "room did not expire"
            await asyncio.sleep(0.1)
        with pytest.raises(RoomNotFound):
            await store.load("ABCD")
        await store.create("ABCD", entry(1))  # the code is free again
    finally:
        await store.close()


def test_retention_must_be_positive() -> None:
    with pytest.raises(ValueError):
        RedisStore("redis://127.0.0.1:1/0", retention=timedelta(0))


# -- Redis unreachable ------------------------------------------------------------------------


async def test_unreachable_redis_fails_fast_and_the_store_recovers_by_itself(
    redis_server: RedisServer,
) -> None:
    store = RedisStore(redis_server.url, timeout=0.5, cooldown=0.2)
    await store.open()
    try:
        entries = await room_with(store, "ABCD", 3)
        redis_server.stop()
        started = time.monotonic()
        for call in (
            store.append("ABCD", entry(4)),
            store.load("ABCD"),
            store.current_version("ABCD"),
        ):
            with pytest.raises(StoreUnavailable):
                await call
        assert time.monotonic() - started < 5
        assert not await store.ping()
        redis_server.start()
        deadline = time.monotonic() + 10
        while not await store.ping():  # the same store object, no reopen
            assert time.monotonic() < deadline
            await asyncio.sleep(0.1)
        assert await store.load("ABCD") == entries  # AOF: everything is still there
        await store.append("ABCD", entry(4))
        assert await store.current_version("ABCD") == 4
    finally:
        await store.close()


async def test_paused_redis_times_out_and_a_late_write_is_never_doubled(
    redis_server: RedisServer,
) -> None:
    store = RedisStore(redis_server.url, timeout=0.5, cooldown=0.2)
    await store.open()
    try:
        await room_with(store, "ABCD", 3)
        redis_server.pause()  # connections stay open, nothing answers: the worst case
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            await store.append("ABCD", entry(4))
        assert time.monotonic() - started < 3
        redis_server.resume()
        # The request was already on its way: Redis may run it after resuming. Either way
        # version 4 exists at most once, and a retry of the same entry cannot add it again.
        deadline = time.monotonic() + 10
        while True:
            try:
                version = await store.current_version("ABCD")
                break
            except StoreUnavailable:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.1)
        assert version in (3, 4)
        if version == 3:
            await store.append("ABCD", entry(4))
        with pytest.raises(VersionConflict):
            await store.append("ABCD", entry(4))
        assert await store.load("ABCD") == [entry(v) for v in range(1, 5)]
    finally:
        await store.close()


# -- a Redis that is killed ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2])
async def test_acknowledged_appends_survive_killing_redis(
    redis_server: RedisServer, seed: int
) -> None:
    """appendfsync always: whatever Redis acknowledged is in the AOF before the reply."""

    def reopen() -> RedisStore:
        redis_server.start()
        return RedisStore(redis_server.url)

    crash = Crash(
        store_import="from game_server.stores.redis import RedisStore",
        make_store="RedisStore(target)",
        target=redis_server.url,
        kill=lambda _child: redis_server.kill(),  # appends are in flight right now
        reopen=reopen,
        appends=300,
        crash_between=(20, 600),
        child_is_killed=False,
    )
    await acknowledged_appends_survive_a_crash(crash, seed)


async def test_store_error_for_a_corrupted_log(
    redis_store: RedisStore, redis_server: RedisServer
) -> None:
    await room_with(redis_store, "ABCD", 2)
    with redis_server.client() as raw:
        raw.rpush("lk:room:{ABCD}:log", b"not json")
    with pytest.raises(StoreError):
        await redis_store.load("ABCD")
    with pytest.raises(StoreError):  # the script refuses to append to an inconsistent log
        await redis_store.append("ABCD", entry(3))
