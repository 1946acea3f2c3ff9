"""Broadcasts written straight to idle WebSockets (``transport/direct.py``), over real sockets.

A python-socketio server on a loopback port with our send path installed, real
``socketio.AsyncClient`` clients (msgpack; WebSocket and long-polling) and, for the slow
reader, a raw WebSocket client that stops reading. Each test checks that every client gets
every message once and in order, and which way the messages went (written directly or
through python-engineio's queue), so a change in the library internals the direct path
relies on shows up here as lost, reordered or never-direct messages.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import engineio
import msgpack
import pytest
import socketio
from aiohttp import web
from engineio import async_socket
from engineio import packet as eio_packet
from engineio.async_drivers import aiohttp as eio_aiohttp

from game_server.config import Settings
from game_server.stores import SqliteStore
from game_server.transport import direct, send_queue
from game_server.transport.app import GATEWAY, build_app
from game_server.transport.emit import encode, send_to_group
from game_server.transport.frames import GuardedWebSocket
from game_server.transport.server import GameSocketServer
from tests.support.raw import sio_packet

GROUP = "table"


@dataclass
class Relay:
    sio: socketio.AsyncServer
    writer: direct.Direct
    url: str
    arrived: asyncio.Event

    async def members(self, count: int) -> None:
        """Until ``count`` connections have joined the group."""

        async def joined() -> None:
            while len(list(self.sio.manager.get_participants("/", GROUP))) < count:
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(joined(), 10)


@pytest.fixture
async def relay() -> AsyncIterator[Relay]:
    sio = GameSocketServer(async_mode="aiohttp", serializer="msgpack")
    app = web.Application()
    sio.attach(app)
    writer = direct.install(sio)
    send_queue.install(sio)  # as our server: queued packets wait in a SendQueue
    arrived = asyncio.Event()

    async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        await sio.enter_room(sid, GROUP)
        arrived.set()

    sio.on("connect", connect)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield Relay(sio, writer, f"http://127.0.0.1:{port}", arrived)
    finally:
        await runner.cleanup()


class Counting:
    """A python-socketio client that keeps every ``n`` it is sent, in arrival order."""

    def __init__(self) -> None:
        self.client = socketio.AsyncClient(serializer="msgpack", reconnection=False)
        self.seen: list[int] = []
        self._grown = asyncio.Event()
        self.client.on("n", self._on_n)

    async def _on_n(self, data: int) -> None:
        self.seen.append(data)
        self._grown.set()

    async def until(self, count: int) -> None:
        while len(self.seen) < count:
            self._grown.clear()
            await asyncio.wait_for(self._grown.wait(), 15)


async def connected(url: str, transport: str) -> Counting:
    counting = Counting()
    await counting.client.connect(url, transports=[transport], wait_timeout=10)
    return counting


def test_the_engineio_internals_the_direct_path_relies_on() -> None:
    # The driver table entry wrapped, and how python-engineio calls it.
    assert eio_aiohttp._async["websocket"] is eio_aiohttp.WebSocket
    upgrade = inspect.getsource(async_socket.AsyncSocket._upgrade_websocket)
    assert "self.server._async['websocket'](" in upgrade
    assert "self._websocket_handler, self.server)" in upgrade
    # The driver keeps aiohttp's WebSocketResponse and the environ before the handler runs.
    call = inspect.getsource(eio_aiohttp.WebSocket.__call__)
    assert "self._sock = WebSocketResponse(" in call
    assert call.index("self.environ = environ") < call.index("await self.handler(self)")
    # The writer task drains socket.queue through poll(), waiting in queue.get().
    handler = inspect.getsource(async_socket.AsyncSocket._websocket_handler)
    assert "packets = await self.poll()" in handler and "await ws.send(pkt.encode())" in handler
    poll = inspect.getsource(async_socket.AsyncSocket.poll)
    assert "self.queue.get()" in poll
    assert hasattr(asyncio.Queue(), "_getters")
    for flag in ("upgraded", "upgrading", "closing", "closed"):
        assert f"self.{flag}" in inspect.getsource(engineio.base_socket.BaseSocket.__init__)


def test_our_server_writes_directly_through_the_guarded_websocket(tmp_path: Any) -> None:
    app = build_app(Settings(data_dir=tmp_path), SqliteStore(tmp_path / "rooms.sqlite3"))
    sio = app[GATEWAY].sio
    assert direct.installed(sio) is not None
    # The guard's WebSocket class is what the direct wrapper constructs.
    assert sio.eio._async["websocket"].wraps is GuardedWebSocket
    assert isinstance(sio.eio.create_queue(), send_queue.SendQueue)


def test_frames_carry_any_length() -> None:
    for size in (0, 125, 126, 65535, 65536):
        built = direct.frame(b"x" * size)
        assert built[0] == 0x82
        assert built.endswith(b"x" * size)
    assert len(direct.frame(b"x" * 125)) == 127
    assert len(direct.frame(b"x" * 126)) == 126 + 4
    assert len(direct.frame(b"x" * 65536)) == 65536 + 10


async def test_direct_and_queued_messages_keep_their_order(relay: Relay) -> None:
    clients = [await connected(relay.url, "websocket") for _ in range(3)]
    try:
        await relay.members(3)
        participants = list(relay.sio.manager.get_participants("/", GROUP))
        total = 300
        queued, written = relay.writer.queued, relay.writer.written
        for n in range(total):
            if n % 7 == 3:
                # Straight into python-engineio's queue, as its own sends do: whatever
                # follows must queue behind it until the writer has sent it.
                message = encode(relay.sio, "n", n)
                for _, eio_sid in participants:
                    await relay.sio.eio.send_packet(
                        eio_sid, eio_packet.Packet(eio_packet.MESSAGE, message)
                    )
            elif n % 7 == 5:
                await relay.sio.emit("n", n, to=participants[0][0])  # one connection
                for sid, _ in participants[1:]:
                    await relay.sio.emit("n", n, to=sid)
            else:
                await send_to_group(relay.sio, "n", n, GROUP)
            if n % 50 == 0:
                await asyncio.sleep(0)  # let the writers run between bursts
        for client in clients:
            await client.until(total)
            assert client.seen == list(range(total))
        assert relay.writer.written > written, "no message was written directly"
        assert relay.writer.queued > queued, "no message queued behind the queue"
    finally:
        for client in clients:
            await client.client.disconnect()


def test_our_server_sends_single_packets_through_the_direct_path() -> None:
    # python-socketio sends every packet for one connection (acks, emit to a sid) here.
    source = inspect.getsource(socketio.AsyncServer._send_packet)
    assert "encoded_packet = pkt.encode()" in source
    assert "await self.eio.send(eio_sid, encoded_packet)" in source
    ack = inspect.getsource(socketio.AsyncServer._handle_event_internal)
    assert "await server._send_packet(eio_sid, self.packet_class(" in ack
    emit = inspect.getsource(socketio.async_manager.AsyncManager.emit)
    assert "self.server._send_packet(eio_sid, pkt)" in emit


async def test_long_polling_clients_take_the_queue(relay: Relay) -> None:
    websocket = await connected(relay.url, "websocket")
    polling = await connected(relay.url, "polling")
    try:
        await relay.members(2)
        queued, written = relay.writer.queued, relay.writer.written
        # python-engineio's own client refuses a polling response of more than 16 packets
        # (browsers do not), so the messages go in bursts of 10 that each arrive first.
        for n in range(100):
            await send_to_group(relay.sio, "n", n, GROUP)
            if n % 10 == 9:
                await polling.until(n + 1)
        for client in (websocket, polling):
            await client.until(100)
            assert client.seen == list(range(100))
        assert relay.writer.queued - queued >= 100  # every polling message was queued
        assert relay.writer.written > written
    finally:
        await websocket.client.disconnect()
        # A polling client's own disconnect waits for its pending GET, which the server
        # answers only at its next ping: closed from the server, with the client's HTTP
        # session closed under the GET (as tests/support/player.py does).
        await relay.sio.disconnect(polling.client.get_sid("/"))
        if polling.client.eio.http is not None:
            await polling.client.eio.http.close()


class SlowReader:
    """A raw Engine.IO WebSocket client that connects and then reads nothing until told."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        self.session = session
        self.url = url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
        self.ws: aiohttp.ClientWebSocketResponse

    async def connect(self) -> None:
        self.ws = await self.session.ws_connect(self.url, max_msg_size=0)
        opened = await self.ws.receive(timeout=10)
        assert opened.type == aiohttp.WSMsgType.TEXT and opened.data.startswith("0")
        await self.ws.send_bytes(sio_packet(0))
        reply = await self.ws.receive(timeout=10)
        assert msgpack.unpackb(reply.data)["type"] == 0

    async def read(self, count: int) -> list[int]:
        got: list[int] = []
        while len(got) < count:
            msg = await self.ws.receive(timeout=15)
            if msg.type == aiohttp.WSMsgType.TEXT:  # an Engine.IO ping: answer it
                if msg.data == "2":
                    await self.ws.send_str("3")
                continue
            assert msg.type == aiohttp.WSMsgType.BINARY, msg
            decoded = msgpack.unpackb(msg.data)
            if decoded.get("type") == 2 and decoded["data"][0] == "n":
                got.append(int(decoded["data"][1][0]))
        return got


async def test_a_slow_reader_is_queued_and_loses_nothing(relay: Relay) -> None:
    fast = await connected(relay.url, "websocket")
    async with aiohttp.ClientSession() as session:
        slow = SlowReader(session, relay.url)
        await slow.connect()
        await relay.members(2)
        slow_sid = next(
            eio_sid
            for _, eio_sid in relay.sio.manager.get_participants("/", GROUP)
            if relay.writer.connections.get(eio_sid) is not None
            and eio_sid != relay.sio.manager.eio_sid_from_sid(fast.client.get_sid("/"), "/")
        )
        transport = relay.writer.connections[slow_sid].transport
        filler = "x" * 30_000
        sent = 0
        # Until the slow reader's kernel buffers are full and its transport holds the rest
        # (bounded: 64 MB at most), then as many more messages as were sent before.
        while transport.get_write_buffer_size() <= transport.get_write_buffer_limits()[1]:
            assert sent < 2_000, "the slow reader's transport never filled"
            await send_to_group(relay.sio, "n", [sent, filler], GROUP)
            sent += 1
            await asyncio.sleep(0)
        queued = relay.writer.queued
        for _ in range(50):
            await send_to_group(relay.sio, "n", [sent, filler], GROUP)
            sent += 1
        assert relay.writer.queued - queued >= 50  # a paused transport is never written to
        assert relay.writer.connections[slow_sid].idle() is False
        await fast.until(sent)
        assert [n[0] if isinstance(n, list) else n for n in fast.seen] == list(range(sent))
        assert await asyncio.wait_for(slow.read(sent), 60) == list(range(sent))
        await slow.ws.close()
    await fast.client.disconnect()
