"""Green and pink post-its: written by players, steered by the facilitator."""

from __future__ import annotations

from typing import Literal

from . import events
from .access import Actor
from .clusters import frozen_by_voting
from .commands import Command, Id, PostItText
from .context import Context
from .model import PostIt, Room
from .refusals import Refusal
from .rule import CARD, OPEN, PLAYING, HandlerResult, Rule

MAX_POST_ITS_PER_PLAYER = 200
"""A player writes at most this many post-its (ten cards of twenty each)."""
MAX_POST_ITS_PER_ROOM = 2000
"""Every view carries every post-it: this keeps a room's view well under a megabyte."""


def _within_post_it_caps(room: Room, author_id: str | None) -> None:
    if len(room.post_its) >= MAX_POST_ITS_PER_ROOM:
        raise Refusal("limit_reached", f"A room holds at most {MAX_POST_ITS_PER_ROOM} post-its.")
    written = sum(1 for p in room.post_its.values() if p.author_id == author_id)
    if written >= MAX_POST_ITS_PER_PLAYER:
        raise Refusal(
            "limit_reached", f"A player writes at most {MAX_POST_ITS_PER_PLAYER} post-its."
        )


class AddPostIt(Command):
    type: Literal["add_post_it"]
    colour: Literal["green", "pink"]
    text: PostItText
    card_id: Id | None = None
    """Defaults to the current card; an earlier card may be named (a draft finished late)."""


class EditPostIt(Command):
    type: Literal["edit_post_it"]
    post_it_id: Id
    text: PostItText | None = None
    colour: Literal["green", "pink"] | None = None


class DeletePostIt(Command):
    type: Literal["delete_post_it"]
    post_it_id: Id


class LockPostIts(Command):
    type: Literal["lock_post_its"]


class UnlockPostIts(Command):
    type: Literal["unlock_post_its"]


class ResolvePostIt(Command):
    type: Literal["resolve_post_it"]
    post_it_id: Id
    resolved: bool = True


def add_post_it(room: Room, cmd: AddPostIt, ctx: Context) -> HandlerResult:
    card_id = cmd.card_id or room.current_card_id
    if card_id is None or card_id not in room.cards:
        raise Refusal("unknown_card")
    if card_id not in room.started:
        raise Refusal("card_not_started")
    if room.post_its_locked and ctx.actor.role != "facilitator":
        raise Refusal("post_its_locked")
    _within_post_it_caps(room, ctx.actor.player_id)
    event = events.make(
        "post_it_added",
        post_it_id=ctx.new_id,
        card_id=card_id,
        colour=cmd.colour,
        text=cmd.text,
        author_id=ctx.actor.player_id,
        at=ctx.now,
    )
    return [event], {"post_it_id": ctx.new_id}


def _editable(room: Room, post_it_id: str, actor: Actor) -> PostIt:
    post_it = room.post_its.get(post_it_id)
    if post_it is None:
        raise Refusal("unknown_post_it")
    if actor.role == "facilitator":
        return post_it
    if post_it.author_id != actor.player_id:
        raise Refusal("not_author")
    if room.post_its_locked:
        raise Refusal("post_its_locked")
    return post_it


def edit_post_it(room: Room, cmd: EditPostIt, ctx: Context) -> HandlerResult:
    post_it = _editable(room, cmd.post_it_id, ctx.actor)
    if cmd.text is None and cmd.colour is None:
        raise Refusal("unchanged")
    if cmd.colour is not None and cmd.colour != post_it.colour:
        frozen_by_voting(room)  # the colour decides the plenary heading
    event = events.make(
        "post_it_edited",
        post_it_id=post_it.id,
        text=cmd.text if cmd.text is not None else post_it.text,
        colour=cmd.colour or post_it.colour,
        at=ctx.now,
    )
    return [event], {}


def delete_post_it(room: Room, cmd: DeletePostIt, ctx: Context) -> HandlerResult:
    post_it = _editable(room, cmd.post_it_id, ctx.actor)
    frozen_by_voting(room)
    return [events.make("post_it_deleted", post_it_id=post_it.id)], {}


def lock_post_its(room: Room, cmd: LockPostIts | UnlockPostIts, ctx: Context) -> HandlerResult:
    locked = isinstance(cmd, LockPostIts)
    if room.post_its_locked == locked:
        return [], {}
    return [events.make("post_its_locked", locked=locked)], {}


def resolve_post_it(room: Room, cmd: ResolvePostIt, ctx: Context) -> HandlerResult:
    post_it = room.post_its.get(cmd.post_it_id)
    if post_it is None:
        raise Refusal("unknown_post_it")
    if post_it.colour != "pink":
        raise Refusal("not_pink")
    if post_it.resolved == cmd.resolved:
        return [], {}
    frozen_by_voting(room)  # resolving moves it between plenary headings
    return [events.make("post_it_resolved", post_it_id=post_it.id, resolved=cmd.resolved)], {}


RULES: tuple[Rule, ...] = (
    Rule(AddPostIt, "player", CARD | {"sort"}, add_post_it),
    Rule(EditPostIt, "member", PLAYING, edit_post_it),
    Rule(DeletePostIt, "member", PLAYING, delete_post_it),
    Rule(LockPostIts, "facilitator", OPEN, lock_post_its),
    Rule(UnlockPostIts, "facilitator", OPEN, lock_post_its),
    Rule(ResolvePostIt, "facilitator", PLAYING, resolve_post_it),
)
