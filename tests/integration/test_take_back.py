"""The host takes steering back after the player it was handed to lost their laptop.

Over a real server with real python-socketio clients: on the host's own connection (which
stays bound, as ``host``), on a new connection with the same facilitator token, and after
a server restart (the room read back from the store)."""

from __future__ import annotations

from tests.support.game import open_table
from tests.support.player import GameClient
from tests.support.server import ServerProcess

CARDS = ["leerklimaat/veiligheid"]


def last_online(client: GameClient) -> list[str] | None:
    seen = [data["online"] for name, data in client.events if name == "presence"]
    return seen[-1] if seen else None


async def test_host_takes_steering_back_from_a_player_who_vanished(
    server: ServerProcess,
) -> None:
    table = await open_table(server.url, "schaal-5", CARDS, players=["Ann", "Bas"])
    fac, ann, bas = table.fac, table.player("Ann"), table.player("Bas")
    try:
        await fac.do("start")
        await fac.do("hand_over", player_id=ann.player_id)
        await fac.wait_until(lambda c: c.role == "host")
        await ann.wait_until(lambda c: c.role == "facilitator")

        # Ann's laptop is gone; nobody else may steer.
        await ann.close()
        table.players.remove(ann)
        assert (await bas.command("next_step"))["error"]["code"] == "not_allowed"
        assert (await fac.command("next_step"))["error"]["code"] == "not_allowed"
        # The host is told who is online, so it sees that Ann is gone.
        await fac.wait_until(lambda c: last_online(c) == [bas.player_id], within=15)

        after = len(fac.events)
        taken = await fac.do("take_back")
        snapshot = await fac.wait_event("snapshot", after=after)
        assert snapshot["role"] == "facilitator" and snapshot["version"] == taken["version"]
        assert fac.view is not None and fac.view["facilitator_player_id"] is None
        await fac.do("next_step")  # steering again
        await bas.wait_for(lambda v: v["phase"] == "place")

        # Ann comes back with her token: a player again, her seat kept.
        back = await GameClient.connected(server.url, name="Ann again")
        table.players.append(back)
        assert ann.token is not None
        reply = await back.enter(table.code, ann.token)
        assert reply["role"] == "player" and reply["player_id"] == ann.player_id
        assert (await back.command("next_step"))["error"]["code"] == "not_allowed"
        await table.assert_views_match_fresh_enter()
    finally:
        await table.close()


async def test_host_token_on_a_new_laptop_and_after_a_restart(server: ServerProcess) -> None:
    table = await open_table(server.url, "schaal-5", CARDS, players=["Ann"])
    fac, ann = table.fac, table.players[0]
    assert fac.created is not None
    host_token = fac.created["facilitator_token"]
    code = table.code
    try:
        await fac.do("hand_over", player_id=ann.player_id)
        await fac.wait_until(lambda c: c.role == "host")
        await fac.close()
        await ann.close()
        table.players.clear()
        await server.arestart()

        host = await GameClient.connected(server.url, name="host again")
        table.fac = host
        entered = await host.enter(code, host_token)
        assert entered["role"] == "host"
        assert entered["view"]["me"] == {"role": "host", "player_id": None}
        await host.do("take_back")
        await host.wait_until(lambda c: c.role == "facilitator")
        await host.do("start")
        # And once more: handed over and taken back with the same token.
        back = await GameClient.connected(server.url, name="Ann again")
        table.players.append(back)
        assert ann.token is not None
        await back.enter(code, ann.token)
        await host.do("hand_over", player_id=ann.player_id)
        await host.wait_until(lambda c: c.role == "host")
        await back.wait_until(lambda c: c.role == "facilitator")
        await host.do("take_back")
        await host.wait_until(lambda c: c.role == "facilitator")
        await back.wait_until(lambda c: c.role == "player")
    finally:
        await table.close()
