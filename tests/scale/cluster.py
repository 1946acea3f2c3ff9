"""Thin wrappers over tests/support for several server processes on one Redis.

- ``RoamingClient``: a ``GameClient`` that knows every process's address. Like a client
  behind a load balancer whose backend went away, it moves to the next process when a
  connection attempt fails, and enters again there with its token and last version.
- ``send``: a command sent the way a careful client sends it: one command id, resent
  (same id) after a lost acknowledgement, a dropped connection or ``store_unavailable``,
  until the server answers. The server must apply it exactly once.
- ``spread_table``: a room whose clients are spread round-robin over the processes.
- ``assert_converged``: every client folded the same room, equal to a fresh ``enter`` on
  a *different* process, and equal to what the store holds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import socketio

from game_server.rules import Viewer, fold, view
from tests.support.player import CommandFailed, GameClient, new_command_id

RETRYABLE = {"store_unavailable", "internal_error", "not_in_room"}
CALL_WITHIN = 6.0
"""Seconds to wait for one acknowledgement before resending (same command id)."""


class RoamingClient(GameClient):
    def __init__(self, urls: Sequence[str], home: int = 0, **kwargs: Any) -> None:
        self.urls = list(urls)
        self.home = home % len(self.urls)
        super().__init__(self.urls[self.home], **kwargs)
        self._failed_attempt = False
        self.store_errors = 0
        """``store_unavailable`` answers this client saw (to a command or an enter)."""

    def _next_url(self) -> str:
        # python-socketio asks for the URL on every (re)connect attempt. An attempt that
        # follows a failed one goes to the next process, as a load balancer would send it.
        if self._failed_attempt:
            self.home = (self.home + 1) % len(self.urls)
            self.url = self.urls[self.home]
        self._failed_attempt = True
        return self.url

    async def connect(self) -> None:
        await self.sio.connect(
            self._next_url,
            transports=self.transports,
            headers=self.headers,
            wait_timeout=self.timeout,
        )

    def _on_connect(self) -> None:
        self._failed_attempt = False
        super()._on_connect()

    async def _resume(self) -> None:
        # Like the web client: an enter that fails because the store is unreachable is
        # tried again shortly; any other refusal is a real failure.
        while True:
            before = len(self.errors)
            await super()._resume()
            if len(self.errors) == before:
                return
            error = self.errors[-1]
            reply = getattr(error, "reply", None)
            code = reply.get("error", {}).get("code") if isinstance(reply, dict) else None
            if code not in RETRYABLE:
                return
            self.errors.pop()
            self.store_errors += code == "store_unavailable"
            await asyncio.sleep(0.2)


async def send(
    client: RoamingClient,
    type: str,
    *,
    deadline: float = 60.0,
    command_id: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """Send a command until it is answered (same command id every time); return the reply.

    Retries only what a client cannot know the outcome of or may try again; a refusal by
    the rules is returned as it is.
    """
    command_id = command_id or new_command_id()
    end = time.monotonic() + deadline
    while True:
        try:
            if not client.connected_now or client._resuming or client.view is None:
                raise ConnectionError("not connected (yet)")
            payload = {"type": type, "command_id": command_id, **fields}
            reply = await client.call("command", payload, CALL_WITHIN)
        except (TimeoutError, ConnectionError, socketio.exceptions.SocketIOError):
            reply = None
        if reply is not None:
            code = reply.get("error", {}).get("code") if not reply.get("ok") else None
            if code not in RETRYABLE:
                return reply
            client.store_errors += code == "store_unavailable"
        if time.monotonic() > end:
            raise AssertionError(f"{client!r}: {type} not answered in {deadline}s: {reply}")
        await asyncio.sleep(0.1)


async def do(client: RoamingClient, type: str, **fields: Any) -> dict[str, Any]:
    """``send`` that must succeed; returns once the client has folded its version."""
    reply = await send(client, type, **fields)
    if not reply.get("ok"):
        raise CommandFailed(f"{client.name}: {type} {fields}", reply)
    await client.wait_version(reply["version"], 30)
    return reply


@dataclass
class SpreadTable:
    urls: list[str]
    fac: RoamingClient
    players: list[RoamingClient]
    projector: RoamingClient | None = None
    extra: list[RoamingClient] = field(default_factory=list)

    @property
    def clients(self) -> list[RoamingClient]:
        out = [self.fac, *self.players, *self.extra]
        return out + ([self.projector] if self.projector else [])

    @property
    def code(self) -> str:
        assert self.fac.code is not None
        return self.fac.code

    async def settle(self, version: int | None = None, wait: float = 30) -> int:
        target = max(c.version for c in self.clients) if version is None else version
        await asyncio.gather(*(c.wait_version(target, wait) for c in self.clients))
        return target

    async def close(self) -> None:
        await asyncio.gather(*(c.close() for c in self.clients), return_exceptions=True)


async def spread_table(
    urls: Sequence[str],
    board_id: str,
    card_ids: Sequence[str],
    *,
    players: int,
    projector: bool = True,
    options: dict[str, Any] | None = None,
    transports: Sequence[str] = ("websocket",),
) -> SpreadTable:
    """Facilitator on process 0, player i on process i+1 (mod n), projector on the last."""
    urls = list(urls)
    fac = RoamingClient(urls, 0, transports=transports, name="facilitator")
    await fac.connect()
    await fac.create_room(board_id, card_ids, options=options)
    assert fac.code is not None

    async def joined(index: int) -> RoamingClient:
        name = f"Speler {index + 1}"
        client = RoamingClient(urls, index + 1, transports=transports, name=name)
        await client.connect()
        reply = await client.join(fac.code or "", name, check=False)
        while not reply.get("ok"):  # join is a command too: same id, applied once
            assert reply["error"]["code"] in RETRYABLE, reply
            await asyncio.sleep(0.1)
            reply = await client.join(fac.code or "", name, check=False)
        return client

    joined_players = [await joined(i) for i in range(players)]
    table = SpreadTable(urls=urls, fac=fac, players=joined_players)
    if projector:
        assert fac.created is not None
        viewer = RoamingClient(urls, len(urls) - 1, transports=transports, name="projector")
        await viewer.connect()
        await viewer.enter(fac.code, fac.created["projector_token"])
        table.projector = viewer
    await table.settle()
    return table


async def assert_converged(table: SpreadTable, store_entries: Sequence[Any] | None = None) -> int:
    """Every client has the latest version and a view equal to a fresh ``enter`` made on
    another process than its own, and equal to its role's view of the room the store holds
    (versions contiguous, every command stored once)."""
    version = await table.settle()
    for client in table.clients:
        assert client.version == version, client
        other = table.urls[(table.urls.index(client.url) + 1) % len(table.urls)]
        fresh = await client.fresh_enter(other)
        assert fresh["version"] == version, (client, fresh["version"])
        assert fresh["view"] == client.view, f"{client!r}: folded view differs from {other}"
    if store_entries is not None:
        assert [e.version for e in store_entries] == list(range(1, version + 1))
        keys = [e.command_key for e in store_entries]
        assert len(keys) == len(set(keys)), "a command was stored twice"
        room = fold(e for entry in store_entries for e in entry.events)
        for client in table.clients:
            assert client.role is not None
            expected = view(room, Viewer(client.role, client.player_id))  # type: ignore[arg-type]
            assert client.view == expected, f"{client!r}: view differs from the store's room"
    return version
