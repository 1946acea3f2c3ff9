"""A game played without a server: each command is decided by the pure rules on an in-memory
room (``rules.decide``, as the room's authority does), and every accepted one is appended as
an entry; ``store_rooms`` writes them to a real store, so an export, a CLI or a server
started later reads exactly what a played room leaves behind.

It speaks for the server only where the rules decide; what the transport adds (validation of
the wire message, rate limits, fan-out) is covered by the tests over a live server.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game_server.config import Settings
from game_server.content import Library, load_library
from game_server.exports.labels import session_title
from game_server.room.clock import new_id, new_room_code, new_secret, now_ms
from game_server.room.registry import resolve
from game_server.rules import (
    COMMAND,
    GUEST,
    Actor,
    Context,
    CreateRoom,
    Event,
    Options,
    Room,
    Viewer,
    current_role,
    decide,
    facilitator_token,
    open_room,
    player_token,
    projector_token,
    view,
)
from game_server.stores import Entry
from game_server.stores.choose import make_store
from tests.support.player import new_command_id

STEP_MS = 1_000
"""How far the table's clock moves per command: every entry gets its own time."""


@dataclass
class Seat:
    """Someone at the table who sends commands."""

    table: FoldedTable
    actor: Actor
    name: str = ""

    @property
    def player_id(self) -> str | None:
        return self.actor.player_id

    @property
    def token(self) -> str:
        if self.actor.player_id is not None:
            return player_token(self.table.room, self.actor.player_id)
        assert self.actor.role == "facilitator", self.actor
        return facilitator_token(self.table.room)

    def do(self, type: str, **fields: Any) -> dict[str, Any]:
        """A command that must be accepted; returns its result."""
        return self.table.decide(self.actor, {"type": type, **fields})


@dataclass
class FoldedTable:
    """A room, the entries a server would have stored for it, and who sits at it."""

    room: Room
    entries: list[Entry]
    clock: int
    players: list[Seat] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.room.code

    @property
    def fac(self) -> Seat:
        return Seat(self, Actor("facilitator"), "facilitator")

    def player(self, name: str) -> Seat:
        return next(p for p in self.players if p.name == name)

    @property
    def facilitator_token(self) -> str:
        return facilitator_token(self.room)

    @property
    def projector_token(self) -> str:
        return projector_token(self.room)

    def decide(self, actor: Actor, payload: dict[str, Any], *, new: str | None = None) -> Any:
        """Decide one command as the room's authority does, and keep its entry if it changed
        anything; a refusal raises ``rules.Refusal``."""
        self.clock += STEP_MS
        command = COMMAND.validate_python({"command_id": new_command_id(), **payload})
        sender = current_role(self.room, actor)
        accepted = decide(self.room, command, Context(sender, self.clock, new or new_id()))
        if accepted.events:
            self.room = accepted.room
            self.entries.append(
                Entry(
                    version=len(self.entries) + 1,
                    command_key=f"{actor.key}:{command.command_id}",
                    events=list(accepted.events),
                    at=self.clock,
                    result=dict(accepted.result),
                )
            )
        return dict(accepted.result)

    def join(self, name: str) -> Seat:
        player_id = new_id()
        result = self.decide(GUEST, {"type": "join", "name": name}, new=player_id)
        assert result == {"player_id": player_id}, result
        seat = Seat(self, Actor("player", player_id), name)
        self.players.append(seat)
        return seat

    def facilitator_view(self) -> dict[str, Any]:
        """The facilitator's view as a client holds it (plain JSON values)."""
        return json.loads(json.dumps(view(self.room, Viewer("facilitator"))))


def open_folded_table(
    board_id: str,
    card_ids: Sequence[str],
    *,
    players: Sequence[str],
    options: dict[str, Any] | None = None,
    title: str | None = None,
    library: Library | None = None,
) -> FoldedTable:
    """A room made from the content library as the server makes it, with each named player
    joined in turn."""
    request = CreateRoom.model_validate(
        {
            "command_id": new_command_id(),
            "board_id": board_id,
            "card_ids": list(card_ids),
            "title": title,
            "options": options or {},
        }
    )
    board, cards = resolve(library or load_library(), request)
    room_options = Options(**request.options.model_dump())
    created_at = now_ms()
    event: Event
    event, room = open_room(
        code=new_room_code(),
        title=session_title(request.title, room_options.language, created_at),
        secret=new_secret(),
        options=room_options,
        board=board,
        cards=cards,
        now=created_at,
    )
    first = Entry(
        version=1,
        command_key=f"guest:{request.command_id}",
        events=[event],
        at=created_at,
        result={"code": room.code},
    )
    table = FoldedTable(room=room, entries=[first], clock=created_at)
    for name in players:
        table.join(name)
    return table


async def store_rooms(data_dir: Path, rooms: Mapping[str, Sequence[Entry]]) -> None:
    """Write each room's entries (by room code) into the store a server on ``data_dir``
    opens."""
    store = make_store(Settings(data_dir=data_dir))
    await store.open()
    try:
        for code, entries in rooms.items():
            await store.create(code, entries[0])
            for entry in entries[1:]:
                await store.append(code, entry)
    finally:
        await store.close()
