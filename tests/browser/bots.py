"""Players over python-socketio for the browser tests: cheap extra people in a room.

The browser tests are synchronous (Playwright's sync API); the protocol client
(``tests/support/player.py``'s ``GameClient``, a real python-socketio client speaking
msgpack) is asynchronous. ``Bots`` runs one asyncio loop in a background thread and offers
blocking calls on it, so a test can fill a room with thirty players in a second or two and
still watch the result in real Chromium.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Coroutine, Sequence
from typing import Any, TypeVar

from playwright.sync_api import BrowserContext, Page

from tests.support.player import GameClient

T = TypeVar("T")


class Bots:
    def __init__(self, url: str) -> None:
        self.url = url
        self.clients: list[GameClient] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        """Run ``coro`` on the bots' loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    def _client(self) -> GameClient:
        client = GameClient(self.url, record_updates=False)
        self.clients.append(client)
        return client

    def create_room(
        self, board_id: str, card_ids: Sequence[str], **options: Any
    ) -> tuple[GameClient, dict[str, Any]]:
        """A room made over the protocol: the facilitator client and the create reply."""

        async def go() -> tuple[GameClient, dict[str, Any]]:
            client = self._client()
            await client.connect()
            reply = await client.create_room(board_id, card_ids, options=options or None)
            return client, reply

        return self.run(go())

    def join(self, code: str, names: Sequence[str]) -> list[GameClient]:
        """One connected player per name, all joined to ``code``."""

        async def one(name: str) -> GameClient:
            client = self._client()
            await client.connect()
            await client.join(code, name)
            return client

        async def go() -> list[GameClient]:
            return list(await asyncio.gather(*(one(n) for n in names)))

        return self.run(go())

    def do(self, client: GameClient, type: str, **fields: Any) -> dict[str, Any]:
        """A command that must succeed (waits until the client's view has its version)."""
        return self.run(client.do(type, **fields))

    def each(
        self, clients: Sequence[GameClient], type: str, fields: Sequence[dict[str, Any]]
    ) -> int:
        """The same command from many clients at once, with per-client fields.

        Returns the room version that holds all of them (the highest acknowledged).
        """

        async def go() -> int:
            replies = await asyncio.gather(
                *(c.do(type, **f) for c, f in zip(clients, fields, strict=True))
            )
            return max(int(r["version"]) for r in replies)

        return self.run(go())

    def close(self) -> None:
        async def go() -> None:
            await asyncio.gather(*(c.close() for c in self.clients), return_exceptions=True)

        try:
            self.run(go(), timeout=30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._loop.close()


def open_as_facilitator(context: BrowserContext, base: str, created: dict[str, Any]) -> Page:
    """Open the room in a browser that holds the facilitator's keys from a create reply."""
    code = created["code"]
    keys = {"token": created["facilitator_token"], "projector_token": created["projector_token"]}
    page = context.new_page()
    page.goto(f"{base}/#/")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"lk:{code}:facilitator", json.dumps(keys)],
    )
    page.goto(f"{base}/#/room/{code}")
    return page


def open_projector(context: BrowserContext, base: str, created: dict[str, Any]) -> Page:
    page = context.new_page()
    page.goto(f"{base}/#/projector/{created['code']}?token={created['projector_token']}")
    return page


# Generous: a page on a busy CI machine may take many seconds to render a crowded room.
VERSION_DEADLINE_MS = 90_000


def wait_version(page: Page, version: int) -> None:
    """Wait until the page's view shows room version ``version`` (or later).

    The server sends every connection an update for every version, in order; once the page
    has applied ``version`` it shows every command acknowledged up to it. Needs the test hook.
    """
    page.wait_for_function(
        "v => (window.__leerklimaat?.version ?? -1) >= v", arg=version, timeout=VERSION_DEADLINE_MS
    )
