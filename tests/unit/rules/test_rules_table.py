"""The RULES table: who may send each command, and in which steps.

Parametrised over RULES itself, so a new command is covered as soon as it has a sample
payload in conftest.SAMPLE_PAYLOADS (a test below fails until it has one).
"""

from __future__ import annotations

import pytest

from game_server.rules import GUEST, HOST, RULES, Actor, Refusal, fold
from game_server.rules.rule import ALL, CARD, LOBBY, OPEN, PLAYING

from .conftest import (
    FACILITATOR,
    NOBODY,
    PHASES,
    PROJECTOR,
    SAMPLE_PAYLOADS,
    allowed_actor,
    blank_case_card,
    game_in,
    make_cards,
    make_game,
    play,
)

COMMANDS = sorted(RULES)
BY_WHO = {
    who: [c for c in COMMANDS if RULES[c].who == who]
    for who in ("facilitator", "player", "member", "guest", "host", "workshop")
}


def test_every_command_has_a_sample_payload() -> None:
    assert set(SAMPLE_PAYLOADS) == set(RULES), "add a sample payload for every new command"


def test_every_rule_names_known_phases_and_roles() -> None:
    for name, rule in RULES.items():
        assert rule.phases, name
        assert rule.phases <= ALL, name
        assert rule.who in ("facilitator", "player", "member", "guest", "host", "workshop"), name


def test_phase_groups() -> None:
    assert LOBBY == {"lobby"}
    assert CARD == {"read", "place", "discuss", "revise"}
    assert PLAYING == CARD | {"sort", "summary"}
    assert OPEN == PLAYING | {"lobby"}
    assert ALL == set(PHASES)


def test_documented_table() -> None:
    """The table as the protocol documents it; a change here is a protocol change."""
    table = {name: (rule.who, set(rule.phases)) for name, rule in RULES.items()}
    assert table == {
        "join": ("guest", OPEN),
        "rejoin": ("player", ALL),
        "leave": ("player", ALL),
        "remove_player": ("facilitator", OPEN),
        "hand_over": ("facilitator", OPEN),
        "take_back": ("host", ALL),
        "start": ("facilitator", LOBBY),
        "next_step": ("facilitator", OPEN),
        "back_step": ("facilitator", PLAYING | {"closed"}),
        "skip_card": ("facilitator", CARD),
        "end_game": ("facilitator", PLAYING),
        "add_case_card": ("member", LOBBY | CARD),
        "write_case": ("member", {"read"}),
        "reorder_cards": ("facilitator", LOBBY | CARD),
        "add_card": ("facilitator", LOBBY),
        "remove_card": ("facilitator", LOBBY),
        "place_pawn": ("player", {"place", "revise"}),
        "reveal_placements": ("facilitator", {"place", "discuss", "revise"}),
        "add_post_it": ("player", CARD | {"sort"}),
        "edit_post_it": ("member", PLAYING),
        "delete_post_it": ("member", PLAYING),
        "lock_post_its": ("facilitator", OPEN),
        "unlock_post_its": ("facilitator", OPEN),
        "resolve_post_it": ("facilitator", PLAYING),
        "start_timer": ("facilitator", PLAYING),
        "extend_timer": ("facilitator", PLAYING),
        "stop_timer": ("facilitator", PLAYING),
        "set_pile": ("facilitator", {"sort", "summary"}),
        "merge_items": ("facilitator", {"sort", "summary"}),
        "rename_cluster": ("facilitator", {"sort", "summary"}),
        "split_cluster": ("facilitator", {"sort", "summary"}),
        "open_voting": ("facilitator", {"summary"}),
        "place_dot": ("player", {"summary"}),
        "remove_dot": ("player", {"summary"}),
        "reveal_votes": ("facilitator", {"summary"}),
        "cancel_voting": ("facilitator", {"summary"}),
        "add_action_point": ("facilitator", PLAYING),
        "edit_action_point": ("facilitator", PLAYING),
        "delete_action_point": ("facilitator", PLAYING),
        "go_to_sort": ("workshop", CARD),
        "seat": ("workshop", OPEN),
        "unseat": ("workshop", ALL),
        "show_message": ("workshop", ALL),
        "ask_help": ("member", OPEN),
        "clear_help": ("facilitator", ALL),
    }


@pytest.fixture(scope="module")
def rooms() -> dict[str, tuple]:
    """One game per phase (two players, three cards), built once: rooms are immutable."""
    return {phase: game_in(phase) for phase in PHASES}


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("name", BY_WHO["facilitator"])
def test_facilitator_commands_refused_to_players(rooms, name: str, phase: str) -> None:
    game, players = rooms[phase]
    for actor in (*players, PROJECTOR, GUEST, NOBODY):
        assert game.refuse(actor, SAMPLE_PAYLOADS[name]) == "not_allowed", actor


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("name", BY_WHO["player"])
def test_player_commands_refused_to_non_players(rooms, name: str, phase: str) -> None:
    game, _ = rooms[phase]
    # A facilitator without a seat, a guest, the projector and a token for a missing seat.
    for actor in (FACILITATOR, GUEST, PROJECTOR, NOBODY, Actor("facilitator", "p-nobody")):
        assert game.refuse(actor, SAMPLE_PAYLOADS[name]) == "not_joined", actor


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("name", BY_WHO["member"])
def test_member_commands_refused_to_outsiders(rooms, name: str, phase: str) -> None:
    game, _ = rooms[phase]
    for actor in (GUEST, PROJECTOR, NOBODY):
        assert game.refuse(actor, SAMPLE_PAYLOADS[name]) == "not_allowed", actor


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("name", BY_WHO["guest"])
def test_guest_commands_refused_to_everyone_else(rooms, name: str, phase: str) -> None:
    game, players = rooms[phase]
    for actor in (FACILITATOR, PROJECTOR, *players):
        assert game.refuse(actor, SAMPLE_PAYLOADS[name]) == "not_allowed", actor


@pytest.mark.parametrize(
    ("name", "phase"),
    [(n, p) for n in COMMANDS for p in PHASES if p not in RULES[n].phases],
)
def test_commands_refused_outside_their_phases(rooms, name: str, phase: str) -> None:
    game, players = rooms[phase]
    actor = allowed_actor(RULES[name].who, players)
    expected = "room_closed" if phase == "closed" else "wrong_phase"
    assert game.refuse(actor, SAMPLE_PAYLOADS[name]) == expected


@pytest.mark.parametrize(
    ("name", "phase"),
    [(n, p) for n in COMMANDS for p in PHASES if p in RULES[n].phases],
)
def test_commands_pass_the_gate_in_their_phases(rooms, name: str, phase: str) -> None:
    """In its phases, an allowed actor is never stopped by the gate itself."""
    game, players = rooms[phase]
    actor = allowed_actor(RULES[name].who, players)
    try:
        play(game.room, actor, SAMPLE_PAYLOADS[name])
    except Refusal as exc:  # a handler's own refusal is fine, the gate's codes are not
        assert exc.code not in ("not_allowed", "not_joined", "wrong_phase", "room_closed")


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("name", BY_WHO["workshop"])
def test_workshop_commands_refused_to_every_token(rooms, name: str, phase: str) -> None:
    """Only the workshop, through the server, seats and unseats: no token reaches it."""
    game, players = rooms[phase]
    for actor in [FACILITATOR, PROJECTOR, GUEST, NOBODY, HOST, *players]:
        assert game.refuse(actor, SAMPLE_PAYLOADS[name]) in ("not_allowed", "not_joined"), actor


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("name", BY_WHO["host"])
def test_host_commands_refused_to_everyone_else(rooms, name: str, phase: str) -> None:
    game, players = rooms[phase]
    for actor in [FACILITATOR, PROJECTOR, GUEST, NOBODY, *players]:
        assert game.refuse(actor, SAMPLE_PAYLOADS[name]) in ("not_allowed", "not_joined"), actor


def test_member_commands_allowed_for_facilitator_without_seat() -> None:
    game, _players = game_in("read")
    result = game.play(FACILITATOR, SAMPLE_PAYLOADS["add_case_card"])
    assert game.room.cards[result["card_id"]].author_id is None


def test_player_commands_allowed_for_facilitator_with_seat() -> None:
    game, players = game_in("place")
    game.fac("hand_over", player_id=players[0].player_id)
    steering = Actor("facilitator", players[0].player_id)
    game.play(steering, {"type": "place_pawn", "position": {"square": 4}})
    assert game.room.placements_of("deck/c0", "first")[players[0].player_id] == {"square": 4}


def test_a_player_who_left_still_has_a_seat() -> None:
    game, (anna, _) = game_in("read")
    game.play(anna, {"type": "leave"})
    game.play(anna, {"type": "rejoin"})
    assert game.room.players[str(anna.player_id)].active


# -- every command has an accepted effect ---------------------------------------------------


_VOTING = ("open_voting", "place_dot", "remove_dot", "reveal_votes", "cancel_voting")


def _prepared(name: str):
    """A game where ``name`` is accepted: (game, actor, payload, event types expected)."""
    game, (anna, bram) = game_in("discuss")
    payload = dict(SAMPLE_PAYLOADS[name])
    actor = allowed_actor(RULES[name].who, [anna, bram])
    if name in ("join", "start", "add_card", "remove_card"):
        game, (anna, bram) = game_in("lobby")
    if name == "write_case":
        game, (anna, bram) = make_game(cards=[blank_case_card(), *make_cards(1)])
        game.walk_to("read")
        actor = FACILITATOR
    if name == "rejoin":
        game.play(anna, {"type": "leave"})
    if name in ("remove_player", "hand_over"):
        payload["player_id"] = bram.player_id
    if name == "take_back":
        game.fac("hand_over", player_id=bram.player_id)
    if name == "reorder_cards":
        payload["card_ids"] = ["deck/c2", "deck/c1"]
    if name in ("place_pawn", "reveal_placements"):
        game.walk_to("revise")
    if name in ("edit_post_it", "delete_post_it", "resolve_post_it"):
        payload["post_it_id"] = game.post_it(anna, "pink")
    if name == "unlock_post_its":
        game.fac("lock_post_its")
    if name in ("extend_timer", "stop_timer"):
        game.fac("start_timer")
    if name == "set_pile":
        game.walk_to("summary")
    if name in ("merge_items", "rename_cluster", "split_cluster"):
        a, b = game.post_it(anna, "pink", "Tijd"), game.post_it(bram, "pink", "Tijd!")
        game.walk_to("summary")
        payload["items"] = [{"item": "post_it", "id": a}, {"item": "post_it", "id": b}]
        if name != "merge_items":
            payload["cluster_id"] = game.fac("merge_items", items=payload.pop("items"))[
                "cluster_id"
            ]
    if name in _VOTING:
        game.walk_to("summary")
        game.fac("set_pile", item="card", id="deck/c0", pile="red")
        if name != "open_voting":
            game.fac("open_voting")
        if name in ("remove_dot", "reveal_votes", "cancel_voting"):
            game.play(anna, SAMPLE_PAYLOADS["place_dot"])
    if name == "unseat":
        payload["player_id"] = bram.player_id
    if name == "clear_help":
        game.play(anna, {"type": "ask_help"})
    if name in ("edit_action_point", "delete_action_point"):
        point = game.play(FACILITATOR, SAMPLE_PAYLOADS["add_action_point"])["action_point_id"]
        payload["action_point_id"] = point
    return game, actor, payload


EXPECTED_EVENTS = {
    "join": ["player_joined"],
    "rejoin": ["player_rejoined"],
    "leave": ["player_left"],
    "remove_player": ["player_removed"],
    "hand_over": ["facilitation_handed_over"],
    "take_back": ["facilitation_taken_back"],
    "start": ["moved", "reader_chosen"],
    "next_step": ["moved"],
    "back_step": ["moved"],
    "skip_card": ["card_skipped", "moved", "reader_chosen"],
    "end_game": ["moved"],
    "add_case_card": ["case_card_added"],
    "write_case": ["case_written"],
    "reorder_cards": ["cards_reordered"],
    "add_card": ["card_added"],
    "remove_card": ["card_removed"],
    "place_pawn": ["pawn_placed"],
    "reveal_placements": ["placements_revealed"],
    "add_post_it": ["post_it_added"],
    "edit_post_it": ["post_it_edited"],
    "delete_post_it": ["post_it_deleted"],
    "lock_post_its": ["post_its_locked"],
    "unlock_post_its": ["post_its_locked"],
    "resolve_post_it": ["post_it_resolved"],
    "start_timer": ["timer_started"],
    "extend_timer": ["timer_extended"],
    "stop_timer": ["timer_stopped"],
    "set_pile": ["pile_set"],
    "add_action_point": ["action_point_added"],
    "edit_action_point": ["action_point_edited"],
    "delete_action_point": ["action_point_deleted"],
    "merge_items": ["items_merged"],
    "rename_cluster": ["cluster_renamed"],
    "split_cluster": ["cluster_split"],
    "open_voting": ["voting_opened"],
    "place_dot": ["dot_placed"],
    "remove_dot": ["dot_removed"],
    "reveal_votes": ["votes_revealed"],
    "cancel_voting": ["voting_cancelled"],
    "go_to_sort": ["moved", "placements_revealed", "placements_revealed"],
    "seat": ["player_seated"],
    "unseat": ["player_moved"],
    "show_message": ["message_shown"],
    "ask_help": ["help_asked"],
    "clear_help": ["help_cleared"],
}


def test_every_command_has_an_expected_effect() -> None:
    assert set(EXPECTED_EVENTS) == set(RULES)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_accepted_somewhere(name: str) -> None:
    game, actor, payload = _prepared(name)
    before = game.room
    game.play(actor, payload)
    assert [e["type"] for e in game.last.events] == EXPECTED_EVENTS[name]
    assert game.room != before
    assert fold([game.created, *game.events]) == game.room
