"""Clusters: the facilitator merges post-its that say the same thing into one named item.

A post-it is in at most one cluster; a cluster holds at least two post-its (taking one
out of a pair dissolves it). Merging is only ever the facilitator's act: the duplicate
suggestions (``similar``) propose, they never merge.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from . import events
from .commands import Command, Id, Part
from .context import Context
from .model import ItemKey, Phase, Room
from .plenary import heading_of
from .refusals import Refusal
from .rule import HandlerResult, Rule
from .text import ONE_LINE, TYPED_TEXT

MAX_CLUSTER_NAME = 80
ClusterName = Annotated[str, Field(max_length=MAX_CLUSTER_NAME), TYPED_TEXT, ONE_LINE]
PLENARY: frozenset[Phase] = frozenset({"sort", "summary"})
"""Sorting and the plenary after it: where the facilitator arranges the items."""


class MergeRef(Part):
    """An item to merge: a post-it, or a cluster (whose post-its all join)."""

    item: Literal["post_it", "cluster"]
    id: Id


class MergeItems(Command):
    """Merge post-its and clusters into one cluster. When ``items`` holds a cluster the
    others join the first cluster named (drag a post-it onto a cluster); otherwise a new
    cluster is made, named ``name`` or after the first post-it."""

    type: Literal["merge_items"]
    items: Annotated[list[MergeRef], Field(min_length=2, max_length=50)]
    name: ClusterName | None = None


class RenameCluster(Command):
    type: Literal["rename_cluster"]
    cluster_id: Id
    name: ClusterName


class SplitCluster(Command):
    """Take one post-it out of a cluster, or (without ``post_it_id``) dissolve it."""

    type: Literal["split_cluster"]
    cluster_id: Id
    post_it_id: Id | None = None


def frozen_by_voting(room: Room) -> None:
    """While dots are being placed the items stay as they are: a dot must land on the
    item its voter saw."""
    if room.voting is not None and not room.voting.revealed:
        raise Refusal("voting_open")


def default_name(room: Room, post_it_id: str) -> str:
    """A cluster's name when none is given: its first post-it's first line, cut; for a
    card a table put on a pile (the plenary across tables), the card's title if it has
    one, as the card is called everywhere else."""
    post_it = room.post_its[post_it_id]
    card = room.cards.get(post_it.card_id) if post_it.pile_card else None
    title = card.title if card is not None else None
    text = (title.get(room.options.language) or next(iter(title.values()), "")) if title else ""
    line = (text or post_it.text).strip().splitlines()[0].strip()
    return line if len(line) <= MAX_CLUSTER_NAME else line[: MAX_CLUSTER_NAME - 1] + "…"


def merge_items(room: Room, cmd: MergeItems, ctx: Context) -> HandlerResult:
    frozen_by_voting(room)
    keys: list[ItemKey] = []
    for ref in cmd.items:
        key: ItemKey = (ref.item, ref.id)
        if ref.item == "post_it" and ref.id not in room.post_its:
            raise Refusal("unknown_post_it")
        if ref.item == "cluster" and ref.id not in room.clusters:
            raise Refusal("unknown_cluster")
        if key not in keys:
            keys.append(key)
    if len(keys) < 2:
        raise Refusal("too_few_items")
    headings = {heading_of(room, k) for k in keys}
    if None in headings:
        raise Refusal("not_in_plenary", "A post-it in a cluster is merged through its cluster.")
    if len(headings) > 1:
        raise Refusal("other_heading")
    target = next((k[1] for k in keys if k[0] == "cluster"), None)
    joining: list[str] = []
    for kind, item_id in keys:
        if kind == "cluster" and item_id == target:
            continue
        members = room.clusters[item_id].post_it_ids if kind == "cluster" else (item_id,)
        joining.extend(members)
    if target is None:
        cluster_id = ctx.new_id
        name = cmd.name or default_name(room, joining[0])
    else:
        cluster_id = target
        name = cmd.name or room.clusters[target].name
    made = events.make(
        "items_merged", cluster_id=cluster_id, name=name, post_it_ids=joining, at=ctx.now
    )
    return [made], {"cluster_id": cluster_id}


def rename_cluster(room: Room, cmd: RenameCluster, ctx: Context) -> HandlerResult:
    cluster = room.clusters.get(cmd.cluster_id)
    if cluster is None:
        raise Refusal("unknown_cluster")
    if cluster.name == cmd.name:
        return [], {}
    return [events.make("cluster_renamed", cluster_id=cluster.id, name=cmd.name)], {}


def split_cluster(room: Room, cmd: SplitCluster, ctx: Context) -> HandlerResult:
    frozen_by_voting(room)
    cluster = room.clusters.get(cmd.cluster_id)
    if cluster is None:
        raise Refusal("unknown_cluster")
    if cmd.post_it_id is not None and cmd.post_it_id not in cluster.post_it_ids:
        raise Refusal("not_in_cluster")
    out = list(cluster.post_it_ids)
    if cmd.post_it_id is not None and len(out) > 2:
        out = [cmd.post_it_id]  # else the last one would be a cluster of one: dissolve
    return [events.make("cluster_split", cluster_id=cluster.id, post_it_ids=out)], {}


RULES: tuple[Rule, ...] = (
    Rule(MergeItems, "facilitator", PLENARY, merge_items),
    Rule(RenameCluster, "facilitator", PLENARY, rename_cluster),
    Rule(SplitCluster, "facilitator", PLENARY, split_cluster),
)
