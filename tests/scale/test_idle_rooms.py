"""Idle rooms leave memory on Redis too, and their fan-out subscription goes with them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.integration.test_idle_rooms import a_room_is_evicted_and_comes_back
from tests.support.server import ServerProcess

from .redis_server import RedisServer

pytestmark = pytest.mark.redis


async def test_an_idle_room_leaves_memory_and_returns_on_redis(
    redis_server: RedisServer, server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    server = server_factory(
        data_dir=tmp_path / "unused",
        extra_args=["--redis-url", redis_server.url, "--evict-idle-after", "1"],
    )
    evicted = await a_room_is_evicted_and_comes_back(server)
    assert evicted["fanout"]["rooms_followed"] == 0
