"""Run ``python -m game_server serve`` as a real subprocess on a free loopback port.

Used by the integration tests, the multi-process Redis tests, the export tests and the
benchmark::

    server = ServerProcess(data_dir=tmp_path / "data")
    server.start()               # returns once GET /healthz answers
    server.kill()                # SIGKILL: no shutdown code runs
    server.start()               # same port, same data dir
    server.stop()                # SIGTERM, then SIGKILL if it does not exit in time

Extra command-line options (``extra_args=["--redis-url", url]``) and environment variables
(``env={"LEERKLIMAAT_...": ...}``) are passed through, so the same launcher serves every
configuration. Output goes to a log file (``server.log_text()``) that is kept across
restarts, so a failing test can show what the server said.

``running(data_dir)`` is the same as a context manager: started, stopped afterwards, and the
test fails if the server logged a traceback it was not told to expect.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

REPO_ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
SHUTDOWN_GRACE = 3.0
"""A short grace on stop: python-engineio holds a long-poll GET of a client that already
closed until its ping timeout (40 s), and aiohttp waits for it on SIGTERM."""


def free_port(host: str = HOST) -> int:
    """A TCP port nobody listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class ServerExited(RuntimeError):
    """The server process ended while we waited for it to become healthy."""


class ServerProcess:
    """One game server process; it can be stopped, killed and started again on the same
    port and data directory."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        host: str = HOST,
        extra_args: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        log_path: Path | None = None,
        python: str = sys.executable,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.host = host
        self.port = port if port is not None else free_port(host)
        self.extra_args = list(extra_args)
        self.env = dict(env or {})
        self.log_path = log_path or self.data_dir.parent / f"server-{self.port}.log"
        self.python = python
        self.allow_tracebacks = False
        """Set by a test that expects the server to log a traceback (the fixtures fail a
        test whose server logged one unexpectedly)."""
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self._log: IO[bytes] | None = None

    # -- addresses -----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL clients connect to, e.g. ``http://127.0.0.1:41234``."""
        return f"http://{self.host}:{self.port}"

    @property
    def origin(self) -> str:
        """The server's own origin, the one browsers send in the ``Origin`` header."""
        return self.url

    def command(self) -> list[str]:
        return [
            self.python,
            "-m",
            "game_server",
            "serve",
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--data-dir",
            str(self.data_dir),
            # Every test client comes from 127.0.0.1 and many tests make rooms: no limit on
            # rooms per address unless a test asks for one in extra_args (the later option
            # wins; LEERKLIMAAT_MAX_ROOMS_PER_ADDRESS in env would not).
            "--max-rooms-per-address",
            "0",
            *self.extra_args,
        ]

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def start(self, timeout: float = 30.0) -> None:
        """Start the process and return once ``GET /healthz`` answers 200."""
        if self.running:
            raise RuntimeError("server already running")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")  # closed in _reap
        self.starts += 1
        self._log.write(f"\n==== start #{self.starts}: {' '.join(self.command())}\n".encode())
        self._log.flush()
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        self.process = subprocess.Popen(
            self.command(),
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl+C in the test run is not delivered twice
        )
        self.wait_healthy(timeout)

    def wait_healthy(self, timeout: float = 30.0) -> dict[str, Any]:
        """Poll ``/healthz`` until it answers; raise if the process exits or time runs out.

        Polling is the only way to learn that a separate process listens; it stops at the
        first answer.
        """
        deadline = time.monotonic() + timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                code = self.process.returncode
                self._reap()
                raise ServerExited(f"server exited with {code}:\n{self.log_text()[-3000:]}")
            try:
                return self.health()
            except (OSError, urllib.error.URLError, ValueError) as exc:
                last_error = exc
            time.sleep(0.05)
        raise TimeoutError(
            f"server on {self.url} not healthy after {timeout}s ({last_error}):\n"
            f"{self.log_text()[-3000:]}"
        )

    def health(self, timeout: float = 2.0) -> dict[str, Any]:
        """The ``/healthz`` answer (raises when the server does not answer)."""
        with urllib.request.urlopen(f"{self.url}/healthz", timeout=timeout) as response:
            if response.status != 200:
                raise ValueError(f"/healthz answered {response.status}")
            data: dict[str, Any] = json.loads(response.read())
            return data

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM and wait; SIGKILL if it has not exited after ``timeout`` seconds.

        Returns the exit code (None if it was not running).
        """
        return self._signal(signal.SIGTERM, timeout)

    def kill(self) -> int | None:
        """SIGKILL: the process dies at once, no shutdown code runs."""
        return self._signal(signal.SIGKILL, 10.0)

    def restart(self, *, kill: bool = False, timeout: float = 30.0) -> None:
        """Stop (or kill) and start again on the same port and data dir."""
        if kill:
            self.kill()
        else:
            self.stop()
        self.start(timeout)

    def _signal(self, sig: signal.Signals, timeout: float) -> int | None:
        process = self.process
        if process is None:
            return None
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(sig)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
        code = process.returncode
        self._reap()
        return code

    def _reap(self) -> None:
        self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    # -- async wrappers (the blocking calls run in a thread, the event loop keeps going) ---

    async def astart(self, within: float = 30.0) -> None:
        await asyncio.to_thread(self.start, within)

    async def astop(self, grace: float = 10.0) -> int | None:
        return await asyncio.to_thread(self.stop, grace)

    async def akill(self) -> int | None:
        return await asyncio.to_thread(self.kill)

    async def arestart(self, *, kill: bool = False, within: float = 30.0) -> None:
        await asyncio.to_thread(lambda: self.restart(kill=kill, timeout=within))

    # -- diagnostics -----------------------------------------------------------------------

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def tracebacks(self) -> list[str]:
        """Every traceback the server logged (an empty list for a healthy run)."""
        return self.log_text().split("Traceback (most recent call last):")[1:]

    def __enter__(self) -> ServerProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"pid {self.pid}" if self.running else "stopped"
        return f"<ServerProcess {self.url} {state} data={self.data_dir}>"


@contextlib.contextmanager
def running(data_dir: Path, *, log_path: Path | None = None) -> Iterator[ServerProcess]:
    """A started server on ``data_dir``; stopped afterwards, and then the test fails if it
    logged a traceback unless ``allow_tracebacks`` was set."""
    server = ServerProcess(data_dir, log_path=log_path)
    server.start()
    try:
        yield server
    finally:
        server.stop(timeout=SHUTDOWN_GRACE)
    assert server.allow_tracebacks or not server.tracebacks(), server.log_text()[-5000:]
