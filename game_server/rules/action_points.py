"""Action points: what, who is responsible, the first step, and when it is evaluated."""

from __future__ import annotations

from typing import Literal

from . import events
from .commands import Command, Id, ShortText
from .context import Context
from .model import Room
from .refusals import Refusal
from .rule import PLAYING, HandlerResult, Rule

MAX_ACTION_POINTS = 100
"""Action points in a room. Only whoever steers adds them, so this is their cap too."""


class AddActionPoint(Command):
    type: Literal["add_action_point"]
    what: ShortText
    who: ShortText
    first_step: ShortText
    evaluate_when: ShortText
    card_id: Id | None = None
    item: Literal["card", "post_it", "cluster"] | None = None
    """The plenary item (with ``item_id``) this action point was made from."""
    item_id: Id | None = None


class EditActionPoint(Command):
    type: Literal["edit_action_point"]
    action_point_id: Id
    what: ShortText | None = None
    who: ShortText | None = None
    first_step: ShortText | None = None
    evaluate_when: ShortText | None = None


class DeleteActionPoint(Command):
    type: Literal["delete_action_point"]
    action_point_id: Id


def _exists(room: Room, item: str, item_id: str) -> bool:
    found = {"card": room.cards, "post_it": room.post_its, "cluster": room.clusters}[item]
    return item_id in found


def add_action_point(room: Room, cmd: AddActionPoint, ctx: Context) -> HandlerResult:
    if cmd.card_id is not None and cmd.card_id not in room.cards:
        raise Refusal("unknown_card")
    if (cmd.item is None) != (cmd.item_id is None):
        raise Refusal("unknown_item", "Give both item and item_id, or neither.")
    if (
        cmd.item is not None
        and cmd.item_id is not None
        and not _exists(room, cmd.item, cmd.item_id)
    ):
        raise Refusal("unknown_item")
    if len(room.action_points) >= MAX_ACTION_POINTS:
        raise Refusal("limit_reached", f"A room holds at most {MAX_ACTION_POINTS} action points.")
    event = events.make(
        "action_point_added",
        action_point_id=ctx.new_id,
        what=cmd.what,
        who=cmd.who,
        first_step=cmd.first_step,
        evaluate_when=cmd.evaluate_when,
        card_id=cmd.card_id,
        item=cmd.item,
        item_id=cmd.item_id,
        at=ctx.now,
    )
    return [event], {"action_point_id": ctx.new_id}


def edit_action_point(room: Room, cmd: EditActionPoint, ctx: Context) -> HandlerResult:
    point = room.action_points.get(cmd.action_point_id)
    if point is None:
        raise Refusal("unknown_action_point")
    texts = ("what", "who", "first_step", "evaluate_when")
    changes = {k: v for k in texts if (v := getattr(cmd, k)) is not None}
    if not changes:
        raise Refusal("unchanged")
    kept = {k: getattr(point, k) for k in texts if k not in changes}
    event = events.make(
        "action_point_edited", action_point_id=point.id, at=ctx.now, **kept, **changes
    )
    return [event], {}


def delete_action_point(room: Room, cmd: DeleteActionPoint, ctx: Context) -> HandlerResult:
    if cmd.action_point_id not in room.action_points:
        raise Refusal("unknown_action_point")
    return [events.make("action_point_deleted", action_point_id=cmd.action_point_id)], {}


RULES: tuple[Rule, ...] = (
    Rule(AddActionPoint, "facilitator", PLAYING, add_action_point),
    Rule(EditActionPoint, "facilitator", PLAYING, edit_action_point),
    Rule(DeleteActionPoint, "facilitator", PLAYING, delete_action_point),
)
