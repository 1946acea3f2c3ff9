"""A workshop's events: the facts its commands produced, and how each changes it.

The same shape as the rooms' event table (``rules/events.py``): one ``WorkshopEventType``
per event with its fields and its evolve, and ``make``/``check`` so a handler and the
table cannot drift. Views are not named per event here: a workshop's view is small, so
``views.updates`` compares the view before and after instead (see there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..events import Event, _card_from, card_data
from ..model import Board, Card, Options
from .model import (
    MESSAGES_KEPT,
    ORDERS_KEPT,
    Message,
    Order,
    Participant,
    Table,
    TablesMode,
    Workshop,
)

CREATED = "workshop_created"


def tables_mode_from(data: dict[str, Any]) -> TablesMode:
    if "count" in data:
        return TablesMode(count=int(data["count"]))
    size = data["size"]
    return TablesMode(min=int(size["min"]), max=int(size["max"]))


def workshop_from_created(event: Event) -> Workshop:
    board = event["board"]
    cards = [_card_from(c) for c in event["cards"]]
    tables = [Table(t["id"], t["name"], t["code"]) for t in event["tables"]]
    return Workshop(
        code=event["code"],
        title=event["title"],
        created_at=event["at"],
        secret=event["secret"],
        options=Options(**event["options"]),
        board=Board(id=board["id"], kind=board["kind"], size=board["size"], spec=board["spec"]),
        cards={c.id: c for c in cards},
        agenda=tuple(c.id for c in cards),
        tables_mode=tables_mode_from(event["tables_mode"]),
        seating=event["seating"],
        steering=event["steering"],
        tables={t.id: t for t in tables},
    )


def created_event(
    *,
    code: str,
    title: str,
    secret: str,
    options: Options,
    board: Board,
    cards: list[Card],
    tables_mode: TablesMode,
    seating: str,
    steering: str,
    tables: list[Table],
    now: int,
    board_spec: dict[str, Any],
) -> Event:
    """The ``workshop_created`` event (its tables' rooms are created first, by the shell)."""
    return {
        "type": CREATED,
        "code": code,
        "title": title,
        "at": now,
        "secret": secret,
        "options": options.model_dump(),
        "board": {"id": board.id, "kind": board.kind, "size": board.size, "spec": board_spec},
        "cards": [card_data(c) for c in cards],
        "tables_mode": tables_mode.as_dict(),
        "seating": seating,
        "steering": steering,
        "tables": [{"id": t.id, "name": t.name, "code": t.code} for t in tables],
    }


def _with(mapping: Any, key: Any, value: Any) -> dict[Any, Any]:
    return {**mapping, key: value}


def _participant_joined(w: Workshop, e: Event) -> Workshop:
    p = Participant(e["participant_id"], e["name"], e["table_id"], e["at"])
    return replace(w, participants=_with(w.participants, p.id, p))


def _table_added(w: Workshop, e: Event) -> Workshop:
    t = Table(e["table_id"], e["name"], e["code"])
    return replace(w, tables=_with(w.tables, t.id, t))


def _participant_seated(w: Workshop, e: Event) -> Workshop:
    p = replace(w.participants[e["participant_id"]], table_id=e["to_table"])
    return replace(w, participants=_with(w.participants, p.id, p))


def _participant_removed(w: Workshop, e: Event) -> Workshop:
    p = replace(w.participants[e["participant_id"]], removed=True)
    return replace(w, participants=_with(w.participants, p.id, p))


def _table_renamed(w: Workshop, e: Event) -> Workshop:
    t = replace(w.tables[e["table_id"]], name=e["name"])
    return replace(w, tables=_with(w.tables, t.id, t))


def _order(w: Workshop, order: Order) -> Workshop:
    return replace(w, orders=(*w.orders, order)[-ORDERS_KEPT:])


def _order_given(w: Workshop, e: Event) -> Workshop:
    order = Order(e["order_id"], e["kind"], e["at"], e["seconds"], e["table_id"])
    return _order(w, order)


def _message_broadcast(w: Workshop, e: Event) -> Workshop:
    message = Message(e["message_id"], e["text"], e["at"])
    return replace(w, messages=(*w.messages, message)[-MESSAGES_KEPT:])


def _plenary_opened(w: Workshop, e: Event) -> Workshop:
    plenary = Table(e["table_id"], e["name"], e["code"])
    return replace(w, plenary=plenary, phase="plenary")


def _taken_over(w: Workshop, e: Event) -> Workshop:
    return replace(w, taken_over=w.taken_over | {e["table_id"]})


def _given_back(w: Workshop, e: Event) -> Workshop:
    return replace(w, taken_over=w.taken_over - {e["table_id"]})


@dataclass(frozen=True, slots=True)
class WorkshopEventType:
    fields: tuple[str, ...]
    evolve: Callable[[Workshop, Event], Workshop]


EVENTS: dict[str, WorkshopEventType] = {
    "participant_joined": WorkshopEventType(
        ("participant_id", "name", "table_id", "at"), _participant_joined
    ),
    "table_added": WorkshopEventType(("table_id", "name", "code"), _table_added),
    "participant_seated": WorkshopEventType(
        ("participant_id", "from_table", "to_table"), _participant_seated
    ),
    "participant_removed": WorkshopEventType(("participant_id",), _participant_removed),
    "table_renamed": WorkshopEventType(("table_id", "name"), _table_renamed),
    "seating_set": WorkshopEventType(("seating",), lambda w, e: replace(w, seating=e["seating"])),
    "steering_set": WorkshopEventType(
        ("steering",), lambda w, e: replace(w, steering=e["steering"], taken_over=frozenset())
    ),
    "workshop_started": WorkshopEventType(("at",), lambda w, e: replace(w, phase="playing")),
    "workshop_ended": WorkshopEventType(("at",), lambda w, e: replace(w, phase="closed")),
    "order_given": WorkshopEventType(
        ("order_id", "kind", "seconds", "table_id", "at"), _order_given
    ),
    "message_broadcast": WorkshopEventType(("message_id", "text", "at"), _message_broadcast),
    "table_shown": WorkshopEventType(
        ("table_id",), lambda w, e: replace(w, shown_table=e["table_id"])
    ),
    "table_taken_over": WorkshopEventType(("table_id",), _taken_over),
    "table_given_back": WorkshopEventType(("table_id",), _given_back),
    "plenary_opened": WorkshopEventType(("table_id", "name", "code", "at"), _plenary_opened),
}
"""Every event a workshop command can cause (``workshop_created`` opens a workshop)."""


def make(type_: str, **fields: Any) -> Event:
    return check({"type": type_, **fields})


def check(event: Event) -> Event:
    kind = EVENTS.get(event.get("type", ""))
    if kind is None:
        raise ValueError(f"unknown workshop event type {event.get('type')!r}")
    given = set(event) - {"type"}
    if given != set(kind.fields):
        raise ValueError(f"event {event['type']!r} has fields {sorted(given)}, not {kind.fields}")
    return event


def evolve(workshop: Workshop, event: Event) -> Workshop:
    return EVENTS[event["type"]].evolve(workshop, event)


def fold(events: Iterable[Event], workshop: Workshop | None = None) -> Workshop:
    for event in events:
        workshop = workshop_from_created(event) if workshop is None else evolve(workshop, event)
    if workshop is None:
        raise ValueError("no events to fold")
    return workshop
