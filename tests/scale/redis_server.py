"""A real ``redis-server`` for tests: free loopback port, its own directory, AOF on.

redis = RedisServer(tmp_path / "redis")
redis.start()            # returns once it answers PING
redis.kill(); redis.start()   # SIGKILL and start again: same port, same AOF
redis.pause(); redis.resume() # SIGSTOP / SIGCONT: connections stay open, no answers
redis.stop()
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import redis

from tests.support.server import free_port

REDIS_SERVER = "/usr/bin/redis-server"


class RedisServer:
    def __init__(self, directory: Path, *, appendfsync: str = "always") -> None:
        self.directory = Path(directory)
        self.port = free_port()
        self.appendfsync = appendfsync
        self.process: subprocess.Popen[bytes] | None = None
        self.paused = False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self) -> list[str]:
        return [
            REDIS_SERVER,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "yes",
            "--appendfsync", self.appendfsync,
            "--dir", str(self.directory),
            "--logfile", str(self.directory / "redis.log"),
        ]  # fmt: skip

    def start(self, timeout: float = 20.0) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            self.command(), stdin=subprocess.DEVNULL, start_new_session=True
        )
        self.paused = False
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited:\n{self.log_text()[-2000:]}")
            try:
                with self.client() as probe:
                    probe.ping()  # also fails while the AOF is still loading
                return
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.02)  # polling is the only way to see another process listen

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=5, socket_connect_timeout=5)

    def _signal(self, sig: signal.Signals) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, sig)

    def pause(self) -> None:
        self._signal(signal.SIGSTOP)
        self.paused = True

    def resume(self) -> None:
        self._signal(signal.SIGCONT)
        self.paused = False

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs; only what the AOF holds survives."""
        if self.process is None:
            return
        self.resume()
        self._signal(signal.SIGKILL)
        self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        self.resume()
        self._signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def log_text(self) -> str:
        try:
            return (self.directory / "redis.log").read_text(errors="replace")
        except FileNotFoundError:
            return ""
