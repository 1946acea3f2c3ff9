"""One step of the benchmark: start a target's servers, run the generators, measure.

The orchestrator (this process) starts the server process(es), then the generator
processes (``load.worker_main``, one per ~500 clients, at most one per core); it waits
until every generator has connected its rooms, says "go", samples the servers' CPU and
memory with psutil during the play window, collects the generators' samples and merges
them into one step record.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

from .load import WorkerConfig, WorkerResult, generator_loop, worker_main
from .profile import Profiler
from .servers import Monitor, Servers, Target
from .stats import summary

PLAYERS_PER_ROOM = 8
CLIENTS_PER_GENERATOR = 500
MiB = 1024 * 1024


@dataclass(frozen=True)
class StepPlan:
    players: int
    """As asked; the step runs ceil(players / 8) full rooms."""
    duration: float
    board_id: str
    card_ids: list[str]
    seed: int
    generators: int | None = None
    """None: one per ~500 clients, at most one per core."""
    open_loop: bool = True
    max_generator_lag_ms: float = 25.0
    """A step whose generators were later than this (p99, from their schedule) is not
    valid: part of every latency measured in it would be the generators' own."""
    profile_native: bool = False
    """With ``--profile``: py-spy also samples C frames (uvloop, the interpreter's GIL
    waits), which the Python frames alone show as time in ``run_app``."""

    @property
    def rooms(self) -> int:
        return max(1, math.ceil(self.players / PLAYERS_PER_ROOM))

    @property
    def clients(self) -> int:
        return self.rooms * (PLAYERS_PER_ROOM + 1)

    def generator_count(self) -> int:
        if self.generators is not None:
            return max(1, min(self.generators, self.rooms))
        wanted = math.ceil(self.clients / CLIENTS_PER_GENERATOR)
        return max(1, min(wanted, os.cpu_count() or 1, self.rooms))


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _other_processes(exclude: set[int]) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["pid"]):
        if process.pid in exclude:
            continue
        with contextlib.suppress(psutil.Error):
            process.cpu_percent(None)
            found.append(process)
    return found


def _busiest(processes: list[psutil.Process], limit: int = 5) -> list[dict[str, Any]]:
    rows = []
    for process in processes:
        with contextlib.suppress(psutil.Error):
            cpu = process.cpu_percent(None)
            if cpu >= 5.0:
                command = " ".join(process.cmdline())[:100] or process.name()
                rows.append({"pid": process.pid, "cpu_percent": round(cpu, 1), "command": command})
    rows.sort(key=lambda r: -float(r["cpu_percent"]))
    return rows[:limit]


def _busy_percent(before: Any, after: Any) -> float:
    """CPU busy over all cores between two psutil.cpu_times() (200 = two cores busy)."""
    idle = (after.idle + getattr(after, "iowait", 0.0)) - (
        before.idle + getattr(before, "iowait", 0.0)
    )
    total = sum(after) - sum(before)
    cores = os.cpu_count() or 1
    return 100.0 * cores * (total - idle) / total if total > 0 else 0.0


def _cpu_pressure_total() -> int | None:
    """Microseconds some task waited for a CPU (Linux PSI), or None where unavailable."""
    try:
        first = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except (OSError, IndexError):
        return None
    for part in first.split():
        if part.startswith("total="):
            return int(part[len("total=") :])
    return None


def _redis_pid(url: str | None) -> int | None:
    """The local redis-server behind ``url``, to measure its CPU too (None if not found)."""
    if not url:
        return None
    from urllib.parse import urlsplit

    port = urlsplit(url).port or 6379
    with contextlib.suppress(psutil.Error, OSError):
        for conn in psutil.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port and conn.pid:
                return int(conn.pid)
    return None


def run_step(
    target: Target, plan: StepPlan, work_dir: Path, profile_dir: Path | None = None
) -> dict[str, Any]:
    """Run one step against one target; the record of what was measured."""
    record: dict[str, Any] = {
        "target": target.name,
        "server_processes": target.processes,
        "players": plan.rooms * PLAYERS_PER_ROOM,
        "rooms": plan.rooms,
        "connections": plan.clients,
        "duration_s": plan.duration,
    }
    servers = Servers(target, work_dir / f"{target.name}-{plan.players}")
    started = time.monotonic()
    try:
        servers.start()
    except Exception as exc:
        record["error"] = f"server did not start: {exc}"
        return record
    generators: list[multiprocessing.process.BaseProcess] = []
    try:
        profile = None
        if profile_dir is not None:
            profile = profile_dir / f"profile-{target.name}-{record['players']}.txt"
        redis_pid = _redis_pid(target.redis_url)
        record.update(_measure(servers, plan, generators, redis_pid, profile))
        record["server_tracebacks"] = servers.tracebacks()
    finally:
        for process in generators:
            process.join(10)
            if process.is_alive():
                process.terminate()
                process.join(5)
        servers.stop()
    record["wall_s"] = round(time.monotonic() - started, 1)
    return record


def _measure(
    servers: Servers,
    plan: StepPlan,
    generators: list[multiprocessing.process.BaseProcess],
    redis_pid: int | None,
    profile: Path | None,
) -> dict[str, Any]:
    monitor = Monitor(servers.pids)
    baseline_rss = monitor.rss()
    count = plan.generator_count()
    context = multiprocessing.get_context("spawn")
    conns = []
    first = 0
    for index, rooms in enumerate(_split(plan.rooms, count)):
        config = WorkerConfig(
            worker=index,
            urls=servers.urls,
            first_room=first,
            rooms=rooms,
            players_per_room=PLAYERS_PER_ROOM,
            board_id=plan.board_id,
            card_ids=plan.card_ids,
            duration=plan.duration,
            seed=plan.seed,
            open_loop=plan.open_loop,
            pinned=servers.target.pinned,
            own_in_ack=servers.target.own_in_ack,
        )
        first += rooms
        parent, child = context.Pipe()
        process = context.Process(target=worker_main, args=(config, child), daemon=True)
        process.start()
        child.close()
        generators.append(process)
        conns.append(parent)

    out: dict[str, Any] = {
        "generator_processes": count,
        "generator_loop": generator_loop(),
        "errors": [],
    }
    setup_deadline = time.monotonic() + WorkerConfig.setup_timeout + 60
    connected = failures = 0
    for conn in conns:
        message = conn.recv() if conn.poll(max(0.1, setup_deadline - time.monotonic())) else None
        if not message or message[0] != "ready":
            out["errors"].append(f"generator not ready: {message!r}")
            for other in conns:
                with contextlib.suppress(OSError):
                    other.send("abort")
            return out
        connected += message[1]
        failures += message[2]
    monitor.sample()
    connected_rss = monitor.rss()

    own = {os.getpid(), *servers.pids, *(p.pid for p in generators if p.pid)}
    redis_monitor = Monitor([redis_pid] if redis_pid else [])
    if redis_pid:
        own.add(redis_pid)
    others = _other_processes(own)
    generator_monitor = Monitor([p.pid for p in generators if p.pid])
    load_before = os.getloadavg()
    machine_before = psutil.cpu_times()
    pressure_before = _cpu_pressure_total()
    monitor.begin()
    generator_monitor.begin()
    redis_monitor.begin()
    profiler = (
        Profiler(servers.pids[0], profile, plan.duration, native=plan.profile_native)
        if profile
        else None
    )
    for conn in conns:
        conn.send("go")
    window_end = time.monotonic() + plan.duration
    while time.monotonic() < window_end:
        time.sleep(min(0.5, max(0.0, window_end - time.monotonic())))
        monitor.sample()
    server_cpu = monitor.end()
    generator_cpu = generator_monitor.end()
    redis_cpu = redis_monitor.end() if redis_pid else 0.0
    load_after = os.getloadavg()
    machine_cpu = _busy_percent(machine_before, psutil.cpu_times())
    pressure_after = _cpu_pressure_total()
    busiest = _busiest(others)
    if profiler is not None:
        out["profile"] = profiler.finish()

    results: list[WorkerResult] = []
    done_deadline = time.monotonic() + WorkerConfig.ack_timeout + WorkerConfig.drain_timeout + 60
    for conn in conns:
        message = conn.recv() if conn.poll(max(0.1, done_deadline - time.monotonic())) else None
        if message and message[0] == "done":
            results.append(message[1])
        else:
            out["errors"].append(f"generator did not report: {message!r}")

    ack: list[float] = []
    fanout: list[float] = []
    lag: list[float] = []
    send_lag: list[float] = []
    by_second: list[list[float]] = []
    totals = dict.fromkeys(
        (
            "commands_ok",
            "refused",
            "unacked",
            "lost",
            "duplicates",
            "disconnects",
            "versions",
            "offered",
            "out_of_order",
        ),
        0,
    )
    setup_s = play_s = 0.0
    for result in results:
        ack.extend(result.ack_ms)
        fanout.extend(result.fanout_ms)
        lag.extend(result.lag_ms)
        send_lag.extend(result.send_lag_ms)
        for second, samples in enumerate(result.fanout_by_second):
            while len(by_second) <= second:
                by_second.append([])
            by_second[second].extend(samples)
        for key in totals:
            totals[key] += getattr(result, key)
        setup_s = max(setup_s, result.setup_seconds)
        play_s = max(play_s, result.play_seconds)
        out["errors"].extend(result.errors)
    players = plan.rooms * PLAYERS_PER_ROOM
    grown = max(0, monitor.peak_rss - baseline_rss)
    lag_summary = summary(lag)
    send_lag_summary = summary(send_lag)
    late = [
        f"{name} p99 {s['p99']:.0f} ms > {plan.max_generator_lag_ms:.0f} ms"
        for name, s in (("generator lag", lag_summary), ("send lag", send_lag_summary))
        if s["p99"] is not None and s["p99"] > plan.max_generator_lag_ms
    ]
    out.update(
        {
            "connected": connected,
            "connect_failures": failures,
            "setup_s": round(setup_s, 1),
            "play_s": round(play_s, 1),
            "mode": "open" if plan.open_loop else "closed",
            "offered": totals["offered"],
            "offered_per_s": round(totals["offered"] / plan.duration, 1),
            "commands": totals["commands_ok"],
            "commands_per_s": round(totals["commands_ok"] / plan.duration, 1),
            "out_of_order": totals["out_of_order"],
            "valid": not late,
            "invalid_because": late,
            "versions": totals["versions"],
            "refused": totals["refused"],
            "unacked": totals["unacked"],
            "lost": totals["lost"],
            "duplicates": totals["duplicates"],
            "disconnects": totals["disconnects"],
            "ack_ms": summary(ack),
            "fanout_ms": summary(fanout),
            "generator_lag_ms": lag_summary,
            "send_lag_ms": send_lag_summary,
            "fanout_p99_per_s": [
                None if not samples else summary(samples)["p99"] for samples in by_second
            ],
            "server_cpu_percent": round(server_cpu, 1),
            "server_cpu_ms_per_command": (
                round(server_cpu * 10 * plan.duration / totals["commands_ok"], 2)
                if totals["commands_ok"]
                else None
            ),
            "server_main_thread_ms_per_command": (
                round(monitor.main_thread_percent * 10 * plan.duration / totals["commands_ok"], 2)
                if totals["commands_ok"]
                else None
            ),
            "generator_cpu_percent": round(generator_cpu, 1),
            "server_rss_baseline_mb": round(baseline_rss / MiB, 1),
            "server_rss_connected_mb": round(connected_rss / MiB, 1),
            "server_rss_peak_mb": round(monitor.peak_rss / MiB, 1),
            "rss_per_player_kb": round(grown / 1024 / players, 1),
            "rss_per_connection_kb": round(grown / 1024 / plan.clients, 1),
            "machine_cpu_percent": round(machine_cpu, 1),
            "redis_cpu_percent": round(redis_cpu, 1) if redis_pid else None,
            "others_cpu_percent": round(
                max(0.0, machine_cpu - server_cpu - generator_cpu - redis_cpu), 1
            ),
            "cpu_pressure_percent": (
                round(100 * (pressure_after - pressure_before) / 1e6 / plan.duration, 1)
                if pressure_before is not None and pressure_after is not None
                else None
            ),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in load_after],
            "other_busy_processes": busiest,
        }
    )
    out["errors"] = out["errors"][:20]
    return out
