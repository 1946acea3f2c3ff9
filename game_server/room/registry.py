"""Every room this process serves, loaded from the store on first use."""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from ..content import Library
from ..rules import Board, Card, CreateRoom, Options, open_room
from ..stores.base import Entry, RoomExists, RoomStore
from .authority import RoomAuthority, StepListener
from .clock import new_room_code, new_secret, normalise_code, now_ms

RECENT_CREATIONS = 1024


class ReusedCommandId(ValueError):
    """A create request reuses the command id of a different, earlier request."""


class UnknownContent(ValueError):
    """A create request names a board or card that the content library does not have."""


def resolve(library: Library, request: CreateRoom) -> tuple[Board, list[Card]]:
    """The board and cards a create request names, copied out of the content library."""
    spec = library.boards.get(request.board_id)
    if spec is None:
        raise UnknownContent(f"unknown board {request.board_id!r}")
    size = len(spec.squares) if spec.kind == "scale" else 0
    board = Board(id=spec.id, kind=spec.kind, size=size, spec=spec.model_dump(mode="json"))
    cards = []
    for qualified in request.card_ids:
        deck_id, _, card_id = qualified.partition("/")
        deck = library.decks.get(deck_id)
        found = next((c for c in deck.cards if c.id == card_id), None) if deck else None
        if deck is None or found is None:
            raise UnknownContent(f"unknown card {qualified!r} (use '<deck id>/<card id>')")
        cards.append(
            Card(
                id=qualified,
                kind=found.kind,
                text=found.text.model_dump(),
                title=found.title.model_dump() if found.title else None,
                minutes=found.minutes or deck.minutes,
                deck_id=deck.id,
            )
        )
    if len({c.id for c in cards}) != len(cards):
        raise UnknownContent("a card is named twice")
    return board, cards


class Rooms:
    def __init__(self, store: RoomStore, library: Library) -> None:
        self.store = store
        self.library = library
        self._rooms: dict[str, RoomAuthority] = {}
        self._loading: dict[str, asyncio.Lock] = {}
        self._created: OrderedDict[str, tuple[str, str]] = OrderedDict()
        """command id -> (room code, the request without its id), the latest creations."""
        self.on_step: StepListener | None = None
        """Given to every room this registry holds (the transport's fan-out)."""

    async def get(self, code: str) -> RoomAuthority:
        """The room with this code (any spelling of it); raises RoomNotFound."""
        code = normalise_code(code)
        room = self._rooms.get(code)
        if room is not None:
            return room
        lock = self._loading.setdefault(code, asyncio.Lock())
        async with lock:
            room = self._rooms.get(code)
            if room is None:
                room = await RoomAuthority.load(code, self.store)
                room.on_step = self.on_step
                self._rooms[code] = room
        self._loading.pop(code, None)
        return room

    async def create(self, request: CreateRoom) -> RoomAuthority:
        """Open a new room; a resent request (same command id) returns the same room.

        Raises ReusedCommandId when the id was used for a different request: a resend
        repeats the request it resends, anything else is not given that request's room.
        """
        fingerprint = request.model_dump_json(exclude={"command_id"})
        if request.command_id in self._created:
            code, first = self._created[request.command_id]
            if first != fingerprint:
                raise ReusedCommandId(request.command_id)
            return await self.get(code)
        board, cards = resolve(self.library, request)
        options = Options(**request.options.model_dump())
        title = request.title or board.spec["name"][options.language]
        while True:
            code = new_room_code()
            event, room = open_room(
                code=code,
                title=title,
                secret=new_secret(),
                options=options,
                board=board,
                cards=cards,
                now=now_ms(),
            )
            entry = Entry(
                version=1,
                command_key=f"guest:{request.command_id}",
                events=[event],
                at=room.created_at,
                result={"code": code},
            )
            try:
                await self.store.create(code, entry)
                break
            except RoomExists:
                continue
        authority = RoomAuthority(
            code=code, store=self.store, room=room, version=1, on_step=self.on_step
        )
        self._rooms[code] = authority
        self._created[request.command_id] = (code, fingerprint)
        while len(self._created) > RECENT_CREATIONS:
            self._created.popitem(last=False)
        return authority

    def cached(self, code: str) -> RoomAuthority | None:
        """The room if this process holds it in memory (no store access)."""
        return self._rooms.get(code)

    def loaded(self) -> int:
        """How many rooms this process holds in memory."""
        return len(self._rooms)

    def forget(self, code: str) -> None:
        """Drop a room from memory (it stays in the store)."""
        self._rooms.pop(code, None)
