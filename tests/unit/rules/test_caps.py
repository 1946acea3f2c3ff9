"""Caps on what one player, or everyone together, can add to a room: post-its, case
cards, action points. Refused with ``limit_reached``; deleting makes room again."""

from __future__ import annotations

from dataclasses import replace

from game_server.rules.action_points import MAX_ACTION_POINTS
from game_server.rules.cards import MAX_AGENDA, MAX_CASE_CARDS_PER_WRITER
from game_server.rules.model import ActionPoint, PostIt
from game_server.rules.post_its import MAX_POST_ITS_PER_PLAYER, MAX_POST_ITS_PER_ROOM

from .conftest import FACILITATOR, game_in, make_game


def add(text: str = "Tekst") -> dict[str, str]:
    return {"type": "add_post_it", "colour": "green", "text": text}


def test_a_player_writes_at_most_the_cap_of_post_its() -> None:
    game, (anna, bram) = game_in("discuss")
    for number in range(MAX_POST_ITS_PER_PLAYER):
        game.play(anna, add(f"nummer {number}"))
    assert game.refuse(anna, add("een te veel")) == "limit_reached"
    # The cap is per player: someone else still writes, and a deleted post-it frees a place.
    game.play(bram, add())
    mine = next(p.id for p in game.room.post_its.values() if p.author_id == anna.player_id)
    game.play(anna, {"type": "delete_post_it", "post_it_id": mine})
    game.play(anna, add("weer ruimte"))


def test_a_room_holds_at_most_the_cap_of_post_its() -> None:
    game, (_, bram) = game_in("discuss")
    card_id = game.room.current_card_id
    assert card_id is not None
    full = {
        f"pi-{n}": PostIt(f"pi-{n}", card_id, "green", "x", f"someone-{n % 50}", 1)
        for n in range(MAX_POST_ITS_PER_ROOM)
    }
    game.room = replace(game.room, post_its=full)
    assert game.refuse(bram, add()) == "limit_reached"
    game.room = replace(game.room, post_its=dict(list(full.items())[1:]))
    game.play(bram, add())


def test_one_person_writes_at_most_the_cap_of_case_cards() -> None:
    game, (anna, bram) = make_game()
    case = {"type": "add_case_card", "text": "Een casus"}
    for _ in range(MAX_CASE_CARDS_PER_WRITER):
        game.play(anna, case)
        game.play(FACILITATOR, case)
    assert game.refuse(anna, case) == "limit_reached"
    assert game.refuse(FACILITATOR, case) == "limit_reached"
    game.play(bram, case)


def test_a_room_holds_at_most_the_cap_of_cards() -> None:
    game, (anna, bram) = make_game(cards=MAX_AGENDA - 1)
    game.play(anna, {"type": "add_case_card", "text": "De laatste"})
    assert len(game.room.agenda) == MAX_AGENDA
    assert game.refuse(bram, {"type": "add_case_card", "text": "Een te veel"}) == "limit_reached"


def test_a_room_holds_at_most_the_cap_of_action_points() -> None:
    game, _ = game_in("summary")
    points = {
        f"ap-{n}": ActionPoint(f"ap-{n}", "wat", "wie", "stap", "wanneer", 1)
        for n in range(MAX_ACTION_POINTS - 1)
    }
    game.room = replace(game.room, action_points=points)
    fields = {"what": "Wat", "who": "Wie", "first_step": "Stap", "evaluate_when": "Straks"}
    game.fac("add_action_point", **fields)
    assert game.fac_refused("add_action_point", **fields) == "limit_reached"
