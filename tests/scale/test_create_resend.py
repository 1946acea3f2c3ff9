"""A resent ``create_room`` answers the room its first attempt made, on any process.

The first attempt times out while Redis is paused (``store_unavailable``) and its script
still runs once Redis resumes; the facilitator's client then resends the same command id,
to the same process or, behind a balancer, to another one."""

from __future__ import annotations

import asyncio

import pytest

from game_server.stores.redis import RedisStore
from tests.support.player import GameClient, new_command_id
from tests.support.server import ServerProcess

from .redis_server import RedisServer

pytestmark = pytest.mark.redis

CARDS = ["leerklimaat/veiligheid"]


async def resend_until_answered(client: GameClient, command_id: str) -> dict[str, object]:
    for _ in range(100):
        reply = await client.create_room("schaal-5", CARDS, command_id=command_id, check=False)
        if reply.get("ok"):
            return reply
        assert reply["error"]["code"] == "store_unavailable", reply
        await asyncio.sleep(0.2)
    raise AssertionError("create_room never answered")


async def test_a_create_resent_after_a_redis_stall_answers_the_same_room_everywhere(
    cluster: list[ServerProcess], redis_server: RedisServer, redis_store: RedisStore
) -> None:
    first, other = (GameClient(cluster[i].url, reconnection=False) for i in (0, 1))
    await first.connect()
    await other.connect()
    try:
        command_id = new_command_id()
        redis_server.pause()
        try:
            stalled = await first.create_room("schaal-5", CARDS, command_id=command_id, check=False)
            assert stalled["error"]["code"] == "store_unavailable", stalled
        finally:
            redis_server.resume()
        same_process = await resend_until_answered(first, command_id)
        other_process = await resend_until_answered(other, command_id)

        assert await redis_store.room_codes() == [same_process["code"]]
        for key in ("code", "facilitator_token", "projector_token"):
            assert other_process[key] == same_process[key], key
    finally:
        await first.close()
        await other.close()
