"""Every room this process serves, loaded from the store on first use."""

from __future__ import annotations

import asyncio
import hashlib
import time

from ..content import Deck, Library
from ..exports.labels import session_title
from ..rules import Board, Card, CreateRoom, Options, open_room
from ..stores.base import Entry, RoomExists, RoomStore
from .authority import RoomAuthority
from .clock import new_room_code, new_secret, normalise_code, now_ms


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
    decks: dict[str, Deck] = dict(library.decks)
    own = request.own_deck
    if own is not None:
        if own.id in decks:
            raise UnknownContent(f"own deck id {own.id!r} is the id of a deck of the library")
        decks[own.id] = own
    cards = []
    for qualified in request.card_ids:
        deck_id, _, card_id = qualified.partition("/")
        deck = decks.get(deck_id)
        found = next((c for c in deck.cards if c.id == card_id), None) if deck else None
        if deck is None or found is None:
            raise UnknownContent(f"unknown card {qualified!r} (use '<deck id>/<card id>')")
        cards.append(
            Card(
                id=qualified,
                kind=found.kind,
                text=found.text.model_dump(),
                title=found.title.model_dump() if found.title else None,
                # A card's own minutes, else the room's minutes per card (a session
                # plan's, or the facilitator's), else its deck's: what the facilitator
                # chose for this session beats the deck's default, never a card's own.
                minutes=found.minutes or request.options.minutes_per_card or deck.minutes,
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
        self._used: dict[str, float] = {}

    async def get(self, code: str) -> RoomAuthority:
        """The room with this code (any spelling of it); raises RoomNotFound."""
        code = normalise_code(code)
        room = self._rooms.get(code)
        if room is not None:
            self._used[code] = time.monotonic()
            return room
        # One load per code at a time. The lock exists only while someone waits for it
        # (also when the room does not exist: unknown codes must leave nothing behind).
        lock = self._loading.setdefault(code, asyncio.Lock())
        try:
            async with lock:
                room = self._rooms.get(code)
                if room is None:
                    loaded = await RoomAuthority.load(code, self.store)
                    # A caller holding an older lock may have loaded it meanwhile.
                    room = self._rooms.setdefault(code, loaded)
        finally:
            if self._loading.get(code) is lock and not lock.locked():
                del self._loading[code]
        self._used[code] = time.monotonic()  # only for rooms that exist: guesses add nothing
        return room

    async def create(self, request: CreateRoom) -> RoomAuthority:
        """Open a new room; a resent request (same command id) returns the same room.

        The store makes that hold across processes and restarts: it records which room a
        create command made in the same write as the room (``RoomStore.create``). Raises
        ReusedCommandId when the id was used for a different request: a resend repeats the
        request it resends, anything else is not given that request's room."""
        fingerprint = hashlib.sha256(
            request.model_dump_json(exclude={"command_id"}).encode()
        ).hexdigest()[:32]
        key = f"guest:{request.command_id}"
        board, cards = resolve(self.library, request)
        options = Options(**request.options.model_dump())
        title = session_title(request.title, options.language, now_ms())
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
                plan=request.plan.model_dump(mode="json") if request.plan else None,
            )
            entry = Entry(
                version=1,
                command_key=key,
                events=[event],
                at=room.created_at,
                result={"code": code, "request": fingerprint},
            )
            try:
                stored = await self.store.create(code, entry)
                break
            except RoomExists:
                continue
        if stored != code:  # a resend: the room its first attempt made, if it asked the same
            made = await self.get(stored)
            first = made.applied.get(key)
            if first is not None and first[1].get("request", fingerprint) != fingerprint:
                raise ReusedCommandId(request.command_id)
            return made
        authority = RoomAuthority(code=code, store=self.store, room=room, version=1)
        authority.applied.remember(entry.command_key, 1, entry.result)
        self._rooms[code] = authority
        self._used[code] = time.monotonic()
        return authority

    def cached(self, code: str) -> RoomAuthority | None:
        """The room if this process holds it in memory (no store access)."""
        return self._rooms.get(code)

    def loaded(self) -> int:
        """How many rooms this process holds in memory."""
        return len(self._rooms)

    def codes(self) -> list[str]:
        """The codes of the rooms this process holds in memory."""
        return list(self._rooms)

    def last_used(self, code: str) -> float:
        """When (``time.monotonic()``) a request last asked for this room here."""
        return self._used.get(code, 0.0)

    def forget(self, code: str) -> None:
        """Drop a room from memory (it stays in the store)."""
        self._rooms.pop(code, None)
        self._used.pop(code, None)
