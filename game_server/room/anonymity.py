"""Once the game has ended, nothing stored links an anonymous post-it to its author, nor
a dot to its voter.

While an anonymous room is played, the server must know who wrote each post-it, so that
its author (and only its author) can edit it: the ``post_it_added`` event names the
author, and the entries of the author's own post-it commands are keyed by their player id
(``"<player id>:<command id>"``, for answering a resend). When the game ends,
``end_game`` records ``authors_forgotten`` (rules/steps.py), which drops the authors from
the room, and ``forgotten`` below gives the earlier entries rewritten without them, which
the store writes over the originals (``RoomStore.rewrite``). What remains: the post-its,
their texts and times; no author and no player-keyed command that touched a post-it.

Dot votes are secret in every room, anonymous or not: ``dot_placed`` and ``dot_removed``
name the voter (so each can take back their own dot), and their entries are keyed by the
voter's player id. ``end_game`` records ``ballots_forgotten``, which relabels the room's
ballots by their content alone; the earlier dot events are rewritten to name, instead of
the voter, a random ``"anonymous:<random>"`` pseudonym, one per voter and round (so a
removed dot still leaves the ballot it was placed on, and the rounds of one voter are not
linked), and their keys become anonymous. Folded, the rewritten history gives the same
room from the closing entry on: the same ballots, totals, order, views and exports.

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
BALLOTS_FORGOTTEN = "ballots_forgotten"
CLOSING = frozenset({FORGOTTEN, BALLOTS_FORGOTTEN})
"""The events after which the history before them is rewritten."""
ROLE_SENDERS = frozenset({"facilitator", "guest", "import", "projector"})
"""Senders that are roles, not players: their command keys name nobody."""
ANONYMOUS = "anonymous"
"""The sender of a rewritten key: ``"anonymous:<random>"``."""
_POST_IT_EVENTS = frozenset({"post_it_added", "post_it_edited", "post_it_deleted"})
_DOT_EVENTS = frozenset({"dot_placed", "dot_removed"})
_ROUND_STARTS = frozenset({"voting_opened", "voting_cancelled"})


def _named(sender: str) -> bool:
    return sender not in ROLE_SENDERS and sender != ANONYMOUS


def _last(entries: Sequence[Entry], event_type: str) -> int | None:
    return max(
        (e.version for e in entries if any(ev["type"] == event_type for ev in e.events)),
        default=None,
    )


def _names_an_author(entry: Entry) -> bool:
    sender = entry.command_key.partition(":")[0]
    touches_post_its = any(e["type"] in _POST_IT_EVENTS for e in entry.events)
    if touches_post_its and _named(sender):
        return True
    return any(
        e["type"] == "post_it_added" and e.get("author_id") is not None for e in entry.events
    )


def _names_a_voter(entry: Entry) -> bool:
    dots = [e for e in entry.events if e["type"] in _DOT_EVENTS]
    if dots and _named(entry.command_key.partition(":")[0]):
        return True
    return any(not str(e["player_id"]).startswith(ANONYMOUS + ":") for e in dots)


def _without_authors(event: dict[str, Any]) -> dict[str, Any]:
    if event["type"] == "post_it_added" and event.get("author_id") is not None:
        return {**event, "author_id": None}
    return event


def _pseudonym() -> str:
    return f"{ANONYMOUS}:{secrets.token_urlsafe(12)}"


def forgotten(entries: Sequence[Entry]) -> list[Entry]:
    """The entries before the last ``authors_forgotten`` that still name a post-it's author,
    and before the last ``ballots_forgotten`` that still name a voter, rewritten so they do
    not: every post-it's ``author_id`` is null, a dot names a pseudonym of its voter for
    that round, and a command key of a player's post-it or dot command becomes
    ``"anonymous:<random>"`` (its resend is then decided again, and refused, as the game is
    over). Empty when there is nothing (left) to do."""
    authors_until = _last(entries, FORGOTTEN)
    voters_until = _last(entries, BALLOTS_FORGOTTEN)
    pseudonyms: dict[str, str] = {}  # voter -> pseudonym, in the current round
    out = []
    for entry in entries:
        authors = authors_until is not None and entry.version < authors_until
        voters = voters_until is not None and entry.version < voters_until
        events = list(entry.events)
        key = entry.command_key
        changed = False
        if authors and _names_an_author(entry):
            changed = True
            events = [_without_authors(e) for e in events]
            if any(e["type"] in _POST_IT_EVENTS for e in events):
                key = _pseudonym() if _named(key.partition(":")[0]) else key
        if voters and _names_a_voter(entry):
            changed = True
            if any(e["type"] in _DOT_EVENTS for e in events):
                key = _pseudonym() if _named(key.partition(":")[0]) else key
        for i, event in enumerate(events):
            if event["type"] in _ROUND_STARTS:
                pseudonyms = {}
            elif voters and event["type"] in _DOT_EVENTS:
                voter = str(event["player_id"])
                if not voter.startswith(ANONYMOUS + ":"):
                    pseudonym = pseudonyms.setdefault(voter, _pseudonym())
                    events[i] = {**event, "player_id": pseudonym}
        if changed:
            out.append(replace(entry, command_key=key, events=events))
    return out
