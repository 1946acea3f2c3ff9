"""What one room costs in memory as its game goes on: ``python -m bench.room_memory``.

A room of 8 players and a facilitator plays card after card through the real room
authority on the real SQLite store (in a temporary folder, no network): each card a
pawn per player, two post-its per player, a revised pawn per player, the facilitator's
steps. After each card it prints the memory the room holds (tracemalloc, everything
reachable from the room's authority that was allocated while playing), so growth with
the length of the game shows. Deterministic; runs in a few seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

from game_server.content import load_library
from game_server.room import Rooms
from game_server.rules import COMMAND, GUEST, Actor, CreateRoom
from game_server.stores.sqlite import SqliteStore

PLAYERS = 8
DECK = "leerklimaat"
TEXTS = ["We mogen fouten maken.", "Feedback komt vaak te laat.", "Wie durft het eerst?"]


async def measure(cards: int, players: int) -> list[tuple[int, int, int]]:
    """(cards played, versions, bytes held) after each card."""
    library = load_library()
    deck = library.decks[DECK]
    card_ids = [f"{DECK}/{card.id}" for card in deck.cards][:cards]
    ids = itertools.count(1)
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "rooms.sqlite3")
        await store.open()
        try:
            rooms = Rooms(store, library)
            tracemalloc.start()
            gc.collect()
            start = tracemalloc.take_snapshot()
            authority = await rooms.create(
                CreateRoom.model_validate(
                    {
                        "command_id": f"create-{next(ids):012d}-memory",
                        "board_id": "schaal-5",
                        "card_ids": card_ids,
                    }
                )
            )

            async def send(actor: Actor, fields: dict[str, Any]) -> Any:
                command = COMMAND.validate_python({**fields, "command_id": f"cmd-{next(ids):08d}"})
                answer = await authority.handle(actor, command)
                authority.outbox.take()  # nobody to send to here
                return answer

            seats = []
            for i in range(players):
                join = {"type": "join", "name": f"Speler {i}", "command_id": f"j{i:016d}"}
                outcome = await authority.handle(GUEST, COMMAND.validate_python(join))
                authority.outbox.take()
                seats.append(Actor("player", str(outcome.result["player_id"])))
            host = Actor("facilitator")
            await send(host, {"type": "start"})
            rows = []
            for played in range(1, len(card_ids) + 1):
                await send(host, {"type": "next_step"})  # place
                for n, seat in enumerate(seats):
                    await send(seat, {"type": "place_pawn", "position": {"square": n % 5 + 1}})
                    for colour in ("green", "pink"):
                        text = TEXTS[(n + played) % len(TEXTS)]
                        await send(seat, {"type": "add_post_it", "colour": colour, "text": text})
                await send(host, {"type": "next_step"})  # discuss
                await send(host, {"type": "next_step"})  # revise
                for n, seat in enumerate(seats):
                    square = (n + 1) % 5 + 1
                    await send(seat, {"type": "place_pawn", "position": {"square": square}})
                if played < len(card_ids):
                    await send(host, {"type": "next_step"})  # the next card's read step
                gc.collect()
                held = sum(
                    stat.size_diff
                    for stat in tracemalloc.take_snapshot().compare_to(start, "filename")
                    if "tracemalloc" not in str(stat.traceback)
                )
                rows.append((played, authority.version, held))
            tracemalloc.stop()
            return rows
        finally:
            await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=30)
    parser.add_argument("--players", type=int, default=PLAYERS)
    args = parser.parse_args()
    rows = asyncio.run(measure(args.cards, args.players))
    print(f"{'cards':>5}  {'versions':>8}  {'room KB':>8}  {'KB/player':>9}")
    for played, version, held in rows:
        kb = held / 1024
        print(f"{played:>5}  {version:>8}  {kb:>8.0f}  {kb / args.players:>9.1f}")


if __name__ == "__main__":
    main()
