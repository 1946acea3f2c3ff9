"""``/readyz`` says whether the process can take players now (the store takes writes);
``/healthz`` only that it is alive."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import time
import urllib.error
import urllib.request
from typing import Any

from tests.support.server import ServerProcess


def readiness(server: ServerProcess) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(f"{server.url}/readyz", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


async def readiness_becomes(
    server: ServerProcess, status: int, within: float = 30
) -> dict[str, Any]:
    """Poll ``/readyz`` (another process: polling is the only way) until it answers ``status``."""
    deadline = time.monotonic() + within
    while True:
        code, body = await asyncio.to_thread(readiness, server)
        if code == status:
            return body
        assert time.monotonic() < deadline, f"/readyz still {code} {body} after {within}s"
        await asyncio.sleep(0.1)


async def test_readiness_follows_whether_the_embedded_store_can_write(
    server: ServerProcess,
) -> None:
    assert await readiness_becomes(server, 200, within=5) == {
        "status": "ready",
        "store": True,
        "draining": False,
    }
    # Another process holds the database's write lock: no write can commit here.
    holder = sqlite3.connect(server.data_dir / "rooms.sqlite3", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        body = await readiness_becomes(server, 503)
        assert body == {"status": "unavailable", "store": False, "draining": False}
        assert server.health()["status"] == "ok"  # alive all the same
    finally:
        with contextlib.suppress(sqlite3.Error):
            holder.execute("ROLLBACK")
        holder.close()
    await readiness_becomes(server, 200)
