"""Thirty players on three processes act on one room at the same moment."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from game_server.stores.redis import RedisStore
from tests.support.server import ServerProcess

from .cluster import assert_converged, do, send, spread_table

pytestmark = pytest.mark.redis

PLAYERS = 30


async def test_simultaneous_placements_and_post_its_are_each_applied_once_in_one_order(
    cluster: list[ServerProcess], redis_store: RedisStore
) -> None:
    urls = [s.url for s in cluster]
    table = await spread_table(urls, "schaal-5", ["leerklimaat/veiligheid"], players=PLAYERS)
    try:
        await do(table.fac, "start")
        await do(table.fac, "next_step")  # -> place
        await table.settle()
        start_version = table.fac.version
        go = asyncio.Event()

        async def act(index: int) -> list[dict[str, object]]:
            player = table.players[index]
            await go.wait()
            return list(
                await asyncio.gather(
                    send(player, "place_pawn", position={"square": 1 + index % 5}),
                    send(player, "add_post_it", colour="green", text=f"post-it van {index}"),
                )
            )

        tasks = [asyncio.create_task(act(i)) for i in range(PLAYERS)]
        await asyncio.sleep(0)  # every task is now waiting on the same event
        go.set()
        replies = [r for pair in await asyncio.gather(*tasks) for r in pair]
        assert all(r["ok"] for r in replies), [r for r in replies if not r["ok"]]
        assert not any(r["duplicate"] for r in replies)
        versions = sorted(int(r["version"]) for r in replies)  # type: ignore[call-overload]
        assert versions == list(range(start_version + 1, start_version + 2 * PLAYERS + 1))

        entries = await redis_store.load(table.code)
        version = await assert_converged(table, entries)
        assert version == start_version + 2 * PLAYERS
        events = Counter(e["type"] for entry in entries for e in entry.events)
        assert events["pawn_placed"] == PLAYERS
        assert events["post_it_added"] == PLAYERS
        texts = Counter(
            e["text"] for entry in entries for e in entry.events if e["type"] == "post_it_added"
        )
        assert texts == Counter(f"post-it van {i}" for i in range(PLAYERS))
        assert table.fac.view is not None
        assert len(table.fac.view["post_its"]) == PLAYERS
        positions = table.fac.view["placements"]["leerklimaat/veiligheid"]["first"]["positions"]
        assert len(positions) == PLAYERS
        # One order: every client received the versions in increasing order, none twice,
        # and the processes served them (all three handled some of the commands).
        for client in table.clients:
            received = [d["version"] for name, d in client.events if name == "update"]
            assert received == sorted(set(received)), f"{client!r}: {received}"
        health = [s.health()["fanout"] for s in cluster]
        assert all(h["kind"] == "redis" and h["connected"] for h in health), health
        assert all(h["published"] > 0 for h in health), health
    finally:
        await table.close()
