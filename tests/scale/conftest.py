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


# python-engineio's server raises this out of its request handler when a long-polling
# request arrives for a session that has just been closed (the client's last poll racing
# its own disconnect); aiohttp logs it with a traceback and answers 500 to that stale
# request. It is not an error of ours, so it is the one traceback the cluster tolerates.
TOLERATED = "raise KeyError('Session is disconnected')\nKeyError: 'Session is disconnected'"


@pytest.fixture
def cluster(
    redis_server: RedisServer, server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> Iterator[list[ServerProcess]]:
    """Three server processes on loopback sharing ``redis_server``."""
    servers = [
        server_factory(
            data_dir=tmp_path / f"unused{i}",
            extra_args=["--redis-url", redis_server.url],
            allow_tracebacks=True,  # checked below, less the one engineio race
        )
        for i in range(PROCESSES)
    ]
    yield servers
    for server in servers:
        # SIGTERM (serve cuts pending long-polls after 3 s), SIGKILL if it takes longer.
        server.stop(5)
        unexpected = [t for t in server.tracebacks() if TOLERATED not in t]
        assert not unexpected, f"{server!r} logged:\n{server.log_text()[-5000:]}"
