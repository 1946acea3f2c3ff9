"""The SQLite store keeps every acknowledged append when its process is killed (SIGKILL)
mid-write: the shared crash check of tests/support/store_contract.py, with the store in a
child process so that the kill lands inside or between commits."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from game_server.stores import SqliteStore
from tests.support.store_contract import Crash, acknowledged_appends_survive_a_crash


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
async def test_acknowledged_appends_survive_sigkill(tmp_path: Path, seed: int) -> None:
    db_path = tmp_path / "crash" / "rooms.db"

    def intact() -> None:
        with contextlib.closing(sqlite3.connect(db_path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    crash = Crash(
        store_import="from game_server.stores import SqliteStore",
        make_store="SqliteStore(Path(target))",
        target=str(db_path),
        kill=lambda child: child.kill() if child.returncode is None else None,
        reopen=lambda: SqliteStore(db_path),
        appends=150,
        crash_between=(1, 4 * 150 - 1),
        child_is_killed=True,
        intact=intact,
    )
    await acknowledged_appends_survive_a_crash(crash, seed)
