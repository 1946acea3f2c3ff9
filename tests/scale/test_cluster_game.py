"""A whole game played by clients spread over three processes on one Redis."""

from __future__ import annotations

import pytest

from game_server.stores.redis import RedisStore
from tests.support.server import ServerProcess

from .cluster import assert_converged, do, spread_table
from .redis_server import RedisServer

pytestmark = pytest.mark.redis

CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie"]


async def play_card(table, round_no: int) -> None:  # type: ignore[no-untyped-def]
    fac = table.fac
    await do(fac, "next_step")  # read -> place
    # Hidden placements: until revealed each player's own pawn is a personal update.
    *early, late = table.players
    for i, player in enumerate(early):
        await do(player, "place_pawn", position={"square": 1 + (i + round_no) % 5})
        await do(player, "add_post_it", colour="green" if i % 2 else "pink", text=f"{i}: idee")
    await do(fac, "reveal_placements")
    await do(late, "place_pawn", position={"square": 3})
    await do(fac, "next_step")  # -> discuss
    await do(fac, "next_step")  # -> revise
    for i, player in enumerate(table.players):
        await do(player, "place_pawn", position={"square": 1 + (i + round_no + 1) % 5})
    await do(fac, "next_step")  # -> next card (read) or sort


async def test_full_game_with_players_on_three_processes(
    cluster: list[ServerProcess], redis_server: RedisServer, redis_store: RedisStore
) -> None:
    table = await spread_table([s.url for s in cluster], "schaal-5", CARDS, players=5)
    try:
        # Every process really serves part of the room.
        assert {c.url for c in table.clients} == {s.url for s in cluster}
        await do(table.fac, "start")
        for round_no in range(len(CARDS)):
            await play_card(table, round_no)
        fac = table.fac
        assert fac.view is not None and fac.view["phase"] == "sort"
        post_it = sorted(fac.view["post_its"])[0]
        await do(fac, "set_pile", item="post_it", id=post_it, pile="green")
        await do(
            fac,
            "add_action_point",
            what="Feedback vragen",
            who="Team",
            first_step="Agenda",
            evaluate_when="Over een maand",
        )
        await do(fac, "next_step")  # -> summary
        # Dots from every process; the game's end forgets their voters (whichever process
        # rewrites), and every client's view still agrees with the rewritten history.
        await do(fac, "set_pile", item="card", id=CARDS[0], pile="red")
        await do(fac, "open_voting", dots=2)
        for player in table.players:
            await do(player, "place_dot", item="card", id=CARDS[0])
        await do(fac, "end_game")
        await table.settle()
        assert fac.view["phase"] == "closed"
        assert fac.view["voting"]["dots_placed"] == len(table.players)
        entries = await redis_store.load(table.code)
        dots = [e for e in entries if any(ev["type"] == "dot_placed" for ev in e.events)]
        assert len(dots) == len(table.players)
        for player in table.players:
            assert player.player_id is not None
            assert not any(str(player.player_id) in repr((e.command_key, e.events)) for e in dots)
        await assert_converged(table, entries)
        # Each client got exactly one update per version it did not start from.
        for client in table.clients:
            updates = [d["version"] for name, d in client.events if name == "update"]
            assert len(updates) == len(set(updates)), f"{client!r} got a version twice"
            assert client.applied == sorted(client.applied)
    finally:
        await table.close()


async def test_role_changes_reach_connections_on_every_process(
    cluster: list[ServerProcess], redis_store: RedisStore
) -> None:
    """A hand-over, a take-back and a removal stored by one process move connections on the
    others."""
    urls = [s.url for s in cluster]
    table = await spread_table(urls, "schaal-5", CARDS, players=3)
    try:
        fac, (ann, bas, cas) = table.fac, table.players
        assert len({fac.url, ann.url, bas.url}) == 3
        await do(fac, "start")
        left_before = len(fac.events)
        assert bas.player_id is not None and cas.player_id is not None
        await do(fac, "hand_over", player_id=bas.player_id)  # stored by process 0
        # Bas (process 2) becomes the facilitator; the token facilitator (process 0) stays,
        # as the host who may take steering back.
        await bas.wait_until(lambda c: c.role == "facilitator", 15)
        hosting = await fac.wait_event("snapshot", 15, after=left_before)
        assert hosting["role"] == "host"
        # Taken back on process 0, given again: Bas on process 2 follows both.
        await do(fac, "take_back")
        await bas.wait_until(lambda c: c.role == "player", 15)
        await fac.wait_until(lambda c: c.role == "facilitator", 15)
        await do(fac, "hand_over", player_id=bas.player_id)
        await bas.wait_until(lambda c: c.role == "facilitator", 15)
        await fac.wait_until(lambda c: c.role == "host", 15)
        await do(bas, "remove_player", player_id=cas.player_id)  # stored by process 2
        removed = await cas.wait_event("left_room", 15)  # Cas is on process 0 (3 % 3)
        assert removed["reason"] == "removed"
        await do(bas, "next_step")
        await ann.wait_version(bas.version, 15)
        assert ann.view == (await ann.fresh_enter(urls[0]))["view"]
        assert bas.view == (await bas.fresh_enter(urls[1]))["view"]
    finally:
        await table.close()


async def test_plenary_with_voters_on_every_process(
    cluster: list[ServerProcess], redis_store: RedisStore
) -> None:
    """Clusters, hidden dots, the reveal and an action point, with the voters spread over
    the processes: each voter's own dots (a personal update) reach only them, on whatever
    process they are."""
    table = await spread_table([s.url for s in cluster], "schaal-5", CARDS[:1], players=4)
    try:
        fac, players = table.fac, table.players
        await do(fac, "start")
        await do(fac, "next_step")  # -> place
        ids = []
        for i, player in enumerate(players):
            reply = await do(player, "add_post_it", colour="pink", text=f"Tijd om te leren {i}")
            ids.append(reply["result"]["post_it_id"])
        while fac.view is not None and fac.view["phase"] != "sort":
            await do(fac, "next_step")
        for post_it_id in ids:
            await do(fac, "resolve_post_it", post_it_id=post_it_id)
        await do(fac, "next_step")  # -> summary
        refs = [{"item": "post_it", "id": i} for i in ids[:2]]
        cluster_id = (await do(fac, "merge_items", items=refs))["result"]["cluster_id"]
        await do(fac, "open_voting", dots=2)
        for i, player in enumerate(players):
            target = (
                {"item": "cluster", "id": cluster_id}
                if i % 2
                else {"item": "post_it", "id": ids[3]}
            )
            await do(player, "place_dot", **target)
        await assert_converged(table, await redis_store.load(table.code))
        for player in players:
            assert [d["dots"] for d in player.view["my_dots"]] == [1], player
            assert all(d["dots"] is None for d in player.view["plenary"]["develop"])
        await do(fac, "reveal_votes")
        await do(
            fac,
            "add_action_point",
            what="Leeruur",
            who="Team",
            first_step="Agenda",
            evaluate_when="Q3",
            item="cluster",
            item_id=cluster_id,
        )
        await assert_converged(table, await redis_store.load(table.code))
        develop = fac.view["plenary"]["develop"]
        assert sorted(d["dots"] for d in develop if d["dots"]) == [2, 2]
    finally:
        await table.close()
