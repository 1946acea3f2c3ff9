"""A version stored by a process that died before announcing it still reaches every client.

The issue's scenario: Redis is paused; the facilitator's command on process A is answered
``store_unavailable``; A is killed; Redis resumes and runs A's write after all; the
facilitator resends on B (``duplicate: true``). A player on C, in a room that then stays
quiet, must still get that version."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from game_server.room import RoomAuthority
from game_server.rules import COMMAND, Actor
from game_server.stores.redis import RedisStore
from tests.support.server import ServerProcess

from .cluster import send, spread_table
from .redis_server import RedisServer

pytestmark = pytest.mark.redis

CARDS = ["leerklimaat/veiligheid"]


@pytest.mark.parametrize(
    "check_every",
    ["5", "0"],
    ids=["with-version-checks", "by-the-catch-up-publishing-alone"],
)
async def test_a_version_whose_writer_died_reaches_a_third_process(
    redis_server: RedisServer,
    redis_store: RedisStore,
    server_factory: Callable[..., ServerProcess],
    tmp_path: Path,
    check_every: str,
) -> None:
    a, b, c = (
        server_factory(
            data_dir=tmp_path / f"unused{i}",
            extra_args=["--redis-url", redis_server.url, "--version-check-every", check_every],
            allow_tracebacks=True,
        )
        for i in range(3)
    )
    table = await spread_table([a.url, b.url, c.url], "schaal-5", CARDS, players=2)
    try:
        fac, on_c = table.fac, table.players[1]
        assert fac.url == a.url and on_c.url == c.url
        before = on_c.version
        command = {"type": "next_step", "command_id": "written-by-a-dying-process"}

        redis_server.pause()
        try:
            reply = await fac.call("command", command, 10)
            assert reply["error"]["code"] == "store_unavailable", reply
            await a.akill()
        finally:
            redis_server.resume()
        stored = await redis_store.current_version(table.code)
        assert stored == before + 1, "the write A sent before it died did not land"

        # The facilitator's client moves to B by itself and resends.
        again = await send(fac, "next_step", command_id=command["command_id"])
        assert again["ok"] and again["duplicate"] and again["version"] == stored, again

        # Nothing else happens in the room; the player on C still gets the version.
        await on_c.wait_version(stored, 20)
        assert on_c.view == (await on_c.fresh_enter(c.url))["view"]
    finally:
        await table.close()
        await asyncio.gather(*(s.astop(5) for s in (b, c)))


async def test_a_version_nobody_published_reaches_every_client_by_the_version_checks(
    cluster: list[ServerProcess], redis_store: RedisStore
) -> None:
    """A version stored by a process that never published it at all (here: this test's
    own store, like a process killed between its write and its publish): the processes'
    periodic version checks (every 5 s by default) bring it to every client."""
    table = await spread_table([s.url for s in cluster], "schaal-5", CARDS, players=2)
    try:
        writer = await RoomAuthority.load(table.code, redis_store)
        command = COMMAND.validate_python({"type": "next_step", "command_id": "never-published"})
        outcome = await writer.handle(Actor("facilitator"), command)
        # Nothing else happens in the room.
        await table.settle(outcome.version, wait=20)
    finally:
        await table.close()
