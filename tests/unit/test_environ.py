"""A request's environ keeps only what is read (``transport/environ.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import engineio
import socketio
from aiohttp.test_utils import make_mocked_request
from engineio.async_drivers import aiohttp as eio_aiohttp

from game_server.transport import environ as environ_module
from game_server.transport.addresses import AddressResolver
from game_server.transport.environ import KEPT, SESSION_ADDRESS, session, slim

OTHER_SERVERS = ("eventlet.", "gunicorn.", "wsgi.websocket", "asgi.", "tornado.", "sanic.")
"""Keys only other servers' environs have (python-engineio's drivers for them)."""

READ = (
    re.compile(r"environ(?:\.get\(|\[)\s*['\"]([^'\"]+)['\"]"),
    re.compile(r"['\"]([^'\"]+)['\"]\s+(?:not\s+)?in\s+environ\b"),
)


def keys_in(folder: Path, pattern: str) -> set[str]:
    return {
        key
        for path in folder.glob(pattern)
        for read in READ
        for key in read.findall(path.read_text("utf-8"))
    }


def keys_read(package: object) -> set[str]:
    folder = Path(str(getattr(package, "__file__", ""))).parent
    return {key for key in keys_in(folder, "**/*.py") if not key.startswith(OTHER_SERVERS)}


def test_every_key_the_libraries_read_is_kept() -> None:
    read = keys_read(engineio) | keys_read(socketio)
    assert "HTTP_UPGRADE" in read and "aiohttp.request" in read  # the search finds them
    assert read <= set(KEPT)


def test_every_key_we_read_is_kept() -> None:
    read = keys_in(Path(environ_module.__file__).parent, "*.py")
    assert "QUERY_STRING" in read  # the gateway's
    assert read <= set(KEPT)


def test_an_environ_is_slimmed_to_what_is_read() -> None:
    request = make_mocked_request(
        "GET",
        "/socket.io/?EIO=4&transport=websocket&room=ABC",
        headers={
            "Host": "example.org",
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Origin": "https://example.org",
            "User-Agent": "Mozilla/5.0",
            "Cookie": "a=b",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        },
    )
    full = eio_aiohttp.translate_request(request)
    slimmed = slim(full)
    assert "HTTP_USER_AGENT" in full and "wsgi.errors" in full
    assert set(slimmed) == set(KEPT) & set(full)
    assert {key: full[key] for key in slimmed} == slimmed
    assert slimmed["QUERY_STRING"] == "EIO=4&transport=websocket&room=ABC"
    assert slimmed["HTTP_UPGRADE"] == "websocket"
    assert slimmed["aiohttp.request"] is request
    assert "HTTP_USER_AGENT" not in slimmed and "HTTP_COOKIE" not in slimmed
    assert len(slimmed) < len(full) // 2


def test_a_session_keeps_the_query_and_the_address() -> None:
    request = make_mocked_request("GET", "/socket.io/?EIO=4&transport=polling&own=ack")
    kept = session(eio_aiohttp.translate_request(request), "203.0.113.7")
    assert kept == {
        "QUERY_STRING": "EIO=4&transport=polling&own=ack",
        SESSION_ADDRESS: "203.0.113.7",
    }
    assert AddressResolver().of_environ(kept) == "203.0.113.7"
