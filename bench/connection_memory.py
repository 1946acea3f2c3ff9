"""What one connected client costs the server in memory: ``python -m bench.connection_memory``.

For each target (our server on the embedded store, and the bare relay of
``bench/relay.py``) it starts a fresh server process on a free 127.0.0.1 port, then from
this process connects real ``socketio.AsyncClient`` clients (msgpack, websocket
transport, as ``bench/load.py`` does) and reads the server's resident memory (psutil RSS,
and the anonymous part ``RssAnon`` of ``/proc/PID/status``) at each stage:

============  ================================================================
``idle``      the server has started and settled
``warm``      one warm-up room (a facilitator and 8 players) has been created,
              joined and has played the cards below; it stays connected, so
              one-time costs (imports, caches, first room) are not counted
              per connection
``connected`` N more clients are connected, none of them in a room yet
``joined``    they have created and joined rooms of 8 players and a facilitator
``played``    every room has played ``--cards`` cards (each card: start or next
              step, a pawn and two post-its per player, discuss, revise, a
              revised pawn per player)
``closed``    all N have disconnected (memory that stays after them)
============  ================================================================

and prints, per stage, the RSS and the growth per connection since ``warm`` of: RSS, its
anonymous part, pymalloc's blocks in use and its arenas (small Python objects), glibc
malloc's blocks in use (larger Python objects and C libraries), plus malloc's free bytes,
SQLite's own memory and the server's CPU seconds. These come from a bench-only probe,
``bench/memhook/sitecustomize.py``, which this script puts on the server's
``PYTHONPATH`` (nothing in ``game_server`` knows of it). What RSS grows beyond pymalloc's
arenas plus malloc's blocks in use is neither: fragmentation, free malloc memory, stacks.

``--browser`` makes the clients behave like browsers: they offer permessage-deflate and
send a browser's headers (the benchmark's python clients do neither); ``--polling-first``
makes them connect as browsers do, by long-polling and then upgrading to a WebSocket
(the benchmark's clients open a WebSocket at once). ``--env K=V``
passes settings to the server process (e.g. ``MALLOC_ARENA_MAX=2``). ``--collect`` has
the probe run ``gc.collect()`` after each stage, to show garbage waiting for the
collector. ``--trace FRAMES`` runs the server under tracemalloc: the probe dumps a
snapshot at ``warm``, ``connected``, ``joined`` and ``played`` and the script prints the
traced growth per connection (connecting; then joining and playing) by part
(engineio queue, aiohttp request, ...), by package, by allocating source line and by the
innermost caller outside the standard library. tracemalloc makes the server slower and
bigger: read RSS from a run without it, and compare (traced growth vs RSS growth).

Examples::

    python -m bench.connection_memory                     # 500 connections, ours and relay
    python -m bench.connection_memory --browser --targets ours
    python -m bench.connection_memory --browser --polling-first --targets ours
    python -m bench.connection_memory --trace 6 --connections 200 --cards 1 --targets ours
    python -m bench.connection_memory --env MALLOC_ARENA_MAX=2 --targets ours

Deterministic in what it sends (the same rooms, names and moves; only the secret command
ids of ``create_room``/``join`` are random), bounded in time (``--budget`` seconds per
target for the stages, 150 by default; about 25 s per target for 500 connections and 2
cards, about a minute with ``--trace`` for 200 connections and 1 card), at most 1,000
connections, traffic to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import tracemalloc
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import psutil  # type: ignore[import-untyped]
import socketio

from .cli import BOARD_ID, card_ids
from .limits import raise_open_files_limit
from .load import POST_IT_TEXTS, loop_factory
from .servers import HOST, REPO_ROOT, free_port, server_command

HOOK_DIR = Path(__file__).resolve().parent / "memhook"
STAGES = ("idle", "warm", "connected", "joined", "played", "closed")
ROOM_SIZE = 9
"""8 players and a facilitator, as in ``python -m bench``."""
SETTLE = 1.5
"""Seconds to wait after a stage before reading the server's memory."""


# -- the server process ------------------------------------------------------------------


@dataclass
class Server:
    kind: str
    work: Path
    env: dict[str, str]
    trace: int
    collect: bool
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    probe_dir: Path = field(init=False)

    def __post_init__(self) -> None:
        self.probe_dir = self.work / f"probe-{self.kind}"

    def command(self) -> list[str]:
        return server_command(self.kind, self.port, self.work / f"data-{self.kind}")

    def start(self) -> None:
        self.port = free_port()
        self.probe_dir.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEERKLIMAAT_")}
        env["PYTHONUNBUFFERED"] = "1"
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(HOOK_DIR), str(REPO_ROOT), env.get("PYTHONPATH", "")) if p
        )
        env["BENCH_MEMHOOK_DIR"] = str(self.probe_dir)
        env["BENCH_MEMHOOK_TRACE"] = str(self.trace)
        env["BENCH_MEMHOOK_COLLECT"] = "1" if self.collect else "0"
        env.update(self.env)
        log = open(self.work / f"{self.kind}.log", "ab")  # the child keeps its own copy
        self.process = subprocess.Popen(
            self.command(),
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + (120 if self.trace else 30)  # tracemalloc starts slowly
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.kind} exited:\n{self.log_tail()}")
            with contextlib.suppress(OSError, ValueError):
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2):
                    return
            time.sleep(0.1)
        raise RuntimeError(f"{self.kind} not healthy in time:\n{self.log_tail()}")

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log_tail(self) -> str:
        with contextlib.suppress(OSError):
            return (self.work / f"{self.kind}.log").read_text(errors="replace")[-3000:]
        return ""

    def memory(self) -> dict[str, int]:
        assert self.process is not None
        process = psutil.Process(self.process.pid)
        rss = int(process.memory_info().rss)
        times = process.cpu_times()
        cpu_ms = int((times.user + times.system) * 1000)
        anon = 0
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("RssAnon:"):
                    anon = int(line.split()[1]) * 1024
        return {"rss": rss, "anon": anon, "cpu_ms": cpu_ms}

    async def probe(self, label: str, snapshot: bool, seconds: float = 60) -> dict[str, Any]:
        """Ask the probe inside the server for its figures (and a snapshot when tracing)."""
        done = self.probe_dir / f"{label}.done"
        draft = self.probe_dir / f"{label}.draft"
        draft.write_text("snapshot" if snapshot else "")
        draft.replace(self.probe_dir / f"{label}.request")
        deadline = time.monotonic() + seconds
        while not done.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the probe did not answer for {label}")
            await asyncio.sleep(0.1)
        problem = done.read_text()
        if problem:
            raise RuntimeError(f"probe {label}: {problem}")
        result: dict[str, Any] = json.loads((self.probe_dir / f"{label}.json").read_text())
        return result

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


# -- the clients ---------------------------------------------------------------------------


BROWSER_HEADERS = {
    "User-Agent": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36"
    ),
    "Accept-Language": "nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7",
    "Cache-Control": "no-cache",
    "Pragma": "no-cache",
}
"""With ``--browser``: what Chrome sends besides the websocket handshake itself (plus the
Origin of the page, and an offer of permessage-deflate, as every current browser makes)."""


TRANSPORTS = ["websocket"]
"""The clients open a WebSocket at once, as ``bench/load.py``'s do."""
POLLING_FIRST = ["polling", "websocket"]
"""With ``--polling-first``: a handshake by long-polling, then the upgrade, as browsers
(engine.io-client, our web client) connect."""


class Client:
    def __init__(
        self,
        url: str,
        session: aiohttp.ClientSession,
        browser: bool = False,
        transports: list[str] = TRANSPORTS,
    ) -> None:
        self.url = url
        self.transports = transports
        extra: dict[str, Any] = {}
        if browser:
            extra = {"compress": 15, "headers": {**BROWSER_HEADERS, "Origin": url}}
        self.sio = socketio.AsyncClient(
            serializer="msgpack",
            reconnection=False,
            http_session=session,
            handle_sigint=False,
            request_timeout=10,
            websocket_extra_options=extra,
        )
        self.updates = 0
        self.sio.on("update", self.on_update)

    async def on_update(self, data: Any) -> None:
        self.updates += 1

    async def connect(self) -> None:
        await self.sio.connect(self.url, transports=self.transports, wait_timeout=10)

    async def call(self, event: str, data: dict[str, Any]) -> dict[str, Any]:
        reply = await self.sio.call(event, data, timeout=15)
        if not isinstance(reply, dict) or not reply.get("ok"):
            raise RuntimeError(f"{event} refused: {reply}")
        return reply

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.sio.disconnect(), 5)


class Room:
    """A facilitator and up to 8 players; the moves are fixed by the room's number."""

    def __init__(self, number: int, clients: list[Client], cards: list[str]) -> None:
        self.number = number
        self.facilitator, *self.players = clients
        self.cards = cards
        self.code = ""
        self.commands = 0

    async def setup(self) -> None:
        reply = await self.facilitator.call(
            "create_room",
            {
                "command_id": secrets.token_urlsafe(18),
                "board_id": BOARD_ID,
                "card_ids": self.cards,
                "title": f"Geheugen {self.number}",
            },
        )
        self.code = str(reply["code"])
        for i, player in enumerate(self.players, 1):
            await player.call(
                "join",
                {"code": self.code, "name": f"Speler {i}", "command_id": secrets.token_urlsafe(18)},
            )

    async def send(self, client: Client, fields: dict[str, Any]) -> None:
        self.commands += 1
        command_id = f"mem-r{self.number:05d}-c{self.commands:06d}"
        await client.call("command", {**fields, "command_id": command_id})

    async def play(self, cards: int) -> None:
        f = self.facilitator
        for card in range(cards):
            await self.send(f, {"type": "start" if card == 0 else "next_step"})  # read
            await self.send(f, {"type": "next_step"})  # place
            for i, player in enumerate(self.players):
                square = (self.number + i + card) % 5 + 1
                await self.send(player, {"type": "place_pawn", "position": {"square": square}})
                for n, colour in enumerate(("green", "pink")):
                    text = POST_IT_TEXTS[(self.number + i + card + n) % len(POST_IT_TEXTS)]
                    await self.send(player, {"type": "add_post_it", "colour": colour, "text": text})
            await self.send(f, {"type": "next_step"})  # discuss
            await self.send(f, {"type": "next_step"})  # revise
            for i, player in enumerate(self.players):
                square = (self.number + 2 * i + card) % 5 + 1
                await self.send(player, {"type": "place_pawn", "position": {"square": square}})


def make_rooms(
    url: str,
    session: aiohttp.ClientSession,
    first: int,
    connections: int,
    cards: list[str],
    browser: bool,
    transports: list[str] = TRANSPORTS,
) -> list[Room]:
    rooms = []
    left = connections
    number = first
    while left > 0:
        size = min(ROOM_SIZE, left)
        clients = [Client(url, session, browser, transports) for _ in range(size)]
        rooms.append(Room(number, clients, cards))
        left -= size
        number += 1
    return rooms


async def in_batches(items: list[Any], work: Any, concurrency: int) -> None:
    gate = asyncio.Semaphore(concurrency)

    async def one(item: Any) -> None:
        async with gate:
            await work(item)

    await asyncio.gather(*(one(item) for item in items))


# -- one target ----------------------------------------------------------------------------


@dataclass
class Stage:
    name: str
    memory: dict[str, int]
    probe: dict[str, Any]


async def measure(server: Server, args: argparse.Namespace) -> list[Stage]:
    stages: list[Stage] = []
    cards = card_ids()

    started = time.monotonic()

    async def stage(name: str) -> None:
        await asyncio.sleep(SETTLE)
        memory = server.memory()
        probe = await server.probe(name, snapshot=name in SNAPSHOTS)
        stages.append(Stage(name, memory, probe))
        elapsed = time.monotonic() - started
        print(f"  {name:<10} RSS {memory['rss'] / 2**20:7.1f} MB  ({elapsed:.0f} s)", flush=True)

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        transports = POLLING_FIRST if args.polling_first else TRANSPORTS
        warm = make_rooms(server.url, session, 0, ROOM_SIZE, cards, args.browser, transports)
        rooms = make_rooms(
            server.url, session, 1, args.connections, cards, args.browser, transports
        )
        everyone = [c for room in warm + rooms for c in [room.facilitator, *room.players]]
        try:
            await stage("idle")
            await in_batches(
                [c for r in warm for c in [r.facilitator, *r.players]], Client.connect, 9
            )
            await warm[0].setup()
            await warm[0].play(args.cards)
            await stage("warm")
            clients = [c for r in rooms for c in [r.facilitator, *r.players]]
            await in_batches(clients, Client.connect, args.concurrency)
            await stage("connected")
            await in_batches(rooms, Room.setup, args.concurrency)
            await stage("joined")
            await in_batches(rooms, lambda room: room.play(args.cards), args.concurrency)
            await stage("played")
            await in_batches(clients, Client.close, args.concurrency)
            await stage("closed")
        finally:
            await asyncio.gather(*(c.close() for c in everyone), return_exceptions=True)
    return stages


# -- reporting -----------------------------------------------------------------------------


def kb(value: float) -> str:
    return f"{value / 1024:.1f}"


def figures(stage: Stage) -> dict[str, float]:
    """The byte counts of one stage that the table shows as growth per connection."""
    pymalloc, mallinfo = stage.probe.get("pymalloc", {}), stage.probe.get("mallinfo2", {})
    return {
        "RSS": stage.memory["rss"],
        "anon": stage.memory["anon"],
        "pymalloc": pymalloc.get("bytes in allocated blocks", 0),
        "arenas": pymalloc.get("arenas allocated current", 0) * 2**20,
        "malloc": mallinfo.get("uordblks", 0) + mallinfo.get("hblkhd", 0),
        "traced": stage.probe.get("traced", 0),
    }


def stage_table(kind: str, stages: list[Stage], n: int) -> list[str]:
    """One row per stage: RSS, and the growth per connection since ``warm`` of RSS, its
    anonymous part, pymalloc's blocks in use and its arenas, malloc's blocks in use; then
    malloc's free bytes, SQLite's own memory and the server's CPU since ``warm``."""
    base = next(s for s in stages if s.name == "warm")
    columns = ["RSS", "anon", "pymalloc", "arenas", "malloc"]
    if "traced" in base.probe:
        columns.append("traced")
    head = f"{'stage':<10} {'RSS MB':>7} " + " ".join(f"{c + ' KB/c':>13}" for c in columns)
    head += f" {'malloc free MB':>14} {'sqlite MB':>9} {'CPU s':>6}"
    lines = [
        f"{kind}: {n} connections; KB/c = growth per connection since 'warm'",
        head,
    ]
    before = figures(base)
    for stage in stages:
        now = figures(stage)
        grows = stage.name not in ("idle", "warm")
        cells = [kb((now[c] - before[c]) / n) if grows else "" for c in columns]
        free = stage.probe.get("mallinfo2", {}).get("fordblks", 0) / 2**20
        sqlite = stage.probe.get("sqlite", {}).get("used", 0) / 2**20
        cpu = f"{(stage.memory['cpu_ms'] - base.memory['cpu_ms']) / 1000:.1f}" if grows else ""
        lines.append(
            f"{stage.name:<10} {stage.memory['rss'] / 2**20:>7.1f} "
            + " ".join(f"{cell:>13}" for cell in cells)
            + f" {free:>14.1f} {sqlite:>9.2f} {cpu:>6}"
        )
    played = next((s for s in stages if s.name == "played"), None)
    if played is not None:
        # A room of ROOM_SIZE connections has ROOM_SIZE - 1 players (and a facilitator).
        players = n - -(-n // ROOM_SIZE)
        grown = figures(played)["RSS"] - before["RSS"]
        lines.append(f"RSS per player after the cards played: {kb(grown / players)} KB")
    return lines


def package(filename: str) -> str:
    """A short name for where an allocation was made."""
    path = filename.replace("\\", "/")
    if "/site-packages/" in path:
        return path.split("/site-packages/", 1)[1].split("/", 1)[0]
    for mark in ("/game_server/", "/bench/"):
        if mark in path:
            return mark.strip("/")
    if path.startswith("<"):
        return path
    parts = path.split("/")
    if "python3.11" in parts:
        rest = parts[parts.index("python3.11") + 1 :]
        return f"stdlib:{rest[0].removesuffix('.py')}" if rest else path
    return parts[-1]


def short(filename: str) -> str:
    path = filename.replace("\\", "/")
    for mark in ("/site-packages/", "/python3.11/"):
        if mark in path:
            return path.split(mark, 1)[1]
    for mark in ("/game_server/", "/bench/"):
        if mark in path:
            return mark[1:] + path.rsplit(mark, 1)[1]
    return path


SKIP = ("tracemalloc.py", "/memhook/")
"""The probe's own allocations (innermost frame), not the server's."""
SNAPSHOTS = ("warm", "connected", "joined", "played")
"""The stages whose tracemalloc snapshot is taken (each costs the server a few seconds)."""


def caller(frames: list[tracemalloc.Frame]) -> tracemalloc.Frame:
    """The innermost frame outside the standard library (oldest-first ``frames``): who asked
    for the memory, e.g. engineio's ``create_queue`` rather than ``asyncio/queues.py``."""
    for frame in reversed(frames):
        if not package(frame.filename).startswith(("stdlib:", "<")):
            return frame
    return frames[-1]


COMPONENTS = (
    ("engineio/async_server.py:432", "engineio: send queue (asyncio.Queue: 4 empty deques)"),
    ("engineio/async_drivers/", "engineio: WSGI-style environ of the handshake"),
    ("engineio/async_server.py", "engineio: request handling (frames, parsed query)"),
    ("engineio/", "engineio: socket, writer/reader/ping tasks"),
    ("socketio/", "socketio: sid maps, rooms, session"),
    ("bidict/", "socketio: sid maps, rooms, session"),
    ("aiohttp/web.py", "event loop: transport and socket, made in C (uvloop)"),
    ("aiohttp/web_ws.py", "aiohttp: websocket response, reader, writer"),
    ("aiohttp/_websocket/", "aiohttp: websocket response, reader, writer"),
    ("aiohttp/", "aiohttp: connection, parser, request, headers, handler tasks"),
    ("yarl/", "aiohttp: connection, parser, request, headers, handler tasks"),
    ("multidict/", "aiohttp: connection, parser, request, headers, handler tasks"),
    ("game_server/room/", "game_server: rooms (state, history, answers)"),
    ("game_server/rules/", "game_server: rooms (state, history, answers)"),
    ("game_server/transport/wire.py", "game_server: decoded commands kept in rooms"),
    ("game_server/", "game_server: other"),
)
"""Coarse groups for the traced growth, by the caller outside the standard library."""


def component(where: str) -> str:
    for prefix, name in COMPONENTS:
        if where.startswith(prefix):
            return name
    return f"other: {where.split('/')[0]}"


_LOADED: dict[Path, tracemalloc.Snapshot] = {}


def snapshot(server: Server, stage: str) -> tracemalloc.Snapshot:
    path = server.probe_dir / f"{stage}.snap"
    if path not in _LOADED:
        _LOADED[path] = tracemalloc.Snapshot.load(str(path))
    return _LOADED[path]


def trace_report(server: Server, a: str, b: str, n: int, top: int) -> list[str]:
    """Growth per connection from stage ``a`` to stage ``b``: by the source line that
    allocated, by the caller outside the standard library, and by package of that caller."""
    old, new = snapshot(server, a), snapshot(server, b)
    by_line: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_caller: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_package: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_component: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for stat in new.compare_to(old, "traceback"):
        frames = list(stat.traceback)
        inner = frames[-1]
        if any(pattern in inner.filename for pattern in SKIP):
            continue
        who = caller(frames)
        where = f"{short(who.filename)}:{who.lineno}"
        for table, key in (
            (by_component, component(where)),
            (by_line, f"{short(inner.filename)}:{inner.lineno}"),
            (by_caller, where),
            (by_package, package(who.filename)),
        ):
            table[key][0] += stat.size_diff
            table[key][1] += stat.count_diff
    total = sum(size for size, _ in by_package.values())
    lines = [f"{server.kind}: traced growth {a} -> {b}: {kb(total / n)} KB per connection"]
    for title, table, rows in (
        ("part (by the caller outside the standard library)", by_component, 16),
        ("package of the caller outside the standard library", by_package, 12),
        ("source line that allocated (innermost frame)", by_line, top),
        ("caller outside the standard library", by_caller, top),
    ):
        lines += ["", f"{'KB/conn':>8} {'blocks/conn':>11}  {title}"]
        ranked = sorted(table.items(), key=lambda kv: -abs(kv[1][0]))
        for key, (size, count) in [row for row in ranked if abs(row[1][0]) >= n * 20][:rows]:
            lines.append(f"{kb(size / n):>8} {count / n:>11.1f}  {key}")
    return lines


# -- main ------------------------------------------------------------------------------------


def run_target(kind: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    env = dict(item.split("=", 1) for item in args.env)
    server = Server(kind, work, env, args.trace, args.collect)
    print(f"{kind}: starting (env {env or '-'}, tracemalloc {args.trace or 'off'})", flush=True)
    server.start()
    try:
        with asyncio.Runner(loop_factory=loop_factory()) as runner:
            stages = runner.run(asyncio.wait_for(measure(server, args), args.budget))
    finally:
        server.stop()
    n = args.connections
    lines = stage_table(kind, stages, n)
    if args.trace:
        for a, b in (("warm", "connected"), ("connected", "played")):
            lines += ["", *trace_report(server, a, b, n, args.top)]
        lines += [
            "",
            "(RSS, malloc and CPU figures of a traced run are inflated by tracemalloc and its "
            "snapshots; compare the traced growth with the RSS growth of a run without --trace: "
            "what RSS has beyond it is not Python objects.)",
        ]
    print("\n".join(lines), flush=True)
    return {
        "target": kind,
        "connections": n,
        "env": env,
        "trace": args.trace,
        "stages": [{"name": s.name, **s.memory, "probe": s.probe} for s in stages],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=500, help="clients (max 1000)")
    parser.add_argument("--cards", type=int, default=2, help="cards each room plays")
    parser.add_argument("--targets", default="ours,relay", help="ours, relay or both")
    parser.add_argument("--trace", type=int, default=0, metavar="FRAMES", help="tracemalloc")
    parser.add_argument("--collect", action="store_true", help="gc.collect() before snapshots")
    parser.add_argument("--top", type=int, default=25, help="lines in the traced tables")
    parser.add_argument(
        "--env", action="append", default=[], metavar="KEY=VALUE", help="for the server"
    )
    parser.add_argument(
        "--browser",
        action="store_true",
        help="clients offer permessage-deflate and send a browser's headers",
    )
    parser.add_argument(
        "--polling-first",
        action="store_true",
        help="clients connect by long-polling and then upgrade, as browsers do",
    )
    parser.add_argument("--concurrency", type=int, default=20, help="clients connecting at once")
    parser.add_argument("--budget", type=float, default=150.0, help="seconds per target")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", type=Path, help="keep snapshots and logs in this folder")
    args = parser.parse_args()
    if not 1 <= args.connections <= 1000:
        parser.error("--connections must be between 1 and 1000")
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    if not targets or any(t not in ("ours", "relay") for t in targets):
        parser.error("--targets: ours, relay or both")
    raise_open_files_limit()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="connection-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for kind in targets:
            results.append(run_target(kind, args, work))
            print(flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
