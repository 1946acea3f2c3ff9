"""Sorting cards and post-its onto the red and green piles."""

from __future__ import annotations

import pytest

from .conftest import game_in, make_game


def sorted_game():
    game, (anna, bram) = make_game(cards=3)
    game.walk_to("discuss", 0)
    green = game.post_it(anna, "green", "Er is ruimte om te leren")
    pink = game.post_it(bram, "pink", "Hoe meten we dat?")
    game.walk_to("read", 1)
    game.fac("skip_card")
    game.walk_to("sort")
    return game, green, pink


def test_set_pile_for_a_card() -> None:
    game, _, _ = sorted_game()
    game.fac("set_pile", item="card", id="deck/c0", pile="red")
    assert game.last.events == [
        {"type": "pile_set", "item": "card", "id": "deck/c0", "pile": "red"}
    ]
    assert game.room.card_piles == {"deck/c0": "red"}
    game.fac("set_pile", item="card", id="deck/c0", pile=None)
    assert game.room.card_piles == {}
    game.fac("set_pile", item="card", id="deck/c0", pile=None)
    assert game.last.events == []


def test_set_pile_for_a_post_it() -> None:
    game, green, pink = sorted_game()
    assert game.room.post_its[pink].pile == "red"  # suggested on entering sort
    game.fac("set_pile", item="post_it", id=pink, pile="green")
    assert game.room.post_its[pink].pile == "green"
    game.fac("set_pile", item="post_it", id=pink, pile="green")
    assert game.last.events == []
    game.fac("set_pile", item="post_it", id=green, pile=None)
    assert game.room.post_its[green].pile is None


def test_set_pile_in_summary() -> None:
    game, green, _ = sorted_game()
    game.next()
    assert game.room.phase == "summary"
    game.fac("set_pile", item="post_it", id=green, pile="red")
    assert game.room.post_its[green].pile == "red"


@pytest.mark.parametrize("card_id", ["deck/c1", "deck/nope"])
def test_only_played_cards_are_sorted(card_id: str) -> None:
    """deck/c1 was skipped; deck/nope does not exist."""
    game, _, _ = sorted_game()
    assert game.fac_refused("set_pile", item="card", id=card_id, pile="red") == "unknown_card"


def test_unknown_post_it_cannot_be_sorted() -> None:
    game, _, _ = sorted_game()
    code = game.fac_refused("set_pile", item="post_it", id="pi-missing", pile="red")
    assert code == "unknown_post_it"


@pytest.mark.parametrize("phase", ["discuss", "lobby", "closed"])
def test_no_sorting_outside_sort_and_summary(phase: str) -> None:
    game, _ = game_in(phase)
    code = game.fac_refused("set_pile", item="card", id="deck/c0", pile="red")
    assert code == ("room_closed" if phase == "closed" else "wrong_phase")
