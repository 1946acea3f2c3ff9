"""A memory probe for server processes started by ``python -m bench.connection_memory``.

Bench-only: this directory is put on ``PYTHONPATH`` by that script (and by nothing else),
so Python imports this module at start-up of the server process under test. It does
nothing unless ``BENCH_MEMHOOK_DIR`` is set. Then:

- with ``BENCH_MEMHOOK_TRACE=<frames>`` tracemalloc starts before anything else is
  imported, keeping that many frames per allocation;
- a daemon thread looks into that folder ten times a second for ``<label>.request``
  files. For each it writes ``<label>.json``: RSS, glibc's ``mallinfo2``, pymalloc's
  summary (``sys._debugmallocstats``), SQLite's ``sqlite3_memory_used``, the number of
  objects the collector tracks and, under tracemalloc, the traced total. If the request
  says ``snapshot`` and tracemalloc runs, it also dumps a ``tracemalloc.Snapshot`` to
  ``<label>.snap``. Then it creates ``<label>.done`` (empty, or the error).
- with ``BENCH_MEMHOOK_COLLECT=1`` it runs ``gc.collect()`` after taking those figures
  and records what that freed (the server collects rarely, ``game_server/runtime.py``);
  this changes the later stages, so it is off by default.

Otherwise the probe only reads; it changes no setting or code of the server.
"""

from __future__ import annotations

import os

_DIR = os.environ.get("BENCH_MEMHOOK_DIR")


MALLINFO2 = (
    "arena",
    "ordblks",
    "smblks",
    "hblks",
    "hblkhd",
    "usmblks",
    "fsmblks",
    "uordblks",
    "fordblks",
    "keepcost",
)
"""The fields of glibc's ``struct mallinfo2``, in order (all ``size_t``)."""


def _mallinfo() -> dict[str, int]:
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in MALLINFO2]

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return {}
    return {name: int(getattr(info, name)) for name in MALLINFO2}


def _pymalloc() -> dict[str, int]:
    """pymalloc's summary lines, read from ``sys._debugmallocstats`` (it writes to fd 2)."""
    import sys
    import tempfile

    with tempfile.TemporaryFile() as capture:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            os.dup2(capture.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        text = capture.read().decode(errors="replace")
    stats: dict[str, int] = {}
    for line in text.splitlines():
        if line.startswith("# ") and "=" in line:
            name, _, value = line[2:].partition("=")
            stats[name.strip()] = int(value.strip().replace(",", ""))
    return stats


def _sqlite() -> dict[str, int]:
    """What SQLite's own allocator holds (page caches, statements), if it is loaded."""
    import ctypes
    import sys

    if "_sqlite3" not in sys.modules:
        return {}
    try:
        lib = ctypes.CDLL("libsqlite3.so.0")
    except OSError:
        return {}
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    lib.sqlite3_memory_highwater.restype = ctypes.c_int64
    return {"used": lib.sqlite3_memory_used(), "highwater": lib.sqlite3_memory_highwater(0)}


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _probe(folder: str, label: str, snap: bool) -> None:
    import gc
    import json
    import tracemalloc

    record: dict[str, object] = {"label": label, "rss": _rss(), "gc_objects": len(gc.get_objects())}
    tracing = tracemalloc.is_tracing()
    if tracing:
        record["traced"] = tracemalloc.get_traced_memory()[0]
        record["tracemalloc_overhead"] = tracemalloc.get_tracemalloc_memory()
        if snap:
            tracemalloc.take_snapshot().dump(os.path.join(folder, f"{label}.snap"))
    record["mallinfo2"] = _mallinfo()
    record["pymalloc"] = _pymalloc()
    record["sqlite"] = _sqlite()
    if os.environ.get("BENCH_MEMHOOK_COLLECT") == "1":
        record["gc_freed_objects"] = gc.collect()
        record["rss_after_collect"] = _rss()
        record["pymalloc_after_collect"] = _pymalloc()
        if tracing:
            record["traced_after_collect"] = tracemalloc.get_traced_memory()[0]
    with open(os.path.join(folder, f"{label}.json"), "w") as out:
        json.dump(record, out)
    with open(os.path.join(folder, f"{label}.done"), "w"):
        pass


def _watch(folder: str) -> None:
    import time

    while True:
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".request"))
        except OSError:
            return
        for name in names:
            label = name[: -len(".request")]
            request = os.path.join(folder, name)
            with open(request) as text:
                snap = text.read().strip() == "snapshot"
            os.unlink(request)
            try:
                _probe(folder, label, snap)
            except Exception as exc:  # report, never disturb the server
                with open(os.path.join(folder, f"{label}.done"), "w") as out:
                    out.write(f"{type(exc).__name__}: {exc}")
        time.sleep(0.1)


if _DIR:
    _frames = int(os.environ.get("BENCH_MEMHOOK_TRACE", "0") or 0)
    if _frames > 0:
        import tracemalloc

        tracemalloc.start(_frames)
    import threading

    threading.Thread(target=_watch, args=(_DIR,), name="bench-memhook", daemon=True).start()
