"""``/readyz`` on Redis: unavailable while Redis does not answer, ready again after."""

from __future__ import annotations

import pytest

from tests.integration.test_readiness import readiness_becomes
from tests.support.server import ServerProcess

from .redis_server import RedisServer

pytestmark = pytest.mark.redis


async def test_readiness_follows_redis(
    cluster: list[ServerProcess], redis_server: RedisServer
) -> None:
    server = cluster[0]
    await readiness_becomes(server, 200, within=5)
    redis_server.pause()
    try:
        body = await readiness_becomes(server, 503)
        assert body["store"] is False
        assert server.health()["status"] == "ok"
    finally:
        redis_server.resume()
    await readiness_becomes(server, 200)
    redis_server.kill()
    await readiness_becomes(server, 503)
    redis_server.start()
    await readiness_becomes(server, 200)
