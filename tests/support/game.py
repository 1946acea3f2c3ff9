"""A table of clients in one room: a facilitator, optionally a projector, and players.

table = await open_table(server.url, "schaal-5", ["leerklimaat/veiligheid"],
                         players=["Ann", "Bas"], projector=True)
await table.fac.do("start")
await table.settle()                       # every client has the latest version
await table.assert_views_match_fresh_enter()
await table.close()
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .player import GameClient, view_diff


@dataclass
class Table:
    fac: GameClient
    players: list[GameClient]
    projector: GameClient | None = None
    extra: list[GameClient] = field(default_factory=list)

    @property
    def code(self) -> str:
        assert self.fac.code is not None
        return self.fac.code

    @property
    def clients(self) -> list[GameClient]:
        """Every client at the table that is in the room."""
        out = [self.fac, *self.players]
        if self.projector is not None:
            out.append(self.projector)
        return out + self.extra

    def player(self, name: str) -> GameClient:
        return next(p for p in self.players if p.name == name)

    async def settle(self, version: int | None = None, within: float | None = None) -> int:
        """Wait until every client has folded ``version`` (default: the facilitator's)."""
        target = self.fac.version if version is None else version
        await asyncio.gather(*(c.wait_version(target, within) for c in self.clients))
        return target

    async def wait_all(self, predicate: Any, within: float | None = None) -> None:
        """Wait until ``predicate(view)`` holds for every client."""
        await asyncio.gather(*(c.wait_for(predicate, within) for c in self.clients))

    async def assert_views_match_fresh_enter(self) -> None:
        """Every client's folded view equals what a fresh ``enter`` with its token gives."""
        await self.settle()
        for client in self.clients:
            fresh = await client.fresh_enter()
            assert fresh["version"] == client.version, (client, fresh["version"])
            assert fresh["role"] == client.role, (client, fresh["role"])
            differences = view_diff(client.view, fresh["view"])
            assert not differences, f"{client!r}: folded view != fresh view:\n" + "\n".join(
                differences
            )

    async def close(self) -> None:
        await asyncio.gather(*(c.close() for c in self.clients), return_exceptions=True)


async def open_table(
    url: str,
    board_id: str,
    card_ids: Sequence[str],
    *,
    players: Sequence[str],
    projector: bool = False,
    options: dict[str, Any] | None = None,
    transports: Sequence[str] = ("websocket",),
    title: str | None = None,
    own_in_ack: bool = False,
) -> Table:
    """Create a room and have each named player join it (each on their own connection)."""
    fac = await GameClient.connected(
        url, transports=transports, name="facilitator", own_in_ack=own_in_ack
    )
    await fac.create_room(board_id, card_ids, options=options, title=title)
    joined: list[GameClient] = []
    for name in players:
        client = await GameClient.connected(
            url, transports=transports, name=name, own_in_ack=own_in_ack
        )
        await client.join(fac.code or "", name)
        joined.append(client)
    table = Table(fac=fac, players=joined)
    if projector:
        assert fac.created is not None
        viewer = await GameClient.connected(url, transports=transports, name="projector")
        await viewer.enter(fac.code or "", fac.created["projector_token"])
        table.projector = viewer
    await table.settle()
    return table
