"""Opening a room: the first event of every room's history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .events import Event, card_data, room_from_created
from .model import Board, Card, Options, Room


def open_room(
    *,
    code: str,
    title: str,
    secret: str,
    options: Options,
    board: Board,
    cards: Sequence[Card],
    now: int,
    workshop: str | None = None,
    table_name: str | None = None,
    plenary: Mapping[str, Any] | None = None,
    plan: Mapping[str, Any] | None = None,
) -> tuple[Event, Room]:
    """The ``room_created`` event for a new room, and the room it makes.

    A workshop's table names its workshop and its table name; a room on its own carries
    neither field, as every room stored before workshops. A workshop's plenary room also
    carries ``plenary``: what its tables gathered (``rules/workshop/plenary.py``), so it
    opens on the plenary step with their items and the consensus across them. A room opened
    from a session plan carries ``plan`` (its name, opening and closing steps); rooms
    without one, and every room stored before plans were kept, have no such field."""
    event: Event = {
        "type": "room_created",
        "code": code,
        "title": title,
        "at": now,
        "secret": secret,
        "options": options.model_dump(),
        "board": {
            "id": board.id,
            "kind": board.kind,
            "size": board.size,
            "spec": _plain(board.spec),
        },
        "cards": [card_data(c) for c in cards],
    }
    if workshop is not None:
        event["workshop"] = workshop
        event["table_name"] = table_name
    if plenary is not None:
        event["plenary"] = _plain(plenary)
    if plan is not None:
        event["plan"] = _plain(plan)
    return event, room_from_created(event)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
