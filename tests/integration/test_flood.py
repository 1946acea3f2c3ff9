"""One client flooding its room with commands cannot stop anyone else from playing.

A raw connection sends thousands of commands as fast as the socket takes them, while
another player of the same room and a player in another room go on playing: their
commands keep being acknowledged, the flooder is answered ``rate_limited``, and what the
flooder got through is bounded by its token bucket (``transport/throttle.py``).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter

from game_server.transport.throttle import BURST, PER_SECOND
from tests.support.game import open_table
from tests.support.player import GameClient, new_command_id
from tests.support.raw import RawWebSocket, event
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"
FLOOD = 3000
"""Commands the flooder sends at least; it goes on while the others play."""
WAVE = 500
ROUNDS = 12
"""Commands each well-behaved player sends during the flood."""
PATIENCE = 20.0
"""A generous deadline for each acknowledgement of the well-behaved players."""


PACE = 0.3
"""Seconds between two post-its of a well-behaved player: brisk for a person."""


async def keep_playing(client: GameClient, rounds: int) -> list[float]:
    """Post-its at a person's pace; each must be acknowledged ok in time."""
    waits: list[float] = []
    for number in range(rounds):
        await asyncio.sleep(PACE)
        started = time.monotonic()
        reply = await client.call(
            "command",
            {
                "type": "add_post_it",
                "command_id": new_command_id(),
                "colour": "green",
                "text": f"{client.name} {number}",
            },
            within=PATIENCE,
        )
        waits.append(time.monotonic() - started)
        assert reply["ok"], (client.name, reply)
    return waits


async def test_a_flooding_client_leaves_its_room_and_others_playable(
    server: ServerProcess,
) -> None:
    busy = await open_table(server.url, "schaal-5", [CARD], players=["Ann", "Bas"])
    calm = await open_table(server.url, "schaal-5", [CARD], players=["Cor"])
    flooder = await RawWebSocket(server.url).open()
    try:
        for table in (busy, calm):
            await table.fac.do("start")
            await table.fac.do("next_step")  # place
        ann = busy.player("Ann")
        await flooder.send(event("enter", {"code": busy.code, "token": ann.token}, packet_id=0))
        assert (await flooder.ack(0))["ok"]

        players = [
            asyncio.create_task(keep_playing(busy.player("Bas"), ROUNDS)),
            asyncio.create_task(keep_playing(calm.player("Cor"), ROUNDS)),
        ]
        # Flood in waves, without waiting for answers, for as long as the others play.
        started = time.monotonic()
        sent = 0
        while sent < FLOOD or not all(p.done() for p in players):
            for _ in range(WAVE):
                sent += 1
                payload = {
                    "type": "place_pawn",
                    "command_id": new_command_id(),
                    "position": {"square": sent % 5 + 1},
                }
                await flooder.send(event("command", payload, packet_id=sent))
            await flooder.ack(sent, within=60)  # the server keeps up with its answers
        replies = [await flooder.ack(number, within=60) for number in range(1, sent + 1)]
        elapsed = time.monotonic() - started
        waits = await asyncio.gather(*players)

        outcomes = Counter("ok" if r["ok"] else r["error"]["code"] for r in replies)
        assert outcomes["rate_limited"] > 0, outcomes
        assert set(outcomes) <= {"ok", "rate_limited"}, outcomes
        assert outcomes["ok"] <= BURST + PER_SECOND * elapsed + 1, (outcomes, elapsed)
        # The others were served all along: every one of their commands was acknowledged.
        assert all(len(w) >= ROUNDS for w in waits), waits
        for name, took in zip(("same room", "other room"), waits, strict=True):
            print(f"{name}: {len(took)} acks during the flood, slowest {max(took) * 1000:.0f} ms")
        print(f"flooder: {dict(outcomes)} in {elapsed:.1f} s")
        # And the room is still one room: everyone's view equals a fresh one.
        for table in (busy, calm):
            await table.settle()
            await table.assert_views_match_fresh_enter()
    finally:
        await flooder.close()
        await busy.close()
        await calm.close()


QUEUED = 120
"""Commands a laptop queued while offline: a whole card's worth of one player's post-its."""
RETRY_AFTER = 3.0
"""What the web client's queue waits before it resends a kept command (session.ts)."""
MAX_ATTEMPTS = 8
"""After this many attempts the web client gives a command up (queue.ts)."""


async def test_an_offline_queue_resent_after_a_reconnect_gets_through(
    server: ServerProcess,
) -> None:
    """The web client's offline queue, resent as it does: `enter`, then one command at a
    time as fast as the acknowledgements come, and after a `rate_limited` a pause of three
    seconds. Every command gets through well before the client would give it up."""
    table = await open_table(server.url, "schaal-5", [CARD], players=["Ann"])
    try:
        await table.fac.do("start")
        ann = table.player("Ann")
        queue = [
            {
                "type": "add_post_it",
                "command_id": new_command_id(),
                "colour": "green",
                "text": f"offline {n}",
            }
            for n in range(QUEUED)
        ]
        await ann.disconnect()
        await ann.reconnect()  # sends `enter`, as the web client does after a reconnect
        attempts: Counter[str] = Counter()
        applied = 0
        while queue:
            command = queue[0]
            attempts[command["command_id"]] += 1
            reply = await ann.call("command", command)
            if reply["ok"]:
                queue.pop(0)
                applied += 1
            else:
                assert reply["error"]["code"] == "rate_limited", reply
                await asyncio.sleep(RETRY_AFTER)  # the client's own pause, not a guess
        assert applied == QUEUED
        assert max(attempts.values()) <= 2 < MAX_ATTEMPTS
        await table.settle()
        await table.assert_views_match_fresh_enter()
    finally:
        await table.close()
