"""The facilitator is told who is online: a ``presence`` event, never an update.

Over a real server with real python-socketio clients: presence on ``enter``, a player who
drops goes offline and comes back online, players and projectors never receive it, and
nothing of it reaches the room's versions (it is connection state, not game state).
"""

from __future__ import annotations

from typing import Any

from tests.support.game import open_table
from tests.support.player import GameClient
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"


def last_online(client: GameClient) -> list[str] | None:
    seen = [data["online"] for name, data in client.events if name == "presence"]
    return seen[-1] if seen else None


async def wait_online(client: GameClient, expected: set[str]) -> None:
    await client.wait_until(lambda c: set(last_online(c) or ["?"]) == expected, within=15)


async def test_facilitator_sees_players_go_offline_and_back(server: ServerProcess) -> None:
    table = await open_table(server.url, "schaal-5", [CARD], players=["Ann", "Bas"], projector=True)
    fac = table.fac
    ann, bas = table.players
    try:
        ids = {str(ann.player_id), str(bas.player_id)}
        await wait_online(fac, ids)
        version = fac.version

        await bas.disconnect()
        await wait_online(fac, {str(ann.player_id)})
        # Connection state, not game state: no new version, and Bas is still seated.
        assert fac.version == version
        assert fac.view is not None and fac.view["players"][str(bas.player_id)]["active"]

        await bas.reconnect()
        await wait_online(fac, ids)
        assert fac.version == version

        # Only the facilitator's connections are told.
        for other in (ann, bas, table.projector):
            assert other is not None
            assert not any(name == "presence" for name, _ in other.events), other
    finally:
        await table.close()


async def test_presence_is_sent_on_enter(server: ServerProcess) -> None:
    table = await open_table(server.url, "schaal-5", [CARD], players=["Ann"])
    fac = table.fac
    try:
        await wait_online(fac, {str(table.players[0].player_id)})
        assert fac.created is not None
        second = await GameClient.connected(server.url, name="second-screen")
        try:
            await second.enter(str(fac.code), fac.created["facilitator_token"])
            await wait_online(second, {str(table.players[0].player_id)})
        finally:
            await second.close()
    finally:
        await table.close()


async def test_reveal_for_an_absent_player_in_one_command(server: ServerProcess) -> None:
    """A player who dropped no longer blocks a hidden round: the facilitator reveals."""
    table = await open_table(server.url, "schaal-5", [CARD], players=["Ann", "Bas"])
    fac = table.fac
    ann, bas = table.players
    try:
        await fac.do("start")
        await fac.do("next_step")  # place
        await ann.do("place_pawn", position={"square": 2})
        await bas.disconnect()
        await wait_online(fac, {str(ann.player_id)})
        view: Any = await fac.wait_for(lambda v: v["still_to_place"] == [str(bas.player_id)])
        assert view["phase"] == "place"
        await fac.do("reveal_placements")
        shown = await ann.wait_for(lambda v: not v["placements"][CARD]["first"]["hidden"])
        assert shown["placements"][CARD]["first"]["positions"][str(ann.player_id)]
    finally:
        await table.close()
