"""Sorting into the red pile (to develop) and the green pile (already present)."""

from __future__ import annotations

from typing import Literal

from . import events
from .clusters import frozen_by_voting
from .commands import Command, Id
from .context import Context
from .model import Room
from .refusals import Refusal
from .rule import HandlerResult, Rule


class SetPile(Command):
    type: Literal["set_pile"]
    item: Literal["card", "post_it"]
    id: Id
    pile: Literal["red", "green"] | None
    """None takes the item off both piles."""


def set_pile(room: Room, cmd: SetPile, ctx: Context) -> HandlerResult:
    frozen_by_voting(room)
    if cmd.item == "card":
        if cmd.id not in room.played_cards():
            raise Refusal("unknown_card", "Only cards that were played can be sorted.")
        current = room.card_piles.get(cmd.id)
    else:
        if cmd.id not in room.post_its:
            raise Refusal("unknown_post_it")
        current = room.post_its[cmd.id].pile
    if current == cmd.pile:
        return [], {}
    return [events.make("pile_set", item=cmd.item, id=cmd.id, pile=cmd.pile)], {}


RULES: tuple[Rule, ...] = (Rule(SetPile, "facilitator", frozenset({"sort", "summary"}), set_pile),)
