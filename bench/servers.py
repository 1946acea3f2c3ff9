"""Start the servers under test on free loopback ports and watch their CPU and memory.

``Target`` names one configuration (our server on the embedded store, our server on Redis
with one or two processes, or the bare relay); ``Servers`` starts its processes, waits until
``/healthz`` answers, and stops them. ``Monitor`` samples the processes with psutil.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import psutil  # type: ignore[import-untyped]

from .limits import raise_open_files_limit

HOST = "127.0.0.1"


def server_command(
    kind: str, port: int, data_dir: Path | None = None, redis_url: str | None = None
) -> list[str]:
    """The command line of a server under test on 127.0.0.1: ``relay`` or ``ours``."""
    if kind == "relay":
        return [sys.executable, "-m", "bench.relay", "--host", HOST, "--port", str(port)]
    assert data_dir is not None
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "game_server", "serve", "--host", HOST]
    command += ["--port", str(port), "--data-dir", str(data_dir)]
    # Every generated client comes from 127.0.0.1: the per-address cap (500 by default,
    # for a workshop behind one NAT address) would refuse most of a step's clients.
    command += ["--max-connections-per-address", "100000"]
    # ... and the rooms they make (60 an hour per address by default) would stop at the
    # first step's setup.
    command += ["--max-rooms-per-address", "0"]
    if redis_url:
        command += ["--redis-url", redis_url]
    return command


REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Target:
    """One server configuration under test."""

    name: str
    kind: str
    """``ours`` or ``relay``."""
    processes: int = 1
    redis_url: str | None = None
    env: tuple[tuple[str, str], ...] = ()
    """Environment of the server process(es), for A/B switches."""
    cwd: str | None = None
    """Run the server from this checkout instead (``--baseline``: A/B against a commit)."""
    own_in_ack: bool = True
    """The clients connect with ``own=ack``: a command's own ops come in its ack, not as an
    update (lever 3 of issue 16); False (``*-echo``): every update to every member."""
    pinned: bool = False
    """With several processes: each room's clients all on one process (nginx placing them
    by the room code), instead of every room spread over all processes."""

    @property
    def label(self) -> str:
        return self.name


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _child_setup() -> None:  # runs in the child between fork and exec
    raise_open_files_limit()


class ServerStartError(RuntimeError):
    pass


@dataclass
class Servers:
    """The processes of one target, each on its own free loopback port."""

    target: Target
    work_dir: Path
    ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[IO[bytes]] = field(default_factory=list)
    log_paths: list[Path] = field(default_factory=list)

    @property
    def urls(self) -> list[str]:
        return [f"http://{HOST}:{port}" for port in self.ports]

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.processes]

    def command(self, index: int, port: int) -> list[str]:
        if self.target.kind == "relay":
            return server_command("relay", port)
        return server_command("ours", port, self.work_dir / f"data-{index}", self.target.redis_url)

    def start(self, timeout: float = 30.0) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        for index in range(self.target.processes):
            port = free_port()
            log_path = self.work_dir / f"{self.target.name}-{index}-{port}.log"
            log = open(log_path, "ab")  # closed in stop()
            # Only the command line configures the server under test.
            env = {k: v for k, v in os.environ.items() if not k.startswith("LEERKLIMAAT_")}
            env["PYTHONUNBUFFERED"] = "1"
            env.update(self.target.env)
            process = subprocess.Popen(
                self.command(index, port),
                cwd=self.target.cwd or REPO_ROOT,  # python -m imports from the cwd first
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_child_setup,  # only sets an rlimit
                start_new_session=True,
            )
            self.ports.append(port)
            self.processes.append(process)
            self.logs.append(log)
            self.log_paths.append(log_path)
        for index, url in enumerate(self.urls):
            self._wait_healthy(index, url, timeout)

    def _wait_healthy(self, index: int, url: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        process = self.processes[index]
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServerStartError(
                    f"{self.target.name} process exited with {process.returncode}:\n"
                    + self.log_tail(index)
                )
            with contextlib.suppress(OSError, ValueError):
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                    data: dict[str, Any] = json.loads(response.read())
                    return data
            time.sleep(0.05)
        raise ServerStartError(f"{url} not healthy after {timeout}s:\n{self.log_tail(index)}")

    def log_tail(self, index: int, chars: int = 3000) -> str:
        try:
            return self.log_paths[index].read_text(errors="replace")[-chars:]
        except (OSError, IndexError):
            return ""

    def tracebacks(self) -> int:
        return sum(
            self.log_tail(i, 10**8).count("Traceback (most recent call last)")
            for i in range(len(self.processes))
        )

    def stop(self, timeout: float = 10.0) -> None:
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        for log in self.logs:
            log.close()
        self.processes.clear()
        self.logs.clear()


class Monitor:
    """CPU time and resident memory of a set of processes, between two instants."""

    def __init__(self, pids: list[int]) -> None:
        self.processes = [psutil.Process(pid) for pid in pids]
        self.peak_rss = 0
        self._cpu0 = 0.0
        self._main0 = 0.0
        self._t0 = 0.0
        self.cpu_percent = 0.0
        self.main_thread_percent = 0.0
        """The processes' main threads (our event loop; the relay's too) alone: the rest
        is other threads (ours: the SQLite writer and reader)."""

    def rss(self) -> int:
        total = 0
        for process in self.processes:
            with contextlib.suppress(psutil.Error):
                total += process.memory_info().rss
        return total

    def _cpu(self) -> float:
        total = 0.0
        for process in self.processes:
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                total += times.user + times.system
        return total

    def _main_threads(self) -> float:
        total = 0.0
        for process in self.processes:
            with contextlib.suppress(psutil.Error):
                for thread in process.threads():
                    if thread.id == process.pid:
                        total += thread.user_time + thread.system_time
        return total

    def begin(self) -> None:
        self._cpu0 = self._cpu()
        self._main0 = self._main_threads()
        self._t0 = time.monotonic()
        self.peak_rss = self.rss()

    def sample(self) -> None:
        self.peak_rss = max(self.peak_rss, self.rss())

    def end(self) -> float:
        """CPU use since ``begin`` in percent of one core (200 = two cores busy)."""
        elapsed = max(time.monotonic() - self._t0, 1e-6)
        self.sample()
        self.cpu_percent = 100.0 * (self._cpu() - self._cpu0) / elapsed
        self.main_thread_percent = 100.0 * (self._main_threads() - self._main0) / elapsed
        return self.cpu_percent
