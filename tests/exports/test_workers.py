"""The export workers stop when idle: each holds a few hundred MB, and a server exports in
bursts. Real worker processes render a real report; the test waits for the pool's own
idle stop, then checks the processes are gone and that the next report starts a new pool."""

from __future__ import annotations

import asyncio

import psutil

from game_server.config import Settings
from game_server.content import load_library
from game_server.exports import load_record
from game_server.exports.workers import Renderers
from game_server.room.clock import now_ms
from game_server.stores.choose import make_store
from tests.exports.conftest import Played

DEADLINE = 120.0


def _workers() -> dict[int, psutil.Process]:
    """The pool's processes (not multiprocessing's resource tracker, which stays)."""
    found = {}
    for child in psutil.Process().children(recursive=True):
        if any("spawn_main" in part for part in child.cmdline()):
            found[child.pid] = child
    return found


async def _run(played: Played) -> None:
    store = make_store(Settings(data_dir=played.data_dir))
    await store.open()
    try:
        record = await load_record(
            store, played.scale.code, exported_at=now_ms(), library=load_library()
        )
    finally:
        await store.close()
    before = _workers()
    renderers = Renderers(idle_seconds=0.2)
    try:
        assert (await renderers.render(record, "pdf")).startswith(b"%PDF-")
        started = [p for pid, p in _workers().items() if pid not in before]
        assert started, "the report was rendered in a worker process"
        await asyncio.wait_for(renderers.idle_stopped.wait(), DEADLINE)
        gone, alive = psutil.wait_procs(started, timeout=DEADLINE)
        assert not alive and len(gone) == len(started)
        # The next heavy report starts a new pool.
        assert (await renderers.render(record, "docx"))[:2] == b"PK"
        assert not renderers.idle_stopped.is_set()
        await asyncio.wait_for(renderers.idle_stopped.wait(), DEADLINE)
    finally:
        await renderers.close()


def test_an_idle_pool_of_export_workers_is_stopped_and_started_again(played: Played) -> None:
    asyncio.run(_run(played))
