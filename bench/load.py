"""The load generator: rooms of real Socket.IO clients playing the game at human pace.

One generator process (``worker_main``) runs some of the step's rooms. Each room is a
facilitator and ``players_per_room`` players, every one a ``socketio.AsyncClient`` with
the msgpack parser on the websocket transport, as a browser would be. A room plays card
after card:

- the facilitator advances read -> place;
- when the place step arrives at a player, that player places a pawn within 2 s and adds
  two post-its within 10 s (in time order, each one waiting for its acknowledgement);
- once the facilitator has seen all of them, it advances to discuss, then to revise;
- every player revises their pawn within 2 s of seeing the revise step;
- once the facilitator has seen those, it moves on to the next card.

So each room produces a burst at the start of place and revise, and a trickle of post-its
in between; rooms start at random moments so their bursts overlap as in real workshops.

Measured per command (game commands only, not the setup's joins): emit -> ack at the
sender, and emit -> arrival of the ``update`` with that version at every other member of
the room (fan-out). Every member records every version it receives; at the end, a version
a member should have received (after its own join) but did not is a lost update, a version
received twice a duplicate.

All members of one room live in the same generator process, so both ends of a latency
sample are read from the same clock. The same scripts run against the bare relay, which
speaks the same message shapes.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import random
import secrets
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection
from typing import Any

import aiohttp
import socketio

from .limits import raise_open_files_limit

POST_IT_TEXTS = (
    "Collega's nemen tijd om samen terug te kijken op een lastige situatie.",
    "Fouten worden besproken zonder dat iemand de schuld krijgt.",
    "Er is te weinig tijd in het rooster om iets nieuws uit te proberen.",
    "Nieuwe medewerkers krijgen een maatje voor de eerste maanden.",
    "Feedback komt vooral van de leidinggevende, zelden van elkaar.",
    "We delen wat we op cursus leren in het werkoverleg.",
)


@dataclass(frozen=True)
class WorkerConfig:
    worker: int
    urls: list[str]
    """The server processes; a room's members are spread over them round-robin, or with
    ``pinned`` all on the room's own process (as nginx places them by the room code)."""
    first_room: int
    rooms: int
    players_per_room: int
    board_id: str
    card_ids: list[str]
    duration: float
    seed: int
    connect_concurrency: int = 40
    ack_timeout: float = 15.0
    drain_timeout: float = 10.0
    setup_timeout: float = 120.0
    start_spread: float = 5.0
    """Rooms start their first card at a random moment within this many seconds."""
    pinned: bool = False
    own_in_ack: bool = True
    open_loop: bool = True
    """Commands on a fixed timetable, latency from the planned moment (see ``timetable``);
    False: each command waits for what it answers (the ack, the step), as a browser does."""


@dataclass
class WorkerResult:
    worker: int
    rooms: int
    clients: int
    connected: int = 0
    connect_failures: int = 0
    setup_seconds: float = 0.0
    play_seconds: float = 0.0
    commands_ok: int = 0
    refused: int = 0
    unacked: int = 0
    lost: int = 0
    duplicates: int = 0
    disconnects: int = 0
    versions: int = 0
    ack_ms: list[float] = field(default_factory=list)
    fanout_ms: list[float] = field(default_factory=list)
    lag_ms: list[float] = field(default_factory=list)
    """How late this generator's event loop was for each tick of a fixed 50 ms schedule
    during play (a tick missed while the loop was busy counts, with its own lateness): a
    busy generator delays its own receipts, and that shows up in the latencies measured."""
    send_lag_ms: list[float] = field(default_factory=list)
    """Open loop: how long after its planned moment each command was emitted."""
    offered: int = 0
    """Open loop: commands planned within the step's window."""
    out_of_order: int = 0
    """Updates a member received after a higher version (each connection must see its
    room's versions in increasing order)."""
    fanout_by_second: list[list[float]] = field(default_factory=list)
    """Fan-out samples by the second of the step they were sent (planned) in."""
    errors: list[str] = field(default_factory=list)

    def error(self, message: str) -> None:
        if len(self.errors) < 20:
            self.errors.append(message[:300])


class Stopped(Exception):
    """The step's time is up: no new commands."""


class Member:
    """One client: a facilitator (index 0) or a player."""

    def __init__(self, run: RoomRun, index: int, url: str, session: aiohttp.ClientSession) -> None:
        self.run = run
        self.index = index
        self.url = url
        self.client = socketio.AsyncClient(
            serializer="msgpack",
            reconnection=False,
            http_session=session,
            handle_sigint=False,
            request_timeout=10,
        )
        self.client.on("update", self.on_update)
        self.client.on("disconnect", self.on_disconnect)
        self.received: list[tuple[int, float]] = []
        self.in_ack: set[int] = set()
        """Versions this member got in its own acks (``own=ack``): not updates, so not in
        the order check (an ack may follow an update of a later version)."""
        self.base = 0
        """The version this member was given on joining: it expects every later one."""
        self.top = 0
        self.connected = False
        self.closing = False
        self._waiters: list[tuple[int, asyncio.Future[None]]] = []

    async def on_update(self, data: Any) -> None:
        now = time.perf_counter()
        version = int(data["version"])
        self.received.append((version, now))
        if version > self.top:
            self.top = version
            if self._waiters:
                self._wake()

    async def on_disconnect(self, reason: Any = None) -> None:
        if self.connected and not self.closing:
            self.run.result.disconnects += 1
            self.run.result.error(f"member {self.index} of {self.run.code} dropped: {reason}")
        self.connected = False

    def _wake(self) -> None:
        still = []
        for version, future in self._waiters:
            if version <= self.top:
                if not future.done():
                    future.set_result(None)
            else:
                still.append((version, future))
        self._waiters = still

    async def wait_version(self, version: int, seconds: float) -> bool:
        """Until this member has received ``version`` (or a later one)."""
        if self.top >= version:
            return True
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append((version, future))
        try:
            await asyncio.wait_for(future, seconds)
            return True
        except TimeoutError:
            return False

    async def connect(self) -> None:
        url = f"{self.url}?own=ack" if self.run.config.own_in_ack else self.url
        await self.client.connect(url, transports=["websocket"], wait_timeout=10)
        self.connected = True

    async def call(self, event: str, data: dict[str, Any]) -> tuple[float, float, Any]:
        """Emit with an acknowledgement: (emit time, ack time, reply)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[tuple[float, Any]] = loop.create_future()

        def acked(*args: Any) -> None:
            if not future.done():
                future.set_result((time.perf_counter(), args[0] if args else None))

        sent = time.perf_counter()
        await self.client.emit(event, data, callback=acked)
        at, reply = await asyncio.wait_for(future, self.run.config.ack_timeout)
        return sent, at, reply

    async def command(self, fields: dict[str, Any], planned: float | None = None) -> int:
        """Send one game command; its version. Raises Stopped when the time is up.

        With ``planned`` (open loop) its latencies count from that moment, not from when
        the generator got round to sending it."""
        run = self.run
        if planned is None and time.perf_counter() >= run.stop_at:
            raise Stopped
        data = {**fields, "command_id": run.next_command_id()}
        try:
            sent, at, reply = await self.call("command", data)
            if planned is not None:
                run.result.send_lag_ms.append(max(0.0, (sent - planned) * 1000.0))
                sent = planned
        except TimeoutError:
            run.result.unacked += 1
            run.result.error(f"{fields['type']} in {run.code}: no ack")
            raise Stopped from None
        except Exception as exc:  # e.g. the connection dropped: counted, the room stops
            run.result.unacked += 1
            run.result.error(f"{fields['type']} in {run.code}: {type(exc).__name__}: {exc}")
            raise Stopped from None
        if not isinstance(reply, dict) or not reply.get("ok"):
            run.result.refused += 1
            run.result.error(f"{fields['type']} in {run.code} refused: {reply}")
            raise Stopped
        version = int(reply["version"])
        if "update" in reply:  # own=ack: this member's own version came with the ack
            self.received.append((version, at))
            self.in_ack.add(version)
            if version > self.top:
                self.top = version
                if self._waiters:
                    self._wake()
        run.sent[version] = (sent, self.index)
        run.result.ack_ms.append((at - sent) * 1000.0)
        run.result.commands_ok += 1
        run.top = max(run.top, version)
        return version

    async def close(self) -> None:
        self.closing = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.client.disconnect(), 5)


class RoomRun:
    """One room: its members, the script, and what was sent when."""

    def __init__(self, worker: Worker, number: int) -> None:
        self.worker = worker
        self.config = worker.config
        self.result = worker.result
        self.number = number
        self.code = "?"
        self.random = random.Random(self.config.seed * 1_000_003 + number)
        urls = self.config.urls
        self.members = [
            Member(
                self,
                i,
                urls[(number + (0 if self.config.pinned else i)) % len(urls)],
                worker.session,
            )
            for i in range(self.config.players_per_room + 1)
        ]
        self.sent: dict[int, tuple[float, int]] = {}
        """Version -> (emit time, sender index), for the game commands acknowledged."""
        self.top = 0
        self.begin = 0.0
        """When play began (the generator's clock)."""
        self.stop_at = float("inf")
        self.tasks: set[asyncio.Task[None]] = set()
        self._ids = 0

    @property
    def facilitator(self) -> Member:
        return self.members[0]

    @property
    def players(self) -> list[Member]:
        return self.members[1:]

    def next_command_id(self) -> str:
        self._ids += 1
        return f"bench-w{self.config.worker:02d}-r{self.number:05d}-c{self._ids:07d}"

    @staticmethod
    def secret_command_id() -> str:
        """join and create_room answer with a token, so their id must be a random secret."""
        return secrets.token_urlsafe(18)

    # -- setup ---------------------------------------------------------------------------

    async def setup(self, gate: asyncio.Semaphore) -> None:
        facilitator = self.facilitator
        async with gate:
            await facilitator.connect()
        _, _, reply = await facilitator.call(
            "create_room",
            {
                "command_id": self.secret_command_id(),
                "board_id": self.config.board_id,
                "card_ids": self.config.card_ids,
                "title": f"Benchmark {self.number}",
            },
        )
        if not isinstance(reply, dict) or not reply.get("ok"):
            raise RuntimeError(f"create_room refused: {reply}")
        self.code = str(reply["code"])
        facilitator.base = facilitator.top = int(reply["version"])

        async def join(player: Member) -> None:
            async with gate:
                await player.connect()
            _, _, answer = await player.call(
                "join",
                {
                    "code": self.code,
                    "name": f"Speler {player.index}",
                    "command_id": self.secret_command_id(),
                },
            )
            if not isinstance(answer, dict) or not answer.get("ok"):
                raise RuntimeError(f"join refused: {answer}")
            player.base = int(answer["version"])
            player.top = max(player.top, player.base)
            self.top = max(self.top, player.base)

        await asyncio.gather(*(join(p) for p in self.players))
        self.top = max([self.top] + [m.top for m in self.members])

    # -- the game ------------------------------------------------------------------------

    def spawn(self, work: Callable[[], Awaitable[None]]) -> None:
        async def guarded() -> None:
            with contextlib.suppress(Stopped):
                await work()

        task = asyncio.create_task(guarded())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def play(self, stop_at: float) -> None:
        self.stop_at = stop_at
        rnd = self.random
        f = self.facilitator
        count = len(self.players)
        await asyncio.sleep(rnd.uniform(0, self.config.start_spread))
        try:
            await f.command({"type": "start"})  # lobby -> read of the first card
            for card in range(len(self.config.card_ids)):
                await asyncio.sleep(1.0)  # the card is read aloud
                place = await f.command({"type": "next_step"})
                for player in self.players:
                    self.spawn(partial(self.first_round, player, place))
                await f.wait_version(place + 3 * count, self.until(25.0))  # pawns + post-its
                await asyncio.sleep(0.5)
                await f.command({"type": "next_step"})  # discuss
                await asyncio.sleep(1.0)
                revise = await f.command({"type": "next_step"})
                for player in self.players:
                    self.spawn(partial(self.revise, player, revise))
                await f.wait_version(revise + count, self.until(15.0))
                await asyncio.sleep(0.5)
                if card + 1 < len(self.config.card_ids):
                    await f.command({"type": "next_step"})  # the next card's read step
        except Stopped:
            pass

    def timetable(self, start: float) -> list[tuple[float, int, dict[str, Any]]]:
        """The open-loop script: (planned moment, member index, command), fixed in advance.

        The same game and pace as ``play`` (a card every 15 s, ~36 commands per card in a
        room of 8), but nobody waits for anybody: each command is emitted at its moment
        whether or not the server has answered the ones before, so a slow server faces the
        same offered load as a fast one and a late answer counts from when it was due.
        Players act at least 0.3 s after the step that allows it was due, so a server that
        keeps order and keeps up accepts every command."""
        rnd = self.random
        plan: list[tuple[float, int, dict[str, Any]]] = [(start, 0, {"type": "start"})]
        read = start
        cards = len(self.config.card_ids)
        for card in range(cards):
            place = read + 1.0
            plan.append((place, 0, {"type": "next_step"}))
            for index in range(1, len(self.members)):
                plan.append((place + 0.3 + rnd.uniform(0, 1.7), index, self._pawn()))
                for _ in range(2):
                    plan.append((place + 0.3 + rnd.uniform(0, 9.7), index, self._post_it()))
            discuss = place + 10.5
            revise = discuss + 1.0
            plan.append((discuss, 0, {"type": "next_step"}))
            plan.append((revise, 0, {"type": "next_step"}))
            for index in range(1, len(self.members)):
                plan.append((revise + 0.3 + rnd.uniform(0, 1.7), index, self._pawn()))
            read = revise + 2.5
            if card + 1 < cards:
                plan.append((read, 0, {"type": "next_step"}))
        plan.sort(key=lambda entry: entry[0])
        return plan

    def _pawn(self) -> dict[str, Any]:
        return {"type": "place_pawn", "position": {"square": self.random.randint(1, 5)}}

    def _post_it(self) -> dict[str, Any]:
        return {
            "type": "add_post_it",
            "colour": self.random.choice(("green", "pink")),
            "text": self.random.choice(POST_IT_TEXTS),
        }

    async def play_open(self, begin: float, stop_at: float) -> None:
        """Emit every command of the timetable at its moment (open loop)."""
        self.stop_at = stop_at
        start = begin + self.random.uniform(0, self.config.start_spread)
        for planned, index, fields in self.timetable(start):
            if planned >= stop_at:
                break
            self.result.offered += 1
            delay = planned - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            self.spawn(partial(self.members[index].command, fields, planned))

    def until(self, limit: float) -> float:
        """A wait of at most ``limit`` seconds that ends no later than the step."""
        return max(0.05, min(limit, self.stop_at - time.perf_counter()))

    async def first_round(self, player: Member, place: int) -> None:
        if not await player.wait_version(place, 15.0):
            return
        seen = time.perf_counter()
        rnd = self.random
        actions = sorted(
            [
                (rnd.uniform(0, 2), "pawn"),
                (rnd.uniform(0, 10), "post_it"),
                (rnd.uniform(0, 10), "post_it"),
            ]
        )
        for at, kind in actions:
            delay = seen + at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if kind == "pawn":
                await player.command(
                    {"type": "place_pawn", "position": {"square": rnd.randint(1, 5)}}
                )
            else:
                await player.command(
                    {
                        "type": "add_post_it",
                        "colour": rnd.choice(("green", "pink")),
                        "text": rnd.choice(POST_IT_TEXTS),
                    }
                )

    async def revise(self, player: Member, revise: int) -> None:
        if not await player.wait_version(revise, 15.0):
            return
        await asyncio.sleep(self.random.uniform(0, 2))
        square = self.random.randint(1, 5)
        await player.command({"type": "place_pawn", "position": {"square": square}})

    async def settle(self, seconds: float) -> None:
        """Wait for the commands in flight, then for every member to reach the last version."""
        deadline = time.perf_counter() + seconds
        tasks = list(self.tasks)
        if tasks:
            await asyncio.wait(tasks, timeout=max(0.1, deadline - time.perf_counter()))
        for task in list(self.tasks):
            task.cancel()
        final = max([self.top] + [m.top for m in self.members])
        self.top = final
        await asyncio.gather(
            *(
                m.wait_version(final, max(0.1, deadline - time.perf_counter() + 5.0))
                for m in self.members
                if m.connected
            )
        )

    # -- what was measured ----------------------------------------------------------------

    def tally(self) -> None:
        result = self.result
        final = self.top
        result.versions += max(0, final - self.facilitator.base)
        by_second = result.fanout_by_second
        for member in self.members:
            counts = Counter(v for v, _ in member.received)
            result.lost += sum(1 for v in range(member.base + 1, final + 1) if v not in counts)
            result.duplicates += sum(c - 1 for c in counts.values() if c > 1)
            seen: set[int] = set()
            highest = 0
            for version, at in member.received:
                if version in member.in_ack:
                    continue
                if version < highest:
                    result.out_of_order += 1
                highest = max(highest, version)
                sent = self.sent.get(version)
                if sent is None or sent[1] == member.index or version in seen:
                    continue
                seen.add(version)
                latency = (at - sent[0]) * 1000.0
                result.fanout_ms.append(latency)
                second = max(0, int(sent[0] - self.begin))
                while len(by_second) <= second:
                    by_second.append([])
                by_second[second].append(latency)


class Worker:
    def __init__(self, config: WorkerConfig, conn: Connection) -> None:
        self.config = config
        self.conn = conn
        clients = config.rooms * (config.players_per_room + 1)
        self.result = WorkerResult(worker=config.worker, rooms=config.rooms, clients=clients)
        self.session: aiohttp.ClientSession
        self.rooms: list[RoomRun] = []

    async def run(self) -> None:
        connector = aiohttp.TCPConnector(limit=0, force_close=False)
        async with aiohttp.ClientSession(connector=connector) as session:
            self.session = session
            self.rooms = [
                RoomRun(self, self.config.first_room + i) for i in range(self.config.rooms)
            ]
            try:
                await self._run()
            finally:
                await asyncio.gather(
                    *(m.close() for room in self.rooms for m in room.members if m.connected),
                    return_exceptions=True,
                )

    async def _run(self) -> None:
        config, result = self.config, self.result
        started = time.perf_counter()
        gate = asyncio.Semaphore(config.connect_concurrency)
        outcomes = await asyncio.wait_for(
            asyncio.gather(*(room.setup(gate) for room in self.rooms), return_exceptions=True),
            config.setup_timeout,
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                result.error(f"setup: {type(outcome).__name__}: {outcome}")
        result.connected = sum(m.connected for room in self.rooms for m in room.members)
        result.connect_failures = result.clients - result.connected
        result.setup_seconds = time.perf_counter() - started
        ready = [room for room, o in zip(self.rooms, outcomes, strict=True) if o is None]
        # The thousand clients made during setup are long-lived: out of the collector's
        # reach, its full collections no longer walk them mid-run (each such pause is
        # lag of the generator, which would be counted against the server under test).
        # During play the collector is off altogether: a step is bounded in time and
        # what it allocates (receipts, samples) is garbage only at the end, so every
        # collection would be pure lag (at 2,000 players its p99 fell from 97 to 1.4 ms).
        gc.collect()
        gc.freeze()
        gc.disable()
        self.conn.send(("ready", result.connected, result.connect_failures))
        message = await asyncio.to_thread(self._receive, config.setup_timeout + 60)
        if message != "go":
            result.error(f"orchestrator said {message!r} instead of go")
            self.conn.send(("done", result))
            return
        begin = time.perf_counter()
        stop_at = begin + config.duration
        lag = asyncio.create_task(self._watch_lag(begin, stop_at))
        for room in ready:
            room.begin = begin
        played = await asyncio.gather(
            *(
                room.play_open(begin, stop_at) if config.open_loop else room.play(stop_at)
                for room in ready
            ),
            return_exceptions=True,
        )
        for outcome in played:
            if isinstance(outcome, BaseException):
                result.error(f"play: {type(outcome).__name__}: {outcome}")
        # play() returns when a room's script ends; keep to the step's duration either way.
        remaining = stop_at - time.perf_counter()
        if remaining > 0:
            await asyncio.sleep(remaining)
        result.play_seconds = time.perf_counter() - begin
        lag.cancel()
        gc.enable()
        await asyncio.gather(*(room.settle(config.ack_timeout) for room in ready))
        for room in ready:
            room.tally()
        if not config.open_loop:
            result.offered = result.commands_ok + result.refused + result.unacked
        self.conn.send(("done", result))

    async def _watch_lag(self, begin: float, until: float) -> None:
        """Lateness of every tick of a fixed 50 ms timetable, missed ticks included."""
        tick = 0.05
        due = 1
        while begin + due * tick < until:
            delay = begin + due * tick - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            now = time.perf_counter()
            while due * tick + begin <= now and begin + due * tick < until:
                self.result.lag_ms.append((now - begin - due * tick) * 1000.0)
                due += 1

    def _receive(self, timeout: float) -> Any:
        if self.conn.poll(timeout):
            return self.conn.recv()
        return None


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop when it is installed (a server dependency on Linux and macOS): the generator
    shares the cores with the server under test, so the less CPU it needs per message the
    better."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def generator_loop() -> str:
    return "uvloop" if loop_factory() is not None else "asyncio"


def worker_main(config: WorkerConfig, conn: Connection) -> None:
    """Entry point of one generator process."""
    raise_open_files_limit()
    try:
        with asyncio.Runner(loop_factory=loop_factory()) as runner:
            runner.run(Worker(config, conn).run())
    except Exception as exc:  # report, never hang the orchestrator
        with contextlib.suppress(Exception):
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
