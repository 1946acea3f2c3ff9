"""CPU cost of telling the other server processes about new versions: python-socketio's
``AsyncRedisManager`` (one shared channel) against our per-room channels (``RedisFanout``).

    .venv/bin/python -m bench.fanout_bench --processes 3 16 --rate 200 --seconds 10

Starts its own redis-server on a free loopback port, then for each mode and process count:
``--processes`` subscriber processes (server processes with no clients: only the cost of
listening is measured) and one publisher process that stores nothing and sends ``--rate``
room versions per second, spread over ``--rooms`` rooms.

- ``shared``: each version is ``--emits`` socketio emits (facilitator, projector, players,
  a personal update: what the gateway would emit through a client manager), each
  published on the one channel that every process decodes.
- ``per-room``: each version is one published entry on the room's own channel; a room is
  served by ``--spread`` processes (its players' connections land on a few processes),
  and only those are subscribed. Receivers fold and fan out locally, which this bench
  does not count (each process does that work for its own clients in either design).

Prints the mean CPU % per subscriber process and the publisher's and redis-server's CPU %.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
UPDATE = {
    "version": 1234,
    "ops": [
        ["set", ["post_its", "aB3dE5fG7hJ9"], {
            "id": "aB3dE5fG7hJ9", "card_id": "leerklimaat/veiligheid", "colour": "green",
            "text": "We geven elkaar vaker feedback na een les.", "author_id": "p1x2y3z4",
            "mine": False, "created_at": 1795432699320, "edited_at": None, "pile": None,
            "resolved": False,
        }],
    ],
    "server_time": 1795432699321,
}  # fmt: skip
ENTRY_EVENTS = [
    {
        "type": "post_it_added", "post_it_id": "aB3dE5fG7hJ9",
        "card_id": "leerklimaat/veiligheid", "colour": "green",
        "text": "We geven elkaar vaker feedback na een les.", "author_id": "p1x2y3z4",
        "at": 1795432699320,
    }
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rooms_of(index: int, processes: int, rooms: int, spread: int) -> list[str]:
    """The rooms subscriber ``index`` serves: room r lives on processes r .. r+spread-1."""
    spread = min(spread, processes)
    return [f"R{r:05d}" for r in range(rooms) if (index - r) % processes < spread]


# -- child processes -----------------------------------------------------------------------------


async def subscriber(mode: str, url: str, rooms: list[str]) -> None:
    if mode == "shared":
        import socketio

        sio = socketio.AsyncServer(
            async_mode="asgi", client_manager=socketio.AsyncRedisManager(url)
        )
        sio.manager_initialized = True
        sio.manager.initialize()
    else:
        from game_server.transport.fanout import RedisFanout

        async def deliver(code: str, entry: object) -> None:
            return None

        fanout = RedisFanout(url)
        await fanout.start(deliver)
        while not fanout.connected:  # noqa: ASYNC110 - no event to await in RedisFanout
            await asyncio.sleep(0.05)
        for code in rooms:
            await fanout.follow(code)
    print("ready", flush=True)
    await asyncio.Event().wait()


async def publisher(
    mode: str, url: str, rooms: int, rate: float, seconds: float, emits: int
) -> None:
    from game_server.stores.base import Entry

    codes = [f"R{r:05d}" for r in range(rooms)]
    rng = random.Random(1)
    if mode == "shared":
        import socketio

        sio = socketio.AsyncServer(
            async_mode="asgi", client_manager=socketio.AsyncRedisManager(url)
        )

        async def send(code: str, version: int) -> None:
            for n in range(emits):
                await sio.emit("update", UPDATE, to=f"{code}/{n}")
    else:
        from game_server.transport.fanout import RedisFanout

        fanout = RedisFanout(url)

        async def nothing(code: str, entry: object) -> None:
            return None

        await fanout.start(nothing)

        async def send(code: str, version: int) -> None:
            entry = Entry(version, f"p1:c{version}", ENTRY_EVENTS, 0, {"post_it_id": "x"})
            await fanout.publish(code, entry)

    print("ready", flush=True)
    sys.stdin.readline()  # the parent says go
    interval, start, sent = 1.0 / rate, time.monotonic(), 0
    while time.monotonic() - start < seconds:
        await send(rng.choice(codes), sent + 2)
        sent += 1
        delay = start + sent * interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
    print(f"sent {sent}", flush=True)


# -- the parent -----------------------------------------------------------------------------------


def spawn(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.fanout_bench", *args],
        cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == "ready", f"child said {line!r}"
    return process


def cpu_seconds(pids: list[int]) -> list[float]:
    out = []
    for pid in pids:
        times = psutil.Process(pid).cpu_times()
        out.append(times.user + times.system)
    return out


def measure(
    args: argparse.Namespace, url: str, redis_pid: int, mode: str, processes: int
) -> dict[str, float]:
    subs = [
        spawn("subscriber", mode, url, ",".join(rooms_of(i, processes, args.rooms, args.spread)))
        for i in range(processes)
    ]
    pub = spawn(
        "publisher", mode, url, str(args.rooms), str(args.rate), str(args.seconds), str(args.emits)
    )
    pids = [p.pid for p in subs] + [pub.pid, redis_pid]
    time.sleep(0.5)
    before, started = cpu_seconds(pids), time.monotonic()
    assert pub.stdin is not None and pub.stdout is not None
    pub.stdin.write("go\n")
    pub.stdin.flush()
    sent = int(pub.stdout.readline().split()[1])
    elapsed = time.monotonic() - started
    used = [(b - a) / elapsed * 100 for a, b in zip(before, cpu_seconds(pids), strict=True)]
    for process in [*subs, pub]:
        process.kill()
        process.wait()
    per_sub = used[:processes]
    return {
        "subscriber_mean": sum(per_sub) / len(per_sub),
        "subscriber_max": max(per_sub),
        "publisher": used[-2],
        "redis": used[-1],
        "rate": sent / elapsed,
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "subscriber":
        _, _, mode, url, rooms = sys.argv
        asyncio.run(subscriber(mode, url, [r for r in rooms.split(",") if r]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "publisher":
        _, _, mode, url, rooms, rate, seconds, emits = sys.argv
        asyncio.run(publisher(mode, url, int(rooms), float(rate), float(seconds), int(emits)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, nargs="+", default=[3, 16])
    parser.add_argument("--rate", type=float, default=200, help="room versions per second")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--spread", type=int, default=3, help="processes serving one room")
    parser.add_argument("--emits", type=int, default=4, help="shared: emits per version")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    args = parser.parse_args()
    redis_server = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        redis = subprocess.Popen(
            [redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", tmp],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        url = f"redis://127.0.0.1:{port}/0"
        time.sleep(0.3)
        results = []
        try:
            for processes in args.processes:
                for mode in ("shared", "per-room"):
                    row = measure(args, url, redis.pid, mode, processes)
                    results.append({"mode": mode, "processes": processes, **row})
                    if not args.json:
                        print(
                            f"{mode:8} processes={processes:3} rate={row['rate']:4.0f}/s  "
                            f"CPU per subscriber: mean {row['subscriber_mean']:5.1f}%  "
                            f"max {row['subscriber_max']:5.1f}%  "
                            f"publisher {row['publisher']:5.1f}%  redis {row['redis']:5.1f}%",
                            flush=True,
                        )
        finally:
            redis.kill()
            redis.wait()
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
