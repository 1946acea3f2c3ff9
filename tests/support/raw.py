"""Raw Engine.IO v4 / Socket.IO v5 connections, for sending what no client library would.

``RawWebSocket`` and ``RawPolling`` open a session on a real server, connect to the
namespace ``/`` and then send any frame or polling body, however malformed. Replies are
read back as decoded Socket.IO packets (msgpack), so a test can wait for an ack with a
given id or a ``protocol_error`` event. Pings from the server are answered, so a session
lives as long as the test needs it.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
from typing import Any

import aiohttp
import msgpack

SOCKET_PATH = "/socket.io/"


def sio_packet(kind: int, data: Any = None, packet_id: int | None = None, nsp: str = "/") -> bytes:
    """A Socket.IO packet as the msgpack parser encodes it."""
    body: dict[str, Any] = {"type": kind, "nsp": nsp}
    if data is not None:
        body["data"] = data
    if packet_id is not None:
        body["id"] = packet_id
    return msgpack.packb(body, use_bin_type=True)  # type: ignore[no-any-return]


def event(name: Any, *args: Any, packet_id: int | None = None) -> bytes:
    return sio_packet(2, [name, *args], packet_id)


class _Raw:
    def __init__(self) -> None:
        self.packets: list[dict[str, Any]] = []
        self.acks: dict[int, list[Any]] = {}
        self.closed = False
        self._tick = asyncio.Event()

    def _received(self, data: bytes) -> None:
        decoded = msgpack.unpackb(data, raw=False)
        self.packets.append(decoded)
        if decoded.get("type") == 3 and isinstance(decoded.get("id"), int):
            self.acks[decoded["id"]] = decoded.get("data") or [None]
        self._tick.set()

    async def wait(self, predicate: Any, within: float = 15.0) -> dict[str, Any]:
        """The first packet received that satisfies ``predicate``."""

        async def look() -> dict[str, Any]:
            while True:
                for pkt in self.packets:
                    if predicate(pkt):
                        return pkt
                if self.closed:
                    raise ConnectionError("the server closed the connection")
                self._tick.clear()
                await self._tick.wait()

        return await asyncio.wait_for(look(), within)

    async def ack(self, packet_id: int, within: float = 15.0) -> Any:
        """The data of the acknowledgement with this id (the reply map)."""

        async def look() -> Any:
            while packet_id not in self.acks:
                if self.closed:
                    raise ConnectionError("the server closed the connection")
                self._tick.clear()
                await self._tick.wait()
            return self.acks[packet_id][0]

        return await asyncio.wait_for(look(), within)

    def events(self, name: str) -> list[Any]:
        return [p["data"][1] for p in self.packets if p.get("type") == 2 and p["data"][0] == name]

    async def protocol_error(self, after: int = 0, within: float = 15.0) -> dict[str, Any]:
        def found(p: dict[str, Any]) -> bool:
            return p.get("type") == 2 and p["data"][0] == "protocol_error"

        async def look() -> dict[str, Any]:
            while True:
                errors = [p for p in self.packets if found(p)]
                if len(errors) > after:
                    return errors[after]["data"][1]  # type: ignore[no-any-return]
                if self.closed:
                    raise ConnectionError("the server closed the connection")
                self._tick.clear()
                await self._tick.wait()

        return await asyncio.wait_for(look(), within)

    def protocol_errors(self) -> int:
        return len(self.events("protocol_error"))


class RawWebSocket(_Raw):
    """One Engine.IO session over a WebSocket, connected to the namespace ``/``."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.session: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.close_code: int | None = None
        self._reader: asyncio.Task[None] | None = None

    async def open(self) -> RawWebSocket:
        self.session = aiohttp.ClientSession()
        ws_url = self.url.replace("http", "ws", 1) + SOCKET_PATH + "?EIO=4&transport=websocket"
        self.ws = await self.session.ws_connect(ws_url, max_msg_size=0)
        opened = await self.ws.receive()
        assert isinstance(opened.data, str) and opened.data.startswith("0"), opened
        self._reader = asyncio.create_task(self._read())
        await self.send(sio_packet(0))
        await self.wait(lambda p: p.get("type") == 0)
        return self

    async def _read(self) -> None:
        assert self.ws is not None
        try:
            async for msg in self.ws:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    if msg.data == "2":
                        await self.ws.send_str("3")
                elif msg.type == aiohttp.WSMsgType.BINARY:
                    self._received(msg.data)
        finally:
            self.closed = True
            self.close_code = self.ws.close_code
            self._tick.set()

    async def send(self, frame: bytes | str) -> None:
        assert self.ws is not None
        if isinstance(frame, str):
            await self.ws.send_str(frame)
        else:
            await self.ws.send_bytes(frame)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                await self._reader
        if self.session is not None:
            await self.session.close()


class RawPolling(_Raw):
    """One Engine.IO session over HTTP long-polling, connected to the namespace ``/``."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.session: aiohttp.ClientSession | None = None
        self.sid = ""
        self._reader: asyncio.Task[None] | None = None

    @property
    def endpoint(self) -> str:
        return f"{self.url}{SOCKET_PATH}?EIO=4&transport=polling&sid={self.sid}"

    async def open(self) -> RawPolling:
        self.session = aiohttp.ClientSession()
        async with self.session.get(f"{self.url}{SOCKET_PATH}?EIO=4&transport=polling") as r:
            text = await r.text()
        assert text.startswith("0"), text
        self.sid = json.loads(text[1:])["sid"]
        self._reader = asyncio.create_task(self._read())
        status = await self.post(self.encode(sio_packet(0)))
        assert status == 200
        await self.wait(lambda p: p.get("type") == 0)
        return self

    @staticmethod
    def encode(*packets: bytes) -> bytes:
        return "\x1e".join("b" + base64.b64encode(p).decode() for p in packets).encode()

    async def post(self, body: bytes, headers: dict[str, str] | None = None) -> int:
        """POST a raw body to the session; the HTTP status it was answered with."""
        assert self.session is not None
        headers = {"Content-Type": "text/plain;charset=UTF-8", **(headers or {})}
        async with self.session.post(self.endpoint, data=body, headers=headers) as response:
            await response.read()
            return response.status

    async def send(self, frame: bytes) -> None:
        status = await self.post(self.encode(frame))
        assert status == 200, status

    async def _read(self) -> None:
        assert self.session is not None
        try:
            while True:
                async with self.session.get(self.endpoint) as response:
                    if response.status != 200:
                        return
                    text = await response.text()
                for part in text.split("\x1e"):
                    if part == "2":
                        await self.post(b"3")
                    elif part.startswith("b"):
                        self._received(base64.b64decode(part[1:]))
                    elif part.startswith("1"):
                        return
        except aiohttp.ClientError:
            return
        finally:
            self.closed = True
            self._tick.set()

    async def close(self) -> None:
        if self.session is not None and not self.closed:
            with contextlib.suppress(Exception):
                await self.post(b"1")
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(BaseException):
                await self._reader
        if self.session is not None:
            await self.session.close()
