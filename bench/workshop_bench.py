"""Workshops on one server process: ``python -m bench.workshop_bench`` (also the workshop
step of ``python -m bench``).

Starts our server (embedded store) and plays, per run, W workshops of P participants at
tables of ``--table-size`` (spread seating, tables steering themselves) against the same
number of plain rooms of that size with the same players (the baseline: today's rooms).
Every participant joins with the workshop code and sits at their table; then every table
plays one card: the lead moves to ``place``, everyone places a pawn and writes a post-it.
It prints, as the median of ``--runs`` runs: the ack latency (p50/p99) of the players'
commands at workshop tables and in plain rooms, and their ratio (the tables' own latency
should be unchanged), the time from ``join`` to sitting at the table, and the overview
events each workshop facilitator got per second (coalesced: at most 2).
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import socketio

from .servers import Servers, Target
from .stats import percentile

BOARD = "schaal-5"
CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie"]


class Client:
    def __init__(self, url: str) -> None:
        self.url = url
        self.sio = socketio.AsyncClient(serializer="msgpack", reconnection=False)
        self.overviews: list[float] = []
        self.sio.on("overview", self._overview)

    def _overview(self, data: Any) -> None:
        self.overviews.append(time.monotonic())

    async def connect(self) -> None:
        await self.sio.connect(self.url, transports=["websocket"], wait_timeout=30)

    async def call(self, event: str, data: dict[str, Any]) -> dict[str, Any]:
        reply: dict[str, Any] = await self.sio.call(event, data, timeout=60)
        if not reply.get("ok"):
            raise RuntimeError(f"{event}: {reply}")
        return reply

    async def command(self, type_: str, acks: list[float] | None = None, **fields: Any) -> Any:
        began = time.perf_counter()
        reply = await self.call("command", {"type": type_, "command_id": _id(), **fields})
        if acks is not None:
            acks.append((time.perf_counter() - began) * 1000)
        return reply


def _id() -> str:
    return secrets.token_urlsafe(18)


async def _play_table(people: list[tuple[Client, str]], acks: list[float]) -> None:
    """One card at a table: its steerer to ``place``, then everyone places and writes."""
    steering = [c for c, role in people if role == "facilitator"]
    if steering:
        await steering[0].command("next_step")

    async def one(client: Client, n: int) -> None:
        await client.command("place_pawn", acks, position={"square": 1 + n % 5})
        await client.command("add_post_it", acks, colour="green", text=f"Idee {n}")

    await asyncio.gather(*(one(c, n) for n, (c, _) in enumerate(people)))


async def workshops(url: str, count: int, players: int, size: int) -> dict[str, Any]:
    acks: list[float] = []
    seated_ms: list[float] = []
    facilitators: list[Client] = []
    tables: dict[str, list[tuple[Client, str]]] = {}
    clients: list[Client] = []
    for _ in range(count):
        fac = Client(url)
        await fac.connect()
        created = await fac.call(
            "create_room",
            {
                "command_id": _id(),
                "board_id": BOARD,
                "card_ids": CARDS,
                "tables": {"count": max(2, -(-players // size))},
                "steering": "facilitator",
            },
        )
        facilitators.append(fac)

        async def join(n: int, code: str = created["code"]) -> None:
            client = Client(url)
            await client.connect()
            began = time.perf_counter()
            reply = await client.call(
                "join", {"code": code, "name": f"Deelnemer {n}", "command_id": _id()}
            )
            table = reply["table"]
            entered = await client.call("enter", {"code": table["code"], "token": table["token"]})
            seated_ms.append((time.perf_counter() - began) * 1000)
            tables.setdefault(table["code"], []).append((client, entered["role"]))
            clients.append(client)

        await asyncio.gather(*(join(n) for n in range(players)))
        await fac.command("start_workshop")
    # Started tables are in ``read``: the facilitator steps every table at once.
    started = time.monotonic()
    for fac in facilitators:
        await fac.command("step_all")
    await asyncio.gather(
        *(_play_table([(c, "player") for c, _ in t], acks) for t in tables.values())
    )
    await asyncio.sleep(1.0)  # the last overview of the burst is due within INTERVAL
    span = time.monotonic() - started
    rates = [len([t for t in f.overviews if t >= started]) / span for f in facilitators]
    for client in [*facilitators, *clients]:
        await client.sio.disconnect()
    return {"acks": acks, "seated_ms": seated_ms, "overviews_per_s": max(rates, default=0.0)}


async def rooms(url: str, count: int, players: int, size: int) -> dict[str, Any]:
    """The baseline: the same people in plain rooms of ``size``, steered by their host."""
    acks: list[float] = []
    clients: list[Client] = []
    hosts: list[Client] = []
    tables: list[list[tuple[Client, str]]] = []
    for _ in range(count * max(2, -(-players // size))):
        host = Client(url)
        await host.connect()
        created = await host.call(
            "create_room", {"command_id": _id(), "board_id": BOARD, "card_ids": CARDS}
        )
        people = []
        for n in range(size):
            client = Client(url)
            await client.connect()
            await client.call(
                "join", {"code": created["code"], "name": f"Speler {n}", "command_id": _id()}
            )
            people.append((client, "player"))
            clients.append(client)
        await host.command("start")
        await host.command("next_step")
        hosts.append(host)
        tables.append(people)
    await asyncio.gather(*(_play_table(t, acks) for t in tables))
    for client in [*hosts, *clients]:
        await client.sio.disconnect()
    return {"acks": acks}


def _p(values: list[float], q: float) -> float:
    found = percentile(sorted(values), q / 100)
    return round(found or 0.0, 1)


async def measure(url: str, count: int, players: int, size: int) -> dict[str, float]:
    ws = await workshops(url, count, players, size)
    base = await rooms(url, count, players, size)
    return {
        "workshop_ack_p50": _p(ws["acks"], 50),
        "workshop_ack_p99": _p(ws["acks"], 99),
        "room_ack_p50": _p(base["acks"], 50),
        "room_ack_p99": _p(base["acks"], 99),
        "seated_p50": _p(ws["seated_ms"], 50),
        "seated_p99": _p(ws["seated_ms"], 99),
        "overviews_per_s": round(ws["overviews_per_s"], 2),
    }


def run(count: int, players: int, size: int, runs: int) -> dict[str, float]:
    """Median of ``runs`` runs, each on a fresh server."""
    results = []
    with tempfile.TemporaryDirectory(prefix="leerklimaat-workshop-bench-") as tmp:
        for n in range(runs):
            servers = Servers(Target("ours", "ours"), Path(tmp) / f"run{n}")
            servers.start()
            try:
                results.append(asyncio.run(measure(servers.urls[0], count, players, size)))
            finally:
                servers.stop()
    median = {k: round(statistics.median(r[k] for r in results), 2) for k in results[0]}
    median["ratio_p50"] = round(median["workshop_ack_p50"] / max(median["room_ack_p50"], 0.01), 2)
    median["ratio_p99"] = round(median["workshop_ack_p99"] / max(median["room_ack_p99"], 0.01), 2)
    return median


def report(count: int, players: int, size: int, figures: dict[str, float]) -> str:
    return (
        f"workshops: {count} x {players} participants at tables of {size}: "
        f"command ack p50/p99 {figures['workshop_ack_p50']}/{figures['workshop_ack_p99']} ms "
        f"(plain rooms {figures['room_ack_p50']}/{figures['room_ack_p99']} ms; ratio "
        f"{figures['ratio_p50']}/{figures['ratio_p99']}); join to seated p50/p99 "
        f"{figures['seated_p50']}/{figures['seated_p99']} ms; overview events per "
        f"facilitator {figures['overviews_per_s']}/s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.workshop_bench")
    parser.add_argument("--workshops", type=int, default=10)
    parser.add_argument("--players", type=int, default=30)
    parser.add_argument("--table-size", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    figures = run(args.workshops, args.players, args.table_size, args.runs)
    print(report(args.workshops, args.players, args.table_size, figures), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
