"""Opening a workshop and its tables' rooms in the store.

The workshop is created first: its first entry decides, once, its secret and its tables'
codes. Each table's room is then created from the stored workshop, with a command key
made from the workshop's code and the table's id and a secret derived from the
workshop's, so creating it again (a resent ``create_room``, a crash between the two, a
table opened later in size mode, another process) finds the same room. The carry
(``transport/carry.py``) creates any table whose room is missing before it carries to it,
and the plenary room (``ensure_plenary``) from the tables as they are when it first finds
the workshop's plenary open and no room for it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping

from ..exports.labels import session_title
from ..rules import Event, Room, open_room
from ..rules import workshop as ws
from ..rules.workshop.create import CreateWorkshop
from ..rules.workshop.seating import TABLE_WORD
from ..stores.base import Entry, RoomExists, RoomNotFound, RoomStore
from .clock import new_room_code, new_secret, now_ms
from .registry import ReusedCommandId, Rooms, resolve

log = logging.getLogger(__name__)


def _fingerprint(request: CreateWorkshop) -> str:
    return hashlib.sha256(request.model_dump_json(exclude={"command_id"}).encode()).hexdigest()[:32]


async def create_workshop(rooms: Rooms, request: CreateWorkshop) -> str:
    """Store a new workshop; its code. A resent request (same command id) gets the same
    workshop; the id of a different request raises ReusedCommandId."""
    board, cards = resolve(rooms.library, request)
    options = request.options
    title = session_title(request.title, options.language, now_ms())
    mode = request.tables.mode()
    word = TABLE_WORD[options.language]
    tables = [
        ws.Table(f"t{n}", f"{word} {n}", new_room_code()) for n in range(1, (mode.count or 0) + 1)
    ]
    key = f"guest:{request.command_id}"
    fingerprint = _fingerprint(request)
    while True:
        code = new_room_code()
        event = ws.created_event(
            code=code,
            title=title,
            secret=new_secret(),
            options=options,
            board=board,
            cards=cards,
            tables_mode=mode,
            seating=request.seating,
            steering=request.steering,
            tables=tables,
            now=now_ms(),
            board_spec=dict(board.spec),
        )
        entry = Entry(
            version=1,
            command_key=key,
            events=[event],
            at=event["at"],
            result={"code": code, "request": fingerprint},
        )
        try:
            stored = await rooms.store.create(code, entry)
            break
        except RoomExists:
            continue
    if stored != code:
        made = await rooms.get(stored)
        first = made.applied.get(key)
        if first is not None and first[1].get("request", fingerprint) != fingerprint:
            raise ReusedCommandId(request.command_id)
    return stored


async def ensure_table(store: RoomStore, workshop: ws.Workshop, table: ws.Table) -> bool:
    """Make sure the table's room exists; False when its code is taken by another room
    (a one-in-many-millions collision of random codes, logged: that table cannot open)."""
    event, room = open_room(
        code=table.code,
        title=workshop.title,
        secret=ws.table_secret(workshop, table.id),
        options=workshop.options,
        board=workshop.board,
        cards=list(workshop.cards.values()),
        now=now_ms(),
        workshop=workshop.code,
        table_name=table.name,
    )
    return await _create(store, workshop, table, event, room)


async def ensure_plenary(
    store: RoomStore, workshop: ws.Workshop, tables: Mapping[str, Room]
) -> bool:
    """Make sure the plenary room exists, opened from ``tables`` (table id -> its room as
    it is now) if it does not. As a table's: created once under a command key from the
    workshop's code, so a second carry, here or on another process, finds the room the
    first one made (with the snapshot the first one took); False as ``ensure_table``."""
    assert workshop.plenary is not None
    event, room = ws.open_plenary_room(workshop, tables, now_ms())
    return await _create(store, workshop, workshop.plenary, event, room)


async def _create(
    store: RoomStore, workshop: ws.Workshop, table: ws.Table, event: Event, room: Room
) -> bool:
    entry = Entry(
        version=1,
        command_key=f"workshop:{workshop.code}-{table.id}",
        events=[event],
        at=room.created_at,
        result={"code": table.code},
    )
    try:
        stored = await store.create(table.code, entry)
    except RoomExists:
        try:
            first = (await store.load(table.code))[0].events[0]
        except RoomNotFound:
            return False
        ours = first.get("workshop") == workshop.code
        if not ours:
            log.error("workshop %s: table code %s is another room's", workshop.code, table.code)
        return ours
    return stored == table.code


__all__ = ["create_workshop", "ensure_plenary", "ensure_table", "new_secret"]
