"""One scenario for both stores: a resent ``join``/``create_room`` id is answered to the
client that chose it, and to nobody else.

``store_text`` returns everything the store holds, raw (the SQLite file's rows, every
Redis key's value), so the test can check that the ids themselves were never written.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from game_server.transport.requests import sealed_id

from .player import GameClient, new_command_id

CARD = "leerklimaat/veiligheid"


async def replayed_ids_hand_over_nothing(
    url: str, store_text: Callable[[], Awaitable[str]]
) -> None:
    clients: list[GameClient] = []

    async def connected() -> GameClient:
        client = await GameClient.connected(url, reconnection=False)
        clients.append(client)
        return client

    try:
        create_id, join_id = new_command_id(), new_command_id()
        fac = await connected()
        created = await fac.create_room("schaal-5", [CARD], command_id=create_id)
        code = created["code"]
        ann = await connected()
        joined = await ann.join(code, "Ann", command_id=join_id)

        # Neither id is in the store: what a reader of the data finds cannot be replayed.
        text = await store_text()
        assert code in text and "Ann" in text
        assert join_id not in text and create_id not in text
        assert sealed_id(join_id) in text

        thief = await connected()
        # The stored key, sent as an id, is a new join: Ann's name is taken, no seat given.
        stolen = await thief.join(code, "Ann", command_id=sealed_id(join_id), check=False)
        assert stolen["ok"] is False and stolen["error"]["code"] == "name_taken", stolen
        # Ann's own id under another name is not a resend of her join.
        stolen = await thief.join(code, "Dief", command_id=join_id, check=False)
        assert stolen["ok"] is False and stolen["error"]["code"] == "bad_request", stolen
        assert "token" not in stolen
        # The same for the room: another request with the facilitator's id gets nothing.
        other = await thief.create_room(
            "schaal-5", [CARD, "leerklimaat/autonomie"], command_id=create_id, check=False
        )
        assert other["ok"] is False and other["error"]["code"] == "bad_request", other

        # Ann herself, resending after a lost acknowledgement, gets her seat back.
        again = await (await connected()).join(code, "ann", command_id=join_id)
        assert (again["player_id"], again["token"]) == (joined["player_id"], joined["token"])
        resent = await (await connected()).create_room("schaal-5", [CARD], command_id=create_id)
        assert resent["code"] == code
        assert resent["facilitator_token"] == created["facilitator_token"]
        assert len(again["view"]["players"]) == 1
    finally:
        for client in clients:
            await client.close()
