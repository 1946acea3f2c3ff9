"""Only the facilitator steers: players are refused every facilitator command, a projector
every command, and a refused command changes nothing (no new version, no update)."""

from __future__ import annotations

import copy
from typing import Any

from game_server.rules.decide import RULES
from tests.support.game import Table, open_table
from tests.support.server import ServerProcess

CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie"]


async def game_in_place_step(server: ServerProcess) -> tuple[Table, dict[str, dict[str, Any]]]:
    """A room in the place step with a hidden pawn, a pink post-it, a running timer and an
    action point, so that every facilitator command would be possible for the facilitator;
    and a valid payload for every command of the protocol."""
    table = await open_table(server.url, "schaal-5", CARDS, players=["Ann", "Bas"], projector=True)
    fac, ann = table.fac, table.player("Ann")
    await fac.do("start")
    await fac.do("next_step")
    await ann.do("place_pawn", position={"square": 2})
    post_it_id = (await ann.do("add_post_it", colour="pink", text="Waarom?"))["result"][
        "post_it_id"
    ]
    await fac.do("start_timer", seconds=120)
    point = {"what": "Plan", "who": "Team", "first_step": "Start", "evaluate_when": "Mei"}
    point_id = (await fac.do("add_action_point", **point))["result"]["action_point_id"]
    await table.settle()
    payloads: dict[str, dict[str, Any]] = {
        "join": {"name": "Eve"},
        "rejoin": {},
        "leave": {},
        "remove_player": {"player_id": ann.player_id},
        "hand_over": {"player_id": ann.player_id},
        "take_back": {},
        "start": {},
        "next_step": {},
        "back_step": {},
        "skip_card": {},
        "end_game": {},
        "add_case_card": {"title": "Casus", "text": "Een casus uit de praktijk."},
        "write_case": {"title": "Casus", "text": "Een casus uit de praktijk."},
        "reorder_cards": {"card_ids": [CARDS[1]]},
        "add_card": {"kind": "statement", "text": {"nl": "Eigen", "en": "Own"}},
        "remove_card": {"card_id": CARDS[1]},
        "place_pawn": {"position": {"square": 3}},
        "reveal_placements": {},
        "add_post_it": {"colour": "green", "text": "Groen"},
        "edit_post_it": {"post_it_id": post_it_id, "text": "Anders"},
        "delete_post_it": {"post_it_id": post_it_id},
        "lock_post_its": {},
        "unlock_post_its": {},
        "resolve_post_it": {"post_it_id": post_it_id},
        "start_timer": {"seconds": 60},
        "extend_timer": {"seconds": 60},
        "stop_timer": {},
        "set_pile": {"item": "post_it", "id": post_it_id, "pile": "red"},
        "add_action_point": point,
        "edit_action_point": {"action_point_id": point_id, "what": "Ander plan"},
        "delete_action_point": {"action_point_id": point_id},
        "merge_items": {
            "items": [{"item": "post_it", "id": post_it_id}, {"item": "post_it", "id": "other"}]
        },
        "rename_cluster": {"cluster_id": "c", "name": "Tijd"},
        "split_cluster": {"cluster_id": "c"},
        "open_voting": {"dots": 3},
        "place_dot": {"item": "post_it", "id": post_it_id},
        "remove_dot": {"item": "post_it", "id": post_it_id},
        "reveal_votes": {},
        "cancel_voting": {},
        "ask_help": {},
        "clear_help": {},
        "seat": {"player_id": "someone-new", "name": "Eve"},
        "unseat": {"player_id": ann.player_id, "moved_to": "t2"},
        "show_message": {"message_id": "m-1", "text": "Nog 5 minuten"},
        "go_to_sort": {},
    }
    missing = set(RULES) - set(payloads)
    assert not missing, f"add an example payload for the new command(s) {sorted(missing)}"
    return table, payloads


async def assert_nothing_changed(table: Table, version: int, views: list[Any]) -> None:
    for client, before in zip(table.clients, views, strict=True):
        assert client.version == version and client.view == before, client
        fresh = await client.fresh_enter()
        assert fresh["version"] == version and fresh["view"] == before, client


async def test_players_are_refused_every_facilitator_command(server: ServerProcess) -> None:
    table, payloads = await game_in_place_step(server)
    facilitator_only = sorted(t for t, rule in RULES.items() if rule.who == "facilitator")
    assert len(facilitator_only) >= 15
    version = table.fac.version
    views = [copy.deepcopy(c.view) for c in table.clients]
    try:
        for player in table.players:
            for command_type in facilitator_only:
                reply = await player.command(command_type, **payloads[command_type])
                assert reply["ok"] is False, (player.name, command_type, reply)
                assert reply["error"]["code"] == "not_allowed", (command_type, reply)
                assert "version" not in reply
        # ``take_back`` is the host's alone (the facilitator token while a player steers).
        for client in (*table.players, table.fac):
            reply = await client.command("take_back")
            assert reply["error"]["code"] == "not_allowed", reply
        # What a workshop does at its tables, no token can do: not even the facilitator's.
        workshop_only = sorted(t for t, rule in RULES.items() if rule.who == "workshop")
        assert workshop_only
        for client in (*table.players, table.fac):
            for command_type in workshop_only:
                reply = await client.command(command_type, **payloads[command_type])
                assert reply["error"]["code"] == "not_allowed", (command_type, reply)
        # ``join`` is for guests, through the join event: also refused as a command.
        reply = await table.player("Bas").command("join", name="Bas twee")
        assert reply["error"]["code"] == "not_allowed"
        # A player may not change another player's post-it either.
        for command_type in ("edit_post_it", "delete_post_it"):
            reply = await table.player("Bas").command(command_type, **payloads[command_type])
            assert reply["error"]["code"] == "not_author", reply
        # The facilitator has no seat: no pawn, no post-it of their own.
        for command_type in ("place_pawn", "add_post_it"):
            reply = await table.fac.command(command_type, **payloads[command_type])
            assert reply["error"]["code"] == "not_joined", reply
        await assert_nothing_changed(table, version, views)

        # The same commands are the facilitator's to give: one of them, to be sure.
        assert (await table.fac.command("reveal_placements"))["ok"] is True
    finally:
        await table.close()


async def test_projector_is_refused_every_command(server: ServerProcess) -> None:
    table, payloads = await game_in_place_step(server)
    projector = table.projector
    assert projector is not None and projector.role == "projector"
    version = table.fac.version
    views = [copy.deepcopy(c.view) for c in table.clients]
    try:
        for command_type in sorted(RULES):
            reply = await projector.command(command_type, **payloads[command_type])
            assert reply["ok"] is False, (command_type, reply)
            assert reply["error"]["code"] == "not_allowed", (command_type, reply)
        await assert_nothing_changed(table, version, views)
    finally:
        await table.close()


async def test_handing_over_facilitation_moves_the_power(server: ServerProcess) -> None:
    """After a hand-over the new facilitator gets a ``snapshot`` with the facilitator's
    view and may steer; the host's connection stays, as ``host``, and may do nothing but
    take steering back."""
    table = await open_table(server.url, "schaal-5", CARDS, players=["Ann", "Bas"])
    fac, ann, bas = table.fac, table.player("Ann"), table.player("Bas")
    old_token = fac.token
    try:
        await fac.do("start")
        await fac.do("next_step")  # place: hidden pawns
        await bas.do("place_pawn", position={"square": 5})
        handed = await fac.command("hand_over", player_id=ann.player_id)
        assert handed["ok"] is True
        hosting = await fac.wait_event("snapshot")
        assert hosting["role"] == "host" and fac.role == "host"
        assert hosting["view"]["me"] == {"role": "host", "player_id": None}
        # The host sees what the projector shows: hidden pawns stay hidden.
        hidden = hosting["view"]["placements"][CARDS[0]]["first"]["positions"]
        assert hidden.get(bas.player_id) != {"square": 5}, hidden
        snapshot = await ann.wait_event("snapshot")
        assert snapshot["role"] == "facilitator" and snapshot["version"] == handed["version"]
        assert ann.role == "facilitator"
        view = ann.view or {}
        assert view["me"] == {"role": "facilitator", "player_id": ann.player_id}
        assert view["facilitator_player_id"] == ann.player_id
        # The facilitator sees every hidden pawn.
        positions = view["placements"][CARDS[0]]["first"]["positions"]
        assert positions[bas.player_id] == {"square": 5}

        assert (await fac.command("next_step"))["error"]["code"] == "not_allowed"
        assert old_token is not None
        again = await fac.enter(table.code, old_token)
        assert again["role"] == "host"
        assert (await bas.command("next_step"))["error"]["code"] == "not_allowed"

        # Ann steers and still plays: a facilitator with a seat places a pawn too.
        await ann.do("place_pawn", position={"square": 1})
        await ann.do("next_step")
        await bas.wait_for(lambda v: v["phase"] == "discuss")
        table.players.remove(ann)
        table.fac = ann
        await fac.close()
        await table.assert_views_match_fresh_enter()
    finally:
        await table.close()
