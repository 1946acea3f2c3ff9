"""Importing a workshop's JSON export: a NEW workshop with new codes and tokens, its tables
and its plenary room (when the plenary was opened) restored from their records as rooms
of the new workshop (``importer.py`` for each).

The workshop's events are made by its own event table (``make``) and folded before
anything is stored; each table's by the room importer, with the table's secret derived
from the new workshop's, so the new workshop's views hand out working table tokens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..rules import workshop as ws
from ..rules.commands import Name, RoomTitle
from ..rules.events import fold
from ..rules.model import Board, Card, Options
from ..rules.workshop.events import make
from ..rules.workshop.model import PLENARY_ID
from ..stores.base import Entry, RoomExists, RoomStore, StoreError
from .importer import InvalidExport, import_events, parse_record
from .workshop import WORKSHOP_FORMAT

# The commands' own rules (one line, no control characters), so a file edited by hand
# cannot bring in a title or a name that no screen would accept.
_TITLE: TypeAdapter[str] = TypeAdapter(RoomTitle)
_NAME: TypeAdapter[str] = TypeAdapter(Name)


def _checked(adapter: TypeAdapter[str], value: Any, where: str) -> str:
    try:
        return adapter.validate_python(value, strict=True)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        raise InvalidExport(f"{where}: {first['msg']}") from exc


def _card(data: dict[str, Any]) -> Card:
    return Card(
        id=data["id"],
        kind=data["kind"],
        text=dict(data["text"]),
        title=dict(data["title"]) if data.get("title") else None,
        minutes=data.get("minutes"),
        deck_id=data.get("deck_id"),
        author_id=data.get("author_id"),
    )


async def import_workshop(
    store: RoomStore,
    data: Any,
    *,
    now: Callable[[], int],
    new_code: Callable[[], str],
    new_secret: Callable[[], str],
    new_id: Callable[[], str],
) -> ws.Workshop:
    """Validate ``data`` and store it as a new workshop and its tables; raises
    InvalidExport (nothing stored) or a StoreError."""
    if not isinstance(data, dict) or data.get("format") != WORKSHOP_FORMAT:
        raise InvalidExport("not a workshop export")
    try:
        block = data["workshop"]
        title = _checked(_TITLE, block["title"], "workshop.title")
        tables = [
            (t["id"], _checked(_NAME, t["name"], "tables.name"), parse_record(t["record"]))
            for t in data["tables"]
        ]
        plenary_block = data.get("plenary")
        plenary = (
            (
                _checked(_NAME, plenary_block["name"], "plenary.name"),
                parse_record(plenary_block["record"]),
            )
            if plenary_block
            else None
        )
        options = Options(**block["options"])
        board = block["board"]
        cards = [_card(c) for c in block["cards"]]
        mode = ws.events.tables_mode_from(block["tables_mode"])
        participants = block["participants"]
    except (KeyError, TypeError, ValidationError) as exc:
        raise InvalidExport(f"the workshop record is incomplete: {exc!r}") from exc
    table_ids = {t[0] for t in tables}
    at = now()
    code, secret = new_code(), new_secret()
    created = ws.created_event(
        code=code,
        title=title,
        secret=secret,
        options=options,
        board=Board(id=board["id"], kind=board["kind"], size=board["size"], spec=board["spec"]),
        cards=cards,
        tables_mode=mode,
        seating=block["seating"],
        steering=block["steering"],
        tables=[ws.Table(tid, name, new_code()) for tid, name, _ in tables],
        now=at,
        board_spec=board["spec"],
    )
    events = [created]
    try:
        for p in participants:
            table_id = p["table_id"] if p["table_id"] in table_ids else None
            events.append(
                make(
                    "participant_joined",
                    participant_id=p["id"],
                    name=p["name"],
                    table_id=table_id,
                    at=p["joined_at"],
                )
            )
            if p.get("removed"):
                events.append(make("participant_removed", participant_id=p["id"]))
        if block.get("phase") in ("playing", "plenary", "closed"):
            events.append(make("workshop_started", at=at))
        if plenary is not None:
            events.append(
                make(
                    "plenary_opened",
                    table_id=PLENARY_ID,
                    name=plenary[0],
                    code=new_code(),
                    at=at,
                )
            )
        if block.get("phase") == "closed":
            events.append(make("workshop_ended", at=at))
        workshop = ws.fold(events)
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidExport(f"the workshop record is inconsistent: {exc!r}") from exc
    # The tables first, so the workshop never names a table the store does not have.
    table_entries = []
    for (table_id, name, record), table in zip(tables, workshop.tables.values(), strict=True):
        table_events = import_events(
            record,
            code=table.code,
            secret=ws.table_secret(workshop, table_id),
            now=at,
            workshop=code,
            table_name=name,
        )
        try:
            fold(table_events)
        except (KeyError, ValueError, TypeError) as exc:
            raise InvalidExport(f"table {name!r} is inconsistent: {exc!r}") from exc
        table_entries.append((table.code, table_events))
    if plenary is not None and workshop.plenary is not None:
        plenary_events = import_events(
            plenary[1],
            code=workshop.plenary.code,
            secret=ws.table_secret(workshop, PLENARY_ID),
            now=at,
            workshop=code,
            table_name=workshop.plenary.name,
        )
        try:
            fold(plenary_events)
        except (KeyError, ValueError, TypeError) as exc:
            raise InvalidExport(f"the plenary is inconsistent: {exc!r}") from exc
        table_entries.append((workshop.plenary.code, plenary_events))
    for table_code, table_events in table_entries:
        entry = Entry(1, f"import:{new_id()}", table_events, at, {"code": table_code})
        try:
            await store.create(table_code, entry)
        except RoomExists as exc:
            raise StoreError(f"table code {table_code} is taken; import again") from exc
    entry = Entry(1, f"import:{new_id()}", events, at, {"code": code})
    try:
        await store.create(code, entry)
    except RoomExists as exc:
        raise StoreError(f"workshop code {code} is taken; import again") from exc
    return workshop
