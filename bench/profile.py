"""Sampling profiles of the server under load, with py-spy (``python -m bench --profile``).

py-spy attaches to the running server process from outside (``--nonblocking``: the
server is never paused), samples its stacks during the play window and writes them in
its "raw" (collapsed stacks) format. ``top`` folds them into the functions that hold the
most samples, inclusive and self, per thread kind (the event loop, the SQLite writer), and
``breakdown`` into the parts of the work a command costs, so ours and the relay can be put
side by side: ``python -m bench.profile OURS.txt RELAY.txt --commands N`` prints
milliseconds of samples per command for each part.
"""

from __future__ import annotations

import argparse
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
    def __init__(self, pid: int, out: Path, seconds: float, native: bool = False) -> None:
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
                # Native frames can only be read from a paused process: a native
                # profile stops the server for each sample (slower, still a profile).
                *(["--native"] if native else ["--nonblocking"]),
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
    out: dict[str, Any] = {"rate": RATE, "samples": dict(totals), "parts": breakdown(path)}
    for kind, (inclusive, own) in threads.items():
        total = totals[kind] or 1
        out[kind] = {
            "inclusive": [
                (name, round(100 * n / total, 1)) for name, n in inclusive.most_common(limit)
            ],
            "self": [(name, round(100 * n / total, 1)) for name, n in own.most_common(limit)],
        }
    return out


PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("SQLite writer thread", ("Thread._bootstrap",)),
    ("store hand-over", ("stores/", "MeasuredStore.")),
    ("views (the ops per audience)", ("rules/views.py", "rules/figures.py")),
    ("sending (encode, frames, socket writes)", ("send_to_group", "direct.py", "send_packet")),
    ("command validation (pydantic)", ("pydantic/",)),
    ("rules (decide, fold)", ("game_server/rules/",)),
    ("room line (authority, answers)", ("game_server/room/",)),
    ("relay's handler", ("build_relay.",)),
    ("our gateway (bindings, limits, metrics)", ("game_server/", "prometheus_client/")),
    ("socket.io / engine.io receive and dispatch", ("socketio/", "engineio/", "msgpack/")),
    ("aiohttp (requests, websocket reads)", ("aiohttp/web_", "aiohttp/http", "aiohttp/stream")),
)
"""Which part of the work a sample belongs to: the first part (in this order) any of whose
markers occurs in the sample's stack."""

LOOP = "event loop (uvloop's C code, GIL waits)"
"""A sample whose innermost Python frame is the loop's (``run_app``): the loop itself,
polling, callbacks and writes in uvloop's C code, and waiting for the GIL."""


def breakdown(path: Path) -> dict[str, int]:
    """Samples per part of the work (``PARTS``), over all threads."""
    parts: Counter[str] = Counter()
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = stack.split(";")
        if frames[-1].startswith("run_app "):
            parts[LOOP] += int(count)
            continue
        for name, markers in PARTS:
            if any(marker in frame for frame in frames for marker in markers):
                parts[name] += int(count)
                break
        else:
            parts["other"] += int(count)
    return dict(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("profiles", nargs="+", type=Path, help="raw py-spy files")
    parser.add_argument(
        "--commands", type=float, nargs="+", required=True, help="commands per profile"
    )
    args = parser.parse_args()
    if len(args.commands) not in (1, len(args.profiles)):
        parser.error("give one --commands for all profiles or one per profile")
    counts = args.commands * len(args.profiles) if len(args.commands) == 1 else args.commands
    tables = [breakdown(p) for p in args.profiles]
    names = [n for n, _ in PARTS] + [LOOP, "other"]
    print(
        f"{'ms of samples per command':45}" + "".join(f"{p.stem[-22:]:>24}" for p in args.profiles)
    )
    for name in [*names, "total"]:
        row = [
            (sum(t.values()) if name == "total" else t.get(name, 0)) * 1000.0 / RATE / n
            for t, n in zip(tables, counts, strict=True)
        ]
        if any(row):
            print(f"{name:45}" + "".join(f"{v:24.3f}" for v in row))


if __name__ == "__main__":
    main()
