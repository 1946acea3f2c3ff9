"""Things going wrong under a game spread over three processes on one Redis: a server
process killed, Redis killed and started again, Redis not answering for ten seconds."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable

import pytest

from game_server.stores.redis import RedisStore
from tests.support.server import ServerProcess

from .cluster import SpreadTable, assert_converged, do, send, spread_table
from .redis_server import RedisServer

pytestmark = pytest.mark.redis

CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie"]


class Scribbles:
    """Players write post-its in the background; every acknowledged one is recorded."""

    def __init__(self, table: SpreadTable, per_player: int, pause: float = 0.05) -> None:
        self.table = table
        self.per_player = per_player
        self.pause = pause
        self.acknowledged: dict[str, str] = {}
        """post-it text -> the id the acknowledgement gave."""
        self.latencies: list[float] = []
        self._progress = asyncio.Event()

    async def _write(self, index: int) -> None:
        player = self.table.players[index]
        for n in range(self.per_player):
            text = f"{player.name} #{n}"
            started = time.monotonic()
            reply = await send(player, "add_post_it", colour="pink", text=text, deadline=90)
            self.latencies.append(time.monotonic() - started)
            assert reply["ok"], reply
            self.acknowledged[text] = reply["result"]["post_it_id"]
            self._progress.set()
            await asyncio.sleep(self.pause)

    async def run(self) -> None:
        await asyncio.gather(*(self._write(i) for i in range(len(self.table.players))))

    async def until(self, count: int) -> None:
        while len(self.acknowledged) < count:
            self._progress.clear()
            await asyncio.wait_for(self._progress.wait(), 30)

    def check(self, view: dict[str, object], entries: list[object]) -> None:
        """Every acknowledged post-it is there once, with the id its acknowledgement gave."""
        post_its: dict[str, dict[str, str]] = view["post_its"]  # type: ignore[assignment]
        by_text = Counter(p["text"] for p in post_its.values())
        for text, post_it_id in self.acknowledged.items():
            assert by_text[text] == 1, f"{text!r} is there {by_text[text]} times"
            assert post_its[post_it_id]["text"] == text
        stored = Counter(
            e["text"]
            for entry in entries
            for e in entry.events  # type: ignore[attr-defined]
            if e["type"] == "post_it_added"
        )
        assert all(n == 1 for n in stored.values()), "a post-it was stored twice"


async def finish_game(table: SpreadTable) -> None:
    fac = table.fac
    while fac.view is not None and fac.view["phase"] not in ("sort",):
        await do(fac, "next_step")
    await do(fac, "next_step")  # -> summary
    await do(fac, "end_game")
    await table.settle()
    assert all(c.view is not None and c.view["phase"] == "closed" for c in table.clients)


async def game_with_disruption(
    cluster: list[ServerProcess],
    store: RedisStore,
    disrupt: Callable[[SpreadTable], Awaitable[None]],
    *,
    players: int = 6,
    per_player: int = 12,
) -> tuple[SpreadTable, Scribbles]:
    table = await spread_table([s.url for s in cluster], "schaal-5", CARDS, players=players)
    await do(table.fac, "start")
    scribbles = Scribbles(table, per_player)
    writing = asyncio.create_task(scribbles.run())
    await scribbles.until(players * 2)
    await disrupt(table)
    await writing
    await finish_game(table)
    entries = await store.load(table.code)
    await assert_converged(table, entries)
    assert table.fac.view is not None
    scribbles.check(table.fac.view, entries)
    assert len(scribbles.acknowledged) == players * per_player
    return table, scribbles


async def test_killed_server_process_its_clients_continue_on_another(
    cluster: list[ServerProcess], redis_store: RedisStore
) -> None:
    victim = cluster[1]
    moved: list[str] = []

    async def kill(table: SpreadTable) -> None:
        moved.extend(c.name for c in table.clients if c.url == victim.url)
        await victim.akill()  # SIGKILL: no shutdown code runs on that process
        table.urls.remove(victim.url)  # fresh views are asked of the processes still up

    table, _ = await game_with_disruption(cluster[:], redis_store, kill)
    try:
        assert moved, "nobody was connected to the killed process"
        for client in table.clients:
            assert client.url != victim.url, f"{client!r} is still on the killed process"
        assert all(c.resumes >= 1 for c in table.clients if c.name in moved)
    finally:
        await table.close()


async def test_redis_killed_and_restarted_loses_nothing_acknowledged(
    cluster: list[ServerProcess], redis_server: RedisServer, redis_store: RedisStore
) -> None:
    async def restart(table: SpreadTable) -> None:
        redis_server.kill()  # appendfsync always: every acknowledged write is in the AOF
        await asyncio.sleep(0.5)  # writes meanwhile fail with store_unavailable
        await asyncio.to_thread(redis_server.start)

    table, _ = await game_with_disruption(cluster, redis_store, restart)
    try:
        assert all(s.running and s.starts == 1 for s in cluster)
        health = [s.health()["fanout"] for s in cluster]
        assert all(h["connected"] and h["reconnects"] >= 2 for h in health), health
    finally:
        await table.close()


async def test_redis_not_answering_for_ten_seconds_gives_clear_errors_then_recovers(
    cluster: list[ServerProcess], redis_server: RedisServer, redis_store: RedisStore
) -> None:
    outage: dict[str, float] = {}

    async def stop_ten_seconds(table: SpreadTable) -> None:
        redis_server.pause()  # SIGSTOP: connections stay open, nothing answers
        outage["start"] = time.monotonic()
        # Meanwhile: every process stays up and answers its health check, and a command
        # is answered with store_unavailable (not left hanging).
        probe = table.players[0]
        started = time.monotonic()
        reply = await probe.call(
            "command",
            {"type": "add_post_it", "command_id": "probe-during-outage", "colour": "green",
             "text": "tijdens de storing"},
            5,
        )  # fmt: skip
        assert reply["ok"] is False and reply["error"]["code"] == "store_unavailable", reply
        assert "nothing was changed" in reply["error"]["message"]
        assert time.monotonic() - started < 4
        for server in cluster:
            assert server.health()["status"] == "ok"
        await asyncio.sleep(10 - (time.monotonic() - outage["start"]))
        redis_server.resume()
        outage["end"] = time.monotonic()
        # The same command id again: applied at most once, whatever happened to the first.
        again = await send(
            probe, "add_post_it", command_id="probe-during-outage", colour="green",
            text="tijdens de storing",
        )  # fmt: skip
        assert again["ok"], again

    table, scribbles = await game_with_disruption(cluster, redis_store, stop_ten_seconds)
    try:
        assert outage["end"] - outage["start"] >= 10
        assert all(s.running and s.starts == 1 for s in cluster), "a server was restarted"
        assert sum(c.store_errors for c in table.clients) > 0
        assert max(scribbles.latencies) < 30
        assert table.fac.view is not None
        texts = Counter(p["text"] for p in table.fac.view["post_its"].values())
        assert texts["tijdens de storing"] == 1
    finally:
        await table.close()
