"""Builders for the workshop rules tests: a workshop with its tables' rooms, and ``Run``,
which plays workshop commands and carries what they ask of the tables (as the server
does, through ``carry``), so a test sees a workshop and its tables move together."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import pytest

from game_server.rules import Actor, Context, Event, Options, Refusal, Room, decide, open_room
from game_server.rules import workshop as ws
from game_server.rules.decide import COMMAND
from game_server.rules.workshop.model import TablesMode

from .conftest import SCALE_BOARD, make_cards

FACILITATOR = Actor("facilitator")
GUEST = Actor("guest")
WORKSHOP = Actor("workshop")
_ids = itertools.count(1)


def new_id(prefix: str = "x") -> str:
    return f"{prefix}{next(_ids):06d}"


def new_code() -> str:
    return f"T{next(_ids):05d}"


@dataclass
class Run:
    """A workshop, its events, and a room per table kept in line with it."""

    created: Event
    workshop: ws.Workshop
    events: list[Event] = field(default_factory=list)
    tables: dict[str, Room] = field(default_factory=dict)
    table_events: dict[str, list[Event]] = field(default_factory=dict)
    now: int = 1_000_000
    version: int = 1
    carry: bool = True

    def play(self, actor: Actor, payload: dict[str, Any]) -> dict[str, Any]:
        cmd = ws.COMMAND.validate_python({"command_id": new_id("c-"), **payload})
        ctx = ws.WorkshopContext(actor, self.now, new_id("p-"), new_code())
        before = self.workshop
        accepted = ws.decide(before, cmd, ctx)
        self.workshop = accepted.room
        self.events.extend(accepted.events)
        if accepted.events:
            self.version += 1
            assert ws.fold([self.created, *self.events]) == self.workshop
            if self.carry:
                self.carry_all(accepted.events)
        return dict(accepted.result)

    def refuse(self, actor: Actor, payload: dict[str, Any]) -> str:
        before, tables = self.workshop, dict(self.tables)
        with pytest.raises(Refusal) as info:
            self.play(actor, payload)
        assert self.workshop is before and self.tables == tables
        return info.value.code

    def fac(self, type_: str, **fields: Any) -> dict[str, Any]:
        return self.play(FACILITATOR, {"type": type_, **fields})

    def join(self, name: str, table_id: str | None = None) -> str:
        payload: dict[str, Any] = {"type": "join_workshop", "name": name}
        if table_id is not None:
            payload["table_id"] = table_id
        return str(self.play(GUEST, payload)["participant_id"])

    def table(self, table_id: str) -> Room:
        return self.tables[table_id]

    def at(self, table_id: str, actor: Actor, payload: dict[str, Any]) -> None:
        """A command given at a table by one of its own (a lead, a player)."""
        cmd = COMMAND.validate_python({"command_id": new_id("t-"), **payload})
        room = self.tables[table_id]
        accepted = decide(room, cmd, Context(actor, self.now, new_id("n-")))
        self.tables[table_id] = accepted.room
        self.table_events[table_id].extend(accepted.events)

    def carry_all(self, events: list[Event] | None = None) -> None:
        """Open missing tables, reconcile every table, and carry new orders, as the
        server's carry does after a workshop version."""
        for table in self.workshop.tables.values():
            if table.id not in self.tables:
                event, room = open_room(
                    code=table.code,
                    title=self.workshop.title,
                    secret=ws.table_secret(self.workshop, table.id),
                    options=self.workshop.options,
                    board=self.workshop.board,
                    cards=list(self.workshop.cards.values()),
                    now=self.now,
                    workshop=self.workshop.code,
                    table_name=table.name,
                )
                self.tables[table.id] = room
                self.table_events[table.id] = [event]
        plenary = self.workshop.plenary
        if plenary is not None and plenary.id not in self.tables:
            # As the shell: the tables as they are now, gathered once.
            tables = {t: self.tables[t] for t in self.workshop.tables if t in self.tables}
            event, room = ws.open_plenary_room(self.workshop, tables, self.now)
            self.tables[plenary.id] = room
            self.table_events[plenary.id] = [event]
        if plenary is not None:
            for payload in ws.reconcile_plenary(
                self.workshop, self.tables[plenary.id], self.version
            ):
                self._send(plenary.id, payload)
        orders = [e["order_id"] for e in (events or []) if e["type"] == "order_given"]
        for table_id in self.workshop.tables:
            for payload in ws.reconcile(
                self.workshop, table_id, self.tables[table_id], self.version
            ):
                self._send(table_id, payload)
            for order in self.workshop.orders:
                if order.id in orders:
                    payload = ws.order_command(order, table_id)
                    if payload is not None:
                        self._send(table_id, payload)

    def _send(self, table_id: str, payload: dict[str, Any]) -> None:
        cmd = COMMAND.validate_python(payload)
        room = self.tables[table_id]
        try:
            accepted = decide(room, cmd, Context(WORKSHOP, self.now, new_id("n-")))
        except Refusal:
            return  # e.g. a table with nobody yet cannot start: the shell ignores it too
        self.tables[table_id] = accepted.room
        self.table_events[table_id].extend(accepted.events)


def make_run(
    *,
    count: int | None = 3,
    size: tuple[int, int] | None = None,
    seating: str = "spread",
    steering: str = "tables",
    language: str = "nl",
    carry: bool = True,
) -> Run:
    mode = TablesMode(count=count) if size is None else TablesMode(min=size[0], max=size[1])
    word = "Tafel" if language == "nl" else "Table"
    tables = [ws.Table(f"t{n}", f"{word} {n}", new_code()) for n in range(1, (count or 0) + 1)]
    if size is not None:
        tables = []
    created = ws.created_event(
        code="WSHOP1",
        title="Samen aan de slag",
        secret="workshop-geheim",
        options=Options(language=language),  # type: ignore[arg-type]
        board=SCALE_BOARD,
        cards=make_cards(3),
        tables_mode=mode,
        seating=seating,
        steering=steering,
        tables=tables,
        now=500_000,
        board_spec=dict(SCALE_BOARD.spec),
    )
    run = Run(created, ws.fold([created]), carry=carry)
    if carry:
        run.carry_all()
    return run
