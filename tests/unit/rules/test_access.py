"""Tokens: who a token stands for, and how hand-over and removal change that."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game_server.rules import (
    GUEST,
    Actor,
    current_role,
    facilitator_token,
    identify,
    player_token,
    projector_token,
)

from .conftest import FACILITATOR, PROJECTOR, make_game


def test_tokens_identify_their_actor() -> None:
    game, (anna, bram) = make_game()
    room = game.room
    assert identify(room, facilitator_token(room)) == FACILITATOR
    assert identify(room, projector_token(room)) == PROJECTOR
    assert identify(room, player_token(room, str(anna.player_id))) == anna
    assert identify(room, player_token(room, str(bram.player_id))) == bram


def test_tokens_are_stable_and_distinct() -> None:
    game, (anna, bram) = make_game()
    room = game.room
    tokens = [
        facilitator_token(room),
        projector_token(room),
        player_token(room, str(anna.player_id)),
        player_token(room, str(bram.player_id)),
    ]
    assert len(set(tokens)) == 4
    assert tokens[2] == player_token(room, str(anna.player_id))
    assert all(room.secret not in t for t in tokens)


def test_the_room_code_grants_nothing() -> None:
    game, _ = make_game()
    assert identify(game.room, game.room.code) is None
    assert identify(game.room, "") is None


@pytest.mark.parametrize("kind", ["facilitator", "projector", "player"])
def test_forged_tokens(kind: str) -> None:
    game, (anna, _) = make_game()
    room = game.room
    token = {
        "facilitator": facilitator_token(room),
        "projector": projector_token(room),
        "player": player_token(room, str(anna.player_id)),
    }[kind]
    flipped = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert identify(room, flipped) is None
    assert identify(room, token + "0") is None
    assert identify(room, token[:-2]) is None


def test_token_of_another_room() -> None:
    game, (anna, _) = make_game()
    other = replace(game.room, secret="een ander geheim")
    assert identify(other, facilitator_token(game.room)) is None
    assert identify(other, projector_token(game.room)) is None
    assert identify(other, player_token(game.room, str(anna.player_id))) is None


def test_player_token_for_another_seat_is_refused() -> None:
    game, (anna, bram) = make_game()
    token = player_token(game.room, str(anna.player_id))
    mac = token.rsplit(".", 1)[1]
    assert identify(game.room, f"p.{bram.player_id}.{mac}") is None
    assert identify(game.room, player_token(game.room, "p-nobody")) is None


def test_a_generation_bumped_facilitator_token_is_not_valid_now() -> None:
    game, _ = make_game()
    later = replace(game.room, facilitator_generation=1)
    assert identify(game.room, facilitator_token(later)) is None


def test_removed_player_token_stops_working_left_player_keeps_it() -> None:
    game, (anna, bram) = make_game()
    anna_token = player_token(game.room, str(anna.player_id))
    bram_token = player_token(game.room, str(bram.player_id))
    game.play(bram, {"type": "leave"})
    assert identify(game.room, bram_token) == bram
    game.fac("remove_player", player_id=anna.player_id)
    assert identify(game.room, anna_token) is None
    assert current_role(game.room, anna) == GUEST


def test_hand_over_moves_the_facilitator_role() -> None:
    game, (anna, bram) = make_game()
    host_token = facilitator_token(game.room)
    anna_token = player_token(game.room, str(anna.player_id))
    game.fac("hand_over", player_id=anna.player_id)
    room = game.room
    assert identify(room, host_token) is None
    assert identify(room, facilitator_token(room)) is None  # no host token while a player steers
    assert identify(room, anna_token) == Actor("facilitator", anna.player_id)
    assert identify(room, projector_token(room)) == PROJECTOR
    assert current_role(room, FACILITATOR) == GUEST
    assert current_role(room, anna) == Actor("facilitator", anna.player_id)
    assert current_role(room, bram) == bram
    # And on to Bram: Anna is a player again.
    game.play(
        Actor("facilitator", anna.player_id), {"type": "hand_over", "player_id": bram.player_id}
    )
    assert identify(game.room, anna_token) == anna
    bram_token = player_token(game.room, str(bram.player_id))
    assert identify(game.room, bram_token) == Actor("facilitator", bram.player_id)
    assert current_role(game.room, Actor("facilitator", anna.player_id)) == anna


def test_current_role_keeps_roles_that_did_not_change() -> None:
    game, (anna, _) = make_game()
    room = game.room
    assert current_role(room, FACILITATOR) == FACILITATOR
    assert current_role(room, PROJECTOR) == PROJECTOR
    assert current_role(room, GUEST) == GUEST
    assert current_role(room, anna) == anna
    assert current_role(room, Actor("player", "p-nobody")) == GUEST


def test_actor_keys_scope_command_ids() -> None:
    _game, (anna, _) = make_game()
    assert anna.key == anna.player_id
    assert FACILITATOR.key == "facilitator"
    assert Actor("facilitator", anna.player_id).key == anna.player_id


def test_after_a_hand_over_the_host_token_never_steers_again() -> None:
    """Facilitation can move between players, never back to the host's token."""
    game, (anna, _bram) = make_game()
    host_token = facilitator_token(game.room)
    game.fac("hand_over", player_id=anna.player_id)
    game.play(Actor("facilitator", anna.player_id), {"type": "leave"})
    assert identify(game.room, host_token) is None
    assert identify(game.room, facilitator_token(game.room)) is None
    # The steering player who left still steers with their own token.
    assert identify(game.room, player_token(game.room, str(anna.player_id))) == Actor(
        "facilitator", anna.player_id
    )


def test_the_rules_trust_the_actor_the_transport_derives_with_current_role() -> None:
    """``decide`` only checks that a seat exists; a removed player's token is refused by
    ``identify`` and its connection demoted by ``current_role`` before it gets there."""
    game, (anna, _) = make_game()
    game.walk_to("place")
    game.fac("remove_player", player_id=anna.player_id)
    demoted = current_role(game.room, anna)
    assert demoted == GUEST
    payload = {"type": "place_pawn", "position": {"square": 2}}
    assert game.refuse(demoted, payload) == "not_joined"
