"""Anonymous post-its, once the game has ended: nothing stored links them to their authors.

While an anonymous room is played, the server must know who wrote each post-it, so that
its author (and only its author) can edit it: the ``post_it_added`` event names the
author, and the entries of the author's own post-it commands are keyed by their player id
(``"<player id>:<command id>"``, for answering a resend). When the game ends,
``end_game`` records ``authors_forgotten`` (rules/steps.py), which drops the authors from
the room, and ``forgotten`` below gives the earlier entries rewritten without them, which
the store writes over the originals (``RoomStore.rewrite``). What remains: the post-its,
their texts and times; no author and no player-keyed command that touched a post-it.

Pure: the authority stores what this returns, after the closing entry and again whenever
it loads a room whose rewrite was interrupted, so it must give nothing the second time.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..stores.base import Entry

FORGOTTEN = "authors_forgotten"
ROLE_SENDERS = frozenset({"facilitator", "guest", "import", "projector"})
"""Senders that are roles, not players: their command keys name nobody."""
ANONYMOUS = "anonymous"
"""The sender of a rewritten key: ``"anonymous:<random>"``."""
_POST_IT_EVENTS = frozenset({"post_it_added", "post_it_edited", "post_it_deleted"})


def _names_an_author(entry: Entry) -> bool:
    sender = entry.command_key.partition(":")[0]
    touches_post_its = any(e["type"] in _POST_IT_EVENTS for e in entry.events)
    if touches_post_its and sender not in ROLE_SENDERS and sender != ANONYMOUS:
        return True
    return any(
        e["type"] == "post_it_added" and e.get("author_id") is not None for e in entry.events
    )


def _without_authors(event: dict[str, Any]) -> dict[str, Any]:
    if event["type"] == "post_it_added" and event.get("author_id") is not None:
        return {**event, "author_id": None}
    return event


def forgotten(entries: Sequence[Entry]) -> list[Entry]:
    """The entries before the last ``authors_forgotten`` that still name a post-it's author,
    rewritten so they do not: every post-it's ``author_id`` is null, and a command key of a
    player's post-it command becomes ``"anonymous:<random>"`` (its resend is then decided
    again, and refused, as the game is over). Empty when there is nothing (left) to do."""
    last = max(
        (entry.version for entry in entries if any(e["type"] == FORGOTTEN for e in entry.events)),
        default=None,
    )
    if last is None:
        return []
    out = []
    for entry in entries:
        if entry.version >= last or not _names_an_author(entry):
            continue
        key = entry.command_key
        if any(e["type"] in _POST_IT_EVENTS for e in entry.events):
            sender = key.partition(":")[0]
            if sender not in ROLE_SENDERS and sender != ANONYMOUS:
                key = f"{ANONYMOUS}:{secrets.token_urlsafe(12)}"
        events = [_without_authors(e) for e in entry.events]
        out.append(replace(entry, command_key=key, events=events))
    return out
