"""Two processes' copies of one room (two RoomAuthority objects on one Redis store): how a
copy that did not handle a command catches up, and decides on the room as it is now."""

from __future__ import annotations

import pytest

from game_server.content import load_library
from game_server.room import RoomAuthority, Rooms
from game_server.rules import GUEST, Actor, CreateRoom, Refusal
from game_server.rules.players import Join, RemovePlayer
from game_server.rules.post_its import AddPostIt
from game_server.rules.steps import Start
from game_server.stores.redis import RedisStore

pytestmark = pytest.mark.redis

_ids = iter(range(10**6))


def cid() -> str:
    return f"cmd-{next(_ids):08d}-xxxxxxxx"


async def two_copies(store: RedisStore) -> tuple[RoomAuthority, RoomAuthority]:
    rooms = Rooms(store, load_library())
    request = CreateRoom(command_id=cid(), board_id="schaal-5", card_ids=["leerklimaat/veiligheid"])
    here = await rooms.create(request)
    there = await RoomAuthority.load(here.code, store)
    return here, there


async def join(authority: RoomAuthority, name: str) -> str:
    outcome = await authority.handle(GUEST, Join(type="join", name=name, command_id=cid()))
    return str(outcome.result["player_id"])


async def test_a_copy_folds_received_entries_and_fills_gaps_from_the_store(
    redis_store: RedisStore,
) -> None:
    here, there = await two_copies(redis_store)
    await join(here, "Ann")
    await join(here, "Bas")
    await join(here, "Cas")
    entries = await redis_store.read_since(here.code, 1)

    await there.receive(entries[0])  # version 2: the next one, folded directly
    assert there.version == 2
    await there.receive(entries[2])  # version 4: a gap, so 3 and 4 come from the store
    assert there.version == 4
    await there.receive(entries[1])  # late and old: ignored
    seen = there.outbox.take()  # what the transport would send, in order
    assert [v.version for v in seen] == [2, 3, 4]
    # 2 came from the other copy, 3 and 4 were read from the store.
    assert [v.source for v in seen] == ["peer", "store", "store"]
    assert there.room == here.room
    # Every command's answer is known here too, so a resend to this copy is not redone.
    assert here.applied.answers().items() <= there.applied.answers().items()


async def test_a_stale_copy_decides_on_the_senders_role_as_it_is_now(
    redis_store: RedisStore,
) -> None:
    here, there = await two_copies(redis_store)
    ann = await join(here, "Ann")
    await join(here, "Bas")
    await here.handle(Actor("facilitator"), Start(type="start", command_id=cid()))
    await there.catch_up()
    assert there.room.phase == "read"  # post-its may be written now
    # Ann is removed on one process; the other has not heard of it yet when Ann's post-it
    # arrives there. Its append conflicts, it catches up, and Ann is no longer a player.
    await here.handle(
        Actor("facilitator"), RemovePlayer(type="remove_player", player_id=ann, command_id=cid())
    )
    post_it = AddPostIt(type="add_post_it", colour="green", text="te laat", command_id=cid())
    with pytest.raises(Refusal):
        await there.handle(Actor("player", ann), post_it)
    assert there.version == here.version
    assert not there.room.post_its


async def test_a_stale_copy_does_not_refuse_what_the_room_now_allows(
    redis_store: RedisStore,
) -> None:
    """A copy that has not yet heard of a version another process stored must not refuse a
    command the room as it is now allows: it catches up and decides again."""
    here, there = await two_copies(redis_store)
    ann = await join(here, "Ann")
    await there.catch_up()
    assert there.room.phase == "lobby"  # this copy still thinks the game has not started
    await here.handle(Actor("facilitator"), Start(type="start", command_id=cid()))
    outcome = await there.handle(
        Actor("player", ann),
        AddPostIt(type="add_post_it", colour="green", text="Al gedaan", command_id=cid()),
    )
    assert outcome.adopted and outcome.adopted.events[0]["type"] == "post_it_added"
    assert there.room.phase == "read"
    assert there.version == here.version + 1


async def test_a_refusal_on_the_latest_state_still_stands(redis_store: RedisStore) -> None:
    here, there = await two_copies(redis_store)
    ann = await join(here, "Ann")
    await there.catch_up()
    with pytest.raises(Refusal) as refused:
        await there.handle(
            Actor("player", ann),
            AddPostIt(type="add_post_it", colour="pink", text="Te vroeg", command_id=cid()),
        )
    assert refused.value.code == "wrong_phase"
    assert there.version == here.version
