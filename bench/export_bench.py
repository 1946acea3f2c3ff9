"""How long each export format takes for a large session: ``python -m bench.export_bench``.

Builds a room of 30 players and 10 cards (every player places a pawn in both rounds and
writes a green and a pink post-it per card, the facilitator sorts the piles and adds
action points) through the real room authority on the real SQLite store in a temporary
folder, then renders every format from the stored room, as the download does, and
prints the time each took. ``build_room`` is also used by the tests that need a large
stored room (tests/exports/test_concurrency.py).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from game_server.content import load_library
from game_server.exports import FORMATS, load_record
from game_server.room import Rooms
from game_server.rules import COMMAND, GUEST, Actor, CreateRoom, facilitator_token
from game_server.stores.base import RoomStore
from game_server.stores.sqlite import SqliteStore

DECK = "leerklimaat"
TEXTS = [
    "We mogen hier fouten maken, en dat zeggen we ook hardop in het teamoverleg.",
    "Feedback komt vaak pas bij het jaargesprek; dan is het te laat om iets te leren.",
    "Wie durft als eerste te zeggen dat iets niet lukt? Meestal de nieuwe collega’s.",
    "Er is tijd om te leren, maar die wordt opgeslokt door de waan van de dag.",
]


async def build_room(store: RoomStore, players: int = 30, cards: int = 10) -> tuple[str, str]:
    """A played room in ``store``: its code and the facilitator token."""
    library = load_library()
    card_ids = [f"{DECK}/{card.id}" for card in library.decks[DECK].cards][:cards]
    ids = itertools.count(1)
    rooms = Rooms(store, library)
    authority = await rooms.create(
        CreateRoom.model_validate(
            {
                "command_id": f"create-{secrets.token_hex(8)}",  # a new room each time
                "board_id": "schaal-5",
                "card_ids": card_ids,
                "title": f"Benchmark: {players} deelnemers, {cards} kaarten",
            }
        )
    )

    async def send(actor: Actor, fields: dict[str, Any]) -> Any:
        command = COMMAND.validate_python({**fields, "command_id": f"cmd-{next(ids):08d}"})
        outcome = await authority.handle(actor, command)
        authority.outbox.take()  # nobody to send to here
        return outcome.result

    seats = []
    for i in range(players):
        join = {"type": "join", "name": f"Deelnemer {i + 1}", "command_id": f"j{i:016d}"}
        outcome = await authority.handle(GUEST, COMMAND.validate_python(join))
        authority.outbox.take()
        seats.append(Actor("player", str(outcome.result["player_id"])))
    host = Actor("facilitator")
    await send(host, {"type": "start"})
    for played in range(len(card_ids)):
        await send(host, {"type": "next_step"})  # place
        for n, seat in enumerate(seats):
            await send(seat, {"type": "place_pawn", "position": {"square": (n + played) % 5 + 1}})
        await send(host, {"type": "next_step"})  # discuss
        for n, seat in enumerate(seats):
            for k, colour in enumerate(("green", "pink")):
                text = TEXTS[(n + played + k) % len(TEXTS)]
                await send(seat, {"type": "add_post_it", "colour": colour, "text": text})
        await send(host, {"type": "next_step"})  # revise
        for n, seat in enumerate(seats):
            square = (n + played + 1) % 5 + 1
            await send(seat, {"type": "place_pawn", "position": {"square": square}})
        await send(host, {"type": "next_step"})  # the next card, or sort after the last
    await send(host, {"type": "next_step"})  # summary
    for n in range(5):
        await send(
            host,
            {
                "type": "add_action_point",
                "what": f"Actiepunt {n + 1}: {TEXTS[n % len(TEXTS)]}",
                "who": "Teamleider",
                "first_step": "Agenda's blokkeren",
                "evaluate_when": "Na 3 maanden",
            },
        )
    return authority.code, facilitator_token(authority.room)


async def _record(folder: Path, players: int, cards: int) -> Any:
    store = SqliteStore(folder / "rooms.sqlite3")
    await store.open()
    try:
        code, _ = await build_room(store, players, cards)
        return await load_record(store, code, exported_at=int(time.time() * 1000))
    finally:
        await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=30)
    parser.add_argument("--cards", type=int, default=10)
    parser.add_argument("--formats", nargs="*", default=list(FORMATS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        record = asyncio.run(_record(Path(folder), args.players, args.cards))
    print(
        f"{args.players} players, {args.cards} cards, {len(record['post_its'])} post-its,"
        f" {len(record['action_points'])} action points"
    )
    print("seconds per format: the first render in a fresh process (imports, fonts), then")
    print("the best of three more (what a warm export worker takes)")
    print(f"{'format':<14} {'first':>7} {'warm':>7} {'KB':>7}")
    for name in args.formats:
        times = []
        for _ in range(4):
            start = time.perf_counter()
            data = FORMATS[name].render(record)
            times.append(time.perf_counter() - start)
        print(f"{name:<14} {times[0]:>7.2f} {min(times[1:]):>7.2f} {len(data) / 1024:>7.0f}")


if __name__ == "__main__":
    main()
