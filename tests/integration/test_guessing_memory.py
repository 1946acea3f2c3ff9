"""Unauthenticated requests cannot grow the server's memory: unknown room codes leave
nothing behind, and every per-key map of the guessing limits is bounded. Run over the
real application in-process (aiohttp's test server on loopback, a real SQLite store), so
the maps can be inspected."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import socketio
from aiohttp.test_utils import TestClient, TestServer

from game_server.config import Settings
from game_server.room.clock import CODE_ALPHABET
from game_server.stores import SqliteStore
from game_server.transport.app import GATEWAY, build_app
from game_server.transport.limits import FailureLimit
from tests.support.player import new_command_id


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient]:
    app = build_app(Settings(host="127.0.0.1"), SqliteStore(tmp_path / "rooms.sqlite3"))
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield client
    await client.close()


def unknown_codes(count: int) -> list[str]:
    """Distinct six-character codes from the room-code alphabet (no room has them)."""
    codes, n, base = [], 0, len(CODE_ALPHABET)
    while len(codes) < count:
        digits, value = [], n
        for _ in range(6):
            value, digit = divmod(value, base)
            digits.append(CODE_ALPHABET[digit])
        codes.append("".join(digits))
        n += 1
    return codes


async def test_thousands_of_unknown_codes_leave_nothing_behind(client: TestClient) -> None:
    rooms = client.server.app[GATEWAY].rooms
    statuses: dict[int, int] = {}
    for code in unknown_codes(3000):
        response = await client.get(f"/api/rooms/{code}/export/json?token=v.nonsense")
        statuses[response.status] = statuses.get(response.status, 0) + 1
        await response.release()
    assert statuses == {404: 30, 429: 2970}, statuses
    assert rooms._loading == {}, f"{len(rooms._loading)} load locks left behind"
    assert rooms.loaded() == 0

    # The same through the game events: unknown codes in join and enter.
    sio = socketio.AsyncClient(serializer="msgpack")
    await sio.connect(str(client.make_url("/")), transports=["websocket"])
    try:
        for code in unknown_codes(40):
            reply = await sio.call("enter", {"code": code, "token": "p.x." + "a" * 36})
            assert reply["error"]["code"] in ("room_not_found", "rate_limited")
    finally:
        await sio.disconnect()
    assert rooms._loading == {}


async def test_concurrent_loads_of_an_unknown_code_leave_nothing_behind(
    client: TestClient,
) -> None:
    rooms = client.server.app[GATEWAY].rooms
    results = await asyncio.gather(
        *(rooms.get("ACDEFH") for _ in range(50)), return_exceptions=True
    )
    assert all(type(r).__name__ == "RoomNotFound" for r in results), results
    assert rooms._loading == {}


async def test_a_closed_connection_leaves_no_failures_behind(client: TestClient) -> None:
    gateway = client.server.app[GATEWAY]
    for _ in range(20):
        sio = socketio.AsyncClient(serializer="msgpack")
        await sio.connect(str(client.make_url("/")), transports=["websocket"])
        reply = await sio.call(
            "join", {"code": "ACDEFH", "name": "Eve", "command_id": new_command_id()}
        )
        assert reply["error"]["code"] == "room_not_found"
        await sio.disconnect()
    deadline = time.monotonic() + 30
    while len(gateway.failures["sid"]) or gateway.connections.by_sid:
        assert time.monotonic() < deadline, f"{len(gateway.failures['sid'])} entries left"
        await asyncio.sleep(0.05)
    assert len(gateway.failures["addr"]) == 1  # the address keeps its count for the window


def test_failure_limit_keeps_at_most_max_keys() -> None:
    limit = FailureLimit(limit=3, window=60.0, max_keys=100)
    for i in range(10_000):
        limit.fail(f"10.0.{i // 256}.{i % 256}")
    assert len(limit) == 100
    # The keys kept are the most recent ones, and they are still counted.
    recent = "10.0.39.15"  # the last of the 10,000
    limit.fail(recent)
    limit.fail(recent)
    assert limit.blocked(recent)
    assert not limit.blocked("10.0.0.0")  # evicted long ago


def test_failure_limit_forgets_expired_keys() -> None:
    limit = FailureLimit(limit=2, window=0.05)
    for i in range(500):
        limit.fail(f"key{i}")
    time.sleep(0.1)  # the window is wall-clock time: let it pass
    assert not limit.blocked("another")
    assert len(limit) == 0
