"""deploy/nginx.conf places a room's connections by the room code in their address.

Three real server processes (embedded stores: only where a connection lands is checked
here, not a game across them) behind the real nginx config on loopback. Every request
comes from 127.0.0.1, so before the room code was hashed every connection went to one
process; now each ``?room=`` keeps all its connections (and each long-polling session's
requests) on one process, different rooms spread over the processes, and a connection
without a room is still placed by its address.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.scale.nginx import local_nginx_conf, start_nginx
from tests.support.server import ServerProcess, free_port

ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
ROOMS = [ALPHABET[i : i + 6] for i in range(16)]
"""16 rooms: with three processes, the chance that consistent hashing puts all on one is
about 3 in 43 million."""


@pytest.fixture
def behind_nginx(
    server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> Iterator[tuple[str, list[ServerProcess]]]:
    servers = [server_factory() for _ in range(3)]
    port = free_port()
    conf = local_nginx_conf(tmp_path / "nginx", [f"127.0.0.1:{s.port}" for s in servers], port)
    process = start_nginx(conf, port)
    try:
        yield f"http://127.0.0.1:{port}", servers
    finally:
        process.terminate()
        process.wait(10)


def handshake(url: str, query: str = "") -> str:
    """Open a long-polling Engine.IO session through nginx; its session id."""
    address = f"{url}/socket.io/?EIO=4&transport=polling{query}"
    with urllib.request.urlopen(address, timeout=10) as answer:
        body = answer.read().decode()
    assert body.startswith("0"), body
    return str(json.loads(body[1:])["sid"])


def owner(servers: list[ServerProcess], sid: str, query: str) -> ServerProcess:
    """The process that knows session ``sid`` (asked directly, not through nginx)."""
    found = []
    for server in servers:
        # A POST of a pong: 200 "ok" where the session lives, 400 elsewhere.
        request = urllib.request.Request(
            f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}{query}",
            data=b"3",
            method="POST",
            headers={"Content-Type": "text/plain;charset=UTF-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                if answer.status == 200:
                    found.append(server)
        except urllib.error.HTTPError:
            pass
    assert len(found) == 1, sid
    return found[0]


def test_a_room_lives_on_one_process_and_rooms_spread(
    behind_nginx: tuple[str, list[ServerProcess]],
) -> None:
    url, servers = behind_nginx
    placed: dict[str, set[int]] = {}
    for code in ROOMS:
        query = f"&room={code}"
        for _ in range(3):
            sid = handshake(url, query)
            placed.setdefault(code, set()).add(owner(servers, sid, query).port)
    assert all(len(ports) == 1 for ports in placed.values()), placed
    assert len({next(iter(ports)) for ports in placed.values()}) >= 2, placed
    # Without a room code: by address, so all of 127.0.0.1 goes to one process.
    unplaced = {owner(servers, handshake(url), "").port for _ in range(4)}
    assert len(unplaced) == 1
