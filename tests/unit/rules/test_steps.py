"""The phase machine: lobby -> card steps -> sort -> summary -> closed, and back_step."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game_server.rules import GUEST, Viewer, fold, view
from game_server.rules.model import Spot

from .conftest import FACILITATOR, Game, game_in, make_cards, make_game


def spots(game: Game) -> tuple[Spot, ...]:
    return (*game.room.trail, game.room.spot)


def test_full_walk_through_the_phases() -> None:
    game, _ = make_game(cards=2)
    seen = [(game.room.phase, game.room.current_card_id)]
    while game.room.phase != "summary":
        game.next()
        seen.append((game.room.phase, game.room.current_card_id))
    game.fac("end_game")
    seen.append((game.room.phase, game.room.current_card_id))
    assert seen == [
        ("lobby", None),
        ("read", "deck/c0"),
        ("place", "deck/c0"),
        ("discuss", "deck/c0"),
        ("revise", "deck/c0"),
        ("read", "deck/c1"),
        ("place", "deck/c1"),
        ("discuss", "deck/c1"),
        ("revise", "deck/c1"),
        ("sort", None),
        ("summary", None),
        ("closed", None),
    ]
    assert game.room.started == {"deck/c0", "deck/c1"}
    assert fold([game.created, *game.events]) == game.room


def test_moved_events_carry_phase_card_and_direction() -> None:
    game, _ = make_game()
    game.next()
    moved = [e for e in game.last.events if e["type"] == "moved"]
    assert moved == [
        {
            "type": "moved",
            "phase": "read",
            "card_id": "deck/c0",
            "direction": "forward",
            "at": 1_000_000,
        }
    ]
    game.fac("back_step")
    assert game.last.events == [
        {"type": "moved", "phase": "lobby", "card_id": None, "direction": "back", "at": 1_000_000}
    ]


def test_start_is_next_step_from_the_lobby() -> None:
    a, _ = make_game()
    b, _ = make_game()
    a.fac("start")
    b.fac("next_step")
    assert a.room.spot == b.room.spot == Spot("read", "deck/c0")
    assert [e["type"] for e in a.last.events] == [e["type"] for e in b.last.events]


@pytest.mark.parametrize("command", ["start", "next_step"])
def test_start_needs_a_player(command: str) -> None:
    game, _ = make_game(players=())
    assert game.fac_refused(command) == "no_players"


def test_start_needs_a_player_who_is_still_there() -> None:
    game, (anna,) = make_game(players=("Anna",))
    game.play(anna, {"type": "leave"})
    assert game.fac_refused("start") == "no_players"
    game.play(anna, {"type": "rejoin"})
    game.fac("start")
    assert game.room.phase == "read"


def test_no_next_step_after_summary() -> None:
    game, _ = game_in("summary")
    assert game.fac_refused("next_step") == "no_next_step"
    assert game.room.phase == "summary"


def test_sort_leads_to_summary() -> None:
    game, _ = game_in("sort")
    game.next()
    assert game.room.spot == Spot("summary")
    assert game.last.events == [
        {
            "type": "moved",
            "phase": "summary",
            "card_id": None,
            "direction": "forward",
            "at": 1_000_000,
        }
    ]


@pytest.mark.parametrize("phase", ["read", "place", "discuss", "revise", "sort", "summary"])
def test_end_game_from_any_playing_step(phase: str) -> None:
    game, _ = game_in(phase)
    before = game.room.spot
    game.fac("end_game")
    assert game.room.spot == Spot("closed")
    assert game.room.trail[-1] == before
    game.fac("back_step")
    assert game.room.spot == before


def test_end_game_stops_the_timer() -> None:
    game, _ = game_in("discuss", minutes=5)
    assert game.room.timer is not None
    game.fac("end_game")
    assert game.room.timer is None
    assert {"type": "timer_stopped"} in game.last.events


def test_back_step_returns_exactly_to_every_previous_spot() -> None:
    """Forward to the end with every kind of move, then back all the way to the lobby."""
    game, (_anna, _) = make_game(cards=4)
    history = [(game.room.spot, game.room.trail, game.room.skipped)]
    moves = ["next_step"] * 3 + ["skip_card"] + ["next_step"] * 2 + ["skip_card"] * 2
    moves += ["next_step", "end_game"]
    for move in moves:
        game.fac(move)
        history.append((game.room.spot, game.room.trail, game.room.skipped))
    assert game.room.phase == "closed"
    for spot, trail, skipped in reversed(history[:-1]):
        game.fac("back_step")
        assert (game.room.spot, game.room.trail, game.room.skipped) == (spot, trail, skipped)
    assert game.room.phase == "lobby"
    assert game.fac_refused("back_step") == "wrong_phase"
    assert fold([game.created, *game.events]) == game.room


@pytest.mark.parametrize("phase", ["lobby", "read", "place", "discuss", "revise", "sort"])
def test_back_step_undoes_next_step_from_each_spot(phase: str) -> None:
    game, _ = game_in(phase)
    before = (game.room.spot, game.room.trail)
    game.next()
    game.fac("back_step")
    assert (game.room.spot, game.room.trail) == before


def test_back_step_from_the_read_of_a_later_card_returns_to_the_previous_revise() -> None:
    game, _ = make_game()
    game.walk_to("read", 1)
    game.fac("back_step")
    assert game.room.spot == Spot("revise", "deck/c0")


def test_back_step_from_the_first_card_returns_to_the_lobby() -> None:
    game, _ = game_in("read")
    game.fac("back_step")
    assert game.room.spot == Spot("lobby")
    assert game.room.trail == ()
    # The card stays started: its reader is kept for when the game starts again.
    reader = game.room.readers["deck/c0"]
    game.fac("start")
    assert game.room.readers["deck/c0"] == reader
    assert [e["type"] for e in game.last.events] == ["moved"]


def test_no_previous_step_on_an_empty_trail() -> None:
    """Not reachable by playing (every forward move leaves a trail), but refused cleanly."""
    game, _ = game_in("sort")
    game.room = replace(game.room, trail=())
    assert game.fac_refused("back_step") == "no_previous_step"


def test_back_step_reopens_a_closed_game() -> None:
    game, (anna, _) = game_in("closed")
    assert (
        game.refuse(
            anna, {"type": "add_post_it", "colour": "green", "text": "x", "card_id": "deck/c0"}
        )
        == "room_closed"
    )
    game.fac("back_step")
    assert game.room.spot == Spot("summary")
    game.fac("back_step")
    assert game.room.phase == "sort"
    game.play(anna, {"type": "add_post_it", "colour": "green", "text": "x", "card_id": "deck/c0"})


def test_skip_card_moves_to_the_next_card_and_marks_the_skip() -> None:
    game, _ = game_in("place")
    game.fac("skip_card")
    assert game.room.spot == Spot("read", "deck/c1")
    assert game.room.skipped == {"deck/c0"}
    assert game.last.events[0] == {"type": "card_skipped", "card_id": "deck/c0"}
    assert game.room.played_cards() == ["deck/c1"]


def test_undoing_a_skip_unskips_the_card() -> None:
    game, _ = game_in("discuss")
    game.fac("skip_card")
    game.fac("back_step")
    assert game.room.spot == Spot("discuss", "deck/c0")
    assert game.room.skipped == frozenset()
    assert game.last.events == [
        {
            "type": "moved",
            "phase": "discuss",
            "card_id": "deck/c0",
            "direction": "back",
            "at": 1_000_000,
        },
        {"type": "card_unskipped", "card_id": "deck/c0"},
    ]


def test_skipped_cards_are_passed_over_when_moving_forward_again() -> None:
    game, _ = make_game(cards=3)
    game.walk_to("read", 1)
    game.fac("skip_card")  # c1 skipped, now on c2
    assert game.room.spot == Spot("read", "deck/c2")
    # Back to the revise of c0 through the trail: first back undoes the skip of c1 ...
    game.fac("back_step")
    assert game.room.spot == Spot("read", "deck/c1")
    assert "deck/c1" not in game.room.skipped


def test_skip_of_the_last_card_goes_to_sort() -> None:
    game, _ = game_in("read")
    game.walk_to("read", 2)
    game.fac("skip_card")
    assert game.room.spot == Spot("sort")
    assert game.room.played_cards() == ["deck/c0", "deck/c1"]
    game.fac("back_step")
    assert game.room.spot == Spot("read", "deck/c2")
    assert game.room.skipped == frozenset()


def test_skipping_every_card_goes_to_sort_with_nothing_played() -> None:
    game, _ = game_in("read")
    for _ in range(3):
        game.fac("skip_card")
    assert game.room.phase == "sort"
    assert game.room.played_cards() == []


def test_revise_of_the_last_card_goes_to_sort() -> None:
    game, _ = make_game(cards=1)
    game.walk_to("revise")
    game.next()
    assert game.room.spot == Spot("sort")


# -- readers ------------------------------------------------------------------------------


def readers_in_order(game: Game) -> list[str]:
    return [game.room.readers[c] for c in game.room.agenda if c in game.room.readers]


def test_reader_rotates_over_seats() -> None:
    game, players = make_game(players=("Anna", "Bram", "Cas"), cards=5)
    game.walk_to("sort")
    ids = [p.player_id for p in players]
    assert readers_in_order(game) == [ids[0], ids[1], ids[2], ids[0], ids[1]]
    chosen = [e for e in game.events if e["type"] == "reader_chosen"]
    assert [e["card_id"] for e in chosen] == [f"deck/c{i}" for i in range(5)]


def test_reader_rotation_skips_players_who_left() -> None:
    game, (anna, bram, cas) = make_game(players=("Anna", "Bram", "Cas"), cards=4)
    game.walk_to("revise", 0)
    game.play(bram, {"type": "leave"})
    game.walk_to("sort")
    assert readers_in_order(game) == [anna.player_id, cas.player_id, anna.player_id, cas.player_id]


def test_reader_rotation_skips_removed_players_and_survives_a_removed_last_reader() -> None:
    game, (_anna, bram, cas) = make_game(players=("Anna", "Bram", "Cas"), cards=3)
    game.walk_to("read", 1)  # Bram reads c1
    game.fac("remove_player", player_id=bram.player_id)
    game.walk_to("read", 2)
    assert game.room.readers["deck/c2"] == cas.player_id


def test_last_reader_who_left_is_followed_by_the_next_seat() -> None:
    game, (_anna, bram, cas) = make_game(players=("Anna", "Bram", "Cas"), cards=3)
    game.walk_to("read", 1)
    game.play(bram, {"type": "leave"})
    game.walk_to("read", 2)
    assert game.room.readers["deck/c2"] == cas.player_id


def test_rotation_wraps_around() -> None:
    game, (anna, _bram, cas) = make_game(players=("Anna", "Bram", "Cas"), cards=3)
    game.walk_to("read", 1)
    game.play(cas, {"type": "leave"})
    game.walk_to("read", 2)
    assert game.room.readers["deck/c2"] == anna.player_id


def test_case_card_is_read_by_its_author_and_rotation_continues() -> None:
    game, (_anna, bram, cas) = make_game(players=("Anna", "Bram", "Cas"), cards=3)
    game.walk_to("discuss", 0)  # Anna read c0
    case = game.play(cas, {"type": "add_case_card", "text": "Bij ons..."})["card_id"]
    game.walk_to("read", 1)
    assert game.room.current_card_id == case
    assert game.room.readers[case] == cas.player_id
    game.walk_to("read", 2)
    assert game.room.current_card_id == "deck/c1"
    assert game.room.readers["deck/c1"] == bram.player_id  # after Anna, not after Cas


def test_case_card_of_an_author_who_left_is_read_in_rotation() -> None:
    game, (_anna, bram, cas) = make_game(players=("Anna", "Bram", "Cas"), cards=3)
    game.walk_to("discuss", 0)
    case = game.play(cas, {"type": "add_case_card", "text": "Bij ons..."})["card_id"]
    game.play(cas, {"type": "leave"})
    game.walk_to("read", 1)
    assert game.room.readers[case] == bram.player_id


def test_case_card_by_the_host_facilitator_is_read_in_rotation() -> None:
    game, (_anna, bram) = make_game(cards=2)
    game.walk_to("discuss", 0)
    case = game.fac("add_case_card", text="Een casus van de begeleider")["card_id"]
    game.walk_to("read", 1)
    assert game.room.readers[case] == bram.player_id


def test_reader_is_kept_when_a_card_is_entered_again() -> None:
    game, (_anna, bram) = make_game(cards=2)
    game.walk_to("read", 1)
    game.fac("back_step")
    game.play(bram, {"type": "leave"})
    game.next()
    assert game.room.readers["deck/c1"] == bram.player_id
    assert "reader_chosen" not in [e["type"] for e in game.last.events]


def test_no_reader_when_nobody_is_left() -> None:
    game, (anna,) = make_game(players=("Anna",), cards=2)
    game.walk_to("revise", 0)
    game.play(anna, {"type": "leave"})
    game.next()
    assert game.room.spot == Spot("read", "deck/c1")
    assert "deck/c1" not in game.room.readers


# -- timer on entering a card ---------------------------------------------------------------


def test_timer_starts_from_the_card_minutes() -> None:
    game, _ = make_game(cards=make_cards(2, minutes=[7, None]), minutes=None)
    game.play(FACILITATOR, {"type": "next_step"}, now=123_000)
    assert game.room.timer is not None
    assert (game.room.timer.started_at, game.room.timer.seconds) == (123_000, 420)
    assert {"type": "timer_started", "started_at": 123_000, "seconds": 420} in game.last.events


def test_timer_starts_from_the_room_minutes_and_card_minutes_win() -> None:
    game, _ = make_game(cards=make_cards(2, minutes=[None, 7]), minutes=6)
    game.next()
    assert game.room.timer is not None and game.room.timer.seconds == 360
    game.walk_to("read", 1)
    assert game.room.timer is not None and game.room.timer.seconds == 420


def test_no_timer_without_minutes_and_running_timer_stopped_on_leaving_a_card() -> None:
    game, _ = make_game(cards=make_cards(3, minutes=[5, None, 5]))
    game.walk_to("revise", 0)
    assert game.room.timer is not None
    game.next()
    assert game.room.spot == Spot("read", "deck/c1")
    assert game.room.timer is None
    assert {"type": "timer_stopped"} in game.last.events


def test_timer_restarts_for_the_next_card() -> None:
    game, _ = make_game(minutes=6)
    game.walk_to("revise", 0)
    game.play(FACILITATOR, {"type": "next_step"}, now=2_000_000)
    types = [e["type"] for e in game.last.events]
    assert types.index("timer_stopped") < types.index("timer_started")
    assert game.room.timer is not None and game.room.timer.started_at == 2_000_000


def test_timer_keeps_running_between_steps_of_a_card() -> None:
    game, _ = game_in("read", minutes=6)
    timer = game.room.timer
    game.next(3)
    assert game.room.phase == "revise"
    assert game.room.timer == timer


@pytest.mark.parametrize("move", ["next_step", "skip_card"])
def test_timer_stopped_when_entering_sort(move: str) -> None:
    game, _ = make_game(cards=1, minutes=6)
    game.walk_to("revise")
    game.fac(move)
    assert game.room.phase == "sort"
    assert game.room.timer is None


def test_a_manual_timer_is_stopped_when_leaving_the_card() -> None:
    game, _ = game_in("discuss")
    game.fac("start_timer", seconds=90)
    game.fac("skip_card")
    assert game.room.timer is None


# -- entering sort -----------------------------------------------------------------------


def test_entering_sort_reveals_hidden_placements_of_played_cards() -> None:
    game, (anna, _bram) = make_game(cards=2)
    game.walk_to("place", 0)
    game.place(anna, 2)  # Bram never places: stays hidden
    game.walk_to("place", 1)
    game.place(anna, 4)
    game.fac("skip_card")  # c1 skipped: its placements stay hidden
    assert game.room.phase == "sort"
    assert ("deck/c0", "first") in game.room.revealed
    assert ("deck/c0", "second") in game.room.revealed  # nobody revised: revealed all the same
    assert ("deck/c1", "first") not in game.room.revealed
    revealed = [e for e in game.last.events if e["type"] == "placements_revealed"]
    assert revealed == [
        {"type": "placements_revealed", "card_id": "deck/c0", "round": "first"},
        {"type": "placements_revealed", "card_id": "deck/c0", "round": "second"},
    ]


@pytest.mark.parametrize("board", ["scale", "quadrant"])
def test_entering_sort_shows_players_and_projector_the_figures_of_an_empty_round(
    board: str,
) -> None:
    """Nobody placed in revise: the round is revealed anyway, so players and the projector
    see the same second round, shift and suggested pile as the facilitator."""
    game, (anna, bram) = make_game(board, cards=1)
    game.walk_to("place")
    game.place(anna, 2)
    game.place(bram, 4)  # the first round is complete: revealed
    game.walk_to("sort")  # nobody placed in revise
    assert not game.room.is_hidden("deck/c0", "second")
    facilitator = view(game.room, Viewer("facilitator"))["figures"]["deck/c0"]
    if board == "scale":  # the first round's mean: a quadrant needs both rounds
        assert facilitator["suggested_pile"] is not None
    for viewer in (Viewer("player", anna.player_id), Viewer("projector")):
        shown = view(game.room, viewer)
        assert shown["figures"]["deck/c0"] == facilitator
        assert shown["placements"]["deck/c0"]["second"] == {"hidden": False, "positions": {}}


def test_entering_sort_without_hidden_placements_reveals_nothing() -> None:
    game, (anna, _) = make_game(cards=1, hidden=False)
    game.walk_to("place")
    game.place(anna, 2)
    game.walk_to("sort")
    assert "placements_revealed" not in [e["type"] for e in game.last.events]


def test_entering_sort_suggests_piles() -> None:
    game, (anna, bram) = make_game(cards=3)
    game.walk_to("place", 0)
    game.place(anna, 5)
    game.place(bram, 4)
    game.next()
    green = game.post_it(anna, "green", "Intervisie")
    pink = game.post_it(bram, "pink", "Wie betaalt?")
    game.walk_to("place", 1)
    game.place(anna, 1)
    game.walk_to("revise", 1)
    game.place(anna, 3)  # revised mean 3 = middle: red
    game.walk_to("read", 2)  # c2 without placements: no suggestion
    game.walk_to("sort")
    suggested = game.last.events[-1]
    assert suggested == {
        "type": "piles_suggested",
        "cards": {"deck/c0": "green", "deck/c1": "red"},
        "post_its": {green: "green", pink: "red"},
    }
    assert game.room.card_piles == {"deck/c0": "green", "deck/c1": "red"}
    assert game.room.post_its[green].pile == "green"
    assert game.room.post_its[pink].pile == "red"


def test_entering_sort_again_keeps_piles_already_set() -> None:
    game, (anna, bram) = make_game(cards=1)
    game.walk_to("place")
    game.place(anna, 5)
    game.next()
    pink = game.post_it(bram, "pink", "Vraag")
    green = game.post_it(anna, "green", "Goed")
    game.walk_to("sort")
    game.fac("set_pile", item="card", id="deck/c0", pile="red")
    game.fac("set_pile", item="post_it", id=pink, pile="green")
    game.fac("set_pile", item="post_it", id=green, pile=None)
    game.fac("back_step")
    later = game.post_it(bram, "pink", "Nog een vraag")
    game.next()
    assert game.room.phase == "sort"
    assert game.room.card_piles == {"deck/c0": "red"}
    assert game.room.post_its[pink].pile == "green"
    # Taken off both piles is "not set": it gets a suggestion again, like a new post-it.
    assert game.room.post_its[green].pile == "green"
    assert game.room.post_its[later].pile == "red"
    assert game.last.events[-1]["cards"] == {}


def test_entering_sort_with_nothing_to_suggest_has_no_suggestion_event() -> None:
    game, _ = make_game(cards=1)
    game.walk_to("sort")
    kinds = [e["type"] for e in game.last.events]
    assert kinds == ["moved", "placements_revealed", "placements_revealed"]


# -- guests and the lobby --------------------------------------------------------------------


def test_guests_can_join_during_the_game_but_not_after() -> None:
    game, _ = game_in("sort")
    game.play(GUEST, {"type": "join", "name": "Laatkomer"})
    game.fac("next_step")
    game.fac("end_game")
    assert game.refuse(GUEST, {"type": "join", "name": "Te laat"}) == "room_closed"


def test_a_player_joining_mid_card_takes_part_in_placing() -> None:
    game, (anna, bram) = game_in("place")
    game.place(anna, 2)
    cas = game.join("Cas")
    game.place(bram, 3)
    assert ("deck/c0", "first") not in game.room.revealed  # Cas has not placed yet
    game.place(cas, 4)
    assert ("deck/c0", "first") in game.room.revealed


def test_the_game_keeps_when_it_first_left_the_lobby() -> None:
    """The session's actual time counts from the start, not from when the room was opened
    (often well before); going back to the lobby and starting again keeps the first start."""
    game, _ = make_game(cards=2)
    assert game.room.started_at is None
    game.now = 2_000_000
    game.fac("start")
    assert game.room.started_at == 2_000_000
    game.now = 3_000_000
    game.fac("back_step")
    assert game.room.phase == "lobby"
    game.fac("start")
    game.next()
    assert game.room.started_at == 2_000_000
    assert view(game.room, Viewer("facilitator"))["started_at"] == 2_000_000
