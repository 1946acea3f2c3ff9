"""Engine.IO frames checked before python-engineio parses them.

python-engineio trusts its peer: an empty WebSocket text frame, one that does not start
with a packet type, an unknown packet type, bad base64, or a polling body that is not
UTF-8 raises inside it (a traceback in the log; over WebSocket the connection is left
half-closed, over polling the request is answered "ok" and the body dropped), and an
Engine.IO packet type a client never sends makes a polling POST wait for the session's
next GET before it is answered. A polling POST longer than the buffer size is never
answered at all, and a POST for a session that has just closed raises inside it.

So every frame is checked here first. A WebSocket frame that is not a valid client frame
is handed on as a ``BadFrame``: bytes that ``wire.WirePacket`` turns into a
``protocol_error`` like any other malformed packet, on the same open connection. A
polling body is read here (at most ``MAX_FRAME_BYTES``), checked, and either handed on
unchanged or dropped whole, with a ``protocol_error`` to its session; the POST itself is
answered at once either way.

``MAX_FRAME_BYTES`` is what the transports read at most: a WebSocket frame or a polling
body up to it is read and judged (a packet over ``wire.MAX_PACKET_BYTES`` gets a
``protocol_error``, the connection stays open). A WebSocket frame over it is not read:
aiohttp closes the connection (code 1009), since a frame cannot be skipped unread.

This relies on python-engineio's driver table (``AsyncServer._async``), the aiohttp
driver's ``WebSocket`` class and the environ its ``translate_request`` builds;
``tests/unit/test_frames.py`` fails if they change.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Any

import socketio
from aiohttp import web
from engineio.async_drivers import aiohttp as eio_aiohttp

from .environ import slim
from .wire import MAX_PACKET_BYTES

MAX_FRAME_BYTES = 4 * MAX_PACKET_BYTES
"""The most a transport reads of one WebSocket frame or polling body (256 KiB)."""
MAX_POLLING_PACKETS = 16
"""python-engineio refuses more Engine.IO packets in one polling body."""
CLIENT_TYPES = frozenset("1345")
"""Engine.IO packets a client sends: close, pong, message, upgrade (and, over a WebSocket
being upgraded to, ``2probe``). python-engineio raises on any other (a polling POST then
closes its session and waits for the next GET before it is answered)."""

BadFrameHandler = Callable[[str, str], Awaitable[None]]
"""``(engine.io sid, problem)``: tell the session what was wrong with what it sent."""


class BadFrame(bytes):
    """A refused frame, passed on as an Engine.IO message that carries its problem."""

    problem: str

    def __new__(cls, problem: str) -> BadFrame:
        frame = super().__new__(cls, b"\x00")
        frame.problem = problem
        return frame


def packet_problem(text: str, *, websocket: bool = False) -> str | None:
    """What is wrong with one Engine.IO text packet from a client, or None."""
    if not text:
        return "empty Engine.IO packet"
    if text == "2probe" and websocket:
        return None
    if text[0] == "b":
        try:
            base64.b64decode(text[1:], validate=True)
        except (binascii.Error, ValueError):
            return "Engine.IO binary packet with invalid base64"
        return None
    if text[0] not in CLIENT_TYPES:
        return f"not an Engine.IO packet a client sends (type {text[0]!r})"
    return None


def body_problem(body: bytes) -> str | None:
    """What is wrong with a long-polling POST body, or None."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "long-polling body is not UTF-8"
    if not text:
        return None
    packets = text.split("\x1e")
    if len(packets) > MAX_POLLING_PACKETS:
        return f"more than {MAX_POLLING_PACKETS} packets in one long-polling body"
    for packet in packets:
        problem = packet_problem(packet)
        if problem is not None:
            return problem
    return None


class _Body:
    """The ``wsgi.input`` python-engineio reads a checked polling body from."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    async def read(self, length: int = -1) -> bytes:
        body, self.body = self.body, b""
        return body


class GuardedWebSocket(eio_aiohttp.WebSocket):  # type: ignore[misc]
    """python-engineio's aiohttp WebSocket, handing on refused text frames as BadFrame,
    and opened without permessage-deflate whatever the client offers.

    Every browser offers compression, aiohttp accepts it by default and python-socketio
    has no option to refuse it. Each accepted connection then keeps a zlib compressor and
    decompressor for its whole life and every message is compressed on the event loop:
    ``python -m bench.connection_memory --browser`` (500 connections, 2 cards) measured
    282 KB of server RSS per connection with it and 61 KB without, and about a quarter
    more CPU during play. Our messages are small msgpack packets; compression gains
    little. The handshake is answered without the extension.

    Refused here, where the ``WebSocketResponse`` is made (``__call__`` is the driver's,
    with ``compress=False``), rather than by a middleware handing on a copy of the request
    without the offer: that copy and its headers stayed with every browser's connection
    (~5 KB). ``tests/integration/test_websocket_compression.py`` fails if the driver's
    ``__call__`` changes."""

    async def __call__(self, environ: dict[str, Any]) -> web.WebSocketResponse:
        request = environ["aiohttp.request"]
        self._sock = web.WebSocketResponse(
            max_msg_size=self.server.max_http_buffer_size, compress=False
        )
        await self._sock.prepare(request)
        self.environ = environ
        await self.handler(self)
        return self._sock

    async def wait(self) -> bytes | str:
        data: bytes | str = await super().wait()
        if isinstance(data, str):
            problem = packet_problem(data, websocket=True)
            if problem is not None:
                return BadFrame(problem)
        return data


def guard(sio: socketio.AsyncServer, on_bad: BadFrameHandler) -> None:
    """Check every frame of ``sio``'s Engine.IO server before it is parsed."""
    eio = sio.eio
    drivers = dict(eio._async)  # the module's table is shared by every server: copy it
    translate = drivers["translate_request"]

    async def translate_request(request: web.Request) -> dict[str, Any]:
        environ = slim(translate(request))  # kept as long as its connection: environ.py
        if request.method == "POST":
            await _check_body(environ, request)
        # python-engineio looks a POST's session up without catching the KeyError it
        # raises for a session that has closed (a traceback and a 500); forgotten here,
        # with nothing awaited before python-engineio looks, it is an "Invalid session".
        sid = request.query.get("sid")
        socket = eio.sockets.get(sid) if sid is not None else None
        if socket is not None and socket.closed:
            del eio.sockets[sid]
        return environ

    async def _check_body(environ: dict[str, Any], request: web.Request) -> None:
        sid = request.query.get("sid")
        raw_length = environ.get("CONTENT_LENGTH", "0") or "0"
        body = b""
        problem = None
        if not raw_length.isdigit():
            problem = "long-polling request without a valid Content-Length"
        elif int(raw_length) > MAX_FRAME_BYTES:
            problem = f"long-polling body larger than {MAX_FRAME_BYTES} bytes"
        else:
            try:
                body = await request.content.readexactly(int(raw_length))
            except asyncio.IncompleteReadError:
                problem = "long-polling body shorter than its Content-Length"
            else:
                problem = body_problem(body)
        if problem is not None:
            body = b""  # dropped whole; the session hears why
            if sid is not None and sid in eio.sockets:
                await on_bad(sid, problem)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ["wsgi.input"] = _Body(body)

    drivers["translate_request"] = translate_request
    drivers["websocket"] = GuardedWebSocket
    eio._async = drivers
