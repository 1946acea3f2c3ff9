"""Prometheus metrics of one server process (``prometheus-client``), served on their own
listener (``--metrics-port``, loopback by default), never on the public port.

Why a separate listener: the figures (rooms, connections, commands) say how busy an
organisation's workshops are, and the public port is reachable by every player's laptop.
A port that only the monitoring network reaches needs no token and no proxy rule.

Every label has a small fixed set of values: a command type the rules know, an error code
the server sends, a transport, a version source, an export format. Nothing a client sends
becomes a label as it is.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from typing import Any

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import Collector

from ..rules import RULES
from ..stores.base import Entry, RoomStore, VersionConflict


class Metrics:
    """The process's metrics, in a registry of its own (several apps in one test process
    must not share one)."""

    def __init__(self, command_types: Iterable[str] = RULES) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.command_types = frozenset(command_types)
        self._commands: dict[tuple[str, str], Any] = {}
        self._versions: dict[str, Any] = {}
        self.commands = Counter(
            "leerklimaat_commands",
            "Events handled (create_room, join, enter, and each command type), by outcome: "
            "accepted, duplicate (a resend answered again), or the error code sent.",
            ["type", "outcome"],
            registry=self.registry,
        )
        self.enters = Counter(
            "leerklimaat_enters",
            "Accepted enters: fresh (no version given), resumed (a reconnect answered with "
            "the missed updates) or full_view (a reconnect answered with the whole view).",
            ["kind"],
            registry=self.registry,
        )
        self.store_writes = Histogram(
            "leerklimaat_store_write_seconds",
            "Time the store took to durably write (append: a command; create: a room), "
            "including version conflicts.",
            ["op"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
            registry=self.registry,
        )
        self.conflicts = Counter(
            "leerklimaat_store_conflicts",
            "Appends refused because another process stored that version first.",
            registry=self.registry,
        )
        self.versions = Counter(
            "leerklimaat_versions",
            "Room versions adopted by this process, by source: here (stored by this "
            "process), store (found by a catch-up) or peer (heard through the fan-out).",
            ["source"],
            registry=self.registry,
        )
        self.fanout_lag = Histogram(
            "leerklimaat_fanout_lag_seconds",
            "From the moment another process decided a version to the moment this process "
            "adopted it from the fan-out (includes that process's store write).",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
            registry=self.registry,
        )
        self.exports = Histogram(
            "leerklimaat_export_seconds",
            "Time to answer a successful export download, by format (loading and rendering).",
            ["format"],
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
            registry=self.registry,
        )

    # -- what the gateway reports --------------------------------------------------------

    def handled(self, event: str, data: Any, reply: dict[str, Any]) -> None:
        """One event answered with ``reply``."""
        kind = event
        if event == "command":
            sent = data.get("type") if isinstance(data, dict) else None
            kind = sent if isinstance(sent, str) and sent in self.command_types else "unknown"
        if reply.get("ok"):
            outcome = "duplicate" if reply.get("duplicate") else "accepted"
        else:
            outcome = str(reply.get("error", {}).get("code", "internal_error"))
        counter = self._commands.get((kind, outcome))
        if counter is None:  # labels() validates and locks on every call: keep the child
            counter = self._commands[(kind, outcome)] = self.commands.labels(kind, outcome)
        counter.inc()
        if event == "enter" and reply.get("ok"):
            resumed = isinstance(data, dict) and data.get("version") is not None
            self.enters.labels(
                ("resumed" if "updates" in reply else "full_view") if resumed else "fresh"
            ).inc()

    def adopted(self, source: str, entry: Entry) -> None:
        """This process moved a room to ``entry``'s version."""
        counter = self._versions.get(source)
        if counter is None:
            counter = self._versions[source] = self.versions.labels(source)
        counter.inc()
        if source == "peer":
            self.fanout_lag.observe(max(0.0, time.time() - entry.at / 1000))

    def timed_route(
        self, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        """An export route that records how long each successful download took."""

        async def timed(request: web.Request) -> web.StreamResponse:
            started = time.perf_counter()
            response = await handler(request)
            if response.status == 200:
                fmt = request.match_info.get("format", "")
                self.exports.labels(fmt).observe(time.perf_counter() - started)
            return response

        return timed

    # -- the gauges read at scrape time ----------------------------------------------------

    def watch(self, read: Callable[[], Iterator[Metric]]) -> None:
        """Add gauges computed when Prometheus scrapes (connections, rooms, ...)."""
        self.registry.register(_Reader(read))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class _Reader(Collector):
    def __init__(self, read: Callable[[], Iterator[Metric]]) -> None:
        self._read = read

    def collect(self) -> Iterator[Metric]:
        return self._read()

    def describe(self) -> list[Metric]:
        return []  # computed at scrape time: no fixed description to check names against


def gauge(name: str, documentation: str, values: dict[str, float], label: str) -> Metric:
    family = GaugeMetricFamily(name, documentation, labels=[label])
    for value_label, value in sorted(values.items()):
        family.add_metric([value_label], value)
    return family


def single(name: str, documentation: str, value: float, *, counter: bool = False) -> Metric:
    if counter:
        return CounterMetricFamily(name, documentation, value=value)
    return GaugeMetricFamily(name, documentation, value=value)


class MeasuredStore:
    """A ``RoomStore`` that times writes and counts conflicts, passing everything on."""

    def __init__(self, store: RoomStore, metrics: Metrics) -> None:
        self.inner = store
        self.metrics = metrics

    async def open(self) -> None:
        await self.inner.open()

    async def close(self) -> None:
        await self.inner.close()

    async def ping(self) -> bool:
        return await self.inner.ping()

    async def create(self, code: str, entry: Entry) -> str:
        with self.metrics.store_writes.labels("create").time():
            return await self.inner.create(code, entry)

    async def append(self, code: str, entry: Entry) -> None:
        try:
            with self.metrics.store_writes.labels("append").time():
                await self.inner.append(code, entry)
        except VersionConflict:
            self.metrics.conflicts.inc()
            raise

    async def load(self, code: str) -> list[Entry]:
        return await self.inner.load(code)

    async def read_since(self, code: str, version: int) -> list[Entry]:
        return await self.inner.read_since(code, version)

    async def current_version(self, code: str) -> int:
        return await self.inner.current_version(code)

    async def room_codes(self) -> list[str]:
        return await self.inner.room_codes()

    async def delete(self, code: str) -> None:
        await self.inner.delete(code)

    async def rewrite(self, code: str, entries: Sequence[Entry]) -> None:
        await self.inner.rewrite(code, entries)


async def serve_metrics(metrics: Metrics, host: str, port: int) -> web.AppRunner:
    """Start the metrics listener (``GET /metrics``); the caller cleans the runner up."""

    async def scrape(request: web.Request) -> web.Response:
        return web.Response(
            body=metrics.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    app = web.Application()
    app.router.add_get("/metrics", scrape)
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner
