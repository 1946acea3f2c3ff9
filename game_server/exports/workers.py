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
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from . import FORMATS, Record, render

PROCESSES = 2
LIGHT = frozenset({"csv", "csv-semicolon", "json", "md"})


def _warm() -> None:
    """Import the heavy format modules when a worker starts, not on its first report."""
    for name in ("pdf", "docx", "xlsx"):
        FORMATS[name].load()


class Renderers:
    """Renders exports; one per server process."""

    def __init__(self, processes: int = PROCESSES) -> None:
        self.processes = max(1, min(processes, os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
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
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, render, record, name)
        except BrokenProcessPool:
            if self._pool is pool:
                self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    async def close(self) -> None:
        """Stop the workers: waiting ones are cancelled, a report being made is finished.

        Waited for in a thread (not ``wait=False``): a pool left to the interpreter's exit
        handler writes to a pipe that is already closed, and logs a traceback.
        """
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
