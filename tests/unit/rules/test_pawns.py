"""Pawns: the first placement, the revised second one, and hiding/revealing them."""

from __future__ import annotations

import pydantic
import pytest

from game_server.rules import Actor, Viewer, view

from .conftest import PROJECTOR, command, game_in, make_game, position


def test_first_placement_in_place_second_in_revise_kept_apart() -> None:
    game, (anna, _bram) = game_in("place", hidden=False)
    game.play(anna, {"type": "place_pawn", "position": {"square": 2}})
    assert game.last.events == [
        {
            "type": "pawn_placed",
            "card_id": "deck/c0",
            "round": "first",
            "player_id": anna.player_id,
            "position": {"square": 2},
        }
    ]
    game.walk_to("revise")
    game.play(anna, {"type": "place_pawn", "position": {"square": 5}})
    assert game.last.events[0]["round"] == "second"
    assert game.room.placements_of("deck/c0", "first") == {anna.player_id: {"square": 2}}
    assert game.room.placements_of("deck/c0", "second") == {anna.player_id: {"square": 5}}


def test_placing_again_moves_the_pawn() -> None:
    game, (anna, _) = game_in("place", hidden=False)
    game.place(anna, 2)
    game.place(anna, 4)
    assert game.room.placements_of("deck/c0", "first") == {anna.player_id: {"square": 4}}


@pytest.mark.parametrize("phase", ["lobby", "read", "discuss", "sort", "summary"])
def test_no_placing_outside_place_and_revise(phase: str) -> None:
    game, (anna, _) = game_in(phase)
    assert game.refuse(anna, {"type": "place_pawn", "position": {"square": 2}}) == "wrong_phase"


@pytest.mark.parametrize("square", [1, 5])
def test_scale_ends_are_on_the_board(square: int) -> None:
    game, (anna, _) = game_in("place")
    game.place(anna, square)
    assert game.room.placements_of("deck/c0", "first")[str(anna.player_id)] == {"square": square}


@pytest.mark.parametrize("square", [0, -1, 6, 10, 11, 2**40])
def test_every_square_off_the_scale_gets_one_code(square: int) -> None:
    """Below 1, beyond this board's size or beyond any board's: all ``invalid_position``."""
    game, (anna, _) = game_in("place")
    payload = {"type": "place_pawn", "position": {"square": square}}
    assert game.refuse(anna, payload) == "invalid_position"


@pytest.mark.parametrize(
    "point", [(1.5, 0.0), (0, -1.5), (1.01, 0), (-2, 2), (1e300, 0), (0.5, -1.000001)]
)
def test_every_point_off_the_quadrant_gets_one_code(point: tuple[float, float]) -> None:
    game, (anna, _) = game_in("place", "quadrant")
    payload = {"type": "place_pawn", "position": {"x": point[0], "y": point[1]}}
    assert game.refuse(anna, payload) == "invalid_position"


@pytest.mark.parametrize(
    "bad",
    [
        {"square": 2.5},
        {"square": 3.0},
        {"square": "3"},
        {"square": True},
        {"x": "0.5", "y": 0},
        {"x": 0.5, "y": "0"},
        {"x": True, "y": 0},
        {"x": 0, "y": False},
        {"x": None, "y": 0},
        {"x": [0], "y": 0},
    ],
)
def test_only_ints_and_floats_are_numbers(bad: dict) -> None:
    """Strings and booleans were accepted and stored as numbers; now the shape is refused."""
    with pytest.raises(pydantic.ValidationError):
        command({"type": "place_pawn", "position": bad})


def test_integer_coordinates_are_stored_as_floats() -> None:
    game, (anna, _) = game_in("place", "quadrant", hidden=False)
    game.play(anna, {"type": "place_pawn", "position": {"x": 1, "y": -1}})
    placed = game.room.placements_of("deck/c0", "first")[str(anna.player_id)]
    assert placed == {"x": 1.0, "y": -1.0}
    assert all(type(v) is float for v in placed.values())


def test_quadrant_point_on_a_scale_is_refused() -> None:
    game, (anna, _) = game_in("place", "scale")
    payload = {"type": "place_pawn", "position": {"x": 0.1, "y": 0.2}}
    assert game.refuse(anna, payload) == "invalid_position"


def test_square_on_a_quadrant_is_refused() -> None:
    game, (anna, _) = game_in("place", "quadrant")
    payload = {"type": "place_pawn", "position": {"square": 3}}
    assert game.refuse(anna, payload) == "invalid_position"


@pytest.mark.parametrize("point", [(-1, -1), (1, 1), (0, 0), (0.25, -0.75)])
def test_quadrant_positions(point: tuple[float, float]) -> None:
    game, (anna, _) = game_in("place", "quadrant", hidden=False)
    game.play(anna, {"type": "place_pawn", "position": {"x": point[0], "y": point[1]}})
    placed = game.room.placements_of("deck/c0", "first")[str(anna.player_id)]
    assert placed == {"x": point[0], "y": point[1]}
    assert all(isinstance(v, float) for v in placed.values())


@pytest.mark.parametrize(
    "bad",
    [
        {"x": float("nan"), "y": 0},
        {"x": float("inf"), "y": 0},
        {"x": 0},
        {"x": 0, "y": 0, "z": 0},
        {"x": 0, "y": 0, "square": 1},
        {},
    ],
)
def test_quadrant_points_of_the_wrong_shape_fail_validation(bad: dict) -> None:
    with pytest.raises(pydantic.ValidationError):
        command({"type": "place_pawn", "position": bad})


@pytest.mark.parametrize("board", ["scale", "quadrant"])
def test_auto_reveal_when_every_active_player_placed(board: str) -> None:
    game, (anna, bram, cas) = make_game(board, players=("Anna", "Bram", "Cas"))
    game.walk_to("place")
    game.place(anna, 2)
    game.place(bram, 3)
    assert game.room.is_hidden("deck/c0", "first")
    # Cas, the last one who had not placed, leaves: nobody is left to wait for.
    game.play(cas, {"type": "leave"})
    assert game.last.events[-1] == {
        "type": "placements_revealed",
        "card_id": "deck/c0",
        "round": "first",
    }
    assert not game.room.is_hidden("deck/c0", "first")


def test_removing_the_last_player_who_had_not_placed_reveals() -> None:
    game, (anna, bram, cas) = make_game("scale", players=("Anna", "Bram", "Cas"))
    game.walk_to("revise")
    game.place(anna, 2)
    game.place(bram, 3)
    assert game.room.is_hidden("deck/c0", "second")
    game.fac("remove_player", player_id=cas.player_id)
    assert game.last.events[-1]["type"] == "placements_revealed"
    assert not game.room.is_hidden("deck/c0", "second")


def test_leaving_before_the_others_placed_reveals_nothing() -> None:
    game, (anna, _bram, cas) = make_game("scale", players=("Anna", "Bram", "Cas"))
    game.walk_to("place")
    game.place(anna, 2)
    game.play(cas, {"type": "leave"})
    assert [e["type"] for e in game.last.events] == ["player_left"]
    assert game.room.is_hidden("deck/c0", "first")


def test_second_round_is_hidden_again_and_revealed_on_its_own() -> None:
    game, (anna, bram) = game_in("place")
    game.place(anna, 2)
    game.place(bram, 3)
    assert not game.room.is_hidden("deck/c0", "first")
    game.walk_to("revise")
    assert game.room.is_hidden("deck/c0", "second")
    game.place(anna, 4)
    assert game.room.is_hidden("deck/c0", "second")
    game.place(bram, 4)
    assert not game.room.is_hidden("deck/c0", "second")


def test_no_reveal_event_when_placements_are_open() -> None:
    game, (anna, bram) = game_in("place", hidden=False)
    game.place(anna, 2)
    game.place(bram, 3)
    assert [e["type"] for e in game.last.events] == ["pawn_placed"]


@pytest.mark.parametrize(
    ("phase", "round_"), [("place", "first"), ("discuss", "first"), ("revise", "second")]
)
def test_reveal_placements(phase: str, round_: str) -> None:
    game, (_anna, _) = game_in(phase)
    game.fac("reveal_placements")
    assert game.last.events == [
        {"type": "placements_revealed", "card_id": "deck/c0", "round": round_}
    ]
    assert not game.room.is_hidden("deck/c0", round_)  # type: ignore[arg-type]
    assert game.fac_refused("reveal_placements") == "nothing_to_reveal"


def test_nothing_to_reveal_without_hidden_placements() -> None:
    game, _ = game_in("place", hidden=False)
    assert game.fac_refused("reveal_placements") == "nothing_to_reveal"


def test_placement_after_reveal_is_visible_at_once() -> None:
    game, (anna, bram) = game_in("place")
    game.fac("reveal_placements")
    game.place(anna, 5)
    seen = view(game.room, Viewer("player", bram.player_id))
    assert seen["placements"]["deck/c0"]["first"]["positions"][anna.player_id] == {"square": 5}


@pytest.mark.parametrize("board", ["scale", "quadrant"])
def test_hidden_placements_in_views(board: str) -> None:
    game, (anna, bram, cas) = make_game(board, players=("Anna", "Bram", "Cas"))
    game.walk_to("place")
    game.place(anna, 2)
    game.place(bram, 4)
    mine = position(board, 2)
    for viewer in (
        Viewer("player", bram.player_id),
        Viewer("player", cas.player_id),
        Viewer("player", None),
        Viewer("projector"),
    ):
        section = view(game.room, viewer)["placements"]["deck/c0"]["first"]
        assert section["hidden"] is True
        # Players and the projector see *that* Anna placed, never *where*.
        assert section["positions"][anna.player_id] is None, viewer
        assert view(game.room, viewer)["figures"]["deck/c0"] is None
    own = view(game.room, Viewer("player", anna.player_id))["placements"]["deck/c0"]["first"]
    assert own["positions"] == {anna.player_id: mine, bram.player_id: None}
    everything = view(game.room, Viewer("facilitator"))
    assert everything["placements"]["deck/c0"]["first"]["positions"] == {
        anna.player_id: mine,
        bram.player_id: position(board, 4),
    }
    assert everything["figures"]["deck/c0"]["first"]["count"] == 2
    # The steering player (a seat with facilitator role) sees everything as well.
    game.fac("hand_over", player_id=cas.player_id)
    steering = view(game.room, Viewer("facilitator", cas.player_id))
    assert steering["placements"]["deck/c0"]["first"]["positions"][bram.player_id] is not None


def test_revealed_first_round_visible_while_second_hidden() -> None:
    game, (anna, bram) = game_in("place")
    game.place(anna, 1)
    game.place(bram, 5)
    game.walk_to("revise")
    game.place(anna, 3)
    seen = view(game.room, Viewer("player", bram.player_id))
    assert seen["placements"]["deck/c0"]["first"]["positions"][anna.player_id] == {"square": 1}
    assert seen["placements"]["deck/c0"]["second"]["positions"][anna.player_id] is None
    figures = seen["figures"]["deck/c0"]
    assert figures["first"]["count"] == 2
    assert figures["second"] is None
    assert figures["shift"] is None and figures["suggested_pile"] is None


def test_the_hidden_figures_of_a_projector_are_null_until_revealed() -> None:
    game, (anna, _) = game_in("place")
    game.place(anna, 1)
    assert view(game.room, Viewer("projector"))["figures"]["deck/c0"] is None
    game.fac("reveal_placements")
    assert view(game.room, Viewer("projector"))["figures"]["deck/c0"]["first"]["count"] == 1


def test_pawn_of_a_facilitator_with_a_seat_counts_for_auto_reveal() -> None:
    game, (anna, bram) = game_in("place")
    game.fac("hand_over", player_id=anna.player_id)
    game.play(
        Actor("facilitator", anna.player_id), {"type": "place_pawn", "position": {"square": 1}}
    )
    game.place(bram, 1)
    assert not game.room.is_hidden("deck/c0", "first")


def test_projector_cannot_place() -> None:
    game, _ = game_in("place")
    assert game.refuse(PROJECTOR, {"type": "place_pawn", "position": {"square": 1}}) == "not_joined"
