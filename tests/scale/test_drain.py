"""SIGTERM drains a process: it stops taking connections, finishes what it is handling,
tells its clients to reconnect (they resume on another process) and exits cleanly,
while players keep writing. The way to upgrade a deployment one process at a time."""

from __future__ import annotations

import asyncio
import time

import pytest

from game_server.stores.redis import RedisStore
from tests.support.server import ServerProcess

from .cluster import RoamingClient, assert_converged, do
from .test_failures import Scribbles, spread_table

pytestmark = pytest.mark.redis

CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie"]


async def test_sigterm_drains_a_process_while_players_write(
    cluster: list[ServerProcess], redis_store: RedisStore
) -> None:
    table = await spread_table([s.url for s in cluster], "schaal-5", CARDS, players=6)
    try:
        victim = cluster[1]
        polling = RoamingClient(table.urls, 1, transports=["polling"], name="Cas")
        await polling.connect()
        await polling.join(table.code, "Cas")
        table.extra.append(polling)
        await do(table.fac, "start")
        moved = [c for c in table.clients if c.url == victim.url]
        assert polling in moved, "nobody is connected to the process to drain"
        scribbles = Scribbles(table, per_player=10)
        writing = asyncio.create_task(scribbles.run())
        await scribbles.until(12)

        started = time.monotonic()
        code = await victim.astop(30)
        assert code == 0, f"exit code {code}:\n{victim.log_text()[-3000:]}"
        assert time.monotonic() - started < 20
        await writing

        # A client that writes nothing (Cas) learns of the drain only at its next poll:
        # wait for it to be back, as long as the reconnect may take on a busy machine.
        for client in moved:
            await client.wait_until(lambda c: c.url != victim.url and c.resumes >= 1, within=60)
        for client in moved:
            # Back on another process. A WebSocket client was told to go by the server, not
            # cut off; a long-polling one may instead find the port closed for its next
            # request (the process stopped listening first) and reconnect for that reason.
            assert client.url != victim.url and client.resumes >= 1
            if client is not polling:
                assert "server disconnect" in client.disconnect_reasons, client.disconnect_reasons
        # Nothing a client sent was refused or failed because the process went away.
        assert sum(c.store_errors for c in table.clients) == 0
        table.urls.remove(victim.url)
        entries = await redis_store.load(table.code)
        await assert_converged(table, entries)
        assert table.fac.view is not None
        scribbles.check(table.fac.view, entries)
        assert len(scribbles.acknowledged) == 6 * 10
        assert "draining: asking" in victim.log_text()
    finally:
        await table.close()
