"""The plenary part of a report, from the record: what the plenary decided first.

Order (issue #13): the action points, then what is still to develop (by votes once they
are shown, each with its dots), what is already present, and the open questions. Each item
appears once (the headings of ``rules.plenary`` never repeat one), a cluster with its
post-its. Every report format (Markdown, DOCX, PDF) renders this one structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .labels import Labels, card_name
from .record import Record, cards_by_id, post_its_by_id


@dataclass(frozen=True, slots=True)
class Line:
    """One item of a heading, as words: a card, a post-it or a cluster."""

    kind: str
    text: str
    detail: str = ""
    """Where it comes from: the card (of a post-it), the number of post-its (a cluster)."""
    dots: int | None = None
    members: list[str] = field(default_factory=list)
    """A cluster's post-its, each ``colour: text``."""


@dataclass(frozen=True, slots=True)
class PlenaryPart:
    actions: list[dict[str, Any]]
    """Action points in order, each with ``from``: the text of the item it was made from."""
    develop: list[Line]
    present: list[Line]
    questions: list[Line]
    votes_shown: bool
    voting: bool


def _post_it(p: dict[str, Any], record: Record, labels: Labels) -> str:
    author = f" — {p['author']}" if p["author"] else ""
    return f"{labels.colour(p['colour'])}: {p['text']}{author}"


def _line(ref: dict[str, Any], record: Record, labels: Labels) -> Line:
    cards = cards_by_id(record)
    post_its = post_its_by_id(record)
    dots = ref.get("dots")
    if ref["item"] == "card":
        card = cards[ref["id"]]
        text = f"{labels['Card']} {card['number']}: {card_name(labels, card)}"
        return Line("card", text, dots=dots)
    if ref["item"] == "post_it":
        p = post_its[ref["id"]]
        card = cards[p["card_id"]]
        detail = f"{labels['Card']} {card['number']} ({card_name(labels, card)})"
        return Line("post_it", _post_it(p, record, labels), detail, dots)
    cluster = next(c for c in record["clusters"] if c["id"] == ref["id"])
    members = [
        _post_it(post_its[i], record, labels) for i in cluster["post_it_ids"] if i in post_its
    ]
    detail = f"{labels['cluster']} · {len(members)} {labels['post_its_in_cluster']}"
    return Line("cluster", cluster["name"], detail, dots, members)


def item_text(record: Record, item: str | None, item_id: str | None, labels: Labels) -> str:
    if item is None or item_id is None:
        return ""
    if item == "cluster":
        return next((c["name"] for c in record["clusters"] if c["id"] == item_id), "")
    if item == "post_it":
        return str(post_its_by_id(record).get(item_id, {}).get("text", ""))
    card = cards_by_id(record).get(item_id)
    return card_name(labels, card) if card else ""


def plenary_part(record: Record, labels: Labels) -> PlenaryPart:
    plenary = record["plenary"]
    points = {a["id"]: a for a in record["action_points"]}
    actions = [
        {**points[i], "from": item_text(record, points[i]["item"], points[i]["item_id"], labels)}
        for i in record["summary"]["action_points"]
    ]
    voting = record["voting"]
    return PlenaryPart(
        actions=actions,
        develop=[_line(r, record, labels) for r in plenary["develop"]],
        present=[_line(r, record, labels) for r in plenary["present"]],
        questions=[_line(r, record, labels) for r in plenary["questions"]],
        votes_shown=bool(voting and voting["revealed"]),
        voting=voting is not None,
    )
