"""One room's line on the real SQLite store: commands that arrive at the same moment are
decided one at a time, each stored before it is answered, and each gets its own answer."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from game_server.content import load_library
from game_server.room import RoomAuthority, Rooms
from game_server.room.authority import RECENT, Outbox
from game_server.rules import GUEST, Actor, CreateRoom, Refusal, fold
from game_server.rules.pawns import PlacePawn
from game_server.rules.players import Join
from game_server.rules.post_its import AddPostIt
from game_server.rules.steps import Start
from game_server.stores import SqliteStore, StoreError
from game_server.stores.base import Entry

_ids = iter(range(10**6))


def cid() -> str:
    return f"cmd-{next(_ids):08d}-xxxxxxxx"


class CountingStore(SqliteStore):
    """The real store; it only remembers the version of each write."""

    writes: list[int]

    async def append(self, code: str, entry: Entry) -> None:
        self.writes.append(entry.version)
        await super().append(code, entry)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[CountingStore]:
    s = CountingStore(tmp_path / "rooms.sqlite3")
    s.writes = []
    await s.open()
    yield s
    await s.close()


async def open_room(store: CountingStore) -> RoomAuthority:
    rooms = Rooms(store, load_library())
    request = CreateRoom(command_id=cid(), board_id="schaal-5", card_ids=["leerklimaat/veiligheid"])
    return await rooms.create(request)


def join(name: str) -> Join:
    return Join(type="join", name=name, command_id=cid())


async def test_a_burst_is_stored_in_order_and_every_command_answered(
    store: CountingStore,
) -> None:
    room = await open_room(store)
    outcomes = await asyncio.gather(*(room.handle(GUEST, join(f"Speler {i}")) for i in range(12)))

    assert sorted(o.version for o in outcomes) == list(range(2, 14))
    assert len({o.result["player_id"] for o in outcomes}) == 12
    assert store.writes == list(range(2, 14))  # one version at a time, in order
    # every version queued for sending once, in order
    assert [v.version for v in room.outbox.take()] == list(range(2, 14))
    stored = await store.load(room.code)
    assert [e.version for e in stored] == list(range(1, 14))
    assert fold(e for entry in stored for e in entry.events) == room.room


async def test_at_the_same_moment_a_resend_is_a_duplicate_and_a_refusal_stays_a_refusal(
    store: CountingStore,
) -> None:
    room = await open_room(store)
    ann = Actor("player", str((await room.handle(GUEST, join("Ann"))).result["player_id"]))
    await room.handle(Actor("facilitator"), Start(type="start", command_id=cid()))
    post_it = AddPostIt(type="add_post_it", command_id=cid(), colour="green", text="Veilig")
    early_pawn = PlacePawn(type="place_pawn", command_id=cid(), position={"square": 2})

    results: list[Any] = await asyncio.gather(
        room.handle(ann, post_it),
        room.handle(ann, post_it),  # the same command id: resent before the answer came
        room.handle(ann, early_pawn),  # the card is in its read step: not yet
        return_exceptions=True,
    )

    first, again, refused = results
    assert not first.duplicate and again.duplicate
    assert (again.version, again.result) == (first.version, first.result)
    assert isinstance(refused, Refusal) and refused.code == "wrong_phase"
    assert len(room.room.post_its) == 1
    assert await store.current_version(room.code) == room.version == first.version


async def test_when_the_write_fails_no_command_is_answered_or_applied(
    store: CountingStore,
) -> None:
    room = await open_room(store)
    before, version = room.room, room.version
    await store.close()  # the writer stops: every write now fails

    results = await asyncio.gather(
        *(room.handle(GUEST, join(f"Speler {i}")) for i in range(3)), return_exceptions=True
    )

    assert all(isinstance(r, StoreError) for r in results)
    assert room.room == before and room.version == version and room.outbox.take() == []


async def test_versions_a_refused_command_caught_up_on_are_left_for_the_sender(
    store: CountingStore,
) -> None:
    """The room calls nothing outside itself: whatever it adopted, even on the way to a
    refusal, waits in its outbox, once and in order, for the transport to send."""
    here = await open_room(store)
    ann = Actor("player", str((await here.handle(GUEST, join("Ann"))).result["player_id"]))
    there = await RoomAuthority.load(here.code, store)  # a second copy, as another process
    await here.handle(Actor("facilitator"), Start(type="start", command_id=cid()))
    here.outbox.take()

    early_pawn = PlacePawn(type="place_pawn", command_id=cid(), position={"square": 2})
    with pytest.raises(Refusal) as refused:
        await there.handle(ann, early_pawn)  # stale (lobby): catches up, still too early

    assert refused.value.code == "wrong_phase"
    left = there.outbox.take()
    assert [(v.version, v.source) for v in left] == [(3, "store")]
    assert left[0].room == here.room and there.outbox.take() == []


async def test_a_full_outbox_drops_its_oldest_version_not_the_process_memory(
    store: CountingStore,
) -> None:
    room = await open_room(store)
    room.outbox = Outbox(limit=2)
    for i in range(3):
        await room.handle(GUEST, join(f"Speler {i}"))

    assert [v.version for v in room.outbox.take()] == [3, 4]  # v2 was never sent: dropped


async def test_recent_versions_are_the_rooms_as_they_were_and_at_least_recent_back(
    store: CountingStore,
) -> None:
    """A resume is answered from the room as it was after each missed version: the line
    keeps entries and two anchors and folds them again, which must give exactly the rooms
    it moved through, for at least the last RECENT versions."""
    room = await open_room(store)
    seen = {room.version: room.room}
    players = []
    for i in range(5):
        outcome = await room.handle(GUEST, join(f"Speler {i}"))
        players.append(Actor("player", str(outcome.result["player_id"])))
    await room.handle(Actor("facilitator"), Start(type="start", command_id=cid()))
    for n in range(3 * RECENT):
        player = players[n % len(players)]
        text = f"Post-it {n}"
        await room.handle(
            player, AddPostIt(type="add_post_it", command_id=cid(), colour="green", text=text)
        )
        for adopted in room.outbox.take():
            seen[adopted.version] = adopted.room
        for back in (0, 1, RECENT // 2, RECENT):
            since = room.version - back
            if since < 1:
                continue
            missed = room.versions_since(since)
            assert missed is not None, (room.version, back)
            assert [v.version for v in missed] == list(range(since + 1, room.version + 1))
            for v in missed:
                if v.version in seen:
                    assert v.room == seen[v.version]
                    assert v.previous == seen.get(v.version - 1, v.previous)
    assert room.versions_since(room.version - 2 * RECENT - 1) is None
    assert room.versions_since(room.version + 1) is None
