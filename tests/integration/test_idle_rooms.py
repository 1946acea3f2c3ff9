"""A room nobody is connected to leaves the process's memory after ``--evict-idle-after``
seconds, and comes back from the store, unchanged, at the next ``enter``."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from tests.support.player import GameClient
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"


async def health_until(
    server: ServerProcess, holds: Callable[[dict[str, Any]], bool], within: float = 30
) -> dict[str, Any]:
    """Poll ``/healthz`` (another process: polling is the only way) until ``holds``."""
    deadline = time.monotonic() + within
    while True:
        health = await asyncio.to_thread(server.health)
        if holds(health):
            return health
        assert time.monotonic() < deadline, f"not reached in {within}s: {health}"
        await asyncio.sleep(0.1)


async def a_room_is_evicted_and_comes_back(server: ServerProcess) -> dict[str, Any]:
    """Returns the ``/healthz`` answer seen once the room had left memory."""
    fac = await GameClient.connected(server.url, name="facilitator")
    player = await GameClient.connected(server.url, name="Ann")
    created = await fac.create_room("schaal-5", [CARD])
    await player.join(created["code"], "Ann")
    await fac.do("start")
    await player.do("add_post_it", colour="pink", text="blijft bewaard")
    await fac.wait_version(player.version)
    view, version = fac.view, fac.version
    # Connected clients keep the room in memory, however long they are quiet.
    await asyncio.sleep(2.5)
    assert (await asyncio.to_thread(server.health))["rooms_in_memory"] == 1
    await fac.close()
    await player.close()

    evicted = await health_until(server, lambda h: h["rooms_in_memory"] == 0)
    assert evicted["rooms_evicted"] == 1

    back = await GameClient.connected(server.url, name="facilitator again")
    try:
        reply = await back.enter(created["code"], created["facilitator_token"])
        assert reply["version"] == version and back.view == view
        assert (await asyncio.to_thread(server.health))["rooms_in_memory"] == 1
        await back.do("next_step")  # the room goes on from where it was
    finally:
        await back.close()
    return evicted


async def test_an_idle_room_leaves_memory_and_returns_on_the_embedded_store(
    server_factory: Callable[..., ServerProcess],
) -> None:
    server = server_factory(extra_args=["--evict-idle-after", "1"])
    await a_room_is_evicted_and_comes_back(server)


async def test_a_watched_workshops_tables_stay_in_memory(
    server_factory: Callable[..., ServerProcess],
) -> None:
    """Nobody sits at a workshop's tables yet, but its facilitator watches the overview,
    which is made from them: they stay loaded while a room left alone is evicted."""
    from tests.support.workshop import create_workshop, join

    server = server_factory(extra_args=["--evict-idle-after", "1"])
    workshop = await create_workshop(server.url, tables={"count": 3})
    for name in ("Ann", "Bas", "Cor"):
        person = await join(server.url, workshop, name, sit=False)
        await person.client.close()  # nobody is connected to a table
    alone = await GameClient.connected(server.url, name="host of a room left alone")
    await alone.create_room("schaal-5", [CARD])
    await alone.close()
    try:
        health = await health_until(server, lambda h: h["rooms_evicted"] >= 1)
        assert health["rooms_in_memory"] == 4  # the workshop and its three tables
    finally:
        await workshop.close()
    await health_until(server, lambda h: h["rooms_in_memory"] == 0)
