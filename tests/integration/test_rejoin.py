"""A player's connection drops mid-game; they come back with their token and catch up.

The same player id, exactly their own pawn and post-its, and everything the others did in
the meantime: through the missing updates (short gap), through a fresh view (a reload, or a
gap longer than the server keeps in memory), and after leaving the room on purpose.
"""

from __future__ import annotations

from typing import Any

from game_server.room.authority import RECENT
from tests.support.game import open_table
from tests.support.player import GameClient, view_diff
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"
NAMES = ["Ann", "Bas", "Cor", "Dee"]


def own_post_its(view: dict[str, Any]) -> set[str]:
    return {pid for pid, p in view["post_its"].items() if p["mine"]}


def own_pawns(view: dict[str, Any], player_id: str) -> dict[str, Any]:
    """Every position of this player on every card and round."""
    return {
        (card, round_): section["positions"][player_id]
        for card, rounds in view["placements"].items()
        for round_, section in rounds.items()
        if player_id in section["positions"]
    }


async def assert_matches_fresh_enter(client: GameClient) -> None:
    fresh = await client.fresh_enter()
    assert fresh["version"] == client.version
    assert not view_diff(client.view, fresh["view"]), view_diff(client.view, fresh["view"])


async def test_dropped_player_rejoins_and_catches_up(server: ServerProcess) -> None:
    table = await open_table(server.url, "schaal-5", [CARD], players=NAMES, projector=True)
    fac = table.fac
    ann, bas, _cor, dee = table.players
    try:
        await fac.do("start")
        await fac.do("next_step")  # place
        await bas.do("place_pawn", position={"square": 4})
        written = [
            (await bas.do("add_post_it", colour="pink", text="Wanneer is er tijd?"))["result"],
            (await bas.do("add_post_it", colour="green", text="Collega's helpen."))["result"],
        ]
        bas_post_its = {r["post_it_id"] for r in written}
        await table.settle()
        bas_id, token, left_at = str(bas.player_id), bas.token, bas.version

        # Bas's connection drops; the others go on.
        await bas.disconnect()
        table.players.remove(bas)
        for name, square in (("Ann", 2), ("Cor", 3)):
            await table.player(name).do("place_pawn", position={"square": square})
        await fac.do("reveal_placements")
        others = (await ann.do("add_post_it", colour="green", text="Open gesprekken."))["result"]
        await fac.do("next_step")  # discuss
        dees = (await dee.do("add_post_it", colour="pink", text="Wie begint?"))["result"]
        await table.settle()
        # A dropped connection is not leaving: Bas still takes part.
        assert (fac.view or {})["players"][bas_id]["active"] is True

        # Short gap: he comes back with his token and last version and gets the updates.
        reply = await bas.reconnect(with_version=True)
        table.players.insert(1, bas)
        assert reply["ok"] is True and "view" not in reply
        assert (reply["role"], reply["player_id"]) == ("player", bas_id)
        assert [u["version"] for u in reply["updates"]] == list(
            range(left_at + 1, reply["version"] + 1)
        )
        assert bas.caught_up_with_updates == 1 and bas.version == fac.version
        view = bas.view or {}
        assert view["phase"] == "discuss"
        assert own_post_its(view) == bas_post_its
        assert own_pawns(view, bas_id) == {(CARD, "first"): {"square": 4}}
        assert others["post_it_id"] in view["post_its"]
        assert len(view["players"]) == 4  # no second seat for Bas
        await assert_matches_fresh_enter(bas)

        # He goes on playing, and everyone sees it.
        late = await bas.do("add_post_it", colour="pink", text="Hoe houden we dit vol?")
        await table.settle()
        for client in table.clients:
            post_it = (client.view or {})["post_its"][late["result"]["post_it_id"]]
            assert post_it["author_id"] == bas_id and post_it["mine"] is (client is bas)
        bas_post_its.add(late["result"]["post_it_id"])

        # A reload: a new connection that only knows the token gets a fresh view.
        reloaded = GameClient(server.url, name="Bas")
        await reloaded.connect()
        assert token is not None
        entered = await reloaded.enter(table.code, token)
        assert "view" in entered and entered["player_id"] == bas_id
        assert own_post_its(entered["view"]) == bas_post_its
        assert own_pawns(entered["view"], bas_id) == {(CARD, "first"): {"square": 4}}
        assert not view_diff(entered["view"], bas.view)
        await bas.close()
        table.players[1] = bas = reloaded

        # A long gap: more versions than the server keeps for resuming (RECENT at least,
        # 2 * RECENT at most) -> a fresh view.
        await bas.disconnect()
        table.players.remove(bas)
        left_at = bas.version
        ann_post_it = others["post_it_id"]
        for i in range(2 * RECENT + 3):  # by two players: each within its rate limit
            editor, post_it_id = (ann, ann_post_it) if i % 2 == 0 else (dee, dees["post_it_id"])
            await editor.do("edit_post_it", post_it_id=post_it_id, text=f"Open gesprek {i}")
        await table.settle()
        reply = await bas.reconnect(with_version=True)
        table.players.insert(1, bas)
        assert "view" in reply and "updates" not in reply
        assert reply["version"] >= left_at + 2 * RECENT + 3
        last_text = f"Open gesprek {2 * RECENT + 2}"
        assert (bas.view or {})["post_its"][ann_post_it]["text"] == last_text
        assert own_post_its(bas.view or {}) == bas_post_its
        await assert_matches_fresh_enter(bas)

        await table.assert_views_match_fresh_enter()
    finally:
        await table.close()


async def test_player_who_left_comes_back_with_their_token(server: ServerProcess) -> None:
    table = await open_table(server.url, "schaal-5", [CARD], players=NAMES)
    fac = table.fac
    dee = table.player("Dee")
    dee_id = str(dee.player_id)
    try:
        await fac.do("start")
        await fac.do("next_step")
        await dee.do("place_pawn", position={"square": 5})
        post_it = (await dee.do("add_post_it", colour="green", text="Goed ingewerkt."))["result"]

        # Leaving on purpose: the seat is kept but no longer active.
        left = await dee.command("leave")
        assert left["ok"] is True
        await table.settle(left["version"])
        for client in table.clients:
            assert (client.view or {})["players"][dee_id]["active"] is False
        # The connection is no longer in the room.
        assert (await dee.command("add_post_it", colour="pink", text="x"))["error"][
            "code"
        ] == "not_in_room"

        await table.player("Ann").do("place_pawn", position={"square": 2})
        await dee.reconnect(with_version=True)
        await table.settle()
        for client in table.clients:
            view = client.view or {}
            assert view["players"][dee_id]["active"] is True
            assert len(view["players"]) == 4
        view = dee.view or {}
        assert dee.player_id == dee_id and dee.role == "player"
        assert own_post_its(view) == {post_it["post_it_id"]}
        assert own_pawns(view, dee_id) == {(CARD, "first"): {"square": 5}}
        await table.assert_views_match_fresh_enter()
    finally:
        await table.close()
