"""Carrying a workshop's decisions to its tables: the shell around ``rules.workshop.carry``.

After a workshop version (a command here, a load, a facilitator's ``enter``), every table
(and, once it is open, the plenary room) is brought in line with the workshop by table
commands sent as the ``workshop`` actor through each table's own line, exactly as any
other command. What was carried is found again by comparing states (``reconcile``) or by
command ids made from the order's id, so carrying twice, or from two processes, changes
nothing twice.

The data flows one way: this module is called with a workshop, moves its tables, and
returns the tables it moved; the gateway then sends their versions. Nothing here calls up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from typing import Any

from ..room import RoomAuthority, Rooms
from ..room.clock import now_ms
from ..room.workshops import ensure_plenary, ensure_table
from ..rules import COMMAND, Refusal, Room
from ..rules import workshop as ws
from ..rules.access import WORKSHOP
from ..stores.base import RoomNotFound

log = logging.getLogger(__name__)

REDO_WINDOW_MS = 120_000
"""Orders older than this are not carried again on load: a table's memory of recent
commands (``applied.PER_SENDER``) may no longer hold them, and a step carried twice would
move a table twice. A crash is repaired within seconds; two minutes is ample."""


class Carry:
    def __init__(self, rooms: Rooms) -> None:
        self.rooms = rooms
        self._lines: dict[str, tuple[asyncio.Lock, int]] = {}
        """Per workshop: the lock that serialises its carries, and how many use it."""

    async def table(self, workshop: ws.Workshop, table: ws.Table) -> RoomAuthority | None:
        """The table's room, created first if it is missing."""
        try:
            return await self.rooms.get(table.code)
        except RoomNotFound:
            if not await ensure_table(self.rooms.store, workshop, table):
                return None
            return await self.rooms.get(table.code)

    async def plenary(self, workshop: ws.Workshop) -> RoomAuthority | None:
        """The plenary room, opened first (from every table as it is now) if missing."""
        assert workshop.plenary is not None
        try:
            return await self.rooms.get(workshop.plenary.code)
        except RoomNotFound:
            pass
        tables: dict[str, Room] = {}
        for table in workshop.tables.values():
            authority = await self.table(workshop, table)
            if authority is None:
                continue
            # What another process stored last, too: the snapshot is of the tables now.
            await authority.catch_up()
            if isinstance(authority.room, Room):
                tables[table.id] = authority.room
        if not await ensure_plenary(self.rooms.store, workshop, tables):
            return None
        return await self.rooms.get(workshop.plenary.code)

    async def carry(
        self,
        authority: RoomAuthority,
        new_orders: Collection[str] = (),
        redo: bool = False,
        only: str | None = None,
    ) -> list[RoomAuthority]:
        """Bring every table of the workshop in line; the table rooms that moved.

        ``new_orders``: ids of orders the workshop just gave (carried now); ``redo``: also
        carry recent orders a table has no answer for (after a load or a crash); ``only``:
        just this table (a join, a participant's ``enter``); the plenary room, once open, is
        carried in every case."""
        code = authority.code
        lock, users = self._lines.get(code, (asyncio.Lock(), 0))
        self._lines[code] = (lock, users + 1)
        try:
            return await self._carry(authority, lock, new_orders, redo, only)
        finally:
            # The lock lives only while someone carries (or waits to carry) this workshop:
            # no lock is kept for every workshop ever seen.
            lock, users = self._lines[code]
            if users == 1:
                del self._lines[code]
            else:
                self._lines[code] = (lock, users - 1)

    async def _carry(
        self,
        authority: RoomAuthority,
        lock: asyncio.Lock,
        new_orders: Collection[str],
        redo: bool,
        only: str | None,
    ) -> list[RoomAuthority]:
        moved: list[RoomAuthority] = []
        async with lock:
            # The latest workshop, not the one a caller saw: a carry that waited for an
            # earlier one must not seat someone where they no longer sit.
            workshop = authority.room
            if not isinstance(workshop, ws.Workshop):
                return []
            for table in workshop.tables.values():
                if only is not None and table.id != only:
                    continue
                room = await self.table(workshop, table)
                if room is None:
                    continue
                if await self._bring(workshop, authority.version, table.id, room, new_orders, redo):
                    moved.append(room)
            if workshop.plenary is not None:
                # One room, whichever table ``only`` names: every participant sits there.
                plenary = await self.plenary(workshop)
                if plenary is not None and await self._bring_plenary(
                    workshop, authority.version, plenary
                ):
                    moved.append(plenary)
        return moved

    async def _bring_plenary(
        self, workshop: ws.Workshop, version: int, room: RoomAuthority
    ) -> bool:
        before = room.version
        if not isinstance(room.room, Room):
            return False
        await self._send(
            workshop, "plenary", room, ws.reconcile_plenary(workshop, room.room, version)
        )
        return room.version != before

    async def _bring(
        self,
        workshop: ws.Workshop,
        version: int,
        table_id: str,
        room: RoomAuthority,
        new_orders: Collection[str],
        redo: bool,
    ) -> bool:
        before = room.version
        table = room.room
        if isinstance(table, ws.Workshop):
            return False
        payloads = ws.reconcile(workshop, table_id, table, version)
        now = now_ms()
        for order in workshop.orders:
            payload = ws.order_command(order, table_id)
            if payload is None:
                continue
            fresh = order.id in new_orders
            outstanding = (
                redo
                and now - order.at < REDO_WINDOW_MS
                and room.applied.get(f"workshop:{payload['command_id']}") is None
            )
            if fresh or outstanding:
                payloads.append(payload)
        await self._send(workshop, table_id, room, payloads)
        return room.version != before

    @staticmethod
    async def _send(
        workshop: ws.Workshop, table_id: str, room: RoomAuthority, payloads: list[dict[str, Any]]
    ) -> None:
        for payload in payloads:
            try:
                await room.handle(WORKSHOP, COMMAND.validate_python(payload))
            except Refusal as refusal:
                # A table that cannot do it now (nobody seated yet to start, a closed
                # game, a card still to be written) simply does not; nothing to undo.
                log.debug("%s: %s refused at %s: %s", workshop.code, payload, table_id, refusal)
