"""Resent join/create_room ids over Redis: the same scenario as over SQLite, and the raw
keys hold neither id."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import redis.asyncio as aioredis

from tests.support.sealed_ids import replayed_ids_hand_over_nothing
from tests.support.server import ServerProcess

from .redis_server import RedisServer

pytestmark = pytest.mark.redis


async def raw_dump(url: str) -> str:
    """Every key and value in the Redis database, whatever its type."""
    client = aioredis.from_url(url)
    parts: list[str] = []
    try:
        async for key in client.scan_iter():
            kind = (await client.type(key)).decode()
            if kind == "string":
                value: object = await client.get(key)
            elif kind == "list":
                value = await client.lrange(key, 0, -1)
            elif kind == "hash":
                value = await client.hgetall(key)
            elif kind == "zset":
                value = await client.zrange(key, 0, -1, withscores=True)
            elif kind == "set":
                value = await client.smembers(key)
            elif kind == "stream":
                value = await client.xrange(key)
            else:
                value = kind
            parts.append(f"{key!r} {value!r}")
    finally:
        await client.aclose()
    return "\n".join(parts)


async def test_a_replayed_id_hands_over_no_seat(
    redis_server: RedisServer, server_factory: Callable[..., ServerProcess]
) -> None:
    server = server_factory(extra_args=["--redis-url", redis_server.url])

    async def store_text() -> str:
        return await raw_dump(redis_server.url)

    await replayed_ids_hand_over_nothing(server.url, store_text)
