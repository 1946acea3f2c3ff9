"""Twenty players in one room send commands at the same moment: one line per room means
every command is applied once, in one order that every client sees the same way."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.support.game import open_table
from tests.support.player import GameClient, new_command_id, strip_personal
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"
PLAYERS = 20
RESENDERS = 6
"""Players who send their post-it twice at once with the same command id."""


async def test_twenty_players_at_the_same_moment(server: ServerProcess) -> None:
    names = [f"Speler {i:02d}" for i in range(PLAYERS)]
    # Open placements, so that every role is entitled to the same view.
    table = await open_table(
        server.url,
        "schaal-5",
        [CARD],
        players=names,
        projector=True,
        options={"hidden_placements": False},
    )
    fac = table.fac
    try:
        await fac.do("start")
        start = (await fac.do("next_step"))["version"]  # place
        await table.settle()

        def square(i: int) -> int:
            return i % 5 + 1

        sends: list[tuple[GameClient, str, Any]] = []
        for i, player in enumerate(table.players):
            sends.append(
                (player, "place", player.command("place_pawn", position={"square": square(i)}))
            )
            command_id = new_command_id()
            copies = 2 if i < RESENDERS else 1
            for _ in range(copies):
                text = f"Post-it van {player.name}"
                sends.append(
                    (
                        player,
                        "post_it",
                        player.command(
                            "add_post_it", command_id=command_id, colour="green", text=text
                        ),
                    )
                )
        replies = await asyncio.gather(*(coro for _, _, coro in sends))

        # Every command acknowledged ok; the resent ones exactly once, with the same answer.
        assert all(r["ok"] for r in replies), [r for r in replies if not r["ok"]]
        applied = [r for r in replies if not r["duplicate"]]
        duplicates = [r for r in replies if r["duplicate"]]
        assert len(applied) == 2 * PLAYERS and len(duplicates) == RESENDERS
        by_player: dict[str, list[dict[str, Any]]] = {}
        for (player, kind, _), reply in zip(sends, replies, strict=True):
            if kind == "post_it":
                by_player.setdefault(player.name, []).append(reply)
        for pair in (by_player[name] for name in names[:RESENDERS]):
            first, second = pair
            assert {first["duplicate"], second["duplicate"]} == {True, False}
            assert first["version"] == second["version"] and first["result"] == second["result"]

        # Versions: unique and contiguous, one per applied command.
        versions = sorted(r["version"] for r in applied)
        assert versions == list(range(start + 1, start + 2 * PLAYERS + 1))
        last = versions[-1]

        # Every client folded every version in order, without having to resume.
        await table.settle(last)
        for client in table.clients:
            assert client.version == last
            assert client.resumes == 0 and not client.errors, client
            assert client.applied[-2 * PLAYERS :] == versions, client

        # One post-it per player, and the identical view everywhere (but for me/mine).
        post_its = (fac.view or {})["post_its"]
        assert len(post_its) == PLAYERS
        assert sorted(p["text"] for p in post_its.values()) == sorted(
            f"Post-it van {n}" for n in names
        )
        section = (fac.view or {})["placements"][CARD]["first"]
        assert section["hidden"] is False
        assert section["positions"] == {
            p.player_id: {"square": square(i)} for i, p in enumerate(table.players)
        }
        reference = strip_personal(fac.view or {})
        for client in table.clients:
            assert strip_personal(client.view or {}) == reference, client
            mine = [p for p in (client.view or {})["post_its"].values() if p["mine"]]
            assert len(mine) == (1 if client in table.players else 0)
        await table.assert_views_match_fresh_enter()
    finally:
        await table.close()
