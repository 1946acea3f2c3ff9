"""Where a workshop's tables agree and where they differ: per statement, each table's
figures, everyone's together, and how far apart the tables' means lie. Pure.

Only figures leave a table, never a pawn: the plenary room is seen by everyone, and a
table's placements are that table's. A round a table never revealed (hidden placements)
is left out, as its own players never saw it either.

``between``: the spread of the tables' means, on the same 0..1 footing as a round's
``spread`` (``rules/figures.py``): on a scale the population standard deviation of the
tables' mean squares over half the board's width, on a quadrant the root-mean-square
distance of the tables' mean points to their centre over sqrt 2. Each table counts with
its last round (the second when it placed one, else the first), once, however many sat
there. ``verdict``: ``single`` when one table placed pawns on the card, ``agree`` when
``between`` is at most ``AGREE_AT_MOST``, else ``differ``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..figures import card_figures, quadrant_round, rounded, scale_round
from ..model import ROUNDS, Board, Position, Room, Round, Verdict
from .model import Workshop

AGREE_AT_MOST = 0.2
"""Tables whose means lie at most this far apart (0..1) agree; further apart they differ.
Lower than a round's consensus bound (0.25): means vary less than single pawns do."""


def _visible(room: Room, card_id: str) -> tuple[Round, ...]:
    return tuple(
        r for r in ROUNDS if room.placements_of(card_id, r) and not room.is_hidden(card_id, r)
    )


def _rounds(figures: Mapping[str, Any]) -> dict[str, Any]:
    return {r: figures.get(r) for r in ROUNDS}


def _round_figures(board: Board, placed: Mapping[str, Position]) -> dict[str, Any] | None:
    if not placed:
        return None
    if board.kind == "scale":
        return scale_round(board.size, placed)
    return quadrant_round(placed)


def _means(board: Board, rooms: list[Room], card_id: str) -> list[Any]:
    """Each table's unrounded mean over its last visible round."""
    means: list[Any] = []
    for room in rooms:
        rounds = _visible(room, card_id)
        if not rounds:
            continue
        placed = list(room.placements_of(card_id, rounds[-1]).values())
        if board.kind == "scale":
            means.append(sum(int(p["square"]) for p in placed) / len(placed))
        else:
            xs = [float(p["x"]) for p in placed]
            ys = [float(p["y"]) for p in placed]
            means.append((sum(xs) / len(xs), sum(ys) / len(ys)))
    return means


def between(board: Board, means: list[Any]) -> float | None:
    """How far apart the tables' means lie (0..1); None for fewer than two tables."""
    if len(means) < 2:
        return None
    if board.kind == "scale":
        centre = sum(means) / len(means)
        sd = math.sqrt(sum((m - centre) ** 2 for m in means) / len(means))
        return rounded(sd / ((board.size - 1) / 2))
    cx = sum(x for x, _ in means) / len(means)
    cy = sum(y for _, y in means) / len(means)
    rms = math.sqrt(sum((x - cx) ** 2 + (y - cy) ** 2 for x, y in means) / len(means))
    return rounded(rms / math.sqrt(2))


def verdict(tables: int, spread_between: float | None) -> Verdict:
    if tables < 2 or spread_between is None:
        return "single"
    return "agree" if spread_between <= AGREE_AT_MOST else "differ"


def _last_mean(rounds: Mapping[str, Any] | None) -> Any:
    """The mean of the round a table ended with (as the picture draws it); None if none."""
    for r in ("second", "first"):
        figures = (rounds or {}).get(r)
        if figures and figures.get("count") and figures.get("mean") is not None:
            return figures["mean"]
    return None


def apart(kind: str, card: Mapping[str, Any]) -> float | None:
    """How far apart the tables ended, in the words a group reads off the picture: the
    mean distance between two tables' marks, in squares on a scale, in parts of the
    field's width (0..1) on a quadrant; None for fewer than two tables.

    From the card's figures as the view and the record carry them (each table's rounded
    mean of its last round), so the projector and the report say the same number. The
    exact statistic stays ``between``, for the figures table and the report's detail."""
    means = [m for m in (_last_mean(r) for r in card.get("tables", {}).values()) if m is not None]
    if len(means) < 2:
        return None
    if kind == "scale":
        gaps = [abs(float(a) - float(b)) for i, a in enumerate(means) for b in means[i + 1 :]]
    else:
        # The field runs from -1 to 1: a distance over 2 is a part of its width.
        gaps = [
            math.hypot(float(a["x"]) - float(b["x"]), float(a["y"]) - float(b["y"])) / 2
            for i, a in enumerate(means)
            for b in means[i + 1 :]
        ]
    return sum(gaps) / len(gaps)


def card_consensus(board: Board, tables: Mapping[str, Room], card_id: str) -> dict[str, Any] | None:
    """One card across ``tables`` (table id -> room, in table order); None when no table
    shows a placement of it."""
    per: dict[str, Any] = {}
    together: dict[Round, dict[str, Position]] = {"first": {}, "second": {}}
    placing: list[Room] = []
    for table_id, room in tables.items():
        if card_id not in room.cards:
            continue
        rounds = _visible(room, card_id)
        if not rounds:
            continue
        placing.append(room)
        per[table_id] = _rounds(card_figures(room, card_id, rounds))
        for r in rounds:
            for player_id, position in room.placements_of(card_id, r).items():
                # Keyed by table too: a participant moved on may have placed at two tables.
                together[r][f"{table_id}:{player_id}"] = position
    if not placing:
        return None
    spread_between = between(board, _means(board, placing, card_id))
    return {
        "card_id": card_id,
        "tables": per,
        "together": {r: _round_figures(board, together[r]) for r in ROUNDS},
        "between": spread_between,
        "verdict": verdict(len(placing), spread_between),
    }


def consensus(w: Workshop, rooms: Mapping[str, Room]) -> dict[str, Any]:
    """The picture across the workshop's tables (``rooms``: table id -> its room; a table
    without a room is left out), cards in the workshop's agenda order, then any a table
    added in play."""
    tables = {t.id: rooms[t.id] for t in w.tables.values() if t.id in rooms}
    card_ids = list(w.agenda)
    for room in tables.values():
        card_ids.extend(c for c in room.agenda if c not in card_ids)
    cards = [card_consensus(w.board, tables, c) for c in card_ids]
    return {
        "tables": [{"id": t.id, "name": t.name} for t in w.tables.values() if t.id in tables],
        "cards": [c for c in cards if c is not None],
    }
