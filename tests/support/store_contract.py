"""What every room store does, whatever keeps the data: one set of checks that the SQLite
store's tests (tests/unit, and tests/integration for the crash) and the Redis store's tests
(tests/scale) both run."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import random
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest

from game_server.stores import Entry, RoomExists, RoomNotFound, StoreError, VersionConflict
from game_server.stores.base import RoomStore
from tests.support.server import REPO_ROOT


def entry(version: int, code: str = "ABCD", **extra: Any) -> Entry:
    if version == 1:
        events: list[dict[str, Any]] = [{"type": "room_created", "code": code}]
    else:
        events = [{"type": "moved", "pawn": version % 4, "to": [version, "quadrant"], **extra}]
    return Entry(
        version=version,
        command_key=f"facilitator:{code}-{version}",
        events=events,
        at=1_700_000_000_000 + version,
        result={"ok": True, "version": version},
    )


async def room_with(store: RoomStore, code: str, versions: int) -> list[Entry]:
    entries = [entry(v, code) for v in range(1, versions + 1)]
    await store.create(code, entries[0])
    for e in entries[1:]:
        await store.append(code, e)
    return entries


AWKWARD_ENTRY = Entry(
    version=2,
    command_key="player:7:ü-1",
    events=[
        {
            "type": "post_it_written",
            "text": 'Héél "goed" 👍🏽 gedaan\nnieuwe regel\t\\ \' \u2028 \x00 end',
            "emoji": "🧑‍🏫🟩🟥",
            "nested": {"list": [1, -2.5, 1e300, True, False, None, "", []], "deep": {"x": {}}},
            "big": 2**62,
        },
        {"type": "empty"},
    ],
    at=0,
    result={"échec": None, "why": "‘quotes’"},
)


async def create_append_load_read_since_current_version(store: RoomStore) -> None:
    entries = await room_with(store, "ABCD", 5)

    assert await store.load("ABCD") == entries
    assert await store.read_since("ABCD", 3) == entries[3:]
    assert await store.read_since("ABCD", 0) == entries
    assert await store.read_since("ABCD", 5) == []
    assert await store.current_version("ABCD") == 5
    assert await store.room_codes() == ["ABCD"]


async def stale_or_future_version_conflicts_and_changes_nothing(
    store: RoomStore, version: int
) -> None:
    """Appending ``version`` to a room at version 3 (parametrize it: 1, 2, 3, 5, 9) raises
    VersionConflict and leaves the room as it was (the store's own test then looks behind
    the store's back)."""
    entries = await room_with(store, "ABCD", 3)

    with pytest.raises(VersionConflict) as caught:
        await store.append("ABCD", entry(version, "ABCD", note="late"))

    assert (caught.value.code, caught.value.expected, caught.value.actual) == ("ABCD", version, 3)
    assert await store.load("ABCD") == entries
    assert await store.current_version("ABCD") == 3


async def room_codes_and_delete(store: RoomStore) -> None:
    await room_with(store, "BBBB", 2)
    kept = await room_with(store, "AAAA", 3)
    assert await store.room_codes() == ["AAAA", "BBBB"]

    await store.delete("BBBB")
    await store.delete("NOPE")  # absent: no error

    assert await store.room_codes() == ["AAAA"]
    assert await store.load("AAAA") == kept
    with pytest.raises(RoomNotFound):
        await store.load("BBBB")
    with pytest.raises(RoomNotFound):
        await store.read_since("BBBB", 0)
    with pytest.raises(RoomNotFound):
        await store.current_version("BBBB")
    with pytest.raises(RoomNotFound):
        await store.append("BBBB", entry(3, "BBBB"))


def impostor(code: str) -> Entry:
    """A first entry for ``code`` from another create command than ``entry(1, code)``."""
    return replace(entry(1, code), command_key=f"guest:impostor-{code}")


async def create_on_taken_code_raises_room_exists(store: RoomStore) -> None:
    entries = await room_with(store, "ABCD", 2)
    with pytest.raises(RoomExists):
        await store.create("ABCD", impostor("ABCD"))
    assert await store.load("ABCD") == entries


async def create_is_idempotent_per_command(store: RoomStore) -> None:
    """A create resent with the same command key, even naming another code (a resend
    draws a new code), answers the room the first one made and writes nothing."""
    first = entry(1, "ABCD")
    assert await store.create("ABCD", first) == "ABCD"
    await store.append("ABCD", entry(2, "ABCD"))
    again = replace(entry(1, "WXYZ"), command_key=first.command_key)
    assert await store.create("WXYZ", again) == "ABCD"
    assert await store.create("ABCD", first) == "ABCD"
    assert await store.room_codes() == ["ABCD"]
    assert await store.current_version("ABCD") == 2
    # Another command still gets its own room; a deleted room's command may create anew.
    assert await store.create("WXYZ", impostor("WXYZ")) == "WXYZ"
    await store.delete("ABCD")
    assert await store.create("EFGH", replace(first, events=[{"type": "room_created"}])) == "EFGH"
    assert await store.room_codes() == ["EFGH", "WXYZ"]


async def create_requires_version_one(store: RoomStore) -> None:
    with pytest.raises(ValueError, match="version 1"):
        await store.create("ABCD", entry(2))
    assert await store.room_codes() == []


async def append_to_unknown_room_raises_room_not_found(store: RoomStore) -> None:
    with pytest.raises(RoomNotFound):
        await store.append("NOPE", entry(2, "NOPE"))
    assert await store.room_codes() == []


async def events_round_trip_unicode_and_awkward_text(store: RoomStore) -> None:
    first = entry(1)
    await store.create("ABCD", first)
    await store.append("ABCD", AWKWARD_ENTRY)
    assert await store.load("ABCD") == [first, AWKWARD_ENTRY]


async def rewrite_overwrites_entries_in_place(store: RoomStore) -> None:
    entries = await room_with(store, "ABCD", 4)
    changed = [
        replace(entries[1], command_key="anonymous:x1", events=[{"type": "moved", "to": None}]),
        replace(entries[2], command_key="anonymous:x2"),
    ]
    await store.rewrite("ABCD", changed)
    assert await store.load("ABCD") == [entries[0], *changed, entries[3]]
    assert await store.current_version("ABCD") == 4
    await store.rewrite("ABCD", [])  # nothing to do
    with pytest.raises(StoreError):  # all or none: version 5 does not exist
        await store.rewrite("ABCD", [replace(entries[1], command_key="k:2"), entry(5)])
    assert await store.load("ABCD") == [entries[0], *changed, entries[3]]
    with pytest.raises(RoomNotFound):
        await store.rewrite("NOPE", [entry(1, "NOPE")])


async def refuses_use_before_open_and_after_close(store: RoomStore) -> None:
    """Give it a store that has not been opened yet."""

    async def every_method() -> None:
        calls = [
            store.create("ABCD", entry(1)),
            store.append("ABCD", entry(2)),
            store.load("ABCD"),
            store.read_since("ABCD", 0),
            store.current_version("ABCD"),
            store.room_codes(),
            store.delete("ABCD"),
            store.rewrite("ABCD", [entry(1)]),
        ]
        for call in calls:
            with pytest.raises(StoreError, match=r"not open yet|closed"):
                await call

    await every_method()
    await store.open()
    with pytest.raises(StoreError):
        await store.open()
    await store.close()
    await every_method()
    await store.close()  # closing twice is harmless


CONTRACT: list[Callable[[RoomStore], Awaitable[None]]] = [
    create_append_load_read_since_current_version,
    room_codes_and_delete,
    create_on_taken_code_raises_room_exists,
    create_is_idempotent_per_command,
    create_requires_version_one,
    append_to_unknown_room_raises_room_not_found,
    events_round_trip_unicode_and_awkward_text,
    rewrite_overwrites_entries_in_place,
]
"""Run each with a fresh, empty, open store."""


# -- crash durability --------------------------------------------------------------------------


def crash_entry(code: str, version: int) -> Entry:
    """Deterministic content, rebuilt by the parent to check that entries are intact."""
    return Entry(
        version=version,
        command_key=f"player:{code}:{version}",
        events=[{"type": "note", "text": f'{code} v{version} ✍️\n"quoted" {"x" * version}'}],
        at=version,
        result={"v": version},
    )


_CHILD = """
import asyncio, sys
from pathlib import Path
from game_server.stores import Entry, StoreError
{store_import}

{crash_entry}

async def main(target: str, codes: list[str], last: int) -> None:
    store = {make_store}
    await store.open()

    async def line(code: str) -> None:
        await store.create(code, crash_entry(code, 1))
        print(code, 1, flush=True)
        for version in range(2, last + 1):
            try:
                await store.append(code, crash_entry(code, version))
            except StoreError as exc:
                print("store error:", exc, file=sys.stderr, flush=True)
                return  # the store is gone: stop, the parent checks what was acknowledged
            print(code, version, flush=True)  # acknowledged: must survive the crash

    await asyncio.gather(*(line(code) for code in codes))
    print("done", flush=True)

asyncio.run(main(sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])))
"""


@dataclass
class Crash:
    """How one store is crashed while a child process appends to it through the store."""

    store_import: str
    """The line that imports the store's class in the child."""
    make_store: str
    """The expression that makes the (unopened) store in the child, from ``target``."""
    target: str
    """The database file or the server URL."""
    kill: Callable[[asyncio.subprocess.Process], None]
    """Kills what keeps the data mid-stream: the child itself, or the store's server."""
    reopen: Callable[[], RoomStore]
    """After the crash (the store's server started again if it was killed): a new store."""
    appends: int
    """Versions per room the child writes if not stopped."""
    crash_between: tuple[int, int]
    """The fewest and the most acknowledged appends before the crash (drawn at random)."""
    child_is_killed: bool
    """True when ``kill`` kills the child (it may die with SIGKILL, never by itself)."""
    intact: Callable[[], None] = lambda: None
    """Checks the data behind the store's back once it is reopened (e.g. SQLite's integrity)."""


async def acknowledged_appends_survive_a_crash(crash: Crash, seed: int) -> None:
    """Four rooms are written concurrently by a child process; at a random moment what keeps
    the data is killed. Whatever was acknowledged is there, and whatever is there is complete
    and gap-free, acknowledged or not."""
    rng = random.Random(seed)
    codes = ["C1", "C2", "C3", "C4"]
    script = _CHILD.format(
        store_import=crash.store_import,
        make_store=crash.make_store,
        crash_entry=inspect.getsource(crash_entry),
    )
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", script, crash.target, ",".join(codes), str(crash.appends),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )  # fmt: skip
    assert child.stdout is not None
    acknowledged: list[tuple[str, int]] = []

    def note(line: bytes) -> bool:
        if not line.endswith(b"\n") or line == b"done\n":
            return False  # end of output, or a line cut short by the kill
        code, version = line.decode().split()
        acknowledged.append((code, int(version)))
        return True

    crash_after = rng.randint(*crash.crash_between)
    while len(acknowledged) < crash_after:
        if not note(await asyncio.wait_for(child.stdout.readline(), timeout=60)):
            break
    await asyncio.sleep(rng.uniform(0, 0.005))  # land inside a write, or between two
    with contextlib.suppress(ProcessLookupError):  # the child may have finished
        crash.kill(child)
    rest, stderr_bytes = await asyncio.wait_for(child.communicate(), timeout=60)
    for line in rest.splitlines(keepends=True):
        note(line)
    stderr = stderr_bytes.decode()
    assert child.returncode in ((0, -9) if crash.child_is_killed else (0,)), stderr
    if crash.child_is_killed:
        assert "store error" not in stderr, stderr  # nothing but the kill stopped the child
    assert acknowledged, f"the child acknowledged nothing before the crash: {stderr}"

    store = crash.reopen()
    await store.open()
    try:
        crash.intact()
        for code in await store.room_codes():
            entries = await store.load(code)
            assert entries == [crash_entry(code, v) for v in range(1, len(entries) + 1)]
        for code, version in acknowledged:
            assert await store.current_version(code) >= version, (
                f"seed {seed}: lost {code} v{version}"
            )
            assert (await store.read_since(code, version - 1))[0] == crash_entry(code, version)
    finally:
        await store.close()
