"""The workshop overview: every table at a glance, for the facilitator and the projector.

A summary per table (``rules.workshop.table_summary``) is made from the table's room as
this process holds it. The table rooms of a workshop someone watches here are loaded and
followed (so the fan-out keeps them current), and each new table version marks its table
changed. Changes are sent as one ``overview`` event per workshop at most every
``INTERVAL`` seconds (what changed in between is merged), so sixty busy tables cannot
flood a facilitator's laptop; the tables' own updates are not held up by any of this.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Collection
from typing import Any

import socketio

from ..rules import Room
from ..rules import workshop as ws
from . import audiences
from .emit import send_to_group

INTERVAL = 0.5
"""Seconds between two ``overview`` events of one workshop: at most two a second."""


class Overview:
    def __init__(self, sio: socketio.AsyncServer, interval: float = INTERVAL) -> None:
        self.sio = sio
        self.interval = interval
        self.tables: dict[str, tuple[str, str]] = {}
        """Table room code -> (workshop code, table id), for every watched workshop."""
        self.watched: dict[str, set[str]] = {}
        """Workshop code -> its table room codes."""
        self._pending: dict[str, dict[str, dict[str, Any]]] = {}
        self._last: dict[str, float] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.sent = 0

    def watch(self, workshop: ws.Workshop) -> list[str]:
        """Watch this workshop's tables (again, as tables are added); their room codes."""
        codes = set()
        for table in workshop.tables.values():
            self.tables[table.code] = (workshop.code, table.id)
            codes.add(table.code)
        self.watched[workshop.code] = codes
        return sorted(codes)

    def unwatch(self, workshop_code: str) -> None:
        for code in self.watched.pop(workshop_code, set()):
            self.tables.pop(code, None)
        self._pending.pop(workshop_code, None)
        self._last.pop(workshop_code, None)
        timer = self._timers.pop(workshop_code, None)
        if timer is not None:
            timer.cancel()

    def kept(self, live: Collection[str]) -> set[str]:
        """The table rooms to keep in memory: those of the watched workshops that still
        have a connection here (``live``: codes with one). Others stop being watched."""
        for code in [c for c in self.watched if c not in live]:
            self.unwatch(code)
        return set(self.tables)

    def moved(self, code: str, room: Room) -> None:
        """A table room adopted a version: its summary goes out with the next overview."""
        found = self.tables.get(code)
        if found is None:
            return
        workshop_code, table_id = found
        self._pending.setdefault(workshop_code, {})[table_id] = ws.table_summary(room)
        if workshop_code in self._timers:
            return
        wait = max(0.0, self._last.get(workshop_code, 0.0) + self.interval - time.monotonic())
        loop = asyncio.get_running_loop()
        self._timers[workshop_code] = loop.call_later(wait, self._flush_soon, workshop_code)

    def _flush_soon(self, workshop_code: str) -> None:
        task = asyncio.ensure_future(self.flush(workshop_code))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def flush(self, workshop_code: str) -> None:
        self._timers.pop(workshop_code, None)
        tables = self._pending.pop(workshop_code, None)
        if not tables:
            return
        self._last[workshop_code] = time.monotonic()
        message = {"code": workshop_code, "tables": tables}
        self.sent += 1
        await send_to_group(self.sio, "overview", message, audiences.facilitators(workshop_code))
        await send_to_group(self.sio, "overview", message, audiences.projectors(workshop_code))


def full(workshop: ws.Workshop, rooms: dict[str, Room]) -> dict[str, Any]:
    """The whole overview (the ``enter`` answer): table id -> summary, for the tables
    whose rooms are at hand (``rooms``: table room code -> room)."""
    return {
        t.id: ws.table_summary(rooms[t.code]) for t in workshop.tables.values() if t.code in rooms
    }
