"""WebSocket and long-polling clients in one room, at the same burst.

Updates are encoded once per audience and sent to every connection of it; a polling
client needs its packets base64-encoded in a text payload, a WebSocket client as binary
frames. Sharing one cached Engine.IO packet between them broke one or the other, so here
every role has clients on both transports, hidden placements make some updates personal,
and every client must fold every version, in order, into the view a fresh ``enter`` gives.
"""

from __future__ import annotations

import asyncio

from tests.support.game import Table, open_table
from tests.support.player import GameClient
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"


async def test_websocket_and_polling_clients_share_every_update(server: ServerProcess) -> None:
    table = await open_table(
        server.url,
        "schaal-5",
        [CARD],
        players=["Ann", "Bas", "Cor"],
        projector=True,
        options={"hidden_placements": True},
    )
    polling: list[GameClient] = []
    try:
        for name in ("Dee", "Eef", "Fien"):
            client = await GameClient.connected(server.url, transports=["polling"], name=name)
            await client.join(table.code, name)
            polling.append(client)
        projector = await GameClient.connected(server.url, transports=["polling"], name="beamer")
        assert table.fac.created is not None
        await projector.enter(table.code, table.fac.created["projector_token"])
        mixed = Table(fac=table.fac, players=[*table.players, *polling], extra=[projector])
        mixed.projector = table.projector
        assert {c.transport for c in mixed.clients} == {"websocket", "polling"}

        await mixed.fac.do("start")
        await mixed.fac.do("next_step")  # place
        await mixed.settle()
        # Everyone at once: pawns (personal while hidden) and post-its, both transports.
        await asyncio.gather(
            *(
                p.do("place_pawn", position={"square": i % 5 + 1})
                for i, p in enumerate(mixed.players)
            )
        )
        await asyncio.gather(
            *(
                p.do("add_post_it", colour="green" if i % 2 else "pink", text=f"punt {i}")
                for i, p in enumerate(mixed.players)
            )
        )
        await mixed.fac.do("next_step")
        await mixed.settle()

        for client in mixed.clients:
            client.check()
            assert client.resumes == 0, f"{client!r} had to resume"
            assert client.applied == list(range(client.applied[0], client.version + 1)), client
        await mixed.assert_views_match_fresh_enter()
    finally:
        await asyncio.gather(*(c.close() for c in polling), return_exceptions=True)
        await table.close()
