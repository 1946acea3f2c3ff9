"""Action points: what, who is responsible, the first step, and when it is evaluated."""

from __future__ import annotations

from .commands import AddActionPoint, DeleteActionPoint, EditActionPoint
from .context import Context
from .events import Event
from .model import Room
from .refusals import Refusal

Outcome = tuple[list[Event], dict[str, object]]

MAX_ACTION_POINTS = 100
"""Action points in a room. Only whoever steers adds them, so this is their cap too."""


def add_action_point(room: Room, cmd: AddActionPoint, ctx: Context) -> Outcome:
    if cmd.card_id is not None and cmd.card_id not in room.cards:
        raise Refusal("unknown_card")
    if len(room.action_points) >= MAX_ACTION_POINTS:
        raise Refusal("limit_reached", f"A room holds at most {MAX_ACTION_POINTS} action points.")
    event = {
        "type": "action_point_added",
        "action_point_id": ctx.new_id,
        "what": cmd.what,
        "who": cmd.who,
        "first_step": cmd.first_step,
        "evaluate_when": cmd.evaluate_when,
        "card_id": cmd.card_id,
        "at": ctx.now,
    }
    return [event], {"action_point_id": ctx.new_id}


def edit_action_point(room: Room, cmd: EditActionPoint, ctx: Context) -> Outcome:
    point = room.action_points.get(cmd.action_point_id)
    if point is None:
        raise Refusal("unknown_action_point")
    changes = {
        k: v
        for k in ("what", "who", "first_step", "evaluate_when")
        if (v := getattr(cmd, k)) is not None
    }
    if not changes:
        raise Refusal("unchanged")
    event = {
        "type": "action_point_edited",
        "action_point_id": point.id,
        "what": point.what,
        "who": point.who,
        "first_step": point.first_step,
        "evaluate_when": point.evaluate_when,
        "at": ctx.now,
        **changes,
    }
    return [event], {}


def delete_action_point(room: Room, cmd: DeleteActionPoint, ctx: Context) -> Outcome:
    if cmd.action_point_id not in room.action_points:
        raise Refusal("unknown_action_point")
    return [{"type": "action_point_deleted", "action_point_id": cmd.action_point_id}], {}
