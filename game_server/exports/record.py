"""The game record: everything a room's groups wrote and decided, as one JSON-shaped dict.

Every export format is rendered from this record, and the JSON export *is* this record, so
a spreadsheet, a summary and a report of the same room never disagree. It is built by
folding the room's stored entries (``rules.fold``); every figure comes from
``rules.figures`` (``card_figures`` and ``summary``), never from a second calculation.

Shape (``format_version`` 3; times are milliseconds since the epoch, UTC)::

    format_version
    room            this room instance: code, created_at, version, exported_at,
                    imported_from ({code, created_at, exported_at} or null)
    title, options, board, decks, phase, current_card_id, post_its_locked
    players         [{id, name, seat, colour, joined_at, removed}], by seat
    cards           [{number, id, kind, deck_id, title, text, minutes, author_id, author,
                      started, skipped, played, reader_id, revealed,
                      placements: {first: [{player_id, player, position}], second: [...]},
                      figures, pile}], in playing order
    post_its        [{id, card_id, colour, text, author_id, author, created_at, edited_at,
                      pile, resolved, table_id, table_name, author_name, pile_card}],
                    oldest first; the last four (since 3) say, in a workshop's plenary
                    room, which table an item was gathered from, its author's name there
                    (``author`` is then that name), and whether it is a card a table put
                    on a pile; null/false in every other room
    action_points   [{id, what, who, first_step, evaluate_when, card_id, item, item_id,
                      created_at, edited_at}], oldest first
    clusters        [{id, name, post_it_ids, created_at}], oldest first          (since 2)
    voting          null or {dots, several_per_item, revealed,
                      ballots: [[{item, id, dots}], ...]}                          (since 2)
    votes           [{item, id, dots}] most first, once revealed, else null     (since 2)
    summary         rules.figures.summary(): ids of the piles, open questions, action points
    plenary         rules.plenary: item refs per heading (without suggestions)  (since 2)
    consensus       null, or in a workshop's plenary room the picture across its tables
                    (rules/workshop/consensus.py): tables, and per card the figures per
                    table and together, the spread between the tables, the verdict (since 3)
    plan            null, or the session plan the room was opened from: name, opening and
                    closing steps (``create_room``'s ``plan``)                    (since 3)

Version 1 had no clusters, voting, votes, plenary, nor an action point's item; version 2
no table labels on post-its and no consensus. The importer reads all three.

Everything outside ``room`` is the game's content: an export imported into a new room and
exported again gives the same content (see ``importer.py``).

Characters XML 1.0 cannot carry (U+FFFE, stray control characters) are left out of every
string (``xml_chars.py``), so a room stored before the server refused them still exports.

Privacy: the room secret and tokens are never in the record. In a room with anonymous
post-its, a post-it's ``author_id`` and ``author`` are null: no export can name the author.
Dot votes never name their voter, in any room: a ballot is a list of dots without a player,
and the ballots are sorted by their content, so their order says nothing either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from ..content import Library
from ..rules import card_figures, fold, summary
from ..rules.model import ROUNDS, Room
from ..rules.plenary import plenary_view
from ..rules.views import action_point_view
from ..stores.base import Entry, RoomStore
from .labels import session_title
from .xml_chars import carried_everywhere

FORMAT_VERSION = 3

Record = dict[str, Any]


def deck_names(library: Library | None) -> dict[str, dict[str, str]]:
    """Deck id -> its name in Dutch and English, from the content library."""
    if library is None:
        return {}
    return {deck.id: deck.name.model_dump() for deck in library.decks.values()}


def _player_name(room: Room, player_id: str | None) -> str | None:
    if player_id is None:
        return None
    player = room.players.get(player_id)
    return player.name if player is not None else None


def _seat(room: Room, player_id: str) -> tuple[int, str]:
    player = room.players.get(player_id)
    return (player.seat if player is not None else len(room.players), player_id)


def _card(room: Room, number: int, card_id: str) -> dict[str, Any]:
    card = room.cards[card_id]
    placements = {}
    for round_ in ROUNDS:
        placed = room.placements_of(card_id, round_)
        placements[round_] = [
            {
                "player_id": player_id,
                "player": _player_name(room, player_id),
                "position": dict(placed[player_id]),
            }
            for player_id in sorted(placed, key=lambda p: _seat(room, p))
        ]
    return {
        "number": number,
        "id": card.id,
        "kind": card.kind,
        "deck_id": card.deck_id,
        "title": dict(card.title) if card.title else None,
        "text": dict(card.text),
        "minutes": card.minutes,
        "author_id": card.author_id,
        "author": _player_name(room, card.author_id),
        "prompt": dict(card.prompt) if card.prompt else None,
        "started": card_id in room.started,
        "skipped": card_id in room.skipped,
        "played": card_id in room.started and card_id not in room.skipped,
        "reader_id": room.readers.get(card_id),
        "revealed": [r for r in ROUNDS if (card_id, r) in room.revealed],
        "placements": placements,
        "figures": card_figures(room, card_id),
        "pile": room.card_piles.get(card_id),
    }


def record_of(
    room: Room,
    *,
    version: int,
    exported_at: int,
    decks: Mapping[str, Mapping[str, str]] | None = None,
    imported_from: Mapping[str, Any] | None = None,
) -> Record:
    """The record of ``room`` as of ``version``, without characters XML cannot carry."""
    anonymous = room.options.anonymous_post_its
    deck_ids = sorted({c.deck_id for c in room.cards.values() if c.deck_id is not None})
    known = decks or {}
    post_its = sorted(room.post_its.values(), key=lambda p: (p.created_at, p.id))
    points = sorted(room.action_points.values(), key=lambda a: (a.created_at, a.id))
    record: Record = {
        "format_version": FORMAT_VERSION,
        "room": {
            "code": room.code,
            "created_at": room.created_at,
            "version": version,
            "exported_at": exported_at,
            "imported_from": dict(imported_from) if imported_from else None,
        },
        "title": session_title(room.title, room.options.language, room.created_at),
        "options": {
            "hidden_placements": room.options.hidden_placements,
            "anonymous_post_its": anonymous,
            "minutes_per_card": room.options.minutes_per_card,
            "language": room.options.language,
        },
        "board": {
            "id": room.board.id,
            "kind": room.board.kind,
            "size": room.board.size,
            "spec": _plain(room.board.spec),
        },
        "decks": [{"id": d, "name": dict(known.get(d) or {"nl": d, "en": d})} for d in deck_ids],
        "phase": room.phase,
        "current_card_id": room.current_card_id,
        "post_its_locked": room.post_its_locked,
        "players": [
            {
                "id": p.id,
                "name": p.name,
                "seat": p.seat,
                "colour": p.colour,
                "joined_at": p.joined_at,
                "removed": p.removed,
            }
            for p in sorted(room.players.values(), key=lambda p: p.seat)
        ],
        "cards": [_card(room, n, c) for n, c in enumerate(room.agenda, start=1)],
        "post_its": [
            {
                "id": p.id,
                "card_id": p.card_id,
                "colour": p.colour,
                "text": p.text,
                "author_id": None if anonymous else p.author_id,
                "author": None if anonymous else _player_name(room, p.author_id) or p.author_name,
                "created_at": p.created_at,
                "edited_at": p.edited_at,
                "pile": p.pile,
                "resolved": p.resolved,
                "table_id": p.table_id,
                "table_name": p.table_name,
                "author_name": None if anonymous else p.author_name,
                "pile_card": p.pile_card,
            }
            for p in post_its
        ],
        "action_points": [action_point_view(room, a.id) for a in points],
        "clusters": [
            {
                "id": c.id,
                "name": c.name,
                "post_it_ids": list(c.post_it_ids),
                "created_at": c.created_at,
            }
            for c in sorted(room.clusters.values(), key=lambda c: (c.created_at, c.id))
        ],
        **_votes(room),
        "summary": summary(room),
        "plenary": {k: v for k, v in plenary_view(room).items() if k != "duplicates"},
        "consensus": _plain(room.consensus) if room.consensus is not None else None,
        "plan": _plain(room.plan) if room.plan is not None else None,
    }
    return cast(Record, carried_everywhere(record))


def _votes(room: Room) -> Record:
    voting = room.voting
    if voting is None:
        return {"voting": None, "votes": None}
    ballots = list(
        [{"item": key[0], "id": key[1], "dots": dots} for key, dots in sorted(ballot.items())]
        for ballot in voting.ballots.values()
        if ballot
    )
    ballots.sort(key=lambda b: [(d["item"], d["id"], d["dots"]) for d in b])
    develop = plenary_view(room)["develop"]
    return {
        "voting": {
            "dots": voting.dots,
            "several_per_item": voting.several_per_item,
            "revealed": voting.revealed,
            "ballots": ballots,
        },
        "votes": develop if voting.revealed else None,
    }


def record_from_entries(
    entries: Sequence[Entry],
    *,
    exported_at: int,
    decks: Mapping[str, Mapping[str, str]] | None = None,
) -> Record:
    """The record of a room from its stored entries (entry 1 opens the room)."""
    if not entries:
        raise ValueError("a room has at least one entry")
    room = fold(event for entry in entries for event in entry.events)
    opened = entries[0].events[0]
    return record_of(
        room,
        version=entries[-1].version,
        exported_at=exported_at,
        decks=decks,
        imported_from=opened.get("imported_from"),
    )


async def load_record(
    store: RoomStore, code: str, *, exported_at: int, library: Library | None = None
) -> Record:
    """Read a room from the store and build its record; raises RoomNotFound."""
    entries = await store.load(code)
    return record_from_entries(entries, exported_at=exported_at, decks=deck_names(library))


def content_of(record: Record) -> Record:
    """The record without its ``room`` block: what stays the same through an import."""
    return {k: v for k, v in record.items() if k != "room"}


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# -- lookups the formats share ------------------------------------------------------------


def cards_by_id(record: Record) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in record["cards"]}


def post_its_by_id(record: Record) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in record["post_its"]}


def post_its_of(record: Record, card_id: str) -> list[dict[str, Any]]:
    """The post-its written on a card (not the cards a plenary room gathered as items)."""
    return [p for p in record["post_its"] if p["card_id"] == card_id and not p.get("pile_card")]


def is_plenary_room(record: Record) -> bool:
    """A workshop's plenary room: its items were gathered from the tables."""
    return record.get("consensus") is not None or any(p.get("table_id") for p in record["post_its"])


def reported_cards(record: Record) -> list[dict[str, Any]]:
    """Cards the report shows: played ones, and any other card that has post-its or
    placements (a card skipped after discussion still keeps what was written on it)."""
    with_post_its = {p["card_id"] for p in record["post_its"] if not p.get("pile_card")}
    return [
        c
        for c in record["cards"]
        if c["played"] or c["id"] in with_post_its or any(c["placements"][r] for r in ROUNDS)
    ]


def participants(record: Record) -> list[dict[str, Any]]:
    """Players who took part (not removed by the facilitator)."""
    return [p for p in record["players"] if not p["removed"]]
