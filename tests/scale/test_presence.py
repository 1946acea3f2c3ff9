"""Presence across processes: the facilitator on one process sees players on another go
offline, by a clean disconnect and by their process being killed (SIGKILL: nothing cleans
up, the killed process's entries must expire by themselves)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from game_server.transport.presence import REFRESH, TTL
from tests.support.player import GameClient
from tests.support.server import ServerProcess

from .redis_server import RedisServer

pytestmark = pytest.mark.redis

CARDS = ["leerklimaat/veiligheid"]


def online(client: GameClient) -> set[str] | None:
    seen = [data["online"] for name, data in client.events if name == "presence"]
    return set(seen[-1]) if seen else None


async def test_players_on_another_process_go_offline_even_when_it_is_killed(
    redis_server: RedisServer, server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    a, b = (
        server_factory(
            data_dir=tmp_path / f"unused{i}",
            extra_args=["--redis-url", redis_server.url],
            allow_tracebacks=True,
        )
        for i in range(2)
    )
    fac = await GameClient.connected(a.url, name="facilitator")
    clients = [fac]
    try:
        await fac.create_room("schaal-5", CARDS)
        code = str(fac.code)
        players = {}
        for name, server in (("Ann", a), ("Bas", b), ("Cor", b)):
            client = await GameClient.connected(server.url, name=name, reconnection=False)
            clients.append(client)
            await client.join(code, name)
            players[name] = str(client.player_id)

        await fac.wait_until(lambda c: online(c) == set(players.values()), within=20)

        # A clean disconnect on B reaches the facilitator on A.
        await clients[2].disconnect()
        await fac.wait_until(lambda c: online(c) == {players["Ann"], players["Cor"]}, within=20)

        # B dies without a word: Cor goes offline once B's entries expire.
        killed_at = time.monotonic()
        await b.akill()
        await fac.wait_until(lambda c: online(c) == {players["Ann"]}, within=30)
        took = time.monotonic() - killed_at
        assert took < TTL + 3 * REFRESH + 5, f"offline only after {took:.1f} s"

        # Cor comes back on A: online again.
        cor = await GameClient.connected(a.url, name="Cor again")
        clients.append(cor)
        assert clients[3].token is not None
        await cor.enter(code, clients[3].token)
        await fac.wait_until(lambda c: online(c) == {players["Ann"], players["Cor"]}, within=20)
    finally:
        await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
        await a.astop(5)
