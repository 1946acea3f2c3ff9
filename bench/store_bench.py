"""How many durable appends per second the SQLite store takes, one at a time and in a crowd.

Run from the repository root: ``.venv/bin/python bench/store_bench.py [directory]``.
The database goes in a fresh temporary directory (or under ``directory``, to measure a
particular disk). Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

# Runnable from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game_server.stores import Entry, SqliteStore

SEQUENTIAL = 1_000
ROOMS = 50
IN_FLIGHT = 200
ROUNDS = 50


def make_entry(code: str, version: int) -> Entry:
    # About the size of a real command's events: a pawn move with a few fields.
    return Entry(
        version=version,
        command_key=f"player:{code}:{version}",
        events=[{"type": "pawn_placed", "pawn": "p3", "scale": "warmte", "value": version % 7}],
        at=int(time.time() * 1000),
        result={"ok": True},
    )


def report(label: str, appends: int, seconds: float, commits: int) -> None:
    print(
        f"{label:<44} {appends:>6} appends in {seconds:6.2f}s = {appends / seconds:>8.0f}/s"
        f"   ({commits} commits, {appends / max(commits, 1):.1f} appends per commit)"
    )


async def sequential(store: SqliteStore) -> None:
    await store.create("SEQ", make_entry("SEQ", 1))
    commits = store.commits
    started = time.perf_counter()
    for version in range(2, SEQUENTIAL + 2):
        await store.append("SEQ", make_entry("SEQ", version))
    report(
        "sequential, one room", SEQUENTIAL, time.perf_counter() - started, store.commits - commits
    )


async def concurrent(store: SqliteStore) -> None:
    codes = [f"R{i:02}" for i in range(ROOMS)]
    await asyncio.gather(*(store.create(code, make_entry(code, 1)) for code in codes))
    per_room = IN_FLIGHT // ROOMS
    commits = store.commits
    started = time.perf_counter()
    for round_ in range(ROUNDS):
        first = 2 + round_ * per_room
        # 200 appends in flight at once, each room's versions submitted in order.
        await asyncio.gather(
            *(
                store.append(code, make_entry(code, version))
                for version in range(first, first + per_room)
                for code in codes
            )
        )
    report(
        f"{IN_FLIGHT} concurrent, {ROOMS} rooms",
        ROUNDS * IN_FLIGHT,
        time.perf_counter() - started,
        store.commits - commits,
    )


async def main(directory: Path | None) -> None:
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        store = SqliteStore(Path(tmp) / "bench.db")
        await store.open()
        try:
            await sequential(store)
            await concurrent(store)
        finally:
            await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", type=Path, help="where to put the database")
    asyncio.run(main(parser.parse_args().directory))
