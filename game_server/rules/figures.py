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

Every number a figure carries is ``rounded``: two decimals, halves away from zero. That is
the value every screen and every export shows as it is (exports format it with
``rounded`` too), so the same figure never reads 0,42 on screen and 0,41 in a report.
Figures are computed from the unrounded values and rounded once, at the end; the
consensus label and the suggested pile are decided on the rounded value, so they agree
with the number shown next to them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
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


DECIMALS = 2


def rounded(value: float, decimals: int = DECIMALS) -> float:
    """``value`` to ``decimals`` places, halves away from zero: 2.125 -> 2.13, -0.415 -> -0.42.

    Rounds the shortest decimal text of the float (``repr``), so a value that reads 0.415
    rounds up like the 0.415 a person sees, not like the binary 0.41499999... below it.
    """
    step = Decimal(1).scaleb(-decimals)
    result = float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))
    return result + 0.0  # no negative zero


_round = rounded


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
        "consensus": consensus(_round(spread)),
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
        "consensus": consensus(_round(spread)),
    }


def _moves(
    first: Mapping[str, Position], second: Mapping[str, Position]
) -> dict[str, tuple[float, float]]:
    """Per player who placed twice: the unrounded move (dx, dy) from now to desired."""
    return {
        player_id: (
            float(second[player_id]["x"]) - float(first[player_id]["x"]),
            float(second[player_id]["y"]) - float(first[player_id]["y"]),
        )
        for player_id in sorted(first.keys() & second.keys())
    }


def _mean_shift(moves: Mapping[str, tuple[float, float]]) -> float | None:
    if not moves:
        return None
    return sum(math.hypot(dx, dy) for dx, dy in moves.values()) / len(moves)


def quadrant_shifts(
    first: Mapping[str, Position], second: Mapping[str, Position]
) -> dict[str, dict[str, float]]:
    """Per player who placed twice: the move from now (first) to desired (second)."""
    return {
        player_id: {"dx": _round(dx), "dy": _round(dy), "length": _round(math.hypot(dx, dy))}
        for player_id, (dx, dy) in _moves(first, second).items()
    }


def card_figures(
    room: Room, card_id: str, rounds: tuple[Round, ...] = ("first", "second")
) -> dict[str, Any]:
    """Figures of one card over the given rounds (a viewer may see only revealed rounds)."""
    placed = {r: room.placements_of(card_id, r) for r in rounds}
    figures: dict[str, Any]
    if room.board.kind == "scale":
        figures = {r: scale_round(room.board.size, placed[r]) for r in rounds}
        # The shown means' difference, so the shift adds up with the numbers beside it.
        means = [figures[r]["mean"] for r in ("first", "second") if r in figures]
        figures["shift"] = (
            _round(means[1] - means[0]) if len(means) == 2 and None not in means else None
        )
    else:
        figures = {r: quadrant_round(placed[r]) for r in rounds}
        both = len(rounds) == 2
        figures["shifts"] = quadrant_shifts(placed["first"], placed["second"]) if both else {}
        shift = _mean_shift(_moves(placed["first"], placed["second"])) if both else None
        figures["shift"] = _round(shift) if shift is not None else None
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
        return "green" if _round(mean) > (room.board.size + 1) / 2 else "red"
    mean_shift = _mean_shift(_moves(first, second))
    if mean_shift is None:
        return None
    return "green" if _round(mean_shift) <= QUADRANT_GREEN_SHIFT else "red"


def suggested_post_it_pile(colour: str) -> Pile:
    """The pile a post-it goes on when sorting starts: green on green, pink on red."""
    return "green" if colour == "green" else "red"


def still_to_place(room: Room) -> list[str]:
    """Active players (in seat order) without a pawn in the round being placed now."""
    card_id = room.current_card_id
    if room.phase not in ("place", "revise") or card_id is None:
        return []
    placed = room.placements_of(card_id, "second" if room.phase == "revise" else "first")
    return [p.id for p in room.active_players() if p.id not in placed]


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
