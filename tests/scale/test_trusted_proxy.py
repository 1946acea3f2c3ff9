"""Behind the shipped nginx (deploy/nginx.conf) the per-address guessing limit counts each
client address, not nginx's: with ``--trusted-proxy`` the server reads X-Forwarded-For
from nginx, and from nobody else.

Several client addresses come from loopback source addresses (127.0.0.2, 127.0.0.3, ...),
each of which looks like another laptop to nginx.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path

import pytest

from tests.scale.nginx import local_nginx_conf, start_nginx
from tests.support.fixtures import ServerFactory
from tests.support.game import Table, open_table
from tests.support.player import GameClient
from tests.support.server import ServerProcess, free_port

CARD = "leerklimaat/veiligheid"
Nginx = Callable[[ServerProcess], str]
_guesses = count()


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[Nginx]:
    """Start deploy/nginx.conf in front of one server process (all three upstreams)."""
    started: list[subprocess.Popen[bytes]] = []

    def start(server: ServerProcess) -> str:
        port = free_port()
        backend = f"127.0.0.1:{server.port}"
        conf = local_nginx_conf(tmp_path / f"nginx{len(started)}", [backend] * 3, port)
        started.append(start_nginx(conf, port))
        return f"http://127.0.0.1:{port}"

    yield start
    for process in started:
        process.terminate()
        process.wait(10)


async def guess_until_limited(
    url: str, table: Table, address: str, spoof: bool = False, within: int = 12
) -> list[GameClient]:
    """Connections from ``address`` each guess tokens (10 per connection is the
    per-connection limit) until one is answered ``rate_limited``; returns them to close."""
    opened: list[GameClient] = []
    for _ in range(within):
        headers = {"X-Forwarded-For": f"198.51.100.{next(_guesses) % 250}"} if spoof else {}
        client = GameClient(url, reconnection=False, local_address=address, headers=headers)
        opened.append(client)
        await client.connect()
        for _ in range(10):
            token = f"p.guess{next(_guesses)}.{'a' * 36}"
            reply = await client.enter(table.code, token, check=False)
            if reply["error"]["code"] == "rate_limited":
                return opened
            assert reply["error"]["code"] == "bad_token", reply
    raise AssertionError(f"{address} was never rate limited")


async def enter_from(url: str, table: Table, address: str) -> dict[str, object]:
    client = GameClient(url, reconnection=False, local_address=address)
    try:
        await client.connect()
        token = table.player("Ann").token
        assert token is not None
        reply: dict[str, object] = await client.enter(table.code, token, check=False)
        return reply
    finally:
        await client.close()


async def test_behind_nginx_one_address_cannot_lock_out_another(
    server_factory: ServerFactory, nginx: Nginx
) -> None:
    server = server_factory(extra_args=["--trusted-proxy", "127.0.0.1"])
    url = nginx(server)
    table = await open_table(url, "schaal-5", [CARD], players=["Ann"])
    opened: list[GameClient] = []
    try:
        # 100 failed guesses from 127.0.0.2, each connection claiming another address in
        # its own X-Forwarded-For: nginx appends the real one, and that one is counted.
        opened += await guess_until_limited(url, table, "127.0.0.2", spoof=True)
        assert (await enter_from(url, table, "127.0.0.2"))["ok"] is False
        # Another laptop through the same nginx gets in.
        entered = await enter_from(url, table, "127.0.0.3")
        assert entered["ok"] is True, entered
        # And directly, a client that is not the proxy cannot pick its address: its
        # X-Forwarded-For is ignored, so all its connections count as 127.0.0.4.
        opened += await guess_until_limited(server.url, table, "127.0.0.4", spoof=True)
        assert (await enter_from(server.url, table, "127.0.0.5"))["ok"] is True
    finally:
        for client in opened:
            await client.close()
        await table.close()


async def test_without_the_option_forwarded_for_is_ignored(
    server_factory: ServerFactory, nginx: Nginx
) -> None:
    """Without ``--trusted-proxy`` nobody's X-Forwarded-For is believed: behind nginx
    every client is nginx's address (which is why the compose file sets the option)."""
    server = server_factory()
    url = nginx(server)
    table = await open_table(url, "schaal-5", [CARD], players=["Ann"])
    opened: list[GameClient] = []
    try:
        opened += await guess_until_limited(server.url, table, "127.0.0.2", spoof=True)
        assert (await enter_from(server.url, table, "127.0.0.2"))["ok"] is False
        assert (await enter_from(server.url, table, "127.0.0.3"))["ok"] is True
        # Through nginx everyone is 127.0.0.1: the address it connects from.
        opened += await guess_until_limited(url, table, "127.0.0.6")
        assert (await enter_from(url, table, "127.0.0.7"))["ok"] is False
    finally:
        for client in opened:
            await client.close()
        await table.close()
