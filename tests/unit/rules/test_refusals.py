"""Every documented refusal code is raised by some command, and refusals change nothing.

One scenario per code in REASONS, so a new code needs a scenario here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from game_server.rules import GUEST, REASONS, Refusal
from game_server.rules.action_points import MAX_ACTION_POINTS
from game_server.rules.model import MAX_PLAYERS, PLAYER_COLOURS, ActionPoint, Player
from game_server.rules.workshop.model import MAX_TABLES, Table

from .conftest import blank_case_card, game_in, make_cards, make_game
from .plenary_game import plenary_game, ref
from .workshop_kit import FACILITATOR, make_run


def _not_allowed() -> str:
    game, (anna, _) = make_game()
    return game.refuse(anna, {"type": "start"})


def _wrong_phase() -> str:
    game, _ = make_game()
    return game.fac_refused("skip_card")


def _room_closed() -> str:
    game, _ = game_in("closed")
    return game.fac_refused("next_step")


def _not_joined() -> str:
    game, _ = game_in("place")
    return game.refuse(GUEST, {"type": "place_pawn", "position": {"square": 1}})


def _name_taken() -> str:
    game, _ = make_game()
    return game.refuse(GUEST, {"type": "join", "name": "bram"})


def _room_full() -> str:
    game, _ = make_game(players=())
    players = {
        f"p{i}": Player(f"p{i}", f"S{i}", i, PLAYER_COLOURS[0], 0) for i in range(MAX_PLAYERS)
    }
    game.room = replace(game.room, players=players)
    return game.refuse(GUEST, {"type": "join", "name": "Nog één"})


def _unknown_player() -> str:
    game, _ = make_game()
    return game.fac_refused("hand_over", player_id="p-nobody")


def _unknown_card() -> str:
    game, _ = game_in("summary")
    return game.fac_refused("set_pile", item="card", id="deck/nope", pile="red")


def _unknown_post_it() -> str:
    game, _ = game_in("discuss")
    return game.fac_refused("delete_post_it", post_it_id="nope")


def _unknown_action_point() -> str:
    game, _ = game_in("discuss")
    return game.fac_refused("delete_action_point", action_point_id="nope")


def _not_author() -> str:
    game, (anna, bram) = game_in("discuss")
    pid = game.post_it(anna)
    return game.refuse(bram, {"type": "delete_post_it", "post_it_id": pid})


def _post_its_locked() -> str:
    game, (anna, _) = game_in("discuss")
    game.fac("lock_post_its")
    return game.refuse(anna, {"type": "add_post_it", "colour": "pink", "text": "x"})


def _card_not_started() -> str:
    game, (anna, _) = game_in("discuss")
    payload = {"type": "add_post_it", "colour": "pink", "text": "x", "card_id": "deck/c2"}
    return game.refuse(anna, payload)


def _invalid_position() -> str:
    game, (anna, _) = game_in("place")
    return game.refuse(anna, {"type": "place_pawn", "position": {"square": 7}})


def _no_players() -> str:
    game, _ = make_game(players=())
    return game.fac_refused("start")


def _no_next_step() -> str:
    game, _ = game_in("summary")
    return game.fac_refused("next_step")


def _no_previous_step() -> str:
    game, _ = game_in("summary")
    game.room = replace(game.room, trail=())  # not reachable by playing; see test_steps
    return game.fac_refused("back_step")


def _invalid_order() -> str:
    game, _ = make_game()
    return game.fac_refused("reorder_cards", card_ids=["deck/c0"])


def _card_started() -> str:
    game, _ = make_game()
    game.fac("start")
    game.fac("back_step")
    return game.fac_refused("remove_card", card_id="deck/c0")


def _not_pink() -> str:
    game, (anna, _) = game_in("discuss")
    return game.fac_refused("resolve_post_it", post_it_id=game.post_it(anna, "green"))


def _nothing_to_reveal() -> str:
    game, _ = game_in("place", hidden=False)
    return game.fac_refused("reveal_placements")


def _timer_not_running() -> str:
    game, _ = game_in("discuss")
    return game.fac_refused("stop_timer")


def _already_facilitator() -> str:
    game, (anna, _) = make_game()
    game.fac("hand_over", player_id=anna.player_id)
    game.facilitator = replace(anna, role="facilitator")
    return game.fac_refused("hand_over", player_id=anna.player_id)


def _unchanged() -> str:
    game, (anna, _) = game_in("discuss")
    return game.refuse(anna, {"type": "edit_post_it", "post_it_id": game.post_it(anna)})


def _reading_a_blank_case_card():
    game, players = make_game(cards=[blank_case_card(), *make_cards(1)])
    game.walk_to("read")
    return game, players


def _case_not_written() -> str:
    game, _ = _reading_a_blank_case_card()
    return game.fac_refused("next_step")


def _nothing_to_write() -> str:
    game, _ = game_in("read")
    return game.fac_refused("write_case", text="Onze casus")


def _not_reader() -> str:
    game, players = _reading_a_blank_case_card()
    reader = game.room.readers["casus/blanco"]
    other = next(p for p in players if p.player_id != reader)
    return game.refuse(other, {"type": "write_case", "text": "Mijn casus"})


def _limit_reached() -> str:
    game, _ = game_in("summary")
    points = {
        f"ap-{n}": ActionPoint(f"ap-{n}", "wat", "wie", "stap", "wanneer", 1)
        for n in range(MAX_ACTION_POINTS)
    }
    game.room = replace(game.room, action_points=points)
    fields = {"what": "Wat", "who": "Wie", "first_step": "Stap", "evaluate_when": "Straks"}
    return game.fac_refused("add_action_point", **fields)


def _in_plenary(code: str) -> Callable[[], str]:
    """A scenario at the plenary (tests/unit/rules/plenary_game.py) for ``code``."""

    def scenario() -> str:
        game, (anna, _, _), ids = plenary_game()
        tijd, tijd2 = ref("post_it", ids["tijd"]), ref("post_it", ids["tijd2"])
        dot = {"type": "place_dot", "item": "card", "id": "deck/c0"}
        if code == "unknown_cluster":
            return game.fac_refused("rename_cluster", cluster_id="nope", name="X")
        if code == "not_in_cluster":
            cluster = game.fac("merge_items", items=[tijd, tijd2])["cluster_id"]
            return game.fac_refused("split_cluster", cluster_id=cluster, post_it_id=ids["budget"])
        if code == "too_few_items":
            return game.fac_refused("merge_items", items=[tijd, tijd])
        if code == "other_heading":
            return game.fac_refused("merge_items", items=[tijd, ref("post_it", ids["budget"])])
        if code == "not_in_plenary":
            game.fac("merge_items", items=[tijd, tijd2])
            return game.fac_refused("merge_items", items=[tijd, ref("post_it", ids["budget"])])
        if code == "unknown_item":
            fields = {"what": "W", "who": "W", "first_step": "S", "evaluate_when": "E"}
            return game.fac_refused("add_action_point", item="post_it", item_id="x", **fields)
        if code == "voting_closed":
            return game.refuse(anna, dot)
        if code == "nothing_to_vote":
            for item, item_id in (
                ("card", "deck/c0"),
                ("post_it", ids["tijd"]),
                ("post_it", ids["tijd2"]),
            ):
                game.fac("set_pile", item=item, id=item_id, pile="green")
            return game.fac_refused("open_voting")
        game.fac("open_voting", dots=1, several_per_item=False)
        if code == "voting_open":
            return game.fac_refused("set_pile", item="card", id="deck/c0", pile="green")
        if code == "not_votable":
            return game.refuse(anna, {**dot, "id": "deck/c1"})
        if code == "no_dot_here":
            return game.refuse(anna, {**dot, "type": "remove_dot"})
        game.play(anna, dot)
        return game.refuse(anna, {**dot, "item": "post_it", "id": ids["tijd"]})  # no_dots_left

    return scenario


def _one_dot_per_item() -> str:
    game, (anna, _, _), _ids = plenary_game()
    game.fac("open_voting", dots=2, several_per_item=False)
    dot = {"type": "place_dot", "item": "card", "id": "deck/c0"}
    game.play(anna, dot)
    return game.refuse(anna, dot)


PLENARY_CODES = (
    "unknown_item",
    "unknown_cluster",
    "not_in_cluster",
    "too_few_items",
    "other_heading",
    "not_in_plenary",
    "voting_open",
    "voting_closed",
    "nothing_to_vote",
    "not_votable",
    "no_dots_left",
    "no_dot_here",
)


def _table_full() -> str:
    run = make_run(count=None, size=(2, 2), seating="choose")
    run.join("A")
    run.join("B", "t1")
    return run.refuse(GUEST, {"type": "join_workshop", "name": "C", "table_id": "t1"})


def _unknown_table() -> str:
    return make_run(count=2).refuse(FACILITATOR, {"type": "show_table", "table_id": "t9"})


def _unknown_participant() -> str:
    run = make_run(count=2)
    return run.refuse(FACILITATOR, {"type": "remove_participant", "participant_id": "nobody"})


def _not_lockstep() -> str:
    run = make_run(count=2, steering="tables")
    run.join("A")
    run.fac("start_workshop")
    return run.refuse(FACILITATOR, {"type": "step_all"})


def _too_many_tables() -> str:
    run = make_run(count=None, size=(2, 2), carry=False)
    tables = {f"t{n}": Table(f"t{n}", f"Tafel {n}", f"C{n}") for n in range(1, MAX_TABLES + 1)}
    run.workshop = replace(run.workshop, tables=tables)
    return run.refuse(FACILITATOR, {"type": "add_table"})


SCENARIOS: dict[str, Callable[[], str]] = {
    **{code: _in_plenary(code) for code in PLENARY_CODES},
    "one_dot_per_item": _one_dot_per_item,
    "table_full": _table_full,
    "unknown_table": _unknown_table,
    "unknown_participant": _unknown_participant,
    "not_lockstep": _not_lockstep,
    "too_many_tables": _too_many_tables,
    "not_allowed": _not_allowed,
    "wrong_phase": _wrong_phase,
    "room_closed": _room_closed,
    "not_joined": _not_joined,
    "name_taken": _name_taken,
    "room_full": _room_full,
    "unknown_player": _unknown_player,
    "unknown_card": _unknown_card,
    "unknown_post_it": _unknown_post_it,
    "unknown_action_point": _unknown_action_point,
    "not_author": _not_author,
    "post_its_locked": _post_its_locked,
    "card_not_started": _card_not_started,
    "invalid_position": _invalid_position,
    "no_players": _no_players,
    "no_next_step": _no_next_step,
    "no_previous_step": _no_previous_step,
    "invalid_order": _invalid_order,
    "not_pink": _not_pink,
    "nothing_to_reveal": _nothing_to_reveal,
    "timer_not_running": _timer_not_running,
    "already_facilitator": _already_facilitator,
    "unchanged": _unchanged,
    "case_not_written": _case_not_written,
    "nothing_to_write": _nothing_to_write,
    "not_reader": _not_reader,
    "limit_reached": _limit_reached,
    "card_started": _card_started,
}


def test_every_reason_has_a_scenario() -> None:
    assert set(SCENARIOS) == set(REASONS)


@pytest.mark.parametrize("code", sorted(SCENARIOS))
def test_scenario_raises_its_code(code: str) -> None:
    assert SCENARIOS[code]() == code


def test_refusal_carries_code_and_message() -> None:
    refusal = Refusal("not_pink")
    assert refusal.code == "not_pink" and refusal.message == REASONS["not_pink"]
    detailed = Refusal("unknown_player", "Bram is weg.")
    assert detailed.message == f"{REASONS['unknown_player']} Bram is weg."


def test_undocumented_code_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="undocumented"):
        Refusal("because")
