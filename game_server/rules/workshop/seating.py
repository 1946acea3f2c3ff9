"""Where a participant sits: the three seating modes and tables made as people arrive.

Pure choices over the workshop as it is; the command that seats someone (``commands.py``)
records the choice, so seating is decided once, in the workshop's line, whichever process
a join reaches and however often it is resent.
"""

from __future__ import annotations

from ..events import Event
from ..refusals import Refusal
from .model import MAX_TABLES, Table, Workshop

TABLE_WORD = {"nl": "Tafel", "en": "Table"}


def filled(workshop: Workshop, table_id: str) -> int:
    return len(workshop.seated_at(table_id))


def has_room(workshop: Workshop, table_id: str) -> bool:
    """Size mode keeps a table at its ``max``; a count of tables has no such limit."""
    mode = workshop.tables_mode
    return not mode.by_size or filled(workshop, table_id) < int(mode.max or 0)


def least_filled(workshop: Workshop, candidates: list[str]) -> str | None:
    """The candidate with fewest people, the earliest table on ties."""
    if not candidates:
        return None
    order = list(workshop.tables)
    return min(candidates, key=lambda t: (filled(workshop, t), order.index(t)))


def new_table(workshop: Workshop, code: str) -> Event:
    """The ``table_added`` event for the next table ("t3", "Tafel 3"); Refusal past the most."""
    if len(workshop.tables) >= MAX_TABLES:
        raise Refusal("too_many_tables")
    number = len(workshop.tables) + 1
    word = TABLE_WORD[workshop.options.language]
    return {
        "type": "table_added",
        "table_id": f"t{number}",
        "name": f"{word} {number}",
        "code": code,
    }


def spread(workshop: Workshop, code: str) -> tuple[list[Event], str]:
    """Spread seating: the events that open a table if one is needed, and the table.

    Size mode opens a new table once every table has reached ``min``, so tables fill
    evenly up to ``min`` before the next one starts; at the most tables, the least-filled
    table below ``max`` takes them."""
    tables = list(workshop.tables)
    mode = workshop.tables_mode
    if not mode.by_size:
        return [], str(least_filled(workshop, tables))
    below_min = [t for t in tables if filled(workshop, t) < int(mode.min or 0)]
    if below_min:
        return [], str(least_filled(workshop, below_min))
    if len(tables) < MAX_TABLES:
        event = new_table(workshop, code)
        return [event], str(event["table_id"])
    with_room = [t for t in tables if has_room(workshop, t)]
    if not with_room:
        raise Refusal("table_full", "Every table is full.")
    return [], str(least_filled(workshop, with_room))


def chosen(workshop: Workshop, table_id: str) -> Table:
    table = workshop.tables.get(table_id)
    if table is None:
        raise Refusal("unknown_table")
    if not has_room(workshop, table_id):
        raise Refusal("table_full")
    return table
