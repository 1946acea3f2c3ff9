"""Pytest fixtures over real server processes; import them into a conftest::

    from tests.support.fixtures import clients, server, server_factory  # noqa: F401

- ``server``: one started server (embedded SQLite store in a temporary data dir), stopped
  after the test; the test fails if the server logged a traceback (an unexpected error).
- ``server_factory``: start more servers, e.g. several processes on one Redis
  (``server_factory(extra_args=["--redis-url", url], data_dir=...)``).
- ``clients``: ``await clients(name=..., transports=[...])`` opens a connected
  ``GameClient`` to ``server``; every client is closed after the test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .player import GameClient
from .server import SHUTDOWN_GRACE, ServerProcess

ServerFactory = Callable[..., ServerProcess]
ClientFactory = Callable[..., Awaitable[GameClient]]


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[ServerFactory]:
    started: list[ServerProcess] = []

    def make(
        *, data_dir: Path | None = None, allow_tracebacks: bool = False, **kwargs: Any
    ) -> ServerProcess:
        index = len(started)
        server = ServerProcess(
            data_dir or tmp_path / f"data{index}",
            log_path=tmp_path / f"server{index}.log",
            **kwargs,
        )
        server.allow_tracebacks = allow_tracebacks
        started.append(server)
        server.start()
        return server

    yield make
    problems = []
    for server in started:
        server.stop(timeout=SHUTDOWN_GRACE)
        if server.tracebacks() and not server.allow_tracebacks:
            problems.append(f"{server!r} logged tracebacks:\n{server.log_text()[-5000:]}")
    assert not problems, "\n\n".join(problems)


@pytest.fixture
def server(server_factory: ServerFactory) -> ServerProcess:
    return server_factory()


@pytest.fixture
async def clients(server: ServerProcess) -> AsyncIterator[ClientFactory]:
    opened: list[GameClient] = []

    async def make(**kwargs: Any) -> GameClient:
        client = GameClient(server.url, **kwargs)
        opened.append(client)
        await client.connect()
        return client

    yield make
    for client in opened:
        await client.close()
