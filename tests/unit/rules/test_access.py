"""Tokens: who a token stands for, and how hand-over and removal change that."""

from __future__ import annotations

import hmac
from dataclasses import replace

import pytest

from game_server.rules import (
    GUEST,
    HOST,
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


def test_a_facilitator_token_of_a_generation_the_room_never_had_is_not_valid() -> None:
    game, _ = make_game()
    digest = hmac.new(game.room.secret.encode(), b"facilitator:1", "sha256").digest()
    assert identify(game.room, f"f1.{digest[:18].hex()}") is None


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
    # The host's token stays the host's: it may now only take steering back.
    assert identify(room, host_token) == HOST
    assert facilitator_token(room) == host_token
    assert identify(room, anna_token) == Actor("facilitator", anna.player_id)
    assert identify(room, projector_token(room)) == PROJECTOR
    assert current_role(room, FACILITATOR) == HOST
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


def test_the_host_takes_steering_back_after_the_steering_player_left() -> None:
    """Anna, who was handed steering, loses her laptop: the host's token takes it back."""
    game, (anna, bram) = make_game()
    host_token = facilitator_token(game.room)
    game.fac("hand_over", player_id=anna.player_id)
    game.play(Actor("facilitator", anna.player_id), {"type": "leave"})
    assert identify(game.room, host_token) == HOST
    # While a player steers, the host may do nothing but take steering back.
    assert game.refuse(HOST, {"type": "next_step"}) == "not_allowed"
    assert game.refuse(HOST, {"type": "hand_over", "player_id": bram.player_id}) == "not_allowed"
    game.play(HOST, {"type": "take_back"})
    assert game.room.facilitator_player_id is None
    assert identify(game.room, host_token) == FACILITATOR
    assert current_role(game.room, HOST) == FACILITATOR
    # Anna keeps her seat, as a player again.
    anna_token = player_token(game.room, str(anna.player_id))
    assert identify(game.room, anna_token) == anna
    assert current_role(game.room, Actor("facilitator", anna.player_id)) == anna
    # And steering can be handed over again, and taken back again, with the same token.
    game.fac("hand_over", player_id=bram.player_id)
    assert identify(game.room, host_token) == HOST
    game.play(HOST, {"type": "take_back"})
    assert identify(game.room, host_token) == FACILITATOR


def test_only_the_host_takes_back() -> None:
    game, (anna, bram) = make_game()
    game.fac("hand_over", player_id=anna.player_id)
    steering = Actor("facilitator", anna.player_id)
    for actor in (steering, bram, PROJECTOR, GUEST):
        assert game.refuse(actor, {"type": "take_back"}) in ("not_allowed", "not_joined")
    assert game.room.facilitator_player_id == anna.player_id


def test_taking_back_while_the_host_steers_is_refused() -> None:
    game, _ = make_game()
    version = game.room.facilitator_generation
    assert game.fac_refused("take_back") == "not_allowed"  # the host steers: not a host now
    assert game.room.facilitator_player_id is None
    assert game.room.facilitator_generation == version


def test_host_tokens_of_rooms_stored_before_take_back_still_work() -> None:
    """Rooms stored earlier counted hand-overs in the host's token (``f<generation>``)."""
    game, (anna, _) = make_game()
    game.fac("hand_over", player_id=anna.player_id)
    room = replace(game.room, facilitator_generation=3)
    for g in range(1, 4):
        # A token is its mac, not its number: f0's mac under another number is nothing.
        assert identify(room, facilitator_token(room).replace("f0.", f"f{g}.")) is None

    def stored_token(g: int) -> str:
        digest = hmac.new(room.secret.encode(), f"facilitator:{g}".encode(), "sha256").digest()
        return f"f{g}.{digest[:18].hex()}"

    stored = [stored_token(g) for g in range(5)]
    assert [identify(room, t) for t in stored] == [HOST, HOST, HOST, HOST, None]
    assert identify(room, "f9999999.00") is None
    assert identify(room, "fx.00") is None


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
