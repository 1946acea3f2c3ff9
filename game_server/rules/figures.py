"""Derived figures: what the placements say about a card. Pure functions of a room.

Spread is the consensus/discussion indicator:
- scale: population standard deviation of the squares, divided by half the board's
  width ((size - 1) / 2), so 0 is full agreement and 1 is the group split over both ends;
- quadrant: root-mean-square distance of the points to their centre, divided by the
  largest possible value (sqrt 2), on the same 0..1 footing.
``consensus`` when the normalised spread is at most 0.25, ``discussion`` from 0.5 up,
``mixed`` in between.

Suggested pile (documented in docs/protocol.md):
- scale: green when the mean of the revised (second) placements lies above the middle of
  the board (already present), else red (to develop); first placements when nobody revised;
- quadrant: green when the mean distance between now and desired is at most 0.5 (the
  situation is close to what the group wants), else red;
- no placements: no suggestion. Post-its: green post-its go green, pink post-its red.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

from .model import Pile, Position, Room, Round

Consensus = Literal["consensus", "mixed", "discussion"]
CONSENSUS_AT_MOST = 0.25
DISCUSSION_FROM = 0.5
QUADRANT_GREEN_SHIFT = 0.5


def consensus(normalised_spread: float) -> Consensus:
    if normalised_spread <= CONSENSUS_AT_MOST:
        return "consensus"
    if normalised_spread >= DISCUSSION_FROM:
        return "discussion"
    return "mixed"


def _round(value: float) -> float:
    return round(value, 3)


def scale_round(size: int, placed: Mapping[str, Position]) -> dict[str, Any]:
    squares = [int(p["square"]) for p in placed.values()]
    distribution = {str(s): squares.count(s) for s in range(1, size + 1)}
    if not squares:
        return {
            "count": 0,
            "distribution": distribution,
            "mean": None,
            "spread": None,
            "consensus": None,
        }
    mean = sum(squares) / len(squares)
    sd = math.sqrt(sum((s - mean) ** 2 for s in squares) / len(squares))
    spread = sd / ((size - 1) / 2)
    return {
        "count": len(squares),
        "distribution": distribution,
        "mean": _round(mean),
        "spread": _round(spread),
        "consensus": consensus(spread),
    }


def quadrant_round(placed: Mapping[str, Position]) -> dict[str, Any]:
    points = [(float(p["x"]), float(p["y"])) for p in placed.values()]
    if not points:
        return {"count": 0, "mean": None, "spread": None, "consensus": None}
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    rms = math.sqrt(sum((x - mx) ** 2 + (y - my) ** 2 for x, y in points) / len(points))
    spread = rms / math.sqrt(2)
    return {
        "count": len(points),
        "mean": {"x": _round(mx), "y": _round(my)},
        "spread": _round(spread),
        "consensus": consensus(spread),
    }


def quadrant_shifts(
    first: Mapping[str, Position], second: Mapping[str, Position]
) -> dict[str, dict[str, float]]:
    """Per player who placed twice: the move from now (first) to desired (second)."""
    shifts = {}
    for player_id in first.keys() & second.keys():
        dx = float(second[player_id]["x"]) - float(first[player_id]["x"])
        dy = float(second[player_id]["y"]) - float(first[player_id]["y"])
        shifts[player_id] = {
            "dx": _round(dx),
            "dy": _round(dy),
            "length": _round(math.hypot(dx, dy)),
        }
    return dict(sorted(shifts.items()))


def card_figures(
    room: Room, card_id: str, rounds: tuple[Round, ...] = ("first", "second")
) -> dict[str, Any]:
    """Figures of one card over the given rounds (a viewer may see only revealed rounds)."""
    placed = {r: room.placements_of(card_id, r) for r in rounds}
    figures: dict[str, Any]
    if room.board.kind == "scale":
        figures = {r: scale_round(room.board.size, placed[r]) for r in rounds}
        means = [figures[r]["mean"] for r in ("first", "second") if r in figures]
        figures["shift"] = (
            _round(means[1] - means[0]) if len(means) == 2 and None not in means else None
        )
    else:
        figures = {r: quadrant_round(placed[r]) for r in rounds}
        shifts = quadrant_shifts(placed["first"], placed["second"]) if len(rounds) == 2 else {}
        figures["shifts"] = shifts
        figures["shift"] = (
            _round(sum(s["length"] for s in shifts.values()) / len(shifts)) if shifts else None
        )
    figures["suggested_pile"] = suggested_pile(room, card_id) if len(rounds) == 2 else None
    return figures


def suggested_pile(room: Room, card_id: str) -> Pile | None:
    first = room.placements_of(card_id, "first")
    second = room.placements_of(card_id, "second")
    if room.board.kind == "scale":
        placed = second or first
        if not placed:
            return None
        mean = sum(int(p["square"]) for p in placed.values()) / len(placed)
        return "green" if mean > (room.board.size + 1) / 2 else "red"
    shifts = quadrant_shifts(first, second)
    if not shifts:
        return None
    mean_shift = sum(s["length"] for s in shifts.values()) / len(shifts)
    return "green" if mean_shift <= QUADRANT_GREEN_SHIFT else "red"


def summary(room: Room) -> dict[str, Any]:
    """The plenary summary: piles, open questions and action points (ids, in order)."""
    cards = room.played_cards()
    post_its = sorted(room.post_its.values(), key=lambda p: (p.created_at, p.id))
    return {
        "green_pile": {
            "cards": [c for c in cards if room.card_piles.get(c) == "green"],
            "post_its": [p.id for p in post_its if p.pile == "green"],
        },
        "red_pile": {
            "cards": [c for c in cards if room.card_piles.get(c) == "red"],
            "post_its": [p.id for p in post_its if p.pile == "red"],
        },
        "open_questions": [p.id for p in post_its if p.colour == "pink" and not p.resolved],
        "action_points": sorted(
            room.action_points, key=lambda a: (room.action_points[a].created_at, a)
        ),
    }
