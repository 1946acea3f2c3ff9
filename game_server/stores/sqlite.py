"""The embedded durable room store: one SQLite file, written by one thread.

Why it is shaped like this:

* The stdlib ``sqlite3`` module blocks, so no call runs on the event loop. Every write goes
  through one writer thread that owns the only writing connection; reads go through a
  second thread with its own query-only connection, so a load never waits behind an fsync
  (WAL lets readers and the writer work at the same time).
* "Durable when it returns" costs one fsync per commit (WAL, ``synchronous=FULL``). To keep
  that affordable at high command rates the writer does **group commit**: whatever queued
  up while the previous commit was syncing goes into the next transaction together. Each
  write in a batch runs inside its own savepoint, so a version conflict (or any other
  failure of one write) undoes only that write and the rest of the batch still commits.
  No awaitable resolves before the transaction holding its write has committed.
* The compare-and-set is checked inside a ``BEGIN IMMEDIATE`` transaction, which holds the
  database's write lock, and the ``(code, version)`` primary key backs it up, so two
  processes sharing the file still cannot both write the same version.

Events and results are stored as JSON text (see ``codec``), so ``sqlite3 rooms.db`` is
enough to inspect a data directory.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from .base import CREATION_MEMORY, Entry, RoomExists, RoomNotFound, StoreError, VersionConflict
from .codec import encode_events, encode_json, entry_from_columns

__all__ = ["SqliteStore"]

_T = TypeVar("_T")

SCHEMA_VERSION = 2
"""Stored in ``PRAGMA user_version``; a file from a newer server is refused, not guessed at.
Version 2 added ``creations`` and ``probe``; every statement is ``IF NOT EXISTS``, so an
older file is brought up to date by running them all."""

_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS rooms (
        code       TEXT    NOT NULL PRIMARY KEY,
        version    INTEGER NOT NULL CHECK (version >= 1),
        created_at INTEGER NOT NULL
    )
    """,
    # WITHOUT ROWID clusters a room's entries by (code, version), so a load is one range scan.
    """
    CREATE TABLE IF NOT EXISTS entries (
        code        TEXT    NOT NULL,
        version     INTEGER NOT NULL CHECK (version >= 1),
        command_key TEXT    NOT NULL,
        at          INTEGER NOT NULL,
        events      TEXT    NOT NULL,
        result      TEXT    NOT NULL,
        PRIMARY KEY (code, version)
    ) WITHOUT ROWID
    """,
    # Which room each create command made, so a resent create answers the same room. Rows
    # older than CREATION_MEMORY are pruned by the next create.
    """
    CREATE TABLE IF NOT EXISTS creations (
        command_key TEXT    NOT NULL PRIMARY KEY,
        code        TEXT    NOT NULL,
        at          INTEGER NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS creations_at ON creations (at)",
    # One row, rewritten by each readiness check: proof that a write can commit.
    """
    CREATE TABLE IF NOT EXISTS probe (
        id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
        at INTEGER NOT NULL
    )
    """,
)

CACHE_SIZE = -256
"""SQLite's page cache per connection, in KiB when negative."""

_INSERT_ENTRY = (
    "INSERT INTO entries (code, version, command_key, at, events, result) VALUES (?, ?, ?, ?, ?, ?)"
)

_Apply = Callable[[sqlite3.Connection], None]


def _connect(path: Path, busy_timeout: float, *, query_only: bool) -> sqlite3.Connection:
    # isolation_level=None: the module must not open transactions behind our back; the
    # writer decides exactly where each transaction (and so each fsync) begins and ends.
    conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        # A page cache of 256 KiB, not SQLite's 2 MB, per connection: the writer appends at
        # the end of the table and a reader reads one room's recent rows, so few pages are
        # hot; a full cache was ~4 KB per player at 500 players (docs/performance.md).
        conn.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
        if query_only:
            conn.execute("PRAGMA query_only = ON")
        else:
            (mode,) = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            if str(mode).lower() != "wal":
                # e.g. some network file systems: without WAL the durability and the
                # concurrent-reader reasoning above does not hold, so refuse loudly.
                raise StoreError(f"{path}: could not switch to WAL journal mode (got {mode})")
            conn.execute("PRAGMA synchronous = FULL")
            # Freed and overwritten content is zeroed, not left in free space, so what
            # rewrite() replaced is gone from the file (see _checkpoint for the WAL).
            conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _ensure_schema(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        (found,) = conn.execute("PRAGMA user_version").fetchone()
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: schema version {found} is newer than this server's {SCHEMA_VERSION}"
            )
        if found < SCHEMA_VERSION:
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        _rollback_quietly(conn)
        raise


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    # SQLite may already have rolled back on its own (I/O error, disk full); a second
    # ROLLBACK then fails and must not hide the original error.
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def _checkpoint(conn: sqlite3.Connection, path: Path) -> None:
    """Copy the whole WAL into the database file and truncate it to nothing.

    The WAL still holds the pages as they were before an overwrite; once copied back and
    truncated, the only copy left is the new one. TRUNCATE waits (busy_timeout) for the
    reader's short snapshots to end.
    """
    busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise StoreError(f"{path}: the WAL could not be emptied after an overwrite (busy)")


def _fsync_dir(directory: Path) -> None:
    # A new database file is only durable once its directory entry is; SQLite syncs the
    # directory for the WAL file it creates but not for the main file we just created.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _store_error(action: str, exc: BaseException) -> StoreError:
    error = StoreError(f"{action}: {type(exc).__name__}: {exc}")
    error.__cause__ = exc
    return error


@dataclass(slots=True)
class _Write:
    apply: _Apply
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[None]
    checkpoint: bool = False
    """Overwrites data: after the commit, copy the WAL into the file and empty it."""


def _settle(outcomes: list[tuple[asyncio.Future[None], StoreError | None]]) -> None:
    # Runs on the event loop. The futures are shielded from their callers, so "done" here
    # would mean someone else settled one; skip it rather than crash the whole batch.
    for future, outcome in outcomes:
        if future.done():
            continue
        if outcome is None:
            future.set_result(None)
        else:
            future.set_exception(outcome)


def _report(writes: list[_Write], outcomes: list[StoreError | None]) -> None:
    """Hands a batch's outcomes to the event loop(s) that are waiting for them."""
    # One wake-up per batch rather than per write: waking the loop costs a syscall and a
    # fight over the GIL, which at a hundred writes per batch dominated the writer's time.
    by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[None], StoreError | None]]]
    by_loop = {}
    for write, outcome in zip(writes, outcomes, strict=True):
        by_loop.setdefault(write.loop, []).append((write.future, outcome))
    for loop, settled in by_loop.items():
        try:
            loop.call_soon_threadsafe(_settle, settled)
        except RuntimeError:
            pass  # that loop is closed: nobody is left waiting for these answers


class _Writer(threading.Thread):
    """Owns the writing connection and turns queued writes into group commits."""

    def __init__(self, path: Path, busy_timeout: float, max_batch: int) -> None:
        # Daemon: a process exiting without close() must not hang on this thread. Nothing
        # is lost by that, since no write was acknowledged before its commit.
        super().__init__(name=f"sqlite-writer:{path.name}", daemon=True)
        self._path = path
        self._busy_timeout = busy_timeout
        self._max_batch = max_batch
        # None is the stop marker: everything queued before it is still written.
        self._queue: queue.SimpleQueue[_Write | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._accepting = True
        self.ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self.finished: concurrent.futures.Future[None] = concurrent.futures.Future()
        self.commits = 0

    def submit(self, apply: _Apply, *, checkpoint: bool = False) -> asyncio.Future[None]:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        # The lock makes "accepting" and the final drain in run() agree, so no write can be
        # queued after the thread has stopped looking and then wait forever.
        with self._lock:
            if not self._accepting:
                raise StoreError(f"{self._path}: the writer has stopped")
            self._queue.put(_Write(apply, loop, future, checkpoint))
        return future

    def stop(self) -> None:
        with self._lock:
            if self._accepting:
                self._queue.put(None)

    def run(self) -> None:
        try:
            conn = self._prepare()
        except BaseException as exc:
            error = exc if isinstance(exc, StoreError) else _store_error(self._cannot_open, exc)
            self._shut(error, None)
            self.ready.set_exception(error)
            return
        self.ready.set_result(None)
        try:
            self._serve(conn)
        except BaseException as exc:
            self._shut(_store_error(f"{self._path}: writer thread failed", exc), conn)
        else:
            self._shut(None, conn)

    @property
    def _cannot_open(self) -> str:
        return f"{self._path}: cannot open"

    def _prepare(self) -> sqlite3.Connection:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        is_new = not self._path.exists()
        conn = _connect(self._path, self._busy_timeout, query_only=False)
        try:
            _ensure_schema(conn, self._path)
            if is_new:
                _fsync_dir(self._path.parent)
        except BaseException:
            conn.close()
            raise
        return conn

    def _serve(self, conn: sqlite3.Connection) -> None:
        while True:
            batch, stopping = self._next_batch()
            if batch:
                self._commit(conn, batch)
            if stopping:
                return

    def _next_batch(self) -> tuple[list[_Write], bool]:
        first = self._queue.get()
        if first is None:
            return [], True
        batch = [first]
        # Everything that arrived while the previous commit was syncing rides along now.
        while len(batch) < self._max_batch:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:
                return batch, True
            batch.append(item)
        return batch, False

    def _commit(self, conn: sqlite3.Connection, batch: list[_Write]) -> None:
        outcomes: list[StoreError | None] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            for write in batch:
                outcomes.append(self._apply_one(conn, write))
            conn.execute("COMMIT")
        except Exception as exc:
            # The transaction is gone, so every write that had succeeded in it is gone too.
            _rollback_quietly(conn)
            action = f"{self._path}: transaction failed, nothing written"
            outcomes += [None] * (len(batch) - len(outcomes))
            outcomes = [
                outcome if outcome is not None else _store_error(action, exc)
                for outcome in outcomes
            ]
        else:
            self.commits += 1
            outcomes = self._checkpoint_overwrites(conn, batch, outcomes)
        _report(batch, outcomes)

    def _checkpoint_overwrites(
        self, conn: sqlite3.Connection, batch: list[_Write], outcomes: list[StoreError | None]
    ) -> list[StoreError | None]:
        # An overwrite is only done once no old copy is left in the WAL; if that fails the
        # new data is committed all the same, and a repeated rewrite tries again.
        if not any(w.checkpoint and o is None for w, o in zip(batch, outcomes, strict=True)):
            return outcomes
        try:
            _checkpoint(conn, self._path)
        except (sqlite3.Error, StoreError) as exc:
            error = _store_error(f"{self._path}: overwritten data not yet cleared", exc)
            return [
                error if w.checkpoint and o is None else o
                for w, o in zip(batch, outcomes, strict=True)
            ]
        return outcomes

    def _apply_one(self, conn: sqlite3.Connection, write: _Write) -> StoreError | None:
        conn.execute("SAVEPOINT one_write")
        try:
            write.apply(conn)
        except StoreError as exc:
            conn.execute("ROLLBACK TO one_write")
            conn.execute("RELEASE one_write")
            return exc
        except Exception as exc:
            if not conn.in_transaction:
                # SQLite rolled back the whole transaction (I/O error, disk full): the
                # savepoint no longer exists and the batch as a whole has failed.
                raise
            conn.execute("ROLLBACK TO one_write")
            conn.execute("RELEASE one_write")
            return _store_error(f"{self._path}: write failed, nothing written", exc)
        conn.execute("RELEASE one_write")
        return None

    def _shut(self, error: StoreError | None, conn: sqlite3.Connection | None) -> None:
        with self._lock:
            self._accepting = False
        reason = str(error or f"{self._path}: the store was closed")
        leftover: list[_Write] = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                leftover.append(item)
        _report(leftover, [StoreError(reason) for _ in leftover])
        if conn is not None:
            try:
                # The last connection to close checkpoints the WAL into the main file.
                conn.close()
            except sqlite3.Error as exc:
                error = error or _store_error(f"{self._path}: close failed", exc)
        if error is None:
            self.finished.set_result(None)
        else:
            self.finished.set_exception(error)


class SqliteStore:
    """A ``RoomStore`` in one SQLite file.

    ``path`` is the database file; its parent directories are created on ``open()``.
    ``busy_timeout`` is how long (seconds) to wait for another process holding the write
    lock before a write fails with StoreError. ``max_batch`` caps how many writes share one
    transaction, which bounds the latency a single commit can add.

    Events and results must be JSON-shaped (see ``codec``): entries come back equal to what
    was appended as long as they use lists rather than tuples and string dict keys.
    Cancelling a write waits until it has settled (committed or not) before the
    CancelledError goes on, so reading the version afterwards tells which it was.
    """

    def __init__(self, path: Path, *, busy_timeout: float = 5.0, max_batch: int = 1000) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self._path = Path(path)
        self._busy_timeout = busy_timeout
        self._max_batch = max_batch
        self._state: Literal["new", "opening", "open", "closing", "closed"] = "new"
        self._writer: _Writer | None = None
        self._reader: concurrent.futures.ThreadPoolExecutor | None = None
        # Touched only from the reader thread, which creates it on first use.
        self._read_conn: sqlite3.Connection | None = None

    @property
    def path(self) -> Path:
        return self._path

    @property
    def commits(self) -> int:
        """Transactions committed so far; fewer than appends means group commit is working."""
        return self._writer.commits if self._writer is not None else 0

    # -- lifecycle -----------------------------------------------------------------------

    async def open(self) -> None:
        if self._state != "new":
            raise StoreError(f"{self._path}: open() called on a store that is {self._state}")
        self._state = "opening"  # claimed now so a second open() fails
        writer = _Writer(self._path, self._busy_timeout, self._max_batch)
        writer.start()
        try:
            # Shielded: cancelling open() must not cancel the thread's own future under it.
            await asyncio.shield(asyncio.wrap_future(writer.ready))
        except BaseException:
            writer.stop()
            self._state = "closed"
            raise
        self._writer = writer
        self._reader = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"sqlite-reader:{self._path.name}"
        )
        self._state = "open"

    async def close(self) -> None:
        if self._state in ("closed", "closing"):
            if self._writer is not None:
                await asyncio.shield(asyncio.wrap_future(self._writer.finished))
            return
        if self._state == "opening":
            raise StoreError(f"{self._path}: close() called while open() is still running")
        if self._state == "new" or self._writer is None or self._reader is None:
            self._state = "closed"
            return
        self._state = "closing"
        loop = asyncio.get_running_loop()
        try:
            try:
                # FIFO single worker: reads already submitted finish first. Closing the
                # reader before the writer lets the writer, as the last connection,
                # checkpoint the WAL into the main file.
                await loop.run_in_executor(self._reader, self._close_read_conn)
            finally:
                self._reader.shutdown(wait=False)
                # Writes queued before the stop marker are still committed and acknowledged.
                self._writer.stop()
            await asyncio.shield(asyncio.wrap_future(self._writer.finished))
        finally:
            self._state = "closed"

    async def ping(self, within: float = 2.0) -> bool:
        """Whether a write commits within ``within`` seconds (it really writes one row, in
        whatever batch is going: a full disk, a lost directory or a lock held elsewhere
        shows here)."""
        if self._state != "open":
            return False
        at = time.time_ns() // 1_000_000

        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT OR REPLACE INTO probe (id, at) VALUES (1, ?)", (at,))

        probe = asyncio.ensure_future(self._write(apply))
        done, _ = await asyncio.wait({probe}, timeout=within)
        if not done:
            # It stays queued and settles later; a slow store is not ready now.
            probe.add_done_callback(lambda p: p.cancelled() or p.exception())
            return False
        return probe.exception() is None

    # -- writes --------------------------------------------------------------------------

    async def create(self, code: str, entry: Entry) -> str:
        if entry.version != 1:
            raise ValueError(f"room {code}: the first entry must be version 1, not {entry.version}")
        row = self._encode(entry)
        forget_before = entry.at - int(CREATION_MEMORY.total_seconds() * 1000)
        stored = [code]

        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM creations WHERE at < ?", (forget_before,))
            known = conn.execute(
                "SELECT code FROM creations WHERE command_key = ?", (entry.command_key,)
            ).fetchone()
            if known is not None:
                stored[0] = str(known[0])
                return
            if conn.execute("SELECT 1 FROM rooms WHERE code = ?", (code,)).fetchone():
                raise RoomExists(f"room {code} already exists")
            conn.execute(
                "INSERT INTO rooms (code, version, created_at) VALUES (?, 1, ?)",
                (code, entry.at),
            )
            conn.execute(_INSERT_ENTRY, (code, *row))
            conn.execute(
                "INSERT INTO creations (command_key, code, at) VALUES (?, ?, ?)",
                (entry.command_key, code, entry.at),
            )

        await self._write(apply)
        return stored[0]

    async def append(self, code: str, entry: Entry) -> None:
        row = self._encode(entry)

        def apply(conn: sqlite3.Connection) -> None:
            # The compare-and-set itself; only when it misses do we look at why.
            moved = conn.execute(
                "UPDATE rooms SET version = ? WHERE code = ? AND version = ?",
                (entry.version, code, entry.version - 1),
            ).rowcount
            if moved != 1:
                current = _room_version(conn, code)
                raise VersionConflict(code, expected=entry.version, actual=current)
            conn.execute(_INSERT_ENTRY, (code, *row))

        await self._write(apply)

    async def delete(self, code: str) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM entries WHERE code = ?", (code,))
            conn.execute("DELETE FROM rooms WHERE code = ?", (code,))
            conn.execute("DELETE FROM creations WHERE code = ?", (code,))

        await self._write(apply)

    async def rewrite(self, code: str, entries: Sequence[Entry]) -> None:
        rows = [self._encode(entry) for entry in entries]

        def apply(conn: sqlite3.Connection) -> None:
            _room_version(conn, code)
            for version, command_key, at, events, result in rows:
                changed = conn.execute(
                    "UPDATE entries SET command_key = ?, at = ?, events = ?, result = ? "
                    "WHERE code = ? AND version = ?",
                    (command_key, at, events, result, code, version),
                ).rowcount
                if changed != 1:
                    raise StoreError(f"room {code} has no version {version} to rewrite")

        if rows:
            await self._write(apply, checkpoint=True)

    @staticmethod
    def _encode(entry: Entry) -> tuple[int, str, int, str, str]:
        # Encoded on the caller's side so a non-JSON event fails at once with a ValueError,
        # before it is queued, and never reaches (or poisons) a batch.
        return (
            entry.version,
            entry.command_key,
            entry.at,
            encode_events(entry.events),
            encode_json(entry.result),
        )

    async def _write(self, apply: _Apply, *, checkpoint: bool = False) -> None:
        self._require_open()
        assert self._writer is not None
        written = self._writer.submit(apply, checkpoint=checkpoint)
        try:
            await asyncio.shield(written)
        except asyncio.CancelledError:
            # A queued write cannot be taken back. Returning to a cancelled caller before it
            # has settled would let the caller read a version that then changes under it, so
            # the cancellation waits for the commit (a few ms at most) and then goes on.
            await asyncio.wait((written,))
            if not written.cancelled():
                written.exception()  # the caller asked to stop, not to hear the outcome
            raise

    # -- reads ---------------------------------------------------------------------------

    async def load(self, code: str) -> list[Entry]:
        return await self.read_since(code, 0)

    async def read_since(self, code: str, version: int) -> list[Entry]:
        def query(conn: sqlite3.Connection) -> list[Entry]:
            _room_version(conn, code)
            rows = conn.execute(
                "SELECT version, command_key, at, events, result FROM entries "
                "WHERE code = ? AND version > ? ORDER BY version",
                (code, version),
            ).fetchall()
            return [entry_from_columns(*row) for row in rows]

        return await self._read(query)

    async def current_version(self, code: str) -> int:
        return await self._read(lambda conn: _room_version(conn, code))

    async def room_codes(self) -> list[str]:
        def query(conn: sqlite3.Connection) -> list[str]:
            return [str(code) for (code,) in conn.execute("SELECT code FROM rooms ORDER BY code")]

        return await self._read(query)

    async def _read(self, query: Callable[[sqlite3.Connection], _T]) -> _T:
        self._require_open()
        assert self._reader is not None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._reader, self._in_read_transaction, query)

    def _in_read_transaction(self, query: Callable[[sqlite3.Connection], _T]) -> _T:
        # Runs on the reader thread only.
        try:
            if self._read_conn is None:
                self._read_conn = _connect(self._path, self._busy_timeout, query_only=True)
            conn = self._read_conn
            # One read transaction = one snapshot: the room row and its entries agree.
            conn.execute("BEGIN")
            try:
                return query(conn)
            finally:
                _rollback_quietly(conn)
        except StoreError:
            raise
        except (sqlite3.Error, ValueError) as exc:  # ValueError: undecodable stored JSON
            raise _store_error(f"{self._path}: read failed", exc) from exc

    def _close_read_conn(self) -> None:
        if self._read_conn is not None:
            conn, self._read_conn = self._read_conn, None
            try:
                conn.close()
            except sqlite3.Error:
                pass  # nothing was written through it, so nothing can be lost

    def _require_open(self) -> None:
        if self._state == "open":
            return
        if self._state in ("new", "opening"):
            raise StoreError(f"SqliteStore({self._path}) is not open yet: await open() first")
        raise StoreError(f"SqliteStore({self._path}) is closed")


def _room_version(conn: sqlite3.Connection, code: str) -> int:
    found = conn.execute("SELECT version FROM rooms WHERE code = ?", (code,)).fetchone()
    if found is None:
        raise RoomNotFound(f"no room {code}")
    return int(found[0])
