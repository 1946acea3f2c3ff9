"""Writing packets (broadcasts, acks, single emits) straight onto idle WebSocket connections.

python-engineio sends every packet through a per-connection ``asyncio.Queue`` read by a
writer task (``AsyncSocket._websocket_handler.writer``) that waits with a timeout for
each packet and writes it with aiohttp's ``send_bytes``. For a broadcast to a room that is
most of the server's CPU: per recipient a queue put, a task wake-up, a ``wait_for`` and a
frame built anew. When the connection's writer has nothing in hand, the same bytes can go
to the socket at once: ``Direct.send`` writes a ready-made WebSocket frame (built once per
audience, the same bytes for every recipient: server frames are not masked) to the
connection's transport when

- the connection is on the WebSocket transport, not upgrading, closing or closed;
- its Engine.IO queue is empty *and* its writer task is waiting on that queue (so no
  packet is in the writer's hands between the queue and the socket: writing past it
  would reorder the connection's packets);
- its transport is not paused: the kernel takes what is written, and the transport's
  buffer is at or below its low-water mark (a slow reader's connection goes through the
  queue and its writer, which waits for the buffer to drain, as before).

Otherwise the packet is queued as python-engineio would. Long-polling connections always
take the queue. This is the same change Home Assistant made to its websocket writer
(home-assistant/core#92967).

python-engineio offers one extension point for this, its driver table
(``AsyncServer._async``, already used by ``frames.py``): ``install`` wraps the table's
WebSocket driver so that each connection's WebSocket is known here by its Engine.IO
session while its handler runs. Beyond the table it relies on the socket's ``queue``,
``upgraded``/``upgrading``/``closing``/``closed``, on the writer waiting in
``queue.get()`` (seen in ``asyncio.Queue._getters``) and on the driver's ``_sock``
(aiohttp's ``WebSocketResponse``); ``tests/unit/test_direct.py`` fails if any of them
changes, and pyproject.toml pins the versions it was checked against.
"""

from __future__ import annotations

import asyncio
import os
import struct
import weakref
from typing import Any

import engineio
import socketio
from engineio import packet as eio_packet

BINARY_FIN = 0x82
"""A final WebSocket frame carrying binary data (RFC 6455 5.2): msgpack Engine.IO messages."""


def frame(payload: bytes) -> bytes:
    """An unmasked, uncompressed binary WebSocket frame carrying ``payload``."""
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", BINARY_FIN, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", BINARY_FIN, 126, size)
    else:
        header = struct.pack("!BBQ", BINARY_FIN, 127, size)
    return header + payload


class Connection:
    """One Engine.IO session's WebSocket while its handler runs."""

    __slots__ = ("socket", "transport", "ws")

    def __init__(self, socket: Any, ws: Any, transport: asyncio.WriteTransport) -> None:
        self.socket = socket
        self.ws = ws
        self.transport = transport

    def idle(self) -> bool:
        """True when a frame written now leaves after everything sent before it."""
        socket = self.socket
        if not socket.upgraded or socket.upgrading or socket.closing or socket.closed:
            return False
        queue = socket.queue
        if queue.qsize():
            return False  # a packet is queued
        for getter in queue._getters:
            if not getter.done():
                break
        else:
            return False  # the writer is not waiting: a packet may be in its hands
        transport = self.transport
        if transport.is_closing() or self.ws._sock.closed:
            return False
        low, _high = transport.get_write_buffer_limits()
        return bool(transport.get_write_buffer_size() <= low)


class Direct:
    """The WebSocket connections of one Engine.IO server, and how packets went out."""

    def __init__(self, eio: engineio.AsyncServer) -> None:
        self.eio = eio
        self.connections: dict[str, Connection] = {}
        self.written = 0
        """Packets written straight to a connection."""
        self.queued = 0
        """Packets that took python-engineio's queue (busy, paused, or long-polling)."""

    async def send(self, eio_sids: list[str], message: bytes) -> None:
        """Send one Engine.IO binary message to each session, in order per session."""
        ready: bytes | None = None
        for eio_sid in eio_sids:
            connection = self.connections.get(eio_sid)
            if connection is not None and connection.idle():
                if ready is None:
                    ready = frame(message)
                connection.transport.write(ready)
                self.written += 1
            else:
                # Queued in order on the connection; a connection that closed meanwhile is
                # skipped by Engine.IO (it resumes from its last version when it returns).
                self.queued += 1
                await self.eio.send_packet(eio_sid, eio_packet.Packet(eio_packet.MESSAGE, message))


class Known:
    """The driver table's WebSocket entry: the wrapped driver, its connections made known.

    python-engineio calls the entry as ``driver(socket._websocket_handler, server)`` for
    each WebSocket (new or upgraded) and awaits the result with the request's environ."""

    def __init__(self, wraps: Any, direct: Direct) -> None:
        self.wraps = wraps
        self.direct = direct

    def __call__(self, handler: Any, server: Any) -> Any:
        socket = handler.__self__  # AsyncSocket._websocket_handler is bound to its socket
        connections = self.direct.connections

        async def registered(ws: Any) -> None:
            transport = ws.environ["aiohttp.request"].transport
            if transport is None:  # the client went away during the handshake
                await handler(ws)
                return
            connection = Connection(socket, ws, transport)
            connections[socket.sid] = connection
            try:
                await handler(ws)
            finally:
                if connections.get(socket.sid) is connection:
                    del connections[socket.sid]

        return self.wraps(registered, server)


_installed: weakref.WeakKeyDictionary[Any, Direct] = weakref.WeakKeyDictionary()


SWITCH = "LEERKLIMAAT_SEND_PATH"
"""``queued`` sends everything through python-engineio's queue (for A/B measurements)."""


def install(sio: socketio.AsyncServer) -> Direct | None:
    """Know ``sio``'s WebSocket connections, so broadcasts can be written to them directly."""
    if os.environ.get(SWITCH, "direct") == "queued":
        return None
    eio = sio.eio
    direct = _installed.get(eio)
    if direct is not None:
        return direct
    direct = Direct(eio)
    drivers = dict(eio._async)  # the module's table is shared by every server: copy it

    drivers["websocket"] = Known(drivers["websocket"], direct)
    eio._async = drivers
    _installed[eio] = direct
    return direct


def installed(sio: socketio.AsyncServer) -> Direct | None:
    return _installed.get(sio.eio)
