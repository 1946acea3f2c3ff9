"""A rolling upgrade seen from the browser: the process serving a player's page is stopped
with SIGTERM behind nginx; it drains and closes the page's connection, and the page
reconnects by itself (web_client/src/state/session.ts), through nginx to another process,
and goes on: it sees a player who joins afterwards and its own post-it is stored."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bots import Bots
from browser_steps import add_post_it, join, wait_phase
from conftest import Server
from playwright.sync_api import expect

from tests.scale.nginx import local_nginx_conf, start_nginx
from tests.scale.redis_server import RedisServer
from tests.support.server import free_port

pytestmark = [pytest.mark.browser, pytest.mark.redis]


def connections(server: Server) -> int:
    with urllib.request.urlopen(f"{server.url}/healthz", timeout=5) as reply:
        return int(json.loads(reply.read())["connections"])


@pytest.fixture
def behind_nginx(built_client: Path, tmp_path: Path) -> Iterator[tuple[str, list[Server]]]:
    redis = RedisServer(tmp_path / "redis")
    redis.start()
    servers: list[Server] = []
    nginx = None
    try:
        for i in range(3):
            (tmp_path / f"s{i}").mkdir()
            servers.append(Server(tmp_path / f"s{i}", "--redis-url", redis.url))
        port = free_port()
        conf = local_nginx_conf(tmp_path / "nginx", [f"127.0.0.1:{s.port}" for s in servers], port)
        nginx = start_nginx(conf, port)
        yield f"http://127.0.0.1:{port}", servers
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(10)
        for server in servers:
            if server.process.poll() is None:
                server.stop()
        redis.stop()


def test_the_page_reconnects_elsewhere_when_its_process_drains(
    behind_nginx: tuple[str, list[Server]], new_context: Any
) -> None:
    url, servers = behind_nginx
    bots = Bots(url)
    try:
        fac, created = bots.create_room("schaal-5", ["leerklimaat/veiligheid"])
        code = created["code"]
        dialogs: list[str] = []
        # nginx hashes a page's connection on its room code (?room=), a client without one
        # on its address: the page's process is the one its connection was added to.
        alone = {s.port: connections(s) for s in servers}
        anna = join(new_context(1366, 768), url, code, "Anna", dialogs)
        bots.do(fac, "start")
        assert fac.view is not None
        writing = fac.view["phase"]
        expect(anna.get_by_test_id("composer")).to_be_visible()
        before = anna.evaluate("window.__leerklimaat.socket.id")
        (victim,) = [s for s in servers if connections(s) > alone[s.port]]

        victim.process.terminate()  # SIGTERM: drain
        assert victim.process.wait(30) == 0, victim.log.read_text()[-3000:]
        assert "draining: asking" in victim.log.read_text()

        # The page comes back by itself, on another process, with a new connection.
        anna.wait_for_function(
            "id => window.__leerklimaat.status === 'online'"
            " && window.__leerklimaat.socket.id && window.__leerklimaat.socket.id !== id",
            arg=before,
            timeout=30_000,
        )
        # A move made afterwards, through another process, reaches the page.
        bots.do(fac, "next_step")
        assert fac.view is not None
        wait_phase([anna], fac.view["phase"])
        bots.do(fac, "back_step")
        wait_phase([anna], writing)
        expect(anna.get_by_test_id("composer")).to_be_visible()
        add_post_it(anna, "green", "na de herstart")
        bots.run(fac.wait_until(lambda c: "na de herstart" in json.dumps(c.view), 30))
        assert dialogs == []
        assert any(connections(s) > 0 for s in servers if s is not victim)
    finally:
        bots.close()
