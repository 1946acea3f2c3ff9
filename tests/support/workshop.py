"""A workshop over a real server: a facilitator, participants who join with the workshop
code and then sit at their table (``enter`` with the table token the join answer gives),
and helpers to follow a participant to another table, as the web client does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .player import CommandFailed, GameClient, new_command_id

BOARD = "schaal-5"
CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie", "leerklimaat/feedback"]


@dataclass
class Participant:
    """One person: ``client`` sits at their table; ``workshop_token`` brings them back."""

    name: str
    client: GameClient
    participant_id: str
    workshop_code: str
    workshop_token: str
    table_id: str | None
    table_tokens: list[str] = field(default_factory=list)
    """Every table token this participant was handed, oldest first."""

    async def sit_down(self) -> dict[str, Any]:
        """Enter the workshop with the workshop token and then the table its view names."""
        reply = await self.client.enter(self.workshop_code, self.workshop_token)
        table = reply["view"]["table"]
        assert table is not None, f"{self.name} has no table"
        self.table_id = table["id"]
        self.table_tokens.append(table["token"])
        return await self.client.enter(table["code"], table["token"])

    async def go_to_plenary(self, url: str | None = None) -> dict[str, Any]:
        """Enter the workshop again (on ``url``: another process) and follow its view to
        the plenary room with the token it hands out, as the web client does."""
        if url is not None and url != self.client.url:
            await self.client.close()
            self.client = await GameClient.connected(url, name=self.name)
        reply = await self.client.enter(self.workshop_code, self.workshop_token)
        plenary = reply["view"]["plenary"]
        assert plenary is not None, f"{self.name}: no plenary in the workshop view"
        return await self.client.enter(plenary["code"], plenary["token"])


@dataclass
class Workshop:
    fac: GameClient
    created: dict[str, Any]
    people: list[Participant] = field(default_factory=list)

    @property
    def code(self) -> str:
        return str(self.created["code"])

    def tables(self) -> dict[str, Any]:
        assert self.fac.view is not None
        return dict(self.fac.view["tables"])

    def at(self, table_id: str) -> list[Participant]:
        return [p for p in self.people if p.table_id == table_id]

    def person(self, name: str) -> Participant:
        return next(p for p in self.people if p.name == name)

    async def do(self, type_: str, **fields: Any) -> dict[str, Any]:
        return await self.fac.do(type_, **fields)

    async def plenary_client(self, url: str, token_field: str = "facilitator_token") -> GameClient:
        """A new connection in the plenary room with the token the facilitator's workshop
        view gives (``facilitator_token`` or ``projector_token``)."""
        assert self.fac.view is not None and self.fac.view["plenary"] is not None
        plenary = self.fac.view["plenary"]
        client = await GameClient.connected(url, name=f"plenary-{token_field}")
        await client.enter(plenary["code"], plenary[token_field])
        return client

    async def close(self) -> None:
        for client in [self.fac, *(p.client for p in self.people)]:
            await client.close()


async def create_workshop(
    url: str,
    *,
    tables: dict[str, Any],
    seating: str = "spread",
    steering: str = "tables",
    options: dict[str, Any] | None = None,
    command_id: str | None = None,
) -> Workshop:
    fac = await GameClient.connected(url, name="facilitator")
    payload: dict[str, Any] = {
        "command_id": command_id or new_command_id(),
        "board_id": BOARD,
        "card_ids": CARDS,
        "tables": tables,
        "seating": seating,
        "steering": steering,
        "options": options or {"hidden_placements": True},
    }
    reply = await fac.call("create_room", payload)
    if not reply.get("ok"):
        raise CommandFailed("create_room with tables", reply)
    fac.created = reply
    fac._adopt(reply, code=reply["code"], token=reply["facilitator_token"])
    return Workshop(fac=fac, created=reply)


async def join(
    url: str,
    workshop: Workshop,
    name: str,
    *,
    table_id: str | None = None,
    sit: bool = True,
    command_id: str | None = None,
) -> Participant:
    client = await GameClient.connected(url, name=name)
    payload: dict[str, Any] = {
        "code": workshop.code,
        "name": name,
        "command_id": command_id or new_command_id(),
    }
    if table_id is not None:
        payload["table_id"] = table_id
    reply = await client.call("join", payload)
    if not reply.get("ok"):
        await client.close()
        raise CommandFailed(f"join {name}", reply)
    client._adopt(reply, code=workshop.code, token=reply["token"])
    person = Participant(
        name=name,
        client=client,
        participant_id=reply["participant_id"],
        workshop_code=workshop.code,
        workshop_token=reply["token"],
        table_id=reply["table"]["id"] if reply["table"] else None,
    )
    workshop.people.append(person)
    if reply["table"] is not None:
        person.table_tokens.append(reply["table"]["token"])
    if sit and reply["table"] is not None:
        await client.enter(reply["table"]["code"], reply["table"]["token"])
    return person


async def join_all(url: str, workshop: Workshop, names: Sequence[str]) -> list[Participant]:
    return [await join(url, workshop, name) for name in names]
