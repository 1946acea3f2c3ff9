"""The network edge over a real server process: where an address comes from, which host
names and origins are answered, the cap on connections per address, the security
headers, and what is logged when a client names a session the process does not know."""

from __future__ import annotations

import asyncio
import json
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import socketio

from game_server.config import Settings
from game_server.transport.app import static_dir
from tests.support.fixtures import ServerFactory
from tests.support.game import open_table
from tests.support.player import GameClient
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"
EVIL = "rebind.evil.example"


async def probe(url: str, **kwargs: Any) -> GameClient:
    client = GameClient(url, reconnection=False, **kwargs)
    await client.connect()
    return client


async def http_get(
    url: str, headers: dict[str, str] | None = None, local_address: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    connector = aiohttp.TCPConnector(local_addr=(local_address, 0) if local_address else None)
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.get(url, headers=headers or {}, allow_redirects=False) as response:
            return response.status, dict(response.headers), await response.read()


def handshake_url(server: ServerProcess, **query: str) -> str:
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    return f"{server.url}/socket.io/?EIO=4&transport=polling{extra}"


async def websocket_opens(server: ServerProcess, headers: dict[str, str]) -> bool:
    url = f"{server.url}/socket.io/?EIO=4&transport=websocket"
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, headers=headers) as ws:
                opened = await ws.receive(timeout=10)
                return opened.type == aiohttp.WSMsgType.TEXT and opened.data.startswith("0")
        except aiohttp.WSServerHandshakeError:
            return False


# -- item 1: the rate-limit address is the real request's --------------------------------------


async def test_a_client_cannot_choose_its_rate_limit_address(server: ServerProcess) -> None:
    """Connections that send an event named ``connect`` with a made-up ``REMOTE_ADDR``
    (the victim's) are still counted under their own address, and the victim is not."""
    table = await open_table(server.url, "schaal-5", [CARD], players=["Ann"])
    opened: list[GameClient] = []
    guesses = iter(range(10_000))
    try:
        assert table.player("Ann").token is not None
        limited = False
        for _ in range(12):
            client = await probe(server.url)
            opened.append(client)
            await client.sio.emit("connect", {"REMOTE_ADDR": "127.0.0.2"})
            for _ in range(10):
                token = f"p.guess{next(guesses)}.{'a' * 36}"
                reply = await client.enter(table.code, token, check=False)
                limited = limited or reply["error"]["code"] == "rate_limited"
        # 120 failures from 127.0.0.1: its own per-address limit (100) applied.
        assert limited, "the per-address limit never applied to the real address"
        victim = await probe(server.url, local_address="127.0.0.2")
        opened.append(victim)
        entered = await victim.enter(table.code, table.player("Ann").token or "")
        assert entered["ok"] is True
        assert not server.tracebacks()
    finally:
        for client in opened:
            await client.close()
        await table.close()


async def test_a_connect_event_that_is_not_a_map_is_harmless(server: ServerProcess) -> None:
    client = await probe(server.url)
    try:
        await client.sio.emit("connect", 5)
        await client.sio.emit("connect", {"REMOTE_ADDR": "198.51.100.7"})
        reply = await client.enter("ACDEFH", f"p.guess.{'a' * 36}", check=False)
        assert reply["error"]["code"] == "room_not_found"
        assert not server.tracebacks()
    finally:
        await client.close()


async def test_a_disconnect_event_does_not_reset_the_guessing_count(
    server: ServerProcess,
) -> None:
    client = await probe(server.url)
    try:
        for i in range(10):
            reply = await client.enter("ACDEFH", f"p.guess{i}.{'a' * 36}", check=False)
            assert reply["error"]["code"] == "room_not_found"
        await client.sio.emit("disconnect", "client namespace disconnect")
        reply = await client.enter("ACDEFH", f"p.again.{'a' * 36}", check=False)
        assert reply["error"]["code"] == "rate_limited"
    finally:
        await client.close()


# -- item 8: host names, origins, JSONP ---------------------------------------------------------


async def test_dns_rebinding_host_is_refused(server: ServerProcess) -> None:
    port = server.port
    evil = {"Host": f"{EVIL}:{port}", "Origin": f"http://{EVIL}:{port}"}
    status, _, body = await http_get(handshake_url(server), evil)
    assert status == 421, body
    assert not await websocket_opens(server, evil)
    # X-Forwarded-Host from a client that is not a trusted proxy counts for nothing.
    forwarded = {"X-Forwarded-Host": f"{EVIL}:{port}", "Origin": f"http://{EVIL}:{port}"}
    status, _, body = await http_get(handshake_url(server), forwarded)
    assert status == 400 and b"not an accepted origin" in body, (status, body)
    assert not await websocket_opens(server, forwarded)
    # The page itself is not served under a foreign name either; the health check is.
    assert (await http_get(f"{server.url}/", {"Host": EVIL}))[0] == 421
    assert (await http_get(f"{server.url}/healthz", {"Host": EVIL}))[0] == 200


async def test_the_names_the_server_answers_to(server_factory: ServerFactory) -> None:
    """localhost, IP addresses, the public URL's host and --allowed-host."""
    server = server_factory(
        extra_args=["--allowed-host", "game.example", "--public-url", "http://lk.example/"]
    )
    port = server.port
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"game.example:{port}", "lk.example"):
        own = {"Host": host, "Origin": f"http://{host}"}
        status, _, body = await http_get(handshake_url(server), own)
        assert status == 200 and body.startswith(b"0{"), (host, status, body)
        assert await websocket_opens(server, own), host
        # An allowed name with another origin is still refused.
        other = {"Host": host, "Origin": f"http://{EVIL}"}
        assert (await http_get(handshake_url(server), other))[0] == 400
    assert (await http_get(handshake_url(server), {"Host": "other.example"}))[0] == 421


async def test_jsonp_polling_is_off(server: ServerProcess) -> None:
    status, _, body = await http_get(handshake_url(server, j="0"))
    assert status == 400, body
    assert json.loads(body)["error"]["code"] == "bad_request"
    assert b"___eio" not in body


# -- item 9: connections per address --------------------------------------------------------------


async def test_connections_per_address_are_capped(server_factory: ServerFactory) -> None:
    server = server_factory(extra_args=["--max-connections-per-address", "3"])
    opened = [await probe(server.url) for _ in range(3)]
    try:
        status, _, body = await http_get(handshake_url(server))
        assert status == 429, body
        refusal = json.loads(body)["error"]
        assert refusal["code"] == "too_many_connections"
        assert "at most 3" in refusal["message"]
        refused = GameClient(server.url, reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await refused.connect()
        await refused.close()
        # Another address is not affected.
        other = await probe(server.url, local_address="127.0.0.2")
        opened.append(other)
        # A closed connection frees its place (the server notices the close by itself).
        await opened.pop(0).close()
        deadline = time.monotonic() + 30
        while (await http_get(handshake_url(server)))[0] == 429:
            assert time.monotonic() < deadline, "a closed connection never freed its place"
            await asyncio.sleep(0.1)
        assert "refused" in server.log_text()
    finally:
        for client in opened:
            await client.close()


async def test_simultaneous_handshakes_never_exceed_the_cap(
    server_factory: ServerFactory,
) -> None:
    server = server_factory(extra_args=["--max-connections-per-address", "2"])
    async with aiohttp.ClientSession() as session:

        async def handshake() -> int:
            async with session.get(handshake_url(server)) as response:
                await response.read()
                return response.status

        statuses = await asyncio.gather(*(handshake() for _ in range(30)))
    assert sorted(statuses)[:2] == [200, 200] and statuses.count(200) == 2, statuses
    assert set(statuses) <= {200, 401, 429}, statuses


async def test_a_classroom_behind_one_address_gets_in(server: ServerProcess) -> None:
    """The default cap leaves room for a few hundred connections from one address."""
    async with aiohttp.ClientSession() as session:

        async def handshake() -> int:
            async with session.get(handshake_url(server)) as response:
                await response.read()
                return response.status

        statuses = [await handshake() for _ in range(300)]
    assert statuses == [200] * 300


# -- item 7: security headers -------------------------------------------------------------------


class _Inline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.problems.append("a <script> without src")
        if tag == "style" or "style" in names:
            self.problems.append(f"inline style in <{tag}>")
        self.problems.extend(f"{name} on <{tag}>" for name in names if name.startswith("on"))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = tag != "script" and self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append("script text")


def built_client() -> Path:
    client = static_dir(Settings())
    assert client is not None, "build the web client first (scripts/install.sh)"
    return client


def test_the_built_page_has_no_inline_code() -> None:
    parser = _Inline()
    parser.feed((built_client() / "index.html").read_text(encoding="utf-8"))
    assert parser.problems == []


async def test_security_headers(server: ServerProcess) -> None:
    asset = next(p for p in (built_client() / "assets").iterdir() if p.suffix == ".js")
    for path in ("/", "/index.html", f"/assets/{asset.name}", "/api/content", "/healthz"):
        status, headers, _ = await http_get(f"{server.url}{path}")
        assert status == 200, path
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"
        banner = headers.get("Server", "")
        assert "Python" not in banner and "aiohttp" not in banner, banner
    # The Socket.IO endpoint too.
    status, headers, _ = await http_get(handshake_url(server))
    assert status == 200 and headers["X-Content-Type-Options"] == "nosniff"
    assert "aiohttp" not in headers.get("Server", "")


async def test_no_version_banner_on_requests_aiohttp_cannot_parse(
    server_factory: ServerFactory,
) -> None:
    # aiohttp logs each unparsable request with a traceback (aiohttp.server, not ours).
    server = server_factory(allow_tracebacks=True)
    for raw in (b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: y\r\n\r\n"):
        reader, writer = await asyncio.open_connection(server.host, server.port)
        writer.write(raw)
        head = await reader.readuntil(b"\r\n\r\n")
        writer.close()
        await writer.wait_closed()
        assert head.startswith(b"HTTP/1.0 400"), head
        assert b"aiohttp" not in head and b"Python" not in head, head


# -- operations: a session the process does not know ---------------------------------------------


async def test_an_unknown_session_is_logged_at_info(server: ServerProcess) -> None:
    """What a long-polling client sends after the process was killed and came back."""
    for _ in range(2):
        status, _, body = await http_get(handshake_url(server, sid="from-before-the-restart"))
        assert status == 400 and b"Invalid session" in body
    lines = [line for line in server.log_text().splitlines() if "Invalid session" in line]
    assert lines, "python-engineio no longer logs unknown sessions"
    assert any(" INFO " in line for line in lines), lines
    assert not any("ERROR" in line for line in lines), lines
