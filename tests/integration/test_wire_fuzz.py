"""A bounded, seeded fuzz of the wire while a well-behaved room plays on.

Fuzzing connections, over WebSocket and long-polling, send what a hostile or broken client
might: random bytes, msgpack of every shape, Socket.IO packets of every type with data of
every type, reserved and unknown event names, real events with random fields, truncated
and bit-flipped packets, broken Engine.IO text frames and polling bodies, oversized
packets. Meanwhile a room of a facilitator and two players (one on each transport) plays
at a person's pace. The run must end with every well-behaved command acknowledged, every
view equal to a fresh one, and no traceback in the server's log (the ``server`` fixture
fails the test on one). Each seed is one run (``-k <seed>``); about 10 seconds each.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import statistics
import time
from typing import Any

import msgpack
import pytest

from game_server.transport.quiet_log import LINES
from tests.support.game import Table, open_table
from tests.support.player import GameClient, new_command_id
from tests.support.raw import RawPolling, RawWebSocket
from tests.support.server import ServerProcess

SEEDS = [3, 17, 29]
FRAMES = 2500
"""Frames each fuzzing connection sends."""
FUZZERS = 4
CARD = "leerklimaat/veiligheid"
PATIENCE = 20.0
PACE = 0.3
EVENTS = [
    "create_room",
    "join",
    "enter",
    "command",
    "connect",
    "disconnect",
    "connect_error",
    "__malformed__",
    "__refused__",
    "update",
    "*",
    "",
    "x" * 100,
]


def scalar(rng: random.Random) -> Any:
    return rng.choice(
        [
            None,
            True,
            False,
            0,
            -1,
            2**40,
            -(2**63),
            1.5,
            float("nan"),
            float("inf"),
            "",
            "x",
            "ABC123",
            "😀" * rng.randint(1, 5),
            "a\x00b",
            b"\x00\x01",
            "p." + "a" * 40,
        ]
    )


def value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.5:
        return scalar(rng)
    if roll < 0.75:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = ["type", "code", "token", "name", "command_id", "text", "position", "square", "x"]
    return {rng.choice(keys): value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def request(rng: random.Random, code: str) -> dict[str, Any]:
    """A real event's map with random fields: sometimes nearly right."""
    fields: dict[str, Any] = {
        "code": rng.choice([code, "ZZZZZZ", code.lower(), 5]),
        "command_id": rng.choice([new_command_id(), "x", 7, "a" * 80]),
    }
    for _ in range(rng.randint(0, 4)):
        fields[
            rng.choice(
                [
                    "name",
                    "token",
                    "type",
                    "text",
                    "colour",
                    "position",
                    "version",
                    "board_id",
                    "card_ids",
                    "options",
                ]
            )
        ] = value(rng)
    if rng.random() < 0.3:
        fields["type"] = rng.choice(["add_post_it", "place_pawn", "next_step", "join", "nope"])
    return fields


def sio_packet(rng: random.Random, code: str) -> bytes:
    kind = rng.choice([0, 1, 2, 2, 2, 2, 3, 4, 5, 6, 7, 99, -1, "2"])
    body: dict[Any, Any] = {"type": kind}
    if rng.random() < 0.9:
        body["nsp"] = rng.choice(["/", "/", "/admin", "", 5, None])
    if rng.random() < 0.6:
        body["id"] = rng.choice([1, 2, 10**12, -5, "1", None, 1.5])
    roll = rng.random()
    if roll < 0.5:
        body["data"] = [rng.choice(EVENTS), request(rng, code)]
    elif roll < 0.7:
        body["data"] = [rng.choice(EVENTS), *[value(rng) for _ in range(rng.randint(0, 3))]]
    elif roll < 0.95:
        body["data"] = value(rng)
    if rng.random() < 0.05:
        body[7] = "int key"
    return msgpack.packb(body, use_bin_type=True)  # type: ignore[no-any-return]


def mangle(rng: random.Random, frame: bytes) -> bytes:
    data = bytearray(frame)
    roll = rng.random()
    if roll < 0.4 and data:
        return bytes(data[: rng.randrange(len(data))])
    if roll < 0.8 and data:
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    return bytes(data) + rng.randbytes(rng.randint(1, 20))


def binary_frame(rng: random.Random, code: str) -> bytes:
    roll = rng.random()
    if roll < 0.5:
        return sio_packet(rng, code)
    if roll < 0.75:
        return mangle(rng, sio_packet(rng, code))
    if roll < 0.97:
        return rng.randbytes(rng.randint(0, 300))
    return msgpack.packb({"type": 2, "nsp": "/", "data": ["command", "x" * 70_000]})  # type: ignore[no-any-return]


def text_frame(rng: random.Random) -> str:
    return rng.choice(
        [
            "",
            "x",
            "9",
            "0",
            "2",
            "2probe",
            "3",
            "5",
            "6",
            "4",
            "4{}",
            "40",
            '42["join",{}]',
            "b",
            "b!!!",
            "bAAAA",
            "{}",
            "\u0000",
            rng.choice("0123456789b") + "é" * rng.randint(0, 50),
        ]
    )


def polling_body(rng: random.Random, code: str) -> bytes:
    roll = rng.random()
    if roll < 0.4:
        return RawPolling.encode(*[binary_frame(rng, code) for _ in range(rng.randint(1, 3))])
    if roll < 0.6:
        return "\x1e".join(text_frame(rng) for _ in range(rng.randint(1, 20))).encode()
    if roll < 0.8:
        return rng.randbytes(rng.randint(0, 200))
    return b"b" + rng.randbytes(rng.randint(1, 50))


async def fuzz(rng: random.Random, url: str, code: str, polling: bool) -> int:
    """Send ``FRAMES`` frames, opening a new connection whenever the server closes one."""
    raw: RawWebSocket | RawPolling | None = None
    sent = 0
    try:
        while sent < FRAMES:
            if raw is None or raw.closed:
                if raw is not None:
                    await raw.close()
                raw = RawPolling(url) if polling else RawWebSocket(url)
                try:
                    await raw.open()
                except (AssertionError, OSError, TimeoutError):
                    raw = None
                    continue
            sent += 1
            try:
                if isinstance(raw, RawPolling):
                    await raw.post(polling_body(rng, code))
                elif rng.random() < 0.2:
                    await raw.send(text_frame(rng))
                else:
                    await raw.send(binary_frame(rng, code))
            except (OSError, ConnectionError, RuntimeError):
                await raw.close()
                raw = None
            if sent % 50 == 0:
                await asyncio.sleep(0)  # let the well-behaved room's messages through
    finally:
        if raw is not None:
            await raw.close()
    return sent


async def play_on(client: GameClient, stop: asyncio.Event, at_least: int = 5) -> list[float]:
    """Post-its at a person's pace until ``stop``: the seconds each acknowledgement took."""
    waits: list[float] = []
    while not stop.is_set() or len(waits) < at_least:
        await asyncio.sleep(PACE)
        started = time.monotonic()
        reply = await client.call(
            "command",
            {
                "type": "add_post_it",
                "command_id": new_command_id(),
                "colour": "pink",
                "text": f"{client.name} {len(waits)}",
            },
            within=PATIENCE,
        )
        assert reply["ok"], (client.name, reply)
        waits.append(time.monotonic() - started)
    return waits


@pytest.mark.parametrize("seed", SEEDS)
async def test_the_wire_survives_fuzzing_and_the_room_plays_on(
    server: ServerProcess, seed: int
) -> None:
    rng = random.Random(seed)
    table: Table = await open_table(server.url, "schaal-5", [CARD], players=["Ann"])
    bob = await GameClient.connected(server.url, transports=["polling"], name="Bob")
    await bob.join(table.code, "Bob")
    table.players.append(bob)
    try:
        await table.fac.do("start")
        stop = asyncio.Event()
        players = [asyncio.create_task(play_on(p, stop)) for p in table.players]
        fuzzers = [
            fuzz(random.Random(rng.random()), server.url, table.code, polling=i % 2 == 1)
            for i in range(FUZZERS)
        ]
        try:
            sent = await asyncio.wait_for(asyncio.gather(*fuzzers), 120)
        finally:
            stop.set()
        waits = await asyncio.gather(*players)
        assert sum(sent) == FRAMES * FUZZERS
        assert all(len(w) >= 5 for w in waits), waits
        every = sorted(w for ws in waits for w in ws)
        print(
            f"seed {seed}: {len(every)} acks, median {statistics.median(every) * 1000:.0f} ms,"
            f" slowest {every[-1] * 1000:.0f} ms"
        )
        reply = await table.fac.command("start_timer", seconds=60)
        assert reply["ok"], reply
        await table.settle()
        await table.assert_views_match_fresh_enter()
        assert server.running and server.health()["status"] == "ok"
        # Bad packets are logged quietly: a few lines a minute, not one per packet.
        assert server.log_text().count("bad packet") <= 3 * LINES
    finally:
        with contextlib.suppress(Exception):
            await table.close()
