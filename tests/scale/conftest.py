"""Fixtures for the scale-out tests: a real redis-server and server processes on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from game_server.stores.redis import RedisStore
from tests.support.fixtures import server_factory
from tests.support.server import ServerProcess

from .redis_server import RedisServer

__all__ = ["cluster", "redis_server", "redis_store", "server_factory"]

PROCESSES = 3


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def redis_store(redis_server: RedisServer) -> AsyncIterator[RedisStore]:
    store = RedisStore(redis_server.url)
    await store.open()
    yield store
    await store.close()


@pytest.fixture
def cluster(
    redis_server: RedisServer, server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> list[ServerProcess]:
    """Three server processes on loopback sharing ``redis_server``."""
    return [
        server_factory(
            data_dir=tmp_path / f"unused{i}",
            extra_args=["--redis-url", redis_server.url],
        )
        for i in range(PROCESSES)
    ]
