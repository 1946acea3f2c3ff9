"""What python-socketio keeps per session of a handshake's environ (``environ.session``):
the query string and the client's address, not the handshake's request.

A real server (the app, in this process, on a loopback port) and real python-socketio
clients: one that connects by long-polling and upgrades, as a browser does, and one that
opens a WebSocket at once. Both are still told their own updates in the acknowledgement
(``own=ack`` is read from the kept query string) and counted by their address.
"""

from __future__ import annotations

import gc
from pathlib import Path

import socketio
from aiohttp import web
from aiohttp.test_utils import TestServer

from game_server.config import Settings
from game_server.stores import SqliteStore
from game_server.transport.app import GATEWAY, build_app
from game_server.transport.environ import SESSION_ADDRESS


async def test_a_session_keeps_its_query_and_address_not_its_request(tmp_path: Path) -> None:
    app = build_app(Settings(data_dir=tmp_path), SqliteStore(tmp_path / "rooms.sqlite3"))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    gateway = app[GATEWAY]
    clients = [socketio.AsyncClient(serializer="msgpack") for _ in range(2)]
    try:
        url = str(server.make_url("/")).rstrip("/") + "?own=ack"
        await clients[0].connect(url, transports=["polling", "websocket"], wait_timeout=10)
        await clients[1].connect(url, transports=["websocket"], wait_timeout=10)
        # python-engineio's client upgrades before its connect returns.
        assert [client.transport() for client in clients] == ["websocket", "websocket"]
        sids = [client.get_sid("/") for client in clients]
        for sid in sids:
            kept = gateway.sio.get_environ(sid)
            assert kept == {"QUERY_STRING": kept["QUERY_STRING"], SESSION_ADDRESS: "127.0.0.1"}
            assert "own=ack" in kept["QUERY_STRING"]
            assert gateway.address(sid) == "127.0.0.1"
            assert gateway._wants_own_in_ack(sid)
        # The long-polling handshake's request is gone once it was answered.
        gc.collect()
        requests = [  # this test's: they all ask for own=ack
            o
            for o in gc.get_objects()
            if isinstance(o, web.BaseRequest) and o.query.get("own") == "ack"
        ]
        assert requests  # the WebSockets' own requests, held while they are open
        assert all(r.query.get("transport") == "websocket" for r in requests), [
            r.query for r in requests
        ]
    finally:
        for client in clients:
            await client.disconnect()
        await server.close()
