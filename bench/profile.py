"""Sampling profiles of the server under load, with py-spy (``python -m bench --profile``).

py-spy attaches to the running server process from outside (``--nonblocking``: the
server is never paused), samples its stacks during the play window and writes them in
its "raw" (collapsed stacks) format. ``top`` folds them into the functions that hold the
most samples, inclusive and self, per thread kind (the event loop, the SQLite writer).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

RATE = 100
"""Samples per second."""


def py_spy() -> str | None:
    return shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))


class Profiler:
    def __init__(self, pid: int, out: Path, seconds: float) -> None:
        self.out = out
        self.process: subprocess.Popen[bytes] | None = None
        self.error: str | None = None
        binary = py_spy()
        if binary is None:
            self.error = "py-spy is not installed"
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        self.log = out.with_suffix(".log")
        self.process = subprocess.Popen(
            [
                binary,
                "record",
                "--nonblocking",
                "--rate",
                str(RATE),
                "--format",
                "raw",
                "--duration",
                str(max(1, round(seconds))),
                "--pid",
                str(pid),
                "--output",
                str(out),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
        )

    def finish(self, timeout: float = 30.0) -> dict[str, Any]:
        if self.process is None:
            return {"error": self.error}
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        if not self.out.exists():
            return {"error": self.log.read_text(errors="replace")[-500:]}
        return {"file": str(self.out), **top(self.out)}


TRUNK = (
    "(core.py)",
    "(main.py)",
    "(<frozen runpy>)",
    "(__main__.py)",
    "serve (cli.py)",
    "main (cli.py)",
    "run_app (web.py)",
    "BaseEventLoop.run_forever",
    "BaseEventLoop.run_until_complete",
    "BaseEventLoop._run_once",
    "Handle._run",
    "Thread._bootstrap",
    "Thread.run",
)
"""Frames under everything (process start, the loop itself): left out of the listing."""


def _name(frame: str) -> str:
    """``function (path/to/file.py:123)`` -> ``function (file.py)``."""
    function, _, where = frame.partition(" (")
    file = where.rsplit("/", 1)[-1].split(":", 1)[0].rstrip(")")
    return f"{function} ({file})" if file else function


def top(path: Path, limit: int = 25) -> dict[str, Any]:
    """The functions with the most samples: inclusive and self, per thread kind."""
    threads: dict[str, tuple[Counter[str], Counter[str]]] = {}
    totals: Counter[str] = Counter()
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [_name(f) for f in stack.split(";")]
        kind = "writer thread" if any("Thread._bootstrap" in f for f in frames) else "event loop"
        inclusive, own = threads.setdefault(kind, (Counter(), Counter()))
        n = int(count)
        totals[kind] += n
        for name in set(frames):
            if not any(t in name for t in TRUNK):
                inclusive[name] += n
        own[frames[-1]] += n
    out: dict[str, Any] = {"rate": RATE, "samples": dict(totals)}
    for kind, (inclusive, own) in threads.items():
        total = totals[kind] or 1
        out[kind] = {
            "inclusive": [
                (name, round(100 * n / total, 1)) for name, n in inclusive.most_common(limit)
            ],
            "self": [(name, round(100 * n / total, 1)) for name, n in own.most_common(limit)],
        }
    return out
