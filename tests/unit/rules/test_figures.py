"""Figures: distribution, mean, normalised spread, consensus, shift, suggested pile, summary."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game_server.rules import card_figures, summary
from game_server.rules.figures import (
    consensus,
    quadrant_round,
    quadrant_shifts,
    rounded,
    scale_round,
    suggested_pile,
)
from game_server.rules.model import Board, Room

from .conftest import FACILITATOR, make_game


def squares(*values: int) -> dict[str, dict[str, int]]:
    return {f"p{i}": {"square": v} for i, v in enumerate(values)}


def points(*values: tuple[float, float]) -> dict[str, dict[str, float]]:
    return {f"p{i}": {"x": x, "y": y} for i, (x, y) in enumerate(values)}


def with_placements(board: str, first: dict, second: dict | None = None, size: int = 5) -> Room:
    game, _ = make_game(board, players=())
    room = game.room
    if board == "scale" and size != 5:
        room = replace(room, board=Board("schaal", "scale", size, {}))
    placements = {("deck/c0", "first"): first}
    if second is not None:
        placements[("deck/c0", "second")] = second
    return replace(room, placements=placements)


@pytest.mark.parametrize(
    ("spread", "label"),
    [
        (0.0, "consensus"),
        (0.25, "consensus"),
        (0.2501, "mixed"),
        (0.4999, "mixed"),
        (0.5, "discussion"),
        (1.0, "discussion"),
    ],
)
def test_consensus_thresholds(spread: float, label: str) -> None:
    assert consensus(spread) == label


def test_scale_round_distribution_and_mean() -> None:
    figures = scale_round(5, squares(1, 2, 2, 5))
    assert figures["count"] == 4
    assert figures["distribution"] == {"1": 1, "2": 2, "3": 0, "4": 0, "5": 1}
    assert figures["mean"] == 2.5


@pytest.mark.parametrize(
    ("values", "spread", "label"),
    [
        ((3, 3, 3), 0.0, "consensus"),
        ((1, 5), 1.0, "discussion"),  # split over both ends
        ((2, 4), 0.5, "discussion"),  # sd 1 / half-width 2
        ((2, 3), 0.25, "consensus"),  # sd 0.5 / 2
        ((2, 4, 4), 0.47, "mixed"),  # sqrt(24 / 27) / 2 = 0.4714...
        ((4,), 0.0, "consensus"),
    ],
)
def test_scale_spread_is_normalised(values: tuple[int, ...], spread: float, label: str) -> None:
    figures = scale_round(5, squares(*values))
    assert figures["spread"] == spread
    assert figures["consensus"] == label


def test_scale_spread_depends_on_the_board_width() -> None:
    assert scale_round(3, squares(1, 3))["spread"] == 1.0
    assert scale_round(10, squares(1, 10))["spread"] == 1.0
    assert scale_round(9, squares(3, 7))["spread"] == 0.5


def test_scale_round_without_placements() -> None:
    assert scale_round(5, {}) == {
        "count": 0,
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
        "mean": None,
        "spread": None,
        "consensus": None,
    }


def test_scale_figures_shift() -> None:
    room = with_placements("scale", squares(1, 2, 3), squares(3, 4, 5))
    figures = card_figures(room, "deck/c0")
    assert figures["first"]["mean"] == 2.0
    assert figures["second"]["mean"] == 4.0
    assert figures["shift"] == 2.0
    assert figures["suggested_pile"] == "green"


def test_scale_shift_needs_both_rounds() -> None:
    room = with_placements("scale", squares(1, 2))
    assert card_figures(room, "deck/c0")["shift"] is None
    assert card_figures(room, "deck/c0", ("first",))["shift"] is None
    assert card_figures(room, "deck/c0", ("first",))["suggested_pile"] is None
    assert "second" not in card_figures(room, "deck/c0", ("first",))


def test_scale_shift_can_be_negative() -> None:
    room = with_placements("scale", squares(5, 5), squares(2, 3))
    assert card_figures(room, "deck/c0")["shift"] == -2.5


def test_quadrant_round() -> None:
    figures = quadrant_round(points((0, 0), (1, 1)))
    assert figures == {
        "count": 2,
        "mean": {"x": 0.5, "y": 0.5},
        "spread": 0.5,
        "consensus": "discussion",
    }
    assert quadrant_round(points((-1, -1), (1, 1)))["spread"] == 1.0
    assert quadrant_round(points((0.2, -0.3), (0.2, -0.3)))["consensus"] == "consensus"
    assert quadrant_round({}) == {"count": 0, "mean": None, "spread": None, "consensus": None}


def test_quadrant_spread_worst_case_is_one() -> None:
    corners = points((-1, -1), (1, 1), (-1, 1), (1, -1))
    assert quadrant_round(corners)["spread"] == 1.0


def test_quadrant_shifts_only_for_players_who_placed_twice() -> None:
    first = {"a": {"x": 0.0, "y": 0.0}, "b": {"x": 0.5, "y": 0.5}}
    second = {"a": {"x": 0.3, "y": -0.4}, "c": {"x": 1.0, "y": 1.0}}
    assert quadrant_shifts(first, second) == {"a": {"dx": 0.3, "dy": -0.4, "length": 0.5}}


def test_quadrant_figures_now_and_desired() -> None:
    first = {"a": {"x": -0.5, "y": -0.5}, "b": {"x": 0.0, "y": 0.0}}
    second = {"a": {"x": 0.1, "y": 0.3}, "b": {"x": 0.0, "y": 0.4}}
    room = with_placements("quadrant", first, second)
    figures = card_figures(room, "deck/c0")
    assert figures["shifts"] == {
        "a": {"dx": 0.6, "dy": 0.8, "length": 1.0},
        "b": {"dx": 0.0, "dy": 0.4, "length": 0.4},
    }
    assert figures["shift"] == 0.7
    assert figures["suggested_pile"] == "red"
    assert figures["first"]["mean"] == {"x": -0.25, "y": -0.25}
    only_now = card_figures(room, "deck/c0", ("first",))
    assert only_now["shifts"] == {} and only_now["shift"] is None


@pytest.mark.parametrize(
    ("first", "second", "size", "pile"),
    [
        ((1, 1), (4, 3), 5, "green"),  # revised mean 3.5 > 3
        ((5, 5), (3, 3), 5, "red"),  # revised mean on the middle: red
        ((4, 5), None, 5, "green"),  # nobody revised: first placements
        ((1, 3), None, 5, "red"),
        ((3, 3), (3,), 4, "green"),  # middle of 4 squares is 2.5
        ((2, 3), (2, 3), 4, "red"),
        ((), None, 5, None),  # nothing placed: no suggestion
    ],
)
def test_suggested_pile_on_a_scale(first, second, size, pile) -> None:
    room = with_placements(
        "scale", squares(*first), squares(*second) if second is not None else None, size=size
    )
    assert suggested_pile(room, "deck/c0") == pile


@pytest.mark.parametrize(
    ("move", "pile"),
    [((0.3, 0.4), "green"), ((0.0, 0.0), "green"), ((0.3, 0.41), "red"), ((1.0, 1.0), "red")],
)
def test_suggested_pile_on_a_quadrant(move: tuple[float, float], pile: str) -> None:
    first = {"a": {"x": -0.5, "y": -0.5}}
    second = {"a": {"x": -0.5 + move[0], "y": -0.5 + move[1]}}
    assert suggested_pile(with_placements("quadrant", first, second), "deck/c0") == pile


def test_no_quadrant_suggestion_without_a_pair() -> None:
    first = {"a": {"x": -0.5, "y": -0.5}}
    second = {"b": {"x": 0.5, "y": 0.5}}
    assert suggested_pile(with_placements("quadrant", first), "deck/c0") is None
    assert suggested_pile(with_placements("quadrant", first, second), "deck/c0") is None


def test_figures_follow_a_played_card() -> None:
    game, (anna, bram) = make_game(hidden=False)
    game.walk_to("place")
    game.place(anna, 1)
    game.place(bram, 5)
    game.walk_to("revise")
    game.place(anna, 4)
    game.place(bram, 4)
    figures = card_figures(game.room, "deck/c0")
    assert figures["first"]["consensus"] == "discussion"
    assert figures["second"]["consensus"] == "consensus"
    assert figures["shift"] == 1.0
    assert figures["suggested_pile"] == "green"


def test_summary() -> None:
    game, (anna, bram) = make_game(cards=3)
    game.walk_to("place", 0)
    game.place(anna, 5)
    game.place(bram, 5)
    game.next()
    g1 = game.play(anna, {"type": "add_post_it", "colour": "green", "text": "Ruimte"}, now=10)[
        "post_it_id"
    ]
    p1 = game.play(bram, {"type": "add_post_it", "colour": "pink", "text": "Budget?"}, now=20)[
        "post_it_id"
    ]
    p2 = game.play(anna, {"type": "add_post_it", "colour": "pink", "text": "Tijd?"}, now=15)[
        "post_it_id"
    ]
    game.fac("resolve_post_it", post_it_id=p2)
    game.walk_to("place", 1)
    game.place(anna, 1)
    game.walk_to("read", 2)
    game.fac("skip_card")
    assert game.room.phase == "sort"
    a2 = game.play(
        FACILITATOR,
        {
            "type": "add_action_point",
            "what": "b",
            "who": "w",
            "first_step": "f",
            "evaluate_when": "e",
        },
        now=200,
        new_id="ap-b",
    )["action_point_id"]
    a1 = game.play(
        FACILITATOR,
        {
            "type": "add_action_point",
            "what": "a",
            "who": "w",
            "first_step": "f",
            "evaluate_when": "e",
        },
        now=100,
        new_id="ap-z",
    )["action_point_id"]
    assert summary(game.room) == {
        "green_pile": {"cards": ["deck/c0"], "post_its": [g1]},
        "red_pile": {"cards": ["deck/c1"], "post_its": [p2, p1]},
        "open_questions": [p1],
        "action_points": [a1, a2],
    }
    game.fac("set_pile", item="post_it", id=p1, pile=None)
    game.fac("set_pile", item="card", id="deck/c1", pile="green")
    result = summary(game.room)
    assert result["green_pile"]["cards"] == ["deck/c0", "deck/c1"]
    assert result["red_pile"] == {"cards": [], "post_its": [p2]}
    assert result["open_questions"] == [p1]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2.125, 2.13),  # an exact binary half: round() and "%.2f" would give 2.12
        (0.415, 0.42),  # reads 0.415, is 0.41499999... in binary: still up
        (-0.415, -0.42),  # halves away from zero
        (0.4149, 0.41),
        (-0.001, 0.0),  # no negative zero
        (1.0, 1.0),
    ],
)
def test_one_rounding_rule_halves_away_from_zero(value: float, shown: float) -> None:
    assert rounded(value) == shown
    assert str(rounded(value)) == str(shown)


def test_figures_carry_two_decimals_and_the_label_fits_the_number() -> None:
    # Eight pawns: mean 17 / 8 = 2.125, shown 2.13 everywhere.
    figures = scale_round(5, squares(1, 2, 2, 2, 2, 2, 3, 3))
    assert figures["mean"] == 2.13
    # sd 0.5 / 2 = 0.25 exactly: consensus; the label is decided on the shown number.
    assert scale_round(5, squares(2, 3))["consensus"] == "consensus"
