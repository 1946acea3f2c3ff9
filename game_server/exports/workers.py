"""Rendering exports off the event loop, so no download waits behind another room's report.

A report (PDF, Word) or workbook takes from a fraction of a second to a few seconds of
pure CPU, most of it holding Python's global interpreter lock: rendered in a thread it
would slow the game for everybody, and rendered one at a time (as before) a 7 KB CSV
waited for another room's PDF. So:

- the light formats (CSV, JSON, Markdown: milliseconds even for a large session) are
  rendered in a thread, straight away;
- the heavy ones (PDF, DOCX, XLSX) go to a small pool of worker processes, started on
  first use (a server that never exports never starts one). Their number is at most the
  number of CPUs and at most ``PROCESSES``: beyond that, more processes would only make
  each report slower.

Workers are started with ``spawn`` (a fresh interpreter, never a fork of a process running
an event loop and sockets). A worker that dies (killed, out of memory) breaks the pool; the
request gets an error and the next export starts a new pool.

An idle pool is stopped (``IDLE_SECONDS`` after its last report): each worker holds some
200 MB, and a server exports in bursts (the end of a workshop), not all day.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from . import FORMATS, Record, render

PROCESSES = 2
IDLE_SECONDS = 300.0
LIGHT = frozenset({"csv", "csv-semicolon", "json", "md"})


def _warm() -> None:
    """Import the heavy format modules when a worker starts, not on its first report."""
    for name in ("pdf", "docx", "xlsx"):
        FORMATS[name].load()


class Renderers:
    """Renders exports; one per server process."""

    def __init__(self, processes: int = PROCESSES, idle_seconds: float = IDLE_SECONDS) -> None:
        self.processes = max(1, min(processes, os.cpu_count() or 1))
        self.idle_seconds = idle_seconds
        self._pool: ProcessPoolExecutor | None = None
        self._rendering = 0
        self._idle: asyncio.TimerHandle | None = None
        self._stopping: set[asyncio.Task[None]] = set()
        self.idle_stopped = asyncio.Event()
        """Set once an idle pool has been stopped, cleared when a new one starts."""

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self.idle_stopped.clear()
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm,
            )
        return self._pool

    async def render(self, record: Record, name: str) -> bytes:
        """The export of ``record`` in format ``name``; raises whatever rendering raised."""
        if name in LIGHT:
            return await asyncio.to_thread(render, record, name)
        pool = self._executor()
        loop = asyncio.get_running_loop()
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
        self._rendering += 1
        try:
            return await loop.run_in_executor(pool, render, record, name)
        except BrokenProcessPool:
            if self._pool is pool:
                self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            self._rendering -= 1
            if self._rendering == 0 and self._pool is not None:
                self._idle = loop.call_later(self.idle_seconds, self._stop_idle)

    def _stop_idle(self) -> None:
        self._idle = None
        pool = self._pool
        if self._rendering or pool is None:
            return
        self._pool = None
        task = asyncio.get_running_loop().create_task(self._shutdown(pool))
        self._stopping.add(task)
        task.add_done_callback(self._stopping.discard)

    async def _shutdown(self, pool: ProcessPoolExecutor) -> None:
        await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
        self.idle_stopped.set()

    async def close(self) -> None:
        """Stop the workers: waiting ones are cancelled, a report being made is finished.

        Waited for in a thread (not ``wait=False``): a pool left to the interpreter's exit
        handler writes to a pipe that is already closed, and logs a traceback.
        """
        if self._idle is not None:
            self._idle.cancel()
            self._idle = None
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
        if self._stopping:
            await asyncio.gather(*self._stopping)
