"""What the plenary room opens with: every table's plenary items and the consensus across
the tables, gathered from the tables' rooms at the moment the plenary opens. Pure.

The plenary is a room (``room/workshops.py`` opens it with this snapshot in its
``room_created`` event), so everything a single room's plenary does (headings, clusters,
dot voting, action points) works on these items unchanged. Each table's items become
post-its of the plenary room, labelled with their table:

- a post-it on a pile or an open question (``rules/plenary.room_items``); a table's
  cluster gives each of its post-its, which the plenary clusters again;
- a card on a table's pile, as a post-it marked ``pile_card`` with the card's text, so
  "this statement on red at three tables" is three items the duplicate suggestions pair.

Its author's name goes along unless that table's post-its were anonymous; no author id,
no pawn, no ballot of anyone leaves a table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..events import Event
from ..model import Card, PostIt, Room
from ..opening import open_room
from ..plenary import room_items
from .consensus import consensus
from .model import Workshop
from .tokens import table_secret


def _author_name(room: Room, post_it: PostIt) -> str | None:
    if room.options.anonymous_post_its or post_it.author_id is None:
        return None
    player = room.players.get(post_it.author_id)
    return None if player is None else player.name


def _card_text(card: Card, language: str) -> str:
    return card.text.get(language) or next(iter(card.text.values()), "")


def _post_it_item(table_id: str, table_name: str, room: Room, p: PostIt) -> dict[str, Any]:
    return {
        "id": f"{table_id}-{p.id}",
        "card_id": p.card_id,
        "colour": p.colour,
        "text": p.text,
        "created_at": p.created_at,
        "pile": p.pile,
        "resolved": p.resolved,
        "table_id": table_id,
        "table_name": table_name,
        "author_name": _author_name(room, p),
        "pile_card": False,
    }


def table_items(w: Workshop, table_id: str, room: Room) -> list[dict[str, Any]]:
    """One table's plenary items as the plenary room's post-its (plain data)."""
    name = w.tables[table_id].name
    out: list[dict[str, Any]] = []
    for item in room_items(room):
        kind, item_id = item.key
        if kind == "card":
            card = room.cards[item_id]
            out.append(
                {
                    "id": f"{table_id}-card-{item_id}",
                    "card_id": item_id,
                    "colour": "green",
                    "text": _card_text(card, w.options.language),
                    # Before the table's post-its, in agenda order (item.order's index).
                    "created_at": room.created_at + int(item.order[1]),
                    "pile": room.card_piles[item_id],
                    "resolved": True,
                    "table_id": table_id,
                    "table_name": name,
                    "author_name": None,
                    "pile_card": True,
                }
            )
        elif kind == "post_it":
            out.append(_post_it_item(table_id, name, room, room.post_its[item_id]))
        else:
            for member in room.clusters[item_id].post_it_ids:
                if member in room.post_its:
                    out.append(_post_it_item(table_id, name, room, room.post_its[member]))
    return out


def gather(w: Workshop, rooms: Mapping[str, Room]) -> dict[str, Any]:
    """The plenary room's snapshot (its ``room_created`` event's ``plenary``): ``items``
    of every table in table order, and the ``consensus`` across them. ``rooms``: table id
    -> that table's room as it is now; a table without a room is skipped."""
    items: list[dict[str, Any]] = []
    for table in w.tables.values():
        room = rooms.get(table.id)
        if room is not None:
            items.extend(table_items(w, table.id, room))
    return {"items": items, "consensus": consensus(w, rooms)}


def plenary_cards(w: Workshop, rooms: Mapping[str, Room]) -> list[Card]:
    """The plenary room's cards: the workshop's, then any a table added in play (a case
    card written there), so every item's ``card_id`` names a card of the room."""
    cards = list(w.cards.values())
    known = set(w.cards)
    for table in w.tables.values():
        room = rooms.get(table.id)
        if room is None:
            continue
        for card_id in room.agenda:
            if card_id not in known:
                known.add(card_id)
                cards.append(room.cards[card_id])
    return cards


def open_plenary_room(w: Workshop, rooms: Mapping[str, Room], now: int) -> tuple[Event, Room]:
    """The plenary room's ``room_created`` event and room, from the tables' ``rooms`` as
    they are now. Its secret derives from the id ``"plenary"`` as a table's from its id."""
    assert w.plenary is not None
    return open_room(
        code=w.plenary.code,
        title=w.title,
        secret=table_secret(w, w.plenary.id),
        options=w.options,
        board=w.board,
        cards=plenary_cards(w, rooms),
        now=now,
        workshop=w.code,
        table_name=w.plenary.name,
        plenary=gather(w, rooms),
    )
