"""SIGKILL the server mid-game right after acknowledgements arrive, start it again on the
same data dir and port: every acknowledged command is still there, the clients reconnect
and ``enter`` by themselves, and the game goes on to the end."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support.game import Table, open_table
from tests.support.player import GameClient, new_command_id
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"
NAMES = ["Ann", "Bas", "Cor", "Dee"]


async def kill_and_restart(server: ServerProcess, table: Table) -> None:
    """SIGKILL, start again, and wait until every client has entered again."""
    entered = {id(c): c.enters for c in table.clients}
    pid = server.pid
    assert await server.akill() == -9
    await server.astart()
    assert server.pid != pid
    await asyncio.gather(
        *(c.wait_until(lambda c: c.enters > entered[id(c)], within=30) for c in table.clients)
    )


def assert_all_ok(replies: list[dict[str, Any]]) -> None:
    for reply in replies:
        assert reply["ok"] is True and reply["duplicate"] is False, reply


async def burst(table: Table, make: Any) -> list[dict[str, Any]]:
    """Every player sends at the same moment; returns the replies."""
    return list(await asyncio.gather(*(make(p) for p in table.players)))


async def test_acknowledged_commands_survive_sigkill(server: ServerProcess) -> None:
    table = await open_table(server.url, "schaal-5", [CARD], players=NAMES, projector=True)
    fac = table.fac
    ids = {p.name: str(p.player_id) for p in table.players}
    squares = {"Ann": 1, "Bas": 2, "Cor": 4, "Dee": 5}
    try:
        await fac.do("start")
        await fac.do("next_step")  # place

        # 1. Placements and post-its from everyone at once; SIGKILL as soon as all acks
        #    are in. Four more post-its are still on their way when the process dies.
        async def place_and_write(p: GameClient) -> list[dict[str, Any]]:
            return list(
                await asyncio.gather(
                    p.command("place_pawn", position={"square": squares[p.name]}),
                    p.command("add_post_it", colour="green", text=f"Groen van {p.name}"),
                )
            )

        acked = [r for pair in await burst(table, place_and_write) for r in pair]
        in_flight = {p.name: new_command_id() for p in table.players}
        for p in table.players:
            await p.send_command(
                "add_post_it", command_id=in_flight[p.name], colour="pink", text=f"? {p.name}"
            )
        await kill_and_restart(server, table)
        assert_all_ok(acked)
        acked_version = max(r["version"] for r in acked)
        green = {r["result"]["post_it_id"] for r in acked if "post_it_id" in r["result"]}
        assert len(green) == 4

        await table.settle()
        assert fac.version >= acked_version
        for client in table.clients:
            view = client.view or {}
            assert client.snapshots >= 2 or client.caught_up_with_updates >= 1
            assert view["phase"] == "place"
            assert green <= set(view["post_its"])
            assert len(view["placements"][CARD]["first"]["positions"]) == 4
            assert view["placements"][CARD]["first"]["hidden"] is False  # all placed
        assert (fac.view or {})["placements"][CARD]["first"]["positions"] == {
            ids[n]: {"square": s} for n, s in squares.items()
        }
        await table.assert_views_match_fresh_enter()

        # The commands whose acks were lost are resent with the same command ids: each
        # is applied exactly once, whether or not it was stored before the kill.
        resent = await asyncio.gather(
            *(
                p.command(
                    "add_post_it", command_id=in_flight[p.name], colour="pink", text=f"? {p.name}"
                )
                for p in table.players
            )
        )
        assert all(r["ok"] for r in resent), resent
        await table.settle()
        texts = [p["text"] for p in (fac.view or {})["post_its"].values()]
        for name in NAMES:
            assert texts.count(f"? {name}") == 1

        # 2. The facilitator moves on; SIGKILL right after that ack and a burst of post-its.
        moved = await fac.command("next_step")
        written = await burst(
            table,
            lambda p: p.command("add_post_it", colour="pink", text=f"Vraag van {p.name}"),
        )
        await kill_and_restart(server, table)
        assert_all_ok([moved, *written])
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert view["phase"] == "discuss"
            assert {r["result"]["post_it_id"] for r in written} <= set(view["post_its"])
            assert len(view["post_its"]) == 12
        await table.assert_views_match_fresh_enter()

        # 3. And the game goes on to the end.
        await fac.do("next_step")  # revise
        for name, square in squares.items():
            await table.player(name).do("place_pawn", position={"square": 6 - square})
        await fac.do("next_step")  # sort
        await fac.do("set_pile", item="card", id=CARD, pile="red")
        await fac.do("next_step")  # summary
        await fac.do("end_game")
        await kill_and_restart(server, table)
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert view["phase"] == "closed"
            assert view["cards"][CARD]["pile"] == "red"
            assert view["figures"][CARD]["shift"] == 0.0
        await table.assert_views_match_fresh_enter()
    finally:
        await table.close()


async def test_a_create_resent_after_a_restart_answers_the_same_room(
    server: ServerProcess,
) -> None:
    """The embedded store remembers which room a create command made, so a resend after
    the acknowledgement was lost (here: the server restarted) does not open a second room."""
    command_id = new_command_id()
    client = GameClient(server.url, reconnection=False)
    await client.connect()
    first = await client.create_room("schaal-5", [CARD], command_id=command_id)
    await client.close()
    await server.arestart()
    client = GameClient(server.url, reconnection=False)
    await client.connect()
    try:
        again = await client.create_room("schaal-5", [CARD], command_id=command_id)
        other = await client.create_room("schaal-5", [CARD])
    finally:
        await client.close()
    for key in ("code", "facilitator_token", "projector_token"):
        assert again[key] == first[key], key
    assert other["code"] != first["code"]
