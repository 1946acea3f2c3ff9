"""Randomised runs in the style of Yjs's fuzz tests: clients on different processes act
at random while their connections drop, come back and move between processes; every
run must end with every client holding exactly the room the store holds.

Each seed is a different run; a failure names its seed, and the run can be repeated
with ``-k <seed>``.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from typing import Any

import pytest

from game_server.stores.redis import RedisStore
from tests.support.player import new_command_id
from tests.support.server import ServerProcess

from .cluster import RoamingClient, SpreadTable, assert_converged, send, spread_table

pytestmark = pytest.mark.redis

SEEDS = [11, 23, 37, 41]
STEPS = 30
CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie", "leerklimaat/openheid"]


def player_action(rng: random.Random, client: RoamingClient) -> tuple[str, dict[str, Any]]:
    view = client.view or {}
    mine = [p for p in view.get("post_its", {}).values() if p.get("mine")]
    choice = rng.random()
    if choice < 0.35:
        return "place_pawn", {"position": {"square": rng.randint(1, 5)}}
    if choice < 0.7 or not mine:
        colour = rng.choice(["green", "pink"])
        return "add_post_it", {"colour": colour, "text": f"{client.name}: {rng.random():.6f}"}
    target = rng.choice(mine)["id"]
    if choice < 0.85:
        return "edit_post_it", {"post_it_id": target, "text": f"bewerkt {rng.random():.6f}"}
    return "delete_post_it", {"post_it_id": target}


def facilitator_action(rng: random.Random) -> tuple[str, dict[str, Any]]:
    return rng.choices(
        [
            ("next_step", {}),
            ("back_step", {}),
            ("reveal_placements", {}),
            ("start_timer", {"seconds": 60}),
            ("lock_post_its", {}),
            ("unlock_post_its", {}),
        ],
        weights=[6, 1, 2, 1, 1, 1],
    )[0]


def action(
    rng: random.Random, table: SpreadTable, client: RoamingClient
) -> tuple[str, dict[str, Any]]:
    return facilitator_action(rng) if client is table.fac else player_action(rng, client)


async def drop(client: RoamingClient) -> None:
    """Lose the connection without a goodbye.

    On WebSocket the socket is closed under the client, as a network would, and
    python-socketio reconnects by itself. Long-polling has no socket to cut from the
    client side, so there the client leaves and comes back at once.
    """
    eio = client.sio.eio
    if eio.current_transport == "websocket" and eio.ws is not None:
        with contextlib.suppress(Exception):
            await eio.ws.close()
    else:
        await client.disconnect()
        await client.reconnect()


async def wander(rng: random.Random, table: SpreadTable, client: RoamingClient) -> None:
    """One client's run: act, and now and then lose or drop its connection."""
    for _ in range(STEPS):
        roll = rng.random()
        if roll < 0.12:
            # Leave cleanly and come back on a process of chance, with the last version.
            await client.disconnect()
            await asyncio.sleep(rng.uniform(0, 0.2))
            client.home = rng.randrange(len(client.urls))
            client.url = client.urls[client.home]
            await client.reconnect()
        elif roll < 0.2:
            # Send a command and lose the connection before the answer: the resend with
            # the same id must be answered once, however the first attempt ended.
            kind, fields = action(rng, table, client)
            command_id = new_command_id()
            payload = {"type": kind, "command_id": command_id, **fields}
            with contextlib.suppress(Exception):
                await client.sio.emit("command", payload)
            await drop(client)
            await send(client, kind, command_id=command_id, **fields)
        else:
            kind, fields = action(rng, table, client)
            reply = await send(client, kind, **fields)
            # Refusals (wrong phase, locked post-its, ...) are part of the game.
            assert reply["ok"] or reply["error"]["code"] not in ("internal_error", "bad_request"), (
                reply
            )
        await asyncio.sleep(rng.uniform(0, 0.05))


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_play_with_dropped_connections_converges(
    cluster: list[ServerProcess], redis_store: RedisStore, seed: int
) -> None:
    rng = random.Random(seed)
    urls = [s.url for s in cluster]
    transports = rng.choice([("websocket",), ("polling",)])
    table = await spread_table(urls, "schaal-5", CARDS, players=4, transports=transports)
    try:
        await send(table.fac, "start")
        clients = [table.fac, *table.players]
        assert len({c.url for c in clients}) == len(urls)
        runs = [wander(random.Random(rng.random()), table, c) for c in clients]
        try:
            await asyncio.wait_for(asyncio.gather(*runs), 90)
        except TimeoutError:
            states = "\n".join(
                f"{c!r} connected={c.connected_now} resuming={c._resuming} "
                f"resumes={c.resumes} errors={c.errors} last={c.events[-3:]}"
                for c in clients
            )
            raise AssertionError(f"seed {seed}: the run did not finish:\n{states}") from None
        for client in table.clients:
            client.check()
        entries = await redis_store.load(table.code)
        await assert_converged(table, entries)
    finally:
        await table.close()
