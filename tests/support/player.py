"""A game client for tests: a real python-socketio client speaking msgpack, keeping its
role's view exactly as the protocol says.

- ``update`` {version, ops}: applied with ``game_server.rules.views.apply_ops`` when
  ``version == last + 1``; ignored when ``version <= last``; a gap makes the client
  ``enter`` again with its last version (the server answers with the missing updates or a
  fresh view). Updates that arrive while that ``enter`` is in flight are kept and applied
  after it, in order.
- with ``own_in_ack=True`` the client connects with ``own=ack``: its own commands'
  versions come in their acks (recorded as ``ack_update``), and a gap while a command
  awaits its ack is held until the ack (docs/protocol.md, "Own updates in the
  acknowledgement").
- ``snapshot`` {version, role, view}: replaces the view (the role changed).
- after a reconnect (python-socketio reconnects by itself when the server goes away) the
  client ``enter``\\ s again with its token and last version.
- ``left_room``, ``protocol_error`` and every other event are recorded in ``events``.

Waiting is event-driven: ``wait_for`` re-checks its predicate whenever something arrives.

    fac = await GameClient.connected(server.url)
    created = await fac.create_room("schaal-5", ["leerklimaat/veiligheid"])
    ann = await GameClient.connected(server.url, transports=["polling"])
    await ann.join(fac.code, "Ann")
    await fac.do("start")
    await ann.wait_for(lambda v: v["phase"] == "read")
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import secrets
from collections.abc import Callable, Sequence
from typing import Any

import aiohttp
import socketio

from game_server.rules.views import apply_ops

DEFAULT_TIMEOUT = 15.0
_names = itertools.count(1)


def new_command_id() -> str:
    """A fresh command id in the documented shape (8-64 of [A-Za-z0-9_-])."""
    return f"t-{secrets.token_urlsafe(12)}"


class CommandFailed(AssertionError):
    """A reply that should have been ``ok`` was not."""

    def __init__(self, what: str, reply: Any) -> None:
        super().__init__(f"{what} failed: {reply!r}")
        self.reply = reply


def strip_personal(view: dict[str, Any]) -> dict[str, Any]:
    """A view without what legitimately differs per viewer: ``me`` and post-its' ``mine``
    and ``can_edit``."""
    out = {k: v for k, v in view.items() if k != "me"}
    out["post_its"] = {
        pid: {k: v for k, v in p.items() if k not in ("mine", "can_edit")}
        for pid, p in view["post_its"].items()
    }
    return out


def view_diff(a: Any, b: Any, path: str = "", limit: int = 20) -> list[str]:
    """Where two views differ, as readable lines (for assertion messages)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for key in sorted(set(a) | set(b), key=str):
            where = f"{path}/{key}"
            if key not in a:
                out.append(f"{where}: missing on the left, right has {b[key]!r}")
            elif key not in b:
                out.append(f"{where}: left has {a[key]!r}, missing on the right")
            else:
                out.extend(view_diff(a[key], b[key], where, limit))
            if len(out) >= limit:
                break
        return out[:limit]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


class GameClient:
    """One connection to a game server and the view of the room it is in."""

    def __init__(
        self,
        url: str,
        *,
        transports: Sequence[str] = ("websocket",),
        name: str | None = None,
        headers: dict[str, str] | None = None,
        reconnection: bool = True,
        timeout: float = DEFAULT_TIMEOUT,
        record_updates: bool = True,
        local_address: str | None = None,
        own_in_ack: bool = False,
    ) -> None:
        self.url = url
        self.own_in_ack = own_in_ack
        """Connect with ``own=ack``: this connection's own commands' ops come in their
        acks, not as ``update`` events (docs/protocol.md)."""
        self._acks_awaited = 0
        self.record_updates = record_updates
        """Off for long runs (a benchmark): updates are then folded but not kept."""
        self.transports = list(transports)
        self.name = name or f"client{next(_names)}"
        self.headers = dict(headers or {})
        self.timeout = timeout
        # Another loopback source address (127.0.0.2, ...) looks like another laptop.
        self._session = (
            aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(local_address, 0)))
            if local_address
            else None
        )
        self.sio = socketio.AsyncClient(
            serializer="msgpack",
            http_session=self._session,
            reconnection=reconnection,
            reconnection_delay=0.1,
            reconnection_delay_max=0.5,
            randomization_factor=0.2,
        )
        # The room this client is in and who it is there.
        self.code: str | None = None
        self.token: str | None = None
        self.role: str | None = None
        self.player_id: str | None = None
        self.view: dict[str, Any] | None = None
        self.version = 0
        self.created: dict[str, Any] | None = None
        """The ``create_room`` reply (tokens), when this client created the room."""
        # What happened, for assertions.
        self.events: list[tuple[str, Any]] = []
        """Every event received (``update`` too unless ``record_updates`` is off), in order."""
        self.applied: list[int] = []
        """Versions applied from ``update`` events, in order."""
        self.snapshots = 0
        """Full views adopted (enter/join/create replies with a view, ``snapshot`` events)."""
        self.caught_up_with_updates = 0
        """``enter`` replies that carried ``updates`` instead of a view."""
        self.resumes = 0
        self.enters = 0
        """Successful create/join/enter replies adopted (a resume after a reconnect too)."""
        self.connects = 0
        self.disconnects = 0
        self.disconnect_reasons: list[str] = []
        self._closing = False
        self.errors: list[BaseException] = []
        """Failures inside background resumes (re-raised by ``check``)."""
        self._pending: dict[int, dict[str, Any]] = {}
        self._resuming = False
        self._tick = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", self._on_disconnect)
        self.sio.on("update", self._on_update)
        self.sio.on("snapshot", self._on_snapshot)
        self.sio.on("*", self._on_other)

    @classmethod
    async def connected(cls, url: str, **kwargs: Any) -> GameClient:
        client = cls(url, **kwargs)
        await client.connect()
        return client

    def __repr__(self) -> str:
        return (
            f"<GameClient {self.name} {self.role or '-'} {self.player_id or ''} "
            f"room={self.code} v{self.version} {self.transport or 'disconnected'}>"
        )

    # -- connection ------------------------------------------------------------------------

    @property
    def connected_now(self) -> bool:
        return bool(self.sio.connected)

    @property
    def transport(self) -> str | None:
        """The engine.io transport in use (``websocket`` or ``polling``)."""
        return self.sio.transport() if self.sio.connected else None

    async def connect(self) -> None:
        await self.sio.connect(
            f"{self.url}?own=ack" if self.own_in_ack else self.url,
            transports=self.transports,
            headers=self.headers,
            wait_timeout=self.timeout,
        )

    async def disconnect(self) -> None:
        """Close the connection (the player stays in the room; ``reconnect`` resumes)."""
        if not self.sio.connected:
            return
        eio = self.sio.eio
        if eio.current_transport != "polling":
            await self.sio.disconnect()
            return
        # On long-polling, python-engineio's client waits for its pending GET to return,
        # and the server answers it only at its next ping (up to 20 s). Once the write
        # loop has delivered DISCONNECT and CLOSE, closing the HTTP session ends the GET.
        writer = eio.write_loop_task
        closing = asyncio.ensure_future(self.sio.disconnect())
        if writer is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(writer), self.timeout)
        if eio.http is not None and not eio.http.closed:
            await eio.http.close()
        try:
            await closing
        except Exception:
            if eio.state != "disconnected":
                eio.state = "disconnected"
                await eio._reset()

    async def reconnect(self, *, with_version: bool = True) -> dict[str, Any]:
        """Open a new connection and enter again with the token (and last version)."""
        if self.sio.connected:
            await self.sio.disconnect()
        self._resuming = True  # the connect handler must not start a second enter
        try:
            await self.connect()
        finally:
            self._resuming = False
        assert self.code is not None and self.token is not None, "never entered a room"
        version = self.version if with_version else None
        return await self.enter(self.code, self.token, version=version)

    async def close(self) -> None:
        """Disconnect for good and stop background work."""
        self._closing = True
        self.sio.reconnection = False
        with contextlib.suppress(Exception):
            await self.disconnect()
        with contextlib.suppress(Exception):
            await self.sio.shutdown()  # stops a reconnection attempt in progress
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(BaseException):
                await task
        if self._session is not None:
            await self._session.close()

    # -- requests --------------------------------------------------------------------------

    async def call(self, event: str, data: Any = None, within: float | None = None) -> Any:
        """Send one event and return its acknowledgement (within seconds, default timeout)."""
        return await self.sio.call(event, data, timeout=within or self.timeout)

    async def create_room(
        self,
        board_id: str,
        card_ids: Sequence[str],
        *,
        title: str | None = None,
        options: dict[str, Any] | None = None,
        command_id: str | None = None,
        check: bool = True,
        own_deck: dict[str, Any] | None = None,
        plan: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "command_id": command_id or new_command_id(),
            "board_id": board_id,
            "card_ids": list(card_ids),
        }
        if own_deck is not None:
            payload["own_deck"] = own_deck
        if plan is not None:
            payload["plan"] = plan
        if title is not None:
            payload["title"] = title
        if options is not None:
            payload["options"] = options
        reply = await self.call("create_room", payload)
        if reply.get("ok"):
            self.created = reply
            self._adopt(reply, code=reply["code"], token=reply["facilitator_token"])
        elif check:
            raise CommandFailed("create_room", reply)
        return dict(reply)

    async def join(
        self, code: str, name: str, *, command_id: str | None = None, check: bool = True
    ) -> dict[str, Any]:
        payload = {"code": code, "name": name, "command_id": command_id or new_command_id()}
        reply = await self.call("join", payload)
        if reply.get("ok"):
            self._adopt(reply, code=reply["view"]["code"], token=reply["token"])
        elif check:
            raise CommandFailed("join", reply)
        return dict(reply)

    async def enter(
        self, code: str, token: str, *, version: int | None = None, check: bool = True
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {"code": code, "token": token}
        if version is not None:
            payload["version"] = version
        reply = await self.call("enter", payload)
        if reply.get("ok"):
            view_code = reply["view"]["code"] if "view" in reply else self.code
            self._adopt(reply, code=view_code or code, token=token)
        elif check:
            raise CommandFailed("enter", reply)
        return dict(reply)

    async def command(
        self, type: str, *, command_id: str | None = None, **fields: Any
    ) -> dict[str, Any]:
        """Send one command with a fresh (or the given) command id; return the reply."""
        payload = {"type": type, "command_id": command_id or new_command_id(), **fields}
        self._acks_awaited += 1
        try:
            reply = await self.call("command", payload)
        finally:
            self._acks_awaited -= 1
        if self.own_in_ack and isinstance(reply, dict) and reply.get("ok"):
            self._on_ack(reply)
        return dict(reply)

    def _on_ack(self, reply: dict[str, Any]) -> None:
        """Fold the ops an ack carries; a version the ack names and this view still lacks
        (a resent command's first answer, or an update lost) is resumed."""
        update = reply.get("update")
        if update is not None:
            self.events.append(("ack_update", update))
            self._pending[update["version"]] = update
        self._drain()
        if self.version < reply["version"] and not self._resuming and self._acks_awaited == 0:
            self._spawn(self._resume())
        self._changed()

    async def send_command(self, type: str, *, command_id: str, **fields: Any) -> None:
        """Send a command without waiting for its acknowledgement (fire and forget)."""
        await self.sio.emit("command", {"type": type, "command_id": command_id, **fields})

    async def do(self, type: str, **fields: Any) -> dict[str, Any]:
        """A command that must succeed; returns once this client's view has its version."""
        reply = await self.command(type, **fields)
        if not reply.get("ok"):
            raise CommandFailed(f"{self.name}: {type} {fields}", reply)
        await self.wait_version(reply["version"])
        return reply

    async def fresh_enter(self, url: str | None = None) -> dict[str, Any]:
        """What a brand-new connection with this client's token is given by ``enter``, on
        this client's server or, with several processes, on the one at ``url``."""
        assert self.code is not None and self.token is not None
        probe = GameClient(url or self.url, transports=self.transports, reconnection=False)
        try:
            await probe.connect()
            return await probe.enter(self.code, self.token)
        finally:
            await probe.close()

    # -- waiting ---------------------------------------------------------------------------

    async def wait_until(
        self, predicate: Callable[[GameClient], bool], within: float | None = None
    ) -> None:
        """Wait until ``predicate(self)`` holds; re-checked whenever something arrives."""
        try:
            async with asyncio.timeout(within or self.timeout):
                while True:
                    self.check()
                    if predicate(self):
                        return
                    tick = self._tick
                    await tick.wait()
        except TimeoutError:
            raise AssertionError(f"{self!r}: condition not met in time") from None

    async def wait_for(
        self, predicate: Callable[[dict[str, Any]], bool], within: float | None = None
    ) -> dict[str, Any]:
        """Wait until ``predicate(view)`` holds; returns the view."""
        await self.wait_until(lambda c: c.view is not None and predicate(c.view), within)
        assert self.view is not None
        return self.view

    async def wait_version(self, version: int, within: float | None = None) -> None:
        await self.wait_until(lambda c: c.version >= version, within)

    async def wait_event(self, name: str, within: float | None = None, *, after: int = 0) -> Any:
        """The data of the first ``name`` event at index >= ``after`` in ``events``."""

        def found(c: GameClient) -> bool:
            return any(n == name for n, _ in c.events[after:])

        await self.wait_until(found, within)
        return next(d for n, d in self.events[after:] if n == name)

    def check(self) -> None:
        """Re-raise a failure that happened in a background resume."""
        if self.errors:
            raise AssertionError(f"{self!r}: background failure: {self.errors[0]!r}")

    def _changed(self) -> None:
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    # -- folding what arrives ----------------------------------------------------------------

    def _adopt(self, reply: dict[str, Any], *, code: str, token: str) -> None:
        """Take the room as an enter/join/create reply gives it."""
        self.code, self.token = code, token
        self.enters += 1
        self.role, self.player_id = reply["role"], reply.get("player_id")
        if "view" in reply:
            # An update may overtake the reply (docs/protocol.md, "Updates may arrive before
            # the acknowledgement"): a view older than the one already folded is stale.
            stale = (
                self.view is not None
                and reply["version"] < self.version
                and self.view["me"] == reply["view"]["me"]
            )
            if not stale:
                self.view = reply["view"]
                self.version = reply["version"]
            self.snapshots += 1
        else:
            assert self.view is not None, "updates without a view to apply them to"
            for step in reply["updates"]:
                if step["version"] == self.version + 1:
                    apply_ops(self.view, step["ops"])
                    self.version = step["version"]
            self.caught_up_with_updates += 1
            assert self.version >= reply["version"], (self.version, reply["version"])
        self._drain()
        self._changed()

    def _on_update(self, data: dict[str, Any]) -> None:
        if self.record_updates:
            self.events.append(("update", data))
        self._pending[data["version"]] = data
        self._drain()
        self._changed()

    def _drain(self) -> None:
        if self.view is None or self._resuming:
            return
        for version in sorted(self._pending):
            if version <= self.version:
                del self._pending[version]
            elif version == self.version + 1:
                step = self._pending.pop(version)
                apply_ops(self.view, step["ops"])
                self.version = version
                self.applied.append(version)
            else:
                if self._acks_awaited and self.own_in_ack:
                    return  # the missing version may be this client's own, in an ack to come
                self._spawn(self._resume())  # a gap: ask for what is missing
                return

    def _on_snapshot(self, data: dict[str, Any]) -> None:
        self.events.append(("snapshot", data))
        self.role = data["role"]
        self.view = data["view"]
        self.version = data["version"]
        self.snapshots += 1
        self._drain()
        self._changed()

    def _on_other(self, event: str, *args: Any) -> None:
        self.events.append((event, args[0] if len(args) == 1 else args))
        if event == "left_room":
            self.role = None
        self._changed()

    def _on_connect(self) -> None:
        self.connects += 1
        if self.token is not None and not self._resuming:
            self._spawn(self._resume())  # a reconnect: enter again
        self._changed()

    def _on_disconnect(self, reason: Any = None) -> None:
        self.disconnects += 1
        self.disconnect_reasons.append(str(reason))
        # Like the web client: a server that closes the connection (a draining process)
        # wants the client back elsewhere; python-socketio does not reconnect by itself then.
        if reason == self.sio.reason.SERVER_DISCONNECT and self.sio.reconnection:
            if not self._closing:
                self._spawn(self._connect_again())
        self._changed()

    async def _connect_again(self) -> None:
        while not self._closing and not self.sio.connected:
            try:
                await self.connect()
            except socketio.exceptions.ConnectionError:
                await asyncio.sleep(0.1)
            except ValueError:  # engine.io is still closing the old connection
                await asyncio.sleep(0.05)

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _resume(self) -> None:
        if self._resuming or self.code is None or self.token is None:
            return
        self._resuming = True
        self.resumes += 1
        try:
            payload = {"code": self.code, "token": self.token, "version": self.version}
            reply = await self.call("enter", payload)
            if not reply.get("ok"):
                raise CommandFailed(f"{self.name}: resume", reply)
            self._resuming = False
            self._adopt(reply, code=self.code, token=self.token)
        except socketio.exceptions.SocketIOError:
            # The connection went away while resuming; the next connect resumes again.
            pass
        except Exception as exc:
            self.errors.append(exc)
        finally:
            self._resuming = False
            self._changed()
