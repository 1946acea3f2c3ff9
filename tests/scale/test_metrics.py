"""``--metrics-port``: Prometheus metrics of a process on their own listener, read from real
processes on one Redis while a room is played on both."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.support.server import ServerProcess, free_port

from .cluster import RoamingClient, do, send, spread_table
from .redis_server import RedisServer

pytestmark = pytest.mark.redis

CARDS = ["leerklimaat/veiligheid"]
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def scrape(port: int) -> Samples:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def test_metrics_count_what_the_processes_do(
    redis_server: RedisServer, server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    ports = [free_port(), free_port()]
    servers = [
        server_factory(
            data_dir=tmp_path / f"unused{i}",
            extra_args=["--redis-url", redis_server.url, "--metrics-port", str(port)],
        )
        for i, port in enumerate(ports)
    ]
    urls = [s.url for s in servers]
    table = await spread_table(urls, "schaal-5", CARDS, players=2, projector=False)
    polling = RoamingClient(urls, 1, transports=["polling"], name="Cas")
    await polling.connect()
    try:
        await polling.join(table.code, "Cas")
        table.extra.append(polling)
        await do(table.fac, "start")
        for player in table.players:
            await do(player, "add_post_it", colour="pink", text=f"{player.name} schrijft")
        refused = await send(table.fac, "start")  # already started
        assert refused["error"]["code"] == "wrong_phase", refused
        redis_server.pause()
        try:
            reply = await table.players[0].call(
                "command",
                {
                    "type": "add_post_it",
                    "command_id": "during-a-pause",
                    "colour": "pink",
                    "text": "x",
                },
                10,
            )
            assert reply["error"]["code"] == "store_unavailable", reply
        finally:
            redis_server.resume()
        await send(
            table.players[0], "add_post_it", command_id="during-a-pause", colour="pink", text="x"
        )
        await table.settle()
        resumed = table.players[1]  # on process 0 (player i sits on process i+1 mod 2)
        await resumed.reconnect()
        assert table.fac.created is not None
        token = table.fac.created["facilitator_token"]
        request = urllib.request.Request(
            f"{urls[0]}/api/rooms/{table.code}/export/csv",
            headers={"Authorization": f"Bearer {token}"},
        )
        await asyncio.to_thread(lambda: urllib.request.urlopen(request, timeout=30).read())

        first, second = await asyncio.gather(*(asyncio.to_thread(scrape, p) for p in ports))
        both = {key: first.get(key, 0) + second.get(key, 0) for key in {*first, *second}}
        assert value(second, "leerklimaat_connections", transport="polling") == 1
        assert value(first, "leerklimaat_connections", transport="websocket") >= 2
        assert value(first, "leerklimaat_rooms_in_memory") == 1
        assert (
            value(both, "leerklimaat_commands_total", type="create_room", outcome="accepted") == 1
        )
        assert value(both, "leerklimaat_commands_total", type="join", outcome="accepted") == 3
        post_its = [
            value(both, "leerklimaat_commands_total", type="add_post_it", outcome=outcome)
            for outcome in ("accepted", "duplicate")
        ]
        assert sum(post_its) == 3, post_its  # the resend after the pause may be a duplicate
        assert value(both, "leerklimaat_commands_total", type="start", outcome="wrong_phase") == 1
        assert (
            value(
                both, "leerklimaat_commands_total", type="add_post_it", outcome="store_unavailable"
            )
            >= 1
        )
        assert value(first, "leerklimaat_enters_total", kind="resumed") >= 1
        appends = value(both, "leerklimaat_store_write_seconds_count", op="append")
        assert appends >= 7  # 3 joins, start, 3 post-its (and maybe the paused one)
        # Every version reached the process that did not write it: by publication, or by a
        # catch-up from the store when a command or a resume got there first (under load
        # either may win, so only their sum is a guarantee).
        peer = value(both, "leerklimaat_versions_total", source="peer")
        assert peer + value(both, "leerklimaat_versions_total", source="store") >= 7
        assert peer >= 1
        assert value(both, "leerklimaat_fanout_lag_seconds_count") == peer
        assert ("leerklimaat_store_conflicts_total", ()) in first
        assert value(first, "leerklimaat_export_seconds_count", format="csv") == 1
        assert value(first, "leerklimaat_fanout_connected") == 1
    finally:
        await table.close()

    # Not on the public port.
    with pytest.raises(urllib.error.HTTPError) as missing:
        await asyncio.to_thread(urllib.request.urlopen, f"{urls[0]}/metrics", timeout=10)
    assert missing.value.code == 404
