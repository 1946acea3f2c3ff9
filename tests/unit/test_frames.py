"""The Engine.IO frame guard: what it refuses, and the library internals it relies on.

``game_server/transport/frames.py`` replaces two entries of python-engineio's driver
table and hands checked polling bodies to python-engineio through ``wsgi.input``. If a
new python-engineio release changes any of that, these tests fail before the guard
silently stops guarding.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import engineio
import pytest
import socketio
from engineio import async_socket
from engineio.async_drivers import aiohttp as eio_aiohttp

from game_server.config import Settings
from game_server.stores import SqliteStore
from game_server.transport.app import GATEWAY, build_app
from game_server.transport.frames import (
    MAX_FRAME_BYTES,
    BadFrame,
    GuardedWebSocket,
    body_problem,
    packet_problem,
)
from game_server.transport.wire import MALFORMED, MAX_PACKET_BYTES, WirePacket


@pytest.mark.parametrize("text", ["3", "5", "1", "4text", "bAAE="])
def test_frames_a_client_sends_pass(text: str) -> None:
    assert packet_problem(text) is None
    assert packet_problem(text, websocket=True) is None


@pytest.mark.parametrize("text", ["", "x", "0", "0{}", "2", "6", "7", "9", "bZZZ!", "{}"])
def test_other_frames_are_refused(text: str) -> None:
    assert packet_problem(text)
    assert packet_problem(text, websocket=True)


def test_the_upgrade_probe_only_over_a_websocket() -> None:
    assert packet_problem("2probe", websocket=True) is None
    assert packet_problem("2probe")


def test_polling_bodies() -> None:
    assert body_problem(b"") is None
    assert body_problem(b"bAAE=\x1e3") is None
    assert body_problem(b"\xff") == "long-polling body is not UTF-8"
    assert body_problem(b"\x1e".join([b"3"] * 17))
    assert body_problem(b"3\x1e") == "empty Engine.IO packet"


def test_a_bad_frame_becomes_a_malformed_packet_with_its_problem() -> None:
    pkt = WirePacket(encoded_packet=BadFrame("empty Engine.IO packet"))
    assert pkt.data == [MALFORMED, "empty Engine.IO packet"]


def test_the_transport_reads_more_than_one_packet() -> None:
    # A polling body carries a packet base64-encoded (4/3 larger), and up to 16 packets.
    assert MAX_FRAME_BYTES >= MAX_PACKET_BYTES * 4 // 3 + 4


def test_the_engineio_internals_the_guard_relies_on(tmp_path: Path) -> None:
    table = eio_aiohttp._async
    assert {"translate_request", "websocket"} <= set(table)
    assert table["websocket"] is eio_aiohttp.WebSocket
    assert inspect.iscoroutinefunction(GuardedWebSocket.wait)
    # python-engineio awaits an async translate_request, and reads a POST body from
    # environ["wsgi.input"] with CONTENT_LENGTH.
    handle_request = inspect.getsource(engineio.AsyncServer.handle_request)
    assert "inspect.iscoroutinefunction(translate_request)" in handle_request
    post = inspect.getsource(async_socket.AsyncSocket.handle_post_request)
    assert "environ.get('CONTENT_LENGTH'" in post and "environ['wsgi.input'].read" in post
    # Our server's own table is guarded, the module's is left alone.
    app = build_app(Settings(data_dir=tmp_path), SqliteStore(tmp_path / "rooms.sqlite3"))
    sio: socketio.AsyncServer = app[GATEWAY].sio
    # direct.py wraps the guarded WebSocket driver to write broadcasts to idle connections.
    assert sio.eio._async["websocket"].wraps is GuardedWebSocket
    assert sio.eio._async["translate_request"] is not table["translate_request"]
    assert table["websocket"] is eio_aiohttp.WebSocket
    assert sio.eio.max_http_buffer_size == MAX_FRAME_BYTES


def test_the_socketio_internals_the_server_relies_on() -> None:
    # GameSocketServer drops the messages of a closed session before python-socketio
    # looks its environ up; both must still be where they were.
    source = inspect.getsource(socketio.AsyncServer._handle_eio_message)
    assert "_handle_connect(eio_sid" in source
    connect = inspect.getsource(socketio.AsyncServer._handle_connect)
    assert "self.environ[eio_sid]" in connect
    assert "self.eio.on('message', self._handle_eio_message)" in inspect.getsource(
        socketio.base_server.BaseServer.__init__
    )
