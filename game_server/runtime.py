"""How the server process runs: its event loop and its garbage collector.

Measured with ``python -m bench`` (docs/performance.md): at 1,000 players the default
collector paused the event loop for 40-60 ms on every generation-1 pass and for up to
400 ms on full passes, and those pauses were most of the latency tail.
"""

from __future__ import annotations

import asyncio
import gc

GC_THRESHOLDS = (50_000, 20, 100)
"""Young objects before a collection (default 700), and how often the older generations
are looked at (default 10, 10). A game makes many short-lived dicts per command; few of
them form cycles, so collecting rarely costs little memory and saves most pauses."""


def event_loop() -> asyncio.AbstractEventLoop:
    """uvloop where it is installed (a dependency on Linux and macOS), else asyncio's own.

    Most of the server's time goes to delivering packets to sockets; uvloop does the
    loop's share of that work in C.
    """
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def settle_memory() -> None:
    """Call once the process has started: what exists now (modules, content, the app)
    lives as long as the process, so the collector need never look at it again."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
