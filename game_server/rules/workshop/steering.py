"""How a workshop's tables are steered: seating and steering modes, the start, lockstep
steps, broadcasts, taking a table over, and what the projector shows.

What must reach the tables is recorded here as a workshop event; the server carries it
to each table (``carry.py``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..commands import Command, Id, PostItText
from ..events import Event
from ..refusals import Refusal
from .model import PLENARY_ID, PLENARY_NAME, OrderKind, Seating, Steering, Workshop
from .rule import ALL, LOBBY, OPEN, PLAYING, HandlerResult, WorkshopContext, WorkshopRule


class SetSeating(Command):
    type: Literal["set_seating"]
    seating: Seating


class SetSteering(Command):
    type: Literal["set_steering"]
    steering: Steering


class StartWorkshop(Command):
    type: Literal["start_workshop"]


class StepAll(Command):
    type: Literal["step_all"]


class Broadcast(Command):
    type: Literal["broadcast"]
    text: PostItText


class BroadcastTimer(Command):
    type: Literal["broadcast_timer"]
    seconds: Annotated[int, Field(ge=10, le=3600)]


class AllToSort(Command):
    type: Literal["all_to_sort"]


class ShowTable(Command):
    type: Literal["show_table"]
    table_id: Id | None


class TakeOverTable(Command):
    type: Literal["take_over_table"]
    table_id: Id


class GiveBackTable(Command):
    type: Literal["give_back_table"]
    table_id: Id


class ClearTableHelp(Command):
    type: Literal["clear_table_help"]
    table_id: Id


class EndWorkshop(Command):
    type: Literal["end_workshop"]


class OpenPlenary(Command):
    """The plenary across the tables: every table's piles and open questions gathered
    into one room, which every participant joins (``carry.reconcile_plenary``)."""

    type: Literal["open_plenary"]


def _table(w: Workshop, table_id: str) -> str:
    if table_id not in w.tables:
        raise Refusal("unknown_table")
    return table_id


def _order(
    kind: OrderKind, ctx: WorkshopContext, seconds: int | None = None, table_id: str | None = None
) -> Event:
    return {
        "type": "order_given",
        "order_id": ctx.new_id,
        "kind": kind,
        "seconds": seconds,
        "table_id": table_id,
        "at": ctx.now,
    }


def set_seating(w: Workshop, cmd: SetSeating, ctx: WorkshopContext) -> HandlerResult:
    if w.seating == cmd.seating:
        return [], {}
    return [{"type": "seating_set", "seating": cmd.seating}], {}


def set_steering(w: Workshop, cmd: SetSteering, ctx: WorkshopContext) -> HandlerResult:
    if w.steering == cmd.steering and not w.taken_over:
        return [], {}
    return [{"type": "steering_set", "steering": cmd.steering}], {}


def start_workshop(w: Workshop, cmd: StartWorkshop, ctx: WorkshopContext) -> HandlerResult:
    if not any(p.table_id is not None for p in w.present()):
        raise Refusal("no_players", "Seat someone at a table first.")
    return [{"type": "workshop_started", "at": ctx.now}], {}


def step_all(w: Workshop, cmd: StepAll, ctx: WorkshopContext) -> HandlerResult:
    if w.steering != "facilitator":
        raise Refusal("not_lockstep")
    return [_order("step", ctx)], {}


def broadcast(w: Workshop, cmd: Broadcast, ctx: WorkshopContext) -> HandlerResult:
    event = {"type": "message_broadcast", "message_id": ctx.new_id, "text": cmd.text, "at": ctx.now}
    return [event], {"message_id": ctx.new_id}


def broadcast_timer(w: Workshop, cmd: BroadcastTimer, ctx: WorkshopContext) -> HandlerResult:
    return [_order("timer", ctx, seconds=cmd.seconds)], {}


def all_to_sort(w: Workshop, cmd: AllToSort, ctx: WorkshopContext) -> HandlerResult:
    return [_order("sort", ctx)], {}


def show_table(w: Workshop, cmd: ShowTable, ctx: WorkshopContext) -> HandlerResult:
    table_id = None if cmd.table_id is None else _table(w, cmd.table_id)
    if w.shown_table == table_id:
        return [], {}
    return [{"type": "table_shown", "table_id": table_id}], {}


def take_over_table(w: Workshop, cmd: TakeOverTable, ctx: WorkshopContext) -> HandlerResult:
    table_id = _table(w, cmd.table_id)
    if w.steered_by_facilitator(table_id):
        return [], {}
    return [{"type": "table_taken_over", "table_id": table_id}], {}


def give_back_table(w: Workshop, cmd: GiveBackTable, ctx: WorkshopContext) -> HandlerResult:
    table_id = _table(w, cmd.table_id)
    if w.steering == "facilitator":
        raise Refusal("not_allowed", "In lockstep the facilitator steers every table.")
    if table_id not in w.taken_over:
        return [], {}
    return [{"type": "table_given_back", "table_id": table_id}], {}


def clear_table_help(w: Workshop, cmd: ClearTableHelp, ctx: WorkshopContext) -> HandlerResult:
    return [_order("clear_help", ctx, table_id=_table(w, cmd.table_id))], {}


def end_workshop(w: Workshop, cmd: EndWorkshop, ctx: WorkshopContext) -> HandlerResult:
    return [{"type": "workshop_ended", "at": ctx.now}], {}


def open_plenary(w: Workshop, cmd: OpenPlenary, ctx: WorkshopContext) -> HandlerResult:
    # Only from ``playing`` (the rule's phases): a second one finds the phase ``plenary``.
    event = {
        "type": "plenary_opened",
        "table_id": PLENARY_ID,
        "name": PLENARY_NAME[w.options.language],
        "code": ctx.new_code,
        "at": ctx.now,
    }
    return [event], {"code": ctx.new_code}


RULES: tuple[WorkshopRule, ...] = (
    WorkshopRule(SetSeating, "facilitator", OPEN, set_seating),
    WorkshopRule(SetSteering, "facilitator", OPEN, set_steering),
    WorkshopRule(StartWorkshop, "facilitator", LOBBY, start_workshop),
    WorkshopRule(StepAll, "facilitator", PLAYING, step_all),
    WorkshopRule(Broadcast, "facilitator", OPEN, broadcast),
    WorkshopRule(BroadcastTimer, "facilitator", PLAYING, broadcast_timer),
    WorkshopRule(AllToSort, "facilitator", PLAYING, all_to_sort),
    WorkshopRule(ShowTable, "facilitator", ALL, show_table),
    WorkshopRule(TakeOverTable, "facilitator", OPEN, take_over_table),
    WorkshopRule(GiveBackTable, "facilitator", OPEN, give_back_table),
    WorkshopRule(ClearTableHelp, "facilitator", ALL, clear_table_help),
    WorkshopRule(EndWorkshop, "facilitator", OPEN, end_workshop),
    WorkshopRule(OpenPlenary, "facilitator", PLAYING, open_plenary),
)
