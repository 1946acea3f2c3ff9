"""The deployment files: Dockerfile (hadolint), docker-compose.yml (docker-compose config,
which needs no Docker engine), deploy/nginx.conf (nginx -t, and nginx really proxying a
game over WebSocket and long-polling to three processes, one of which is killed)."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from game_server.stores.redis import RedisStore
from tests.scale.nginx import NGINX, local_nginx_conf, start_nginx
from tests.support.game import open_table
from tests.support.player import GameClient
from tests.support.server import ServerProcess, free_port

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[2]


def tool(name: str) -> str:
    """A tool the test extras or scripts/test.sh install (next to python, or on PATH)."""
    found = shutil.which(
        name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    )
    assert found, f"{name} is not installed: run scripts/test.sh (or pip install -e '.[test]')"
    return found


# -- Dockerfile --------------------------------------------------------------------------------


def test_dockerfile_passes_hadolint() -> None:
    result = subprocess.run(
        [tool("hadolint"), "--no-color", str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_builds_the_client_runs_as_non_root_and_checks_health() -> None:
    text = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", text, flags=re.M)
    assert stages[0].startswith("node:20"), stages
    assert stages[-1].startswith("python:3.11"), stages
    assert "npm ci" in text and "npm run build" in text
    assert "pip wheel" in text  # setup.py copies content and the built client into the wheel
    user = re.findall(r"^USER (\S+)", text, flags=re.M)
    assert user and not user[-1].startswith(("root", "0")), user
    assert re.search(r"^HEALTHCHECK .*\n?.*/healthz", text, flags=re.M)
    assert '"leerklimaat", "serve"' in text
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".venv", "web_client/node_modules", "web_client/dist", "data"):
        assert path in ignored, f"{path} would be sent into the image's build context"


# -- docker-compose.yml ---------------------------------------------------------------------------


def test_compose_file_is_valid_and_has_the_documented_shape() -> None:
    result = subprocess.run(
        [tool("docker-compose"), "-f", str(ROOT / "docker-compose.yml"), "config"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    config = YAML(typ="safe").load(result.stdout)
    services = config["services"]
    redis_command = services["redis"]["command"]
    assert redis_command[redis_command.index("--appendonly") + 1] == "yes"
    assert redis_command[redis_command.index("--appendfsync") + 1] == "always"
    assert redis_command[redis_command.index("--maxmemory-policy") + 1] == "noeviction"
    assert "redis-data" in config["volumes"]
    servers = [name for name in services if name.startswith("server")]
    assert len(servers) == 3
    for name in servers:
        command = services[name]["command"]
        assert command[:2] == ["leerklimaat", "serve"]
        assert command[command.index("--redis-url") + 1] == "redis://redis:6379/0"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    # The servers believe X-Forwarded-For from nginx, and only from nginx.
    nginx_address = services["nginx"]["networks"]["backend"]["ipv4_address"]
    for name in servers:
        trusted = services[name]["environment"]["LEERKLIMAAT_TRUSTED_PROXIES"]
        assert trusted.split(",") == [nginx_address], (name, trusted)
    nginx_conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in nginx_conf
    for name in servers:
        assert f"server {name}:8080" in nginx_conf
    assert any(p["target"] == 8080 for p in services["nginx"]["ports"])


# -- deploy/nginx.conf ---------------------------------------------------------------------


def test_nginx_accepts_the_config(tmp_path: Path) -> None:
    conf = local_nginx_conf(tmp_path / "nginx", ["127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"], 9)
    result = subprocess.run(
        [NGINX, "-t", "-q", "-e", "stderr", "-p", str(conf.parent), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    text = conf.read_text()
    assert "ip_hash;" in text  # long-polling needs sticky sessions
    assert "proxy_set_header Upgrade $http_upgrade;" in text


@pytest.fixture
def nginx_in_front(cluster: list[ServerProcess], tmp_path: Path) -> Iterator[str]:
    port = free_port()
    conf = local_nginx_conf(tmp_path / "nginx", [f"127.0.0.1:{s.port}" for s in cluster], port)
    process = start_nginx(conf, port)
    url = f"http://127.0.0.1:{port}"
    try:
        yield url
    finally:
        process.terminate()
        process.wait(10)


def serving(cluster: list[ServerProcess]) -> list[ServerProcess]:
    return [s for s in cluster if s.running and s.health()["connections"] > 0]


async def test_a_game_through_nginx_survives_the_loss_of_its_process(
    cluster: list[ServerProcess], nginx_in_front: str, redis_store: RedisStore
) -> None:
    url = nginx_in_front
    table = await open_table(
        url, "schaal-5", ["leerklimaat/veiligheid"], players=["Ann", "Bas"], projector=True
    )
    polling = await GameClient.connected(url, transports=["polling"], name="Cas")
    try:
        await polling.join(table.code, "Cas")
        table.extra.append(polling)
        assert table.fac.transport == "websocket"  # the upgrade passed through nginx
        assert polling.transport == "polling"  # and long-polling stays on one process
        await table.fac.do("start")
        await table.fac.do("next_step")
        for player in (*table.players, polling):
            await player.do("add_post_it", colour="green", text=f"{player.name} was hier")
        (victim,) = serving(cluster)  # ip_hash: one address, one process
        await victim.akill()

        # Every client reconnects through nginx, which sends it to a process still up.
        def back_in(c: GameClient) -> bool:
            return c.resumes >= 1 and c.connected_now and not c._resuming

        await asyncio.gather(*(c.wait_until(back_in, 30) for c in table.clients))
        for player in (*table.players, polling):
            await player.do("place_pawn", position={"square": 4})
        await table.settle()
        assert serving(cluster) and victim not in serving(cluster)
        await table.assert_views_match_fresh_enter()
        entries = await redis_store.load(table.code)
        assert entries[-1].version == table.fac.version
        assert table.fac.view is not None
        texts = sorted(p["text"] for p in table.fac.view["post_its"].values())
        assert texts == ["Ann was hier", "Bas was hier", "Cas was hier"]
    finally:
        await table.close()
