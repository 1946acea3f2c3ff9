"""One table at a glance, for the workshop's overview: a pure function of the table's room.

No post-it text and no pawn positions: the overview goes to the projector too, and a
table's hidden placements stay hidden from everyone but that table's facilitator.
"""

from __future__ import annotations

from typing import Any

from ..figures import still_to_place
from ..model import Room


def table_summary(room: Room) -> dict[str, Any]:
    language = room.options.language
    card_id = room.current_card_id
    card = room.cards.get(card_id) if card_id is not None else None
    played = [c for c in room.agenda if c not in room.skipped]
    post_its = {"green": 0, "pink": 0}
    for post_it in room.post_its.values():
        post_its[post_it.colour] += 1
    lead = room.players.get(room.facilitator_player_id or "")
    return {
        "phase": room.phase,
        "card_id": card_id,
        "card": None
        if card is None
        else {
            "title": card.title.get(language) if card.title else None,
            "text": card.text.get(language, next(iter(card.text.values()), "")),
        },
        "card_index": played.index(card_id) + 1 if card_id in played else None,
        "cards_total": len(played),
        "still_to_place": [room.players[p].name for p in still_to_place(room)],
        "post_its": post_its,
        "timer": None if room.timer is None else {"ends_at": room.timer.ends_at()},
        "spot_since": room.spot_since,
        "players": [
            {"id": p.id, "name": p.name, "active": p.active}
            for p in room.players.values()
            if not p.removed
        ],
        "lead": None if lead is None else lead.name,
        "help_asked_at": room.help_asked_at,
        "steered_by": "facilitator" if lead is None else "lead",
    }
