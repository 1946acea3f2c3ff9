"""The SQLite room store against real database files."""

from __future__ import annotations

import asyncio
import contextlib
import math
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from game_server.stores import (
    Entry,
    SqliteStore,
    StoreError,
    VersionConflict,
)
from tests.support.store_contract import (
    CONTRACT,
    entry,
    events_round_trip_unicode_and_awkward_text,
    impostor,
    refuses_use_before_open_and_after_close,
    room_with,
    stale_or_future_version_conflicts_and_changes_nothing,
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    # A directory that does not exist yet: open() must create it.
    return tmp_path / "data" / "nested" / "rooms.db"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[SqliteStore]:
    s = SqliteStore(db_path)
    await s.open()
    yield s
    await s.close()


def raw(db_path: Path, sql: str, *params: Any) -> list[Any]:
    """Look at the file behind the store's back, as an operator with the CLI would."""
    with contextlib.closing(sqlite3.connect(db_path)) as conn, conn:
        return conn.execute(sql, params).fetchall()


class HeldWriteLock:
    """Holds the database's write lock from another connection, like a second process.

    While held, the store's writer blocks in BEGIN IMMEDIATE, so every write submitted
    meanwhile queues up and lands in one transaction once the lock is released.
    """

    def __init__(self, db_path: Path) -> None:
        self._conn = sqlite3.connect(db_path, isolation_level=None)

    def __enter__(self) -> sqlite3.Connection:
        self._conn.execute("BEGIN IMMEDIATE")
        return self._conn

    def __exit__(self, *exc: object) -> None:
        if self._conn.in_transaction:
            self._conn.execute("COMMIT")
        self._conn.close()


async def in_one_batch(
    store: SqliteStore, db_path: Path, *calls: Coroutine[Any, Any, None]
) -> list[BaseException | None]:
    """Runs ``calls`` so that the writer takes them as one batch, in this order."""
    with HeldWriteLock(db_path):
        # A no-op write the writer picks up alone and then blocks on the held lock with.
        warmup = asyncio.ensure_future(store.delete("no-such-room"))
        await asyncio.sleep(0.2)
        results = asyncio.gather(*calls, return_exceptions=True)
        await asyncio.sleep(0.1)  # every call is queued behind the warm-up
    await warmup
    return await results


# -- the basics ----------------------------------------------------------------------------


@pytest.mark.parametrize("check", CONTRACT, ids=lambda check: check.__name__)
async def test_the_store_contract(
    store: SqliteStore, check: Callable[[SqliteStore], Awaitable[None]]
) -> None:
    await check(store)


async def test_parent_directories_are_created(store: SqliteStore, db_path: Path) -> None:
    assert raw(db_path, "PRAGMA user_version") == [(2,)]
    assert raw(db_path, "PRAGMA journal_mode") == [("wal",)]


@pytest.mark.parametrize("version", [1, 2, 3, 5, 9])
async def test_stale_or_future_version_conflicts_and_changes_nothing(
    store: SqliteStore, db_path: Path, version: int
) -> None:
    await stale_or_future_version_conflicts_and_changes_nothing(store, version)
    assert raw(db_path, "SELECT count(*) FROM entries") == [(3,)]


async def test_events_are_stored_as_readable_json(store: SqliteStore, db_path: Path) -> None:
    await events_round_trip_unicode_and_awkward_text(store)
    # Stored as readable JSON text, not escaped ASCII, so the CLI shows what players wrote.
    (text,) = raw(db_path, "SELECT events FROM entries WHERE version = 2")[0]
    assert "👍🏽" in text and "Héél" in text


@pytest.mark.parametrize(
    "bad", [{"cards": {1, 2}}, {"blob": b"raw"}, {"score": math.nan}, {"x": object()}]
)
async def test_non_json_event_is_refused_before_anything_is_written(
    store: SqliteStore, bad: dict[str, Any]
) -> None:
    await store.create("ABCD", entry(1))
    with pytest.raises(ValueError, match="JSON"):
        await store.append("ABCD", Entry(2, "k", [bad], 0))
    assert await store.current_version("ABCD") == 1


# -- concurrency and group commit ------------------------------------------------------------


async def test_200_concurrent_appends_to_20_rooms_land_exactly_once(
    store: SqliteStore, db_path: Path
) -> None:
    codes = [f"R{i:03}" for i in range(20)]
    await asyncio.gather(*(store.create(code, entry(1, code)) for code in codes))

    # All 200 in flight at once; each room's versions are submitted in order.
    await asyncio.gather(
        *(store.append(code, entry(v, code)) for v in range(2, 12) for code in codes)
    )

    for code in codes:
        assert await store.load(code) == [entry(v, code) for v in range(1, 12)]
    assert raw(db_path, "SELECT count(*), count(DISTINCT code || ':' || version) FROM entries") == [
        (220, 220)
    ]


async def test_concurrent_per_room_command_lines(store: SqliteStore) -> None:
    # The shape the room authority produces: one awaited line per room, many rooms at once.
    codes = [f"L{i:02}" for i in range(20)]

    async def line(code: str) -> None:
        await store.create(code, entry(1, code))
        for v in range(2, 12):
            await store.append(code, entry(v, code))

    await asyncio.gather(*(line(code) for code in codes))
    for code in codes:
        assert await store.current_version(code) == 11
    assert store.commits < 20 * 11  # the lines shared transactions


async def test_batch_with_conflicts_commits_the_others(store: SqliteStore, db_path: Path) -> None:
    for code in ("AAAA", "BBBB", "CCCC"):
        await room_with(store, code, 2)
    commits_before = store.commits

    results = await in_one_batch(
        store,
        db_path,
        store.append("AAAA", entry(3, "AAAA")),
        store.append("BBBB", entry(2, "BBBB")),  # stale
        store.append("AAAA", entry(4, "AAAA")),
        store.append("CCCC", entry(9, "CCCC")),  # from the future
        store.append("BBBB", entry(3, "BBBB")),
        store.append("NOPE", entry(2, "NOPE")),  # unknown room
        store.create("BBBB", impostor("BBBB")),  # taken
        store.create("DDDD", entry(1, "DDDD")),
        store.append("DDDD", entry(2, "DDDD")),  # depends on the create just before
    )

    assert [type(r).__name__ for r in results] == [
        "NoneType",
        "VersionConflict",
        "NoneType",
        "VersionConflict",
        "NoneType",
        "RoomNotFound",
        "RoomExists",
        "str",  # the created room's code
        "NoneType",
    ]
    assert store.commits == commits_before + 2  # the warm-up, then everything else at once
    assert await store.current_version("AAAA") == 4
    assert await store.current_version("BBBB") == 3
    assert await store.current_version("CCCC") == 2
    assert await store.load("DDDD") == [entry(1, "DDDD"), entry(2, "DDDD")]


async def test_two_stores_on_one_file_cannot_both_win_a_version(db_path: Path) -> None:
    # Two stores = two connections, as two server processes sharing the file would have.
    one, two = SqliteStore(db_path), SqliteStore(db_path)
    await one.open()
    await two.open()
    try:
        await one.create("ABCD", entry(1))
        for v in range(2, 30):
            results = await asyncio.gather(
                one.append("ABCD", entry(v, note="one")),
                two.append("ABCD", entry(v, note="two")),
                return_exceptions=True,
            )
            assert sum(r is None for r in results) == 1, results
            assert sum(isinstance(r, VersionConflict) for r in results) == 1, results
        assert await two.current_version("ABCD") == 29
        assert len(await one.load("ABCD")) == 29
    finally:
        await one.close()
        await two.close()


# -- failures ------------------------------------------------------------------------------


async def test_failing_write_in_a_batch_is_undone_alone(store: SqliteStore, db_path: Path) -> None:
    await room_with(store, "GOOD", 1)
    await room_with(store, "BAD1", 1)
    # Fails the second statement of an append, after the room's version has already moved.
    raw(
        db_path,
        "CREATE TRIGGER fail_bad BEFORE INSERT ON entries WHEN NEW.code = 'BAD1' "
        "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    )
    good2, bad, good3 = await in_one_batch(
        store,
        db_path,
        store.append("GOOD", entry(2, "GOOD")),
        store.append("BAD1", entry(2, "BAD1")),
        store.append("GOOD", entry(3, "GOOD")),
    )

    assert good2 is None and good3 is None
    assert type(bad) is StoreError and "disk on fire" in str(bad)
    assert await store.current_version("BAD1") == 1
    assert raw(db_path, "SELECT version FROM entries WHERE code = 'BAD1'") == [(1,)]
    assert await store.current_version("GOOD") == 3


async def test_transaction_lost_to_sqlite_fails_the_whole_batch_cleanly(
    store: SqliteStore, db_path: Path
) -> None:
    await room_with(store, "GOOD", 1)
    await room_with(store, "BAD1", 1)
    # RAISE(ROLLBACK) drops the whole transaction, like SQLite does on an I/O error.
    raw(
        db_path,
        "CREATE TRIGGER fail_bad BEFORE INSERT ON entries WHEN NEW.code = 'BAD1' "
        "BEGIN SELECT RAISE(ROLLBACK, 'io error'); END",
    )
    conflict, good, bad, unreached = await in_one_batch(
        store,
        db_path,
        store.append("GOOD", entry(9, "GOOD")),  # conflicts whatever happens next
        store.append("GOOD", entry(2, "GOOD")),  # succeeded, then lost with the transaction
        store.append("BAD1", entry(2, "BAD1")),
        store.append("GOOD", entry(3, "GOOD")),  # never ran
    )

    assert isinstance(conflict, VersionConflict)
    assert [type(r) for r in (good, bad, unreached)] == [StoreError] * 3
    assert "io error" in str(bad)
    for table in ("rooms", "entries"):
        assert raw(db_path, f"SELECT code, version FROM {table} ORDER BY code") == [
            ("BAD1", 1),
            ("GOOD", 1),
        ]
    raw(db_path, "DROP TRIGGER fail_bad")
    await store.append("GOOD", entry(2, "GOOD"))  # the store is still usable
    assert await store.current_version("GOOD") == 2


async def test_locked_database_surfaces_as_store_error(db_path: Path) -> None:
    store = SqliteStore(db_path, busy_timeout=0.1)
    await store.open()
    try:
        await store.create("ABCD", entry(1))
        with HeldWriteLock(db_path):
            with pytest.raises(StoreError) as caught:
                await store.append("ABCD", entry(2))
        assert type(caught.value) is StoreError
        assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
        assert await store.current_version("ABCD") == 1
        await store.append("ABCD", entry(2))
        assert await store.current_version("ABCD") == 2
    finally:
        await store.close()


async def test_unopenable_file_raises_store_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-db").write_text("this is not a database\n" * 100)
    store = SqliteStore(tmp_path / "not-a-db")
    with pytest.raises(StoreError):
        await store.open()
    with pytest.raises(StoreError):
        await store.load("ABCD")


# -- lifecycle -----------------------------------------------------------------------------


async def test_methods_before_open_and_after_close_raise_store_error(db_path: Path) -> None:
    store = SqliteStore(db_path)
    await refuses_use_before_open_and_after_close(store)
    with pytest.raises(StoreError):  # and a closed SQLite store stays closed
        await store.open()


async def test_close_lets_pending_appends_finish(db_path: Path) -> None:
    store = SqliteStore(db_path)
    await store.open()
    await store.create("ABCD", entry(1))
    pending = [asyncio.create_task(store.append("ABCD", entry(v))) for v in range(2, 102)]
    await asyncio.sleep(0)  # the appends are queued, none has necessarily committed
    await store.close()

    assert all(task.done() and task.exception() is None for task in pending)
    reopened = SqliteStore(db_path)
    await reopened.open()
    try:
        assert await reopened.current_version("ABCD") == 101
    finally:
        await reopened.close()


@pytest.mark.parametrize("delay", [None, 0, 0.0005, 0.002])
async def test_cancelled_append_has_settled_when_the_cancel_lands(
    store: SqliteStore, delay: float | None
) -> None:
    await store.create("ABCD", entry(1))
    task = asyncio.create_task(store.append("ABCD", entry(2)))
    if delay is not None:
        await asyncio.sleep(delay)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    # Written or not, never half of it, and no longer in flight: the version tells which.
    version = await store.current_version("ABCD")
    assert version in (1, 2)
    assert await store.load("ABCD") == [entry(v) for v in range(1, version + 1)]
    await store.append("ABCD", entry(version + 1))


async def test_data_survives_close_and_reopen(db_path: Path) -> None:
    store = SqliteStore(db_path)
    await store.open()
    kept = await room_with(store, "ABCD", 7)
    other = await room_with(store, "WXYZ", 1)
    await store.close()

    reopened = SqliteStore(db_path)
    await reopened.open()
    try:
        assert await reopened.room_codes() == ["ABCD", "WXYZ"]
        assert await reopened.load("ABCD") == kept
        assert await reopened.load("WXYZ") == other
        await reopened.append("ABCD", entry(8))
        assert await reopened.current_version("ABCD") == 8
    finally:
        await reopened.close()


async def test_newer_schema_is_refused(db_path: Path) -> None:
    store = SqliteStore(db_path)
    await store.open()
    await store.close()
    raw(db_path, "PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer"):
        await SqliteStore(db_path).open()
