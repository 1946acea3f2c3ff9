"""Resent join/create_room ids over the embedded SQLite store (Redis: tests/scale)."""

from __future__ import annotations

import sqlite3

from tests.support.sealed_ids import replayed_ids_hand_over_nothing
from tests.support.server import ServerProcess


async def test_a_replayed_id_hands_over_no_seat(server: ServerProcess) -> None:
    async def store_text() -> str:
        with sqlite3.connect(server.data_dir / "rooms.sqlite3") as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            rows = [repr(row) for t in tables for row in db.execute(f"SELECT * FROM {t}")]
        return "\n".join(rows)

    await replayed_ids_hand_over_nothing(server.url, store_text)
