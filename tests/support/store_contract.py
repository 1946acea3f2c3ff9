"""What every room store does, whatever keeps the data: one set of checks that the SQLite
store's tests (tests/unit) and the Redis store's tests (tests/scale) both run."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import pytest

from game_server.stores import Entry, RoomExists, RoomNotFound, StoreError
from game_server.stores.base import RoomStore


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
