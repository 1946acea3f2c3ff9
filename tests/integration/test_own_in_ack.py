"""A connection that asks for its own commands' ops in the ack (``own=ack``) is sent no
``update`` for them, and still folds the same room as everyone else, in version order,
while other players' commands land between its command and its ack."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support.game import open_table
from tests.support.player import GameClient, new_command_id, strip_personal
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"
PLAYERS = 8
POST_ITS = 4


def update_versions(client: GameClient, kind: str) -> list[int]:
    return [data["version"] for name, data in client.events if name == kind]


async def play_at_once(players: list[GameClient]) -> list[tuple[GameClient, dict[str, Any]]]:
    """Every player places a pawn and writes post-its, all players at the same time (and
    each player's own post-its at once too, so its acks cross other versions)."""

    async def one(i: int, player: GameClient) -> list[tuple[GameClient, dict[str, Any]]]:
        replies = [await player.command("place_pawn", position={"square": i % 5 + 1})]
        replies += await asyncio.gather(
            *(
                player.command("add_post_it", colour="green", text=f"{player.name} {n}")
                for n in range(POST_ITS)
            )
        )
        return [(player, reply) for reply in replies]

    done = await asyncio.gather(*(one(i, p) for i, p in enumerate(players)))
    return [pair for pairs in done for pair in pairs]


async def test_own_ops_come_in_the_ack_and_views_agree(server: ServerProcess) -> None:
    names = [f"Speler {i}" for i in range(PLAYERS)]
    table = await open_table(
        server.url,
        "schaal-5",
        [CARD],
        players=names,
        projector=True,
        options={"hidden_placements": False},
        own_in_ack=True,
    )
    # One player's browser from before: it asked for nothing and is echoed as before.
    old = await GameClient.connected(server.url, name="Oud")
    await old.join(table.code, "Oud")
    try:
        fac = table.fac
        await fac.do("start")
        await fac.do("next_step")  # place
        await table.settle()
        await old.wait_version(fac.version)
        sent = await play_at_once([*table.players, old])
        assert all(reply["ok"] and not reply["duplicate"] for _, reply in sent), sent
        last = max(reply["version"] for _, reply in sent)
        await table.settle(last)
        await old.wait_version(last)

        for player, reply in sent:
            version = reply["version"]
            if player is old:
                assert "update" not in reply
                assert version in update_versions(old, "update")
                continue
            # Its own version came in the ack, and never as an update event.
            assert reply["update"]["version"] == version
            assert version not in update_versions(player, "update"), (player, version)
            assert version in update_versions(player, "ack_update")
        for client in [*table.clients, old]:
            # Every version folded once, in order, without a resume.
            assert client.resumes == 0 and not client.errors, client
            assert client.version == last
            mine = set(update_versions(client, "ack_update"))
            others = set(update_versions(client, "update"))
            assert not mine & others, client
        reference = strip_personal(fac.view or {})
        assert len(reference["post_its"]) == (PLAYERS + 1) * POST_ITS
        for client in [*table.clients, old]:
            assert strip_personal(client.view or {}) == reference, client
        await table.assert_views_match_fresh_enter()
    finally:
        await old.close()
        await table.close()


async def test_hidden_pawns_and_a_resent_command(server: ServerProcess) -> None:
    """The ack carries the sender's own view (its hidden pawn shown to it alone); a resend
    of an applied command is answered without ops and the view stays whole."""
    table = await open_table(
        server.url, "schaal-5", [CARD], players=["Ann", "Bob", "Cas"], own_in_ack=True
    )
    try:
        fac, ann = table.fac, table.players[0]
        await fac.do("start")
        await fac.do("next_step")  # place
        await table.settle()
        reply = await ann.command("place_pawn", position={"square": 2})
        ops = reply["update"]["ops"]
        assert any(op[0] == "set" and op[1][0] == "placements" for op in ops), ops
        positions = (ann.view or {})["placements"][CARD]["first"]["positions"]
        assert positions[ann.player_id] == {"square": 2}
        assert (table.players[1].view or {})["placements"][CARD]["first"]["positions"][
            ann.player_id
        ] is None
        command_id = new_command_id()
        first = await ann.command("add_post_it", command_id=command_id, colour="pink", text="Ja")
        again = await ann.command("add_post_it", command_id=command_id, colour="pink", text="Ja")
        assert again["duplicate"] and again["version"] == first["version"]
        assert "update" in first and "update" not in again
        await asyncio.gather(
            *(p.command("place_pawn", position={"square": 4}) for p in table.players[1:])
        )
        await table.assert_views_match_fresh_enter()
        assert all(c.resumes == 0 for c in table.clients), table.clients
    finally:
        await table.close()
