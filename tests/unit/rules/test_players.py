"""Joining, leaving, removing and handing over facilitation."""

from __future__ import annotations

from dataclasses import replace

import pydantic
import pytest

from game_server.rules import GUEST, Actor, fold
from game_server.rules.model import MAX_PLAYERS, PLAYER_COLOURS, Player

from .conftest import PROJECTOR, command, game_in, make_game


def test_join_seats_a_new_player() -> None:
    game, _ = make_game(players=())
    result = game.play(GUEST, {"type": "join", "name": "  Anna  "}, new_id="p1", now=42)
    assert result == {"player_id": "p1"}
    assert game.last.events == [
        {
            "type": "player_joined",
            "player_id": "p1",
            "name": "Anna",
            "seat": 0,
            "colour": PLAYER_COLOURS[0],
            "at": 42,
        }
    ]
    assert game.room.players["p1"] == Player("p1", "Anna", 0, PLAYER_COLOURS[0], 42)


def test_seats_count_up_and_colours_cycle() -> None:
    names = [f"Speler {i}" for i in range(len(PLAYER_COLOURS) + 2)]
    game, actors = make_game(players=names)
    players = [game.room.players[str(a.player_id)] for a in actors]
    assert [p.seat for p in players] == list(range(len(names)))
    assert players[len(PLAYER_COLOURS)].colour == PLAYER_COLOURS[0]
    assert players[1].colour == PLAYER_COLOURS[1]


def test_seats_are_never_reused_after_a_removal() -> None:
    game, (anna, _bram) = make_game()
    game.fac("remove_player", player_id=anna.player_id)
    cas = game.join("Cas")
    assert game.room.players[str(cas.player_id)].seat == 2


@pytest.mark.parametrize("name", ["Anna", "anna", "ANNA", "Ａｎｎａ", " anna "])
def test_name_taken_ignores_case_and_width(name: str) -> None:
    game, _ = make_game()
    assert game.refuse(GUEST, {"type": "join", "name": name}) == "name_taken"


def test_name_of_a_player_who_left_is_still_taken() -> None:
    game, (anna, _) = make_game()
    game.play(anna, {"type": "leave"})
    assert game.refuse(GUEST, {"type": "join", "name": "Anna"}) == "name_taken"


def test_name_of_a_removed_player_is_free_again() -> None:
    game, (anna, _) = make_game()
    game.fac("remove_player", player_id=anna.player_id)
    again = game.join("Anna")
    assert again.player_id != anna.player_id


def test_room_full() -> None:
    game, _ = make_game(players=())
    players = {
        f"p{i}": Player(f"p{i}", f"Speler {i}", i, PLAYER_COLOURS[0], 0) for i in range(MAX_PLAYERS)
    }
    game.room = replace(game.room, players=players)
    assert game.refuse(GUEST, {"type": "join", "name": "Eén te veel"}) == "room_full"
    # A removed player frees a place.
    players["p0"] = replace(players["p0"], active=False, removed=True)
    game.room = replace(game.room, players=players)
    game.play(GUEST, {"type": "join", "name": "Eén te veel"})
    assert game.room.players[game.last.result["player_id"]].seat == MAX_PLAYERS


def test_players_who_left_still_count_for_room_full() -> None:
    game, _ = make_game(players=())
    players = {
        f"p{i}": Player(f"p{i}", f"Speler {i}", i, PLAYER_COLOURS[0], 0, active=False)
        for i in range(MAX_PLAYERS)
    }
    game.room = replace(game.room, players=players)
    assert game.refuse(GUEST, {"type": "join", "name": "Nog één"}) == "room_full"


def test_leave_and_rejoin() -> None:
    game, (anna, _) = game_in("discuss")
    assert game.play(anna, {"type": "leave"}) == {}
    assert game.last.events == [{"type": "player_left", "player_id": anna.player_id}]
    assert not game.room.players[str(anna.player_id)].active
    assert anna.player_id not in [p.id for p in game.room.active_players()]
    assert game.play(anna, {"type": "rejoin"}) == {"player_id": anna.player_id}
    assert game.last.events == [{"type": "player_rejoined", "player_id": anna.player_id}]
    assert game.room.players[str(anna.player_id)].active


def test_leave_twice_and_rejoin_while_present_change_nothing() -> None:
    game, (anna, _) = make_game()
    assert game.play(anna, {"type": "rejoin"}) == {"player_id": anna.player_id}
    assert game.last.events == []
    game.play(anna, {"type": "leave"})
    before = game.room
    game.play(anna, {"type": "leave"})
    assert game.last.events == [] and game.room == before


def test_leave_and_rejoin_work_in_a_closed_room() -> None:
    game, (anna, _) = game_in("closed")
    game.play(anna, {"type": "leave"})
    game.play(anna, {"type": "rejoin"})
    assert game.room.players[str(anna.player_id)].active


def test_remove_player() -> None:
    game, (anna, _bram) = game_in("place")
    game.place(anna, 4)
    game.fac("remove_player", player_id=anna.player_id)
    assert game.last.events == [{"type": "player_removed", "player_id": anna.player_id}]
    removed = game.room.players[str(anna.player_id)]
    assert removed.removed and not removed.active
    # What they did stays: their pawn is part of the record.
    assert anna.player_id in game.room.placements_of("deck/c0", "first")
    # Removing again changes nothing.
    game.fac("remove_player", player_id=anna.player_id)
    assert game.last.events == []


def test_remove_unknown_player() -> None:
    game, _ = make_game()
    assert game.fac_refused("remove_player", player_id="p-nobody") == "unknown_player"


def test_the_steering_player_cannot_be_removed() -> None:
    game, (anna, _) = make_game()
    game.fac("hand_over", player_id=anna.player_id)
    game.facilitator = Actor("facilitator", anna.player_id)
    assert game.fac_refused("remove_player", player_id=anna.player_id) == "not_allowed"


def test_hand_over() -> None:
    game, (anna, bram) = game_in("read")
    game.fac("hand_over", player_id=anna.player_id)
    assert game.last.events == [{"type": "facilitation_handed_over", "player_id": anna.player_id}]
    assert game.room.facilitator_player_id == anna.player_id
    assert game.room.facilitator_generation == 1
    game.facilitator = Actor("facilitator", anna.player_id)
    game.fac("hand_over", player_id=bram.player_id)
    assert game.room.facilitator_player_id == bram.player_id
    assert game.room.facilitator_generation == 2
    assert fold([game.created, *game.events]) == game.room


def test_hand_over_to_the_steering_player() -> None:
    game, (anna, _) = make_game()
    game.fac("hand_over", player_id=anna.player_id)
    game.facilitator = Actor("facilitator", anna.player_id)
    assert game.fac_refused("hand_over", player_id=anna.player_id) == "already_facilitator"


@pytest.mark.parametrize("how", ["unknown", "left", "removed"])
def test_hand_over_only_to_a_present_player(how: str) -> None:
    game, (anna, _) = make_game()
    if how == "left":
        game.play(anna, {"type": "leave"})
    elif how == "removed":
        game.fac("remove_player", player_id=anna.player_id)
    target = "p-nobody" if how == "unknown" else anna.player_id
    assert game.fac_refused("hand_over", player_id=target) == "unknown_player"


def test_projector_and_guest_cannot_leave() -> None:
    game, _ = make_game()
    assert game.refuse(PROJECTOR, {"type": "leave"}) == "not_joined"
    assert game.refuse(GUEST, {"type": "rejoin"}) == "not_joined"


@pytest.mark.parametrize(
    "name", ["", "   ", "x" * 41, "Anna\nBram", "Anna\tB", "Anna\x00", "Bel\x07"]
)
def test_invalid_names_fail_validation(name: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        command({"type": "join", "name": name})


def test_names_are_trimmed_and_may_hold_markup_as_text() -> None:
    assert command({"type": "join", "name": "  <b>Anna</b> "}).name == "<b>Anna</b>"
    assert command({"type": "join", "name": "x" * 40}).name == "x" * 40
