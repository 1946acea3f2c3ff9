"""The plenary: a room's sorted items under the seed's three headings.

Pure functions over *items*: an item is a plenary thing with a key ``(kind, id)`` — a
card on a pile, a post-it, or a cluster of post-its — and a heading. ``arrange`` knows
nothing of tables or rooms, so the cross-table plenary (issue #13) can feed it the items
of every table; ``room_items`` is the single-table adapter.

Headings (each item sits under exactly one, so nothing is repeated):
- ``questions``: a pink post-it that is not resolved (the seed's "vragen die zijn blijven
  liggen"), whatever pile it is on;
- ``present``: a card or post-it on the green pile;
- ``develop``: a card or post-it on the red pile (what the room votes on).
A cluster sits under the heading of its first member that has one; a post-it in a cluster
is shown inside the cluster, not on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .model import ItemKey, PostIt, Room
from .similar import likely_duplicates

Heading = Literal["present", "develop", "questions"]
HEADINGS: tuple[Heading, ...] = ("present", "develop", "questions")


@dataclass(frozen=True, slots=True)
class Item:
    key: ItemKey
    heading: Heading
    order: tuple[Any, ...]
    """Where it stands before votes: cards in agenda order first, then by time written."""
    text: str = ""
    """What it says, for the duplicate suggestions (a cluster: its members' texts)."""


def post_it_heading(post_it: PostIt) -> Heading | None:
    if post_it.colour == "pink" and not post_it.resolved:
        return "questions"
    if post_it.pile == "green":
        return "present"
    if post_it.pile == "red":
        return "develop"
    return None


def room_items(room: Room) -> list[Item]:
    """Every plenary item of one room (one table)."""
    items: list[Item] = []
    for index, card_id in enumerate(room.played_cards()):
        pile = room.card_piles.get(card_id)
        if pile is not None:
            heading: Heading = "present" if pile == "green" else "develop"
            items.append(Item(("card", card_id), heading, (0, index, card_id)))
    clustered = {p for c in room.clusters.values() for p in c.post_it_ids}
    for p in room.post_its.values():
        found = post_it_heading(p)
        if found is not None and p.id not in clustered:
            items.append(Item(("post_it", p.id), found, (1, p.created_at, p.id), p.text))
    for c in room.clusters.values():
        members = [room.post_its[m] for m in c.post_it_ids if m in room.post_its]
        found = next((h for h in map(post_it_heading, members) if h is not None), None)
        if found is not None:
            texts = " ".join(m.text for m in members)
            items.append(Item(("cluster", c.id), found, (1, c.created_at, c.id), texts))
    return items


def heading_of(room: Room, key: ItemKey) -> Heading | None:
    """The heading ``key`` is shown under now, or None (unknown, on no pile, clustered)."""
    return next((i.heading for i in room_items(room) if i.key == key), None)


def arrange(
    items: Iterable[Item], totals: Mapping[ItemKey, int] | None
) -> dict[Heading, list[Item]]:
    """Items per heading, in order; with ``totals`` (revealed votes) the items to develop
    go most votes first, ties in their usual order."""
    per: dict[Heading, list[Item]] = {h: [] for h in HEADINGS}
    for item in sorted(items, key=lambda i: i.order):
        per[item.heading].append(item)
    if totals is not None:
        per["develop"].sort(key=lambda i: -totals.get(i.key, 0))
    return per


def _ref(key: ItemKey) -> dict[str, str]:
    return {"item": key[0], "id": key[1]}


def plenary_view(room: Room) -> dict[str, Any]:
    """The ``plenary`` field of a view: item refs per heading, votes once revealed, and
    the facilitator's merge suggestions (computed in the plenary step only)."""
    voting = room.voting
    totals = voting.totals() if voting is not None and voting.revealed else None
    items = room_items(room)
    per = arrange(items, totals)
    develop = [
        {**_ref(i.key), "dots": None if totals is None else totals.get(i.key, 0)}
        for i in per["develop"]
    ]
    duplicates: list[dict[str, Any]] = []
    if room.phase == "summary":
        for heading in HEADINGS:
            texts = {i.key: i.text for i in per[heading] if i.key[0] != "card"}
            for a, b, score in likely_duplicates(texts):
                duplicates.append({"a": _ref(a), "b": _ref(b), "score": score})
    return {
        "present": [_ref(i.key) for i in per["present"]],
        "develop": develop,
        "questions": [_ref(i.key) for i in per["questions"]],
        "duplicates": duplicates,
    }
