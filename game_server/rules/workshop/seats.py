"""Who takes part in a workshop and where they sit: joining, choosing a table, the
facilitator's seating and removal, and the tables themselves."""

from __future__ import annotations

from typing import Literal

from ..commands import Command, Id, Name
from ..events import Event
from ..players import _same_name
from ..refusals import Refusal
from .model import MAX_PARTICIPANTS, Workshop
from .rule import ALL, OPEN, HandlerResult, WorkshopContext, WorkshopRule
from .seating import chosen, new_table, spread


class JoinWorkshop(Command):
    """Sent as the transport's ``join`` on a workshop code. ``table_id``: the table chosen
    (seating ``choose``); without it a participant in ``choose`` mode waits unseated and
    picks a table from their view (``choose_table``)."""

    type: Literal["join_workshop"]
    name: Name
    table_id: Id | None = None


class ChooseTable(Command):
    type: Literal["choose_table"]
    table_id: Id


class SeatParticipant(Command):
    """The facilitator seats or moves a participant; ``table_id`` None unseats them."""

    type: Literal["seat_participant"]
    participant_id: Id
    table_id: Id | None


class RemoveParticipant(Command):
    type: Literal["remove_participant"]
    participant_id: Id


class RenameTable(Command):
    type: Literal["rename_table"]
    table_id: Id
    name: Name


class AddTable(Command):
    type: Literal["add_table"]


def join_workshop(w: Workshop, cmd: JoinWorkshop, ctx: WorkshopContext) -> HandlerResult:
    present = w.present()
    if any(_same_name(p.name, cmd.name) for p in present):
        raise Refusal("name_taken")
    if len(present) >= MAX_PARTICIPANTS:
        raise Refusal("room_full")
    events: list[Event] = []
    table_id: str | None = None
    if cmd.table_id is not None:
        if w.seating != "choose":
            raise Refusal("not_allowed", "The facilitator seats everyone in this workshop.")
        table_id = chosen(w, cmd.table_id).id
    elif w.seating == "spread":
        events, table_id = spread(w, ctx.new_code)
    elif w.seating == "choose" and w.tables_mode.by_size and not w.tables:
        events = [new_table(w, ctx.new_code)]  # nothing to choose from yet: the first table
        table_id = str(events[0]["table_id"])
    joined = {
        "type": "participant_joined",
        "participant_id": ctx.new_id,
        "name": cmd.name,
        "table_id": table_id,
        "at": ctx.now,
    }
    return [*events, joined], {"participant_id": ctx.new_id, "table_id": table_id}


def choose_table(w: Workshop, cmd: ChooseTable, ctx: WorkshopContext) -> HandlerResult:
    me = w.participants[str(ctx.actor.player_id)]
    if w.seating != "choose":
        raise Refusal("not_allowed", "The facilitator seats everyone in this workshop.")
    if me.table_id is not None:
        if me.table_id == cmd.table_id:
            return [], {"table_id": me.table_id}
        raise Refusal("not_allowed", "Ask the facilitator to move you to another table.")
    table = chosen(w, cmd.table_id)
    event = _seated(me.id, None, table.id)
    return [event], {"table_id": table.id}


def _seated(participant_id: str, from_table: str | None, to_table: str | None) -> Event:
    return {
        "type": "participant_seated",
        "participant_id": participant_id,
        "from_table": from_table,
        "to_table": to_table,
    }


def _participant(w: Workshop, participant_id: str) -> str:
    p = w.participants.get(participant_id)
    if p is None or p.removed:
        raise Refusal("unknown_participant")
    return p.id


def seat_participant(w: Workshop, cmd: SeatParticipant, ctx: WorkshopContext) -> HandlerResult:
    """The facilitator may seat beyond a table's ``max``: they see the room, the rule
    only keeps participants racing for chairs from overfilling a table."""
    p = w.participants[_participant(w, cmd.participant_id)]
    if cmd.table_id is not None and cmd.table_id not in w.tables:
        raise Refusal("unknown_table")
    if p.table_id == cmd.table_id:
        return [], {}
    return [_seated(p.id, p.table_id, cmd.table_id)], {}


def remove_participant(w: Workshop, cmd: RemoveParticipant, ctx: WorkshopContext) -> HandlerResult:
    participant_id = _participant(w, cmd.participant_id)
    return [{"type": "participant_removed", "participant_id": participant_id}], {}


def rename_table(w: Workshop, cmd: RenameTable, ctx: WorkshopContext) -> HandlerResult:
    table = w.tables.get(cmd.table_id)
    if table is None:
        raise Refusal("unknown_table")
    if table.name == cmd.name:
        return [], {}
    return [{"type": "table_renamed", "table_id": table.id, "name": cmd.name}], {}


def add_table(w: Workshop, cmd: AddTable, ctx: WorkshopContext) -> HandlerResult:
    event = new_table(w, ctx.new_code)
    return [event], {"table_id": event["table_id"]}


RULES: tuple[WorkshopRule, ...] = (
    WorkshopRule(JoinWorkshop, "guest", OPEN, join_workshop),
    WorkshopRule(ChooseTable, "participant", OPEN, choose_table),
    WorkshopRule(SeatParticipant, "facilitator", OPEN, seat_participant),
    WorkshopRule(RemoveParticipant, "facilitator", ALL, remove_participant),
    WorkshopRule(RenameTable, "facilitator", ALL, rename_table),
    WorkshopRule(AddTable, "facilitator", OPEN, add_table),
)
