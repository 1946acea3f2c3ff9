"""At most so many rooms and workshops per client address (``--max-rooms-per-address``),
over a real server and python-socketio clients; other addresses come through a trusted
proxy's ``X-Forwarded-For`` (transport/addresses.py)."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any

from tests.support.fixtures import ServerFactory
from tests.support.player import GameClient, new_command_id
from tests.support.server import ServerProcess
from tests.support.workshop import BOARD, CARDS

LIMIT = 2
WINDOW = 5
"""Seconds: long enough to make the limit's rooms in, short enough to wait out."""


def limited_server(server_factory: ServerFactory) -> ServerProcess:
    return server_factory(
        extra_args=[
            "--max-rooms-per-address",
            str(LIMIT),
            "--rooms-per-address-window",
            str(WINDOW),
            "--trusted-proxy",
            "127.0.0.1",
        ]
    )


async def client_from(server: ServerProcess, address: str | None = None) -> GameClient:
    headers = {"X-Forwarded-For": address} if address else None
    return await GameClient.connected(server.url, headers=headers)


def stored_rooms(server: ServerProcess) -> int:
    with sqlite3.connect(server.data_dir / "rooms.sqlite3") as db:
        return int(db.execute("SELECT count(*) FROM rooms").fetchone()[0])


async def create(client: GameClient, command_id: str) -> dict[str, Any]:
    return await client.create_room(BOARD, CARDS[:1], command_id=command_id, check=False)


async def create_workshop(client: GameClient, command_id: str, tables: int) -> dict[str, Any]:
    payload = {
        "command_id": command_id,
        "board_id": BOARD,
        "card_ids": CARDS,
        "tables": {"count": tables},
    }
    return dict(await client.call("create_room", payload))


async def test_rooms_per_address_are_limited_resends_answered_and_the_window_slides(
    server_factory: ServerFactory,
) -> None:
    server = limited_server(server_factory)
    fac = await client_from(server)
    try:
        ids = [new_command_id() for _ in range(LIMIT)]
        made = [await create(fac, command_id) for command_id in ids]
        assert all(reply["ok"] for reply in made), made

        refused_id = new_command_id()
        refused = await create(fac, refused_id)
        assert refused["ok"] is False
        error = refused["error"]
        assert error["code"] == "too_many_rooms", error
        assert f"made {LIMIT} rooms or workshops" in error["message"]
        assert "wait" in error["message"]
        assert 1 <= error["retry_after"] <= WINDOW
        assert stored_rooms(server) == LIMIT, "a refused create_room stored nothing"

        # A resend of an allowed request is answered as before, past the limit too.
        again = await create(fac, ids[0])
        assert again["ok"], again
        assert again["code"] == made[0]["code"]
        assert again["facilitator_token"] == made[0]["facilitator_token"]
        assert stored_rooms(server) == LIMIT

        # Once the oldest creation is a window old, the refused request goes through. The
        # server's own answer says when: ask again until it does.
        deadline = time.monotonic() + WINDOW + 30
        while not (reply := await create(fac, refused_id))["ok"]:
            assert reply["error"]["code"] == "too_many_rooms", reply
            assert time.monotonic() < deadline, "the window never let a room through"
            await asyncio.sleep(0.2)
        assert reply["code"] not in {m["code"] for m in made}
        assert stored_rooms(server) == LIMIT + 1
        assert "refused a create_room from 127.0.0.1" in server.log_text()
    finally:
        await fac.close()


async def test_other_addresses_are_counted_apart_and_a_workshop_counts_once(
    server_factory: ServerFactory,
) -> None:
    server = limited_server(server_factory)
    local, office, other = (
        await client_from(server),
        await client_from(server, "203.0.113.7"),
        await client_from(server, "198.51.100.20"),
    )
    try:
        for _ in range(LIMIT):
            assert (await create(local, new_command_id()))["ok"]
        assert (await create(local, new_command_id()))["error"]["code"] == "too_many_rooms"

        # An office behind one address: a workshop of 4 tables opens 5 rooms in the store
        # (the workshop and its tables) and counts as one creation.
        before = stored_rooms(server)
        workshop = await create_workshop(office, new_command_id(), tables=4)
        assert workshop["ok"], workshop
        assert stored_rooms(server) == before + 5
        assert (await create(office, new_command_id()))["ok"]
        refused = await create_workshop(office, new_command_id(), tables=2)
        assert refused["error"]["code"] == "too_many_rooms", refused
        assert stored_rooms(server) == before + 6

        # A refused address does not stop anyone else.
        assert (await create(other, new_command_id()))["ok"]
    finally:
        for client in (local, office, other):
            await client.close()


async def test_a_reused_id_or_unknown_content_uses_up_no_place(
    server_factory: ServerFactory,
) -> None:
    server = limited_server(server_factory)
    fac = await client_from(server)
    try:
        unknown = await fac.create_room("no-such-board", CARDS[:1], check=False)
        assert unknown["error"]["code"] == "unknown_content", unknown
        first_id = new_command_id()
        assert (await create(fac, first_id))["ok"]
        # The same id with another request: refused, nothing made, and the first room
        # still counts (a trick to uncount rooms does not work).
        reused = await fac.create_room(BOARD, CARDS[1:2], command_id=first_id, check=False)
        assert reused["error"]["code"] == "bad_request", reused
        assert (await create(fac, new_command_id()))["ok"]
        assert (await create(fac, new_command_id()))["error"]["code"] == "too_many_rooms"
        assert stored_rooms(server) == LIMIT
    finally:
        await fac.close()
