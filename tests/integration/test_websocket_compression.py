"""Websockets are opened without permessage-deflate, even when the client offers it.

Every browser offers the extension; accepted, it costs each connection a zlib compressor
and decompressor for its whole life (130-250 KB of server memory per connection, measured
with ``python -m bench.connection_memory --browser``). The app refuses the offer and the
connection works as before, on both ways a client reaches the websocket. It is refused
where the WebSocket response is made (``frames.GuardedWebSocket.__call__``, python-engineio's
driver's own with ``compress=False``), so a change of that driver fails here.
"""

from __future__ import annotations

import inspect
import json
import textwrap
from pathlib import Path

import msgpack
from aiohttp import ClientWebSocketResponse, WSMsgType
from aiohttp.test_utils import TestClient, TestServer
from engineio.async_drivers import aiohttp as eio_aiohttp

from game_server.config import Settings
from game_server.stores import SqliteStore
from game_server.transport.app import build_app

DRIVER_CALL = """\
async def __call__(self, environ):
    request = environ['aiohttp.request']
    self._sock = WebSocketResponse(
        max_msg_size=self.server.max_http_buffer_size)
    await self._sock.prepare(request)

    self.environ = environ
    await self.handler(self)
    return self._sock
"""
"""python-engineio's aiohttp driver's ``WebSocket.__call__``, which ours repeats with
``compress=False``: if the library's changes, ours has to follow."""


def test_the_driver_call_ours_repeats_is_unchanged() -> None:
    assert textwrap.dedent(inspect.getsource(eio_aiohttp.WebSocket.__call__)) == DRIVER_CALL


async def _client(tmp_path: Path) -> TestClient:
    app = build_app(Settings(), SqliteStore(tmp_path / "rooms.sqlite3"))
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    return client


async def _socketio_connects(ws: ClientWebSocketResponse) -> None:
    """The Socket.IO handshake (msgpack packets) works over the websocket."""
    await ws.send_bytes(msgpack.packb({"type": 0, "nsp": "/"}))
    message = await ws.receive(timeout=5)
    while message.type == WSMsgType.TEXT and message.data == "6":  # the upgrade's noop
        message = await ws.receive(timeout=5)
    assert message.type == WSMsgType.BINARY
    packet = msgpack.unpackb(message.data)
    assert packet["type"] == 0
    assert packet["data"]["sid"]


async def test_a_direct_websocket_refuses_compression(tmp_path: Path) -> None:
    client = await _client(tmp_path)
    try:
        origin = str(client.make_url("/")).rstrip("/")
        ws = await client.ws_connect(
            "/socket.io/",
            params={"EIO": "4", "transport": "websocket"},
            compress=15,
            headers={"Origin": origin},
        )
        assert ws.compress == 0
        opening = await ws.receive_str(timeout=5)
        assert opening.startswith("0")
        await _socketio_connects(ws)
        await ws.close()
    finally:
        await client.close()


async def test_the_browser_upgrade_from_polling_refuses_compression(tmp_path: Path) -> None:
    client = await _client(tmp_path)
    try:
        origin = str(client.make_url("/")).rstrip("/")
        response = await client.get(
            "/socket.io/", params={"EIO": "4", "transport": "polling"}, headers={"Origin": origin}
        )
        assert response.status == 200
        opening = await response.text()
        assert opening.startswith("0")
        sid = json.loads(opening[1:])["sid"]
        ws = await client.ws_connect(
            "/socket.io/",
            params={"EIO": "4", "transport": "websocket", "sid": sid},
            compress=15,
            headers={"Origin": origin},
        )
        assert ws.compress == 0
        await ws.send_str("2probe")
        assert await ws.receive_str(timeout=5) == "3probe"
        await ws.send_str("5")  # upgrade
        await _socketio_connects(ws)
        await ws.close()
    finally:
        await client.close()


async def test_a_foreign_origin_is_still_refused(tmp_path: Path) -> None:
    client = await _client(tmp_path)
    try:
        response = await client.get(
            "/socket.io/",
            params={"EIO": "4", "transport": "websocket"},
            headers={
                "Origin": "http://elsewhere.example",
                "Upgrade": "websocket",
                "Connection": "Upgrade",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
            },
        )
        assert response.status == 400
    finally:
        await client.close()
