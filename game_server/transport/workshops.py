"""The workshop half of the gateway: creating, joining and entering a workshop, carrying
its commands to its tables, and sending its versions to its audiences.

A workshop is served on the same four events as a room (``create_room`` with ``tables``,
``join``, ``enter``, ``command``); the gateway hands a workshop's requests here. What the
workshop decides reaches its tables through ``Carry`` before the answer goes out, so a
participant who is told their table can enter it at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..room import ReusedCommandId, RoomAuthority
from ..room.authority import AdoptedVersion
from ..room.clock import now_ms
from ..room.workshops import create_workshop
from ..rules import GUEST, Actor, Room, Viewer
from ..rules import workshop as ws
from ..rules.workshop.create import CreateWorkshop
from ..rules.workshop.seats import JoinWorkshop
from . import audiences
from .emit import send_to_group
from .overview import full
from .replies import error
from .requests import JoinRequest, sealed_id

if TYPE_CHECKING:
    from .gateway import Gateway

REUSED_ID = "This command_id was already used for another request; make a new one."


def _orders(adopted: AdoptedVersion | None) -> set[str]:
    if adopted is None:
        return set()
    return {e["order_id"] for e in adopted.events if e["type"] == "order_given"}


class WorkshopDesk:
    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    # -- the requests -------------------------------------------------------------------

    async def create(self, sid: str, request: CreateWorkshop) -> dict[str, Any]:
        g = self.gateway
        sealed = request.model_copy(update={"command_id": sealed_id(request.command_id)})
        try:
            code = await create_workshop(g.rooms, sealed)
        except ReusedCommandId:
            return error("bad_request", REUSED_ID)
        authority = await g.rooms.get(code)
        await g.fanout.follow(code)
        await self._carry(authority, redo=True)  # opens the tables' rooms
        workshop = self._workshop(authority)
        reply = await self.enter(sid, authority, Actor("facilitator"), None)
        return {
            **reply,
            "code": code,
            "facilitator_token": ws.facilitator_token(workshop),
            "projector_token": ws.projector_token(workshop),
        }

    async def join(
        self, sid: str, authority: RoomAuthority, request: JoinRequest
    ) -> dict[str, Any]:
        g = self.gateway
        command = JoinWorkshop(
            type="join_workshop",
            name=request.name,
            table_id=request.table_id,
            command_id=sealed_id(request.command_id),
        )
        try:
            outcome = await authority.handle(GUEST, command)
        finally:
            await g.send(authority)
        participant_id = str(outcome.result["participant_id"])
        workshop = self._workshop(authority)
        seated = workshop.participants[participant_id].name
        if outcome.duplicate and _folded(seated) != _folded(command.name):
            g._fail(sid)
            return error("bad_request", REUSED_ID)
        # Seat them at their table (and in an open plenary) before answering: the answer
        # hands them its token.
        table_id = workshop.participants[participant_id].table_id
        if table_id is not None or workshop.plenary is not None:
            await self._carry(authority, only=table_id or ws.model.PLENARY_ID)
        reply = g._bind(sid, authority, Actor("participant", participant_id))
        return {
            **reply,
            "token": ws.participant_token(workshop, participant_id),
            "participant_id": participant_id,
            "table": reply["view"]["table"] if "view" in reply else None,
        }

    async def enter(
        self, sid: str, authority: RoomAuthority, actor: Actor, since: int | None
    ) -> dict[str, Any]:
        g = self.gateway
        workshop = self._workshop(authority)
        if actor.role == "participant":
            participant = workshop.participants[str(actor.player_id)]
            if participant.table_id is not None or workshop.plenary is not None:
                await self._carry(authority, only=participant.table_id or ws.model.PLENARY_ID)
            return g._bind(sid, authority, actor, since)
        if actor.role == "facilitator":
            await self._carry(authority, redo=True)
        rooms = await self.watch(authority)
        reply = g._bind(sid, authority, actor, since)
        reply["overview"] = full(self._workshop(authority), rooms)
        return reply

    async def carried(self, authority: RoomAuthority, adopted: AdoptedVersion | None) -> None:
        """After a workshop command: carry it to the tables."""
        if adopted is None:
            return
        await self._carry(authority, adopted=adopted)

    # -- tables ------------------------------------------------------------------------

    async def watch(self, authority: RoomAuthority) -> dict[str, Room]:
        """Load and follow the workshop's tables so the overview stays current here."""
        g = self.gateway
        workshop = self._workshop(authority)
        g.overview.watch(workshop)
        rooms: dict[str, Room] = {}
        for table in workshop.tables.values():
            room = await g.carry.table(workshop, table)
            if room is None:
                continue
            await g.fanout.follow(table.code)
            if isinstance(room.room, Room):
                rooms[table.code] = room.room
        return rooms

    async def _carry(
        self,
        authority: RoomAuthority,
        *,
        only: str | None = None,
        adopted: AdoptedVersion | None = None,
        redo: bool = False,
    ) -> None:
        g = self.gateway
        moved = await g.carry.carry(authority, _orders(adopted), redo=redo, only=only)
        await self._send(moved)

    async def _send(self, moved: Iterable[RoomAuthority]) -> None:
        for table in moved:
            await self.gateway.send(table)

    # -- sending a workshop version ------------------------------------------------------

    async def broadcast(self, authority: RoomAuthority, adopted: AdoptedVersion) -> None:
        """Each audience here gets its own ops for one workshop version: a participant's
        view is their own, so each connected participant gets theirs."""
        g = self.gateway
        code, after = authority.code, self._workshop_of(adopted.room)
        before = adopted.previous if isinstance(adopted.previous, ws.Workshop) else None
        now = now_ms()

        async def send(viewer: Viewer, group: str) -> None:
            if before is None:
                ops = [["set", [k], v] for k, v in ws.view(after, viewer).items()]
            else:
                ops = ws.updates(before, after, viewer)
            if ops:
                message = {"version": adopted.version, "ops": ops, "server_time": now}
            else:
                message = {"version": adopted.version, "ops": [], "server_time": now}
            await send_to_group(g.sio, "update", message, group)

        if code in g.overview.watched and any(e["type"] == "table_added" for e in adopted.events):
            # A new table (size mode, add_table; here or on another process): watch it
            # before anything is carried to it, so its first version is in the overview.
            await self.watch(authority)
        await send(Viewer("facilitator"), audiences.facilitators(code))
        await send(Viewer("projector"), audiences.projectors(code))
        participants = set()
        for sid in g.connections.in_room(code):
            binding = g.connections.get(sid)
            if binding is not None and binding.actor.role == "participant":
                participants.add(str(binding.actor.player_id))
        for participant_id in sorted(participants):
            if participant_id in after.participants:
                viewer = Viewer("participant", participant_id)
                await send(viewer, audiences.player(code, participant_id))

    @staticmethod
    def _workshop(authority: RoomAuthority) -> ws.Workshop:
        return WorkshopDesk._workshop_of(authority.room)

    @staticmethod
    def _workshop_of(state: object) -> ws.Workshop:
        assert isinstance(state, ws.Workshop)
        return state


def _folded(name: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", name).casefold()
