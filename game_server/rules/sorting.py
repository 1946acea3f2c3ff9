"""Sorting into the red pile (to develop) and the green pile (already present)."""

from __future__ import annotations

from .commands import SetPile
from .context import Context
from .events import Event
from .model import Room
from .refusals import Refusal

Outcome = tuple[list[Event], dict[str, object]]


def set_pile(room: Room, cmd: SetPile, ctx: Context) -> Outcome:
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
    return [{"type": "pile_set", "item": cmd.item, "id": cmd.id, "pile": cmd.pile}], {}
