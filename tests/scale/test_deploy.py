"""The deployment files: Dockerfile (hadolint), docker-compose.yml (docker-compose config,
which needs no Docker engine), deploy/nginx.conf (nginx -t, and nginx really proxying a
game over WebSocket and long-polling to three processes, one of which is killed)."""

from __future__ import annotations

import asyncio
import configparser
import contextlib
import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
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
        assert "/readyz" in " ".join(services[name]["healthcheck"]["test"])
        assert services["nginx"]["depends_on"][name]["condition"] == "service_healthy"
        assert services[name]["environment"]["LEERKLIMAAT_PUBLIC_URL"].startswith("http")
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
    assert "hash $sticky_key consistent;" in text  # long-polling needs sticky sessions
    assert "default room:$arg_room;" in text and '""      $remote_addr;' in text
    assert "ip_hash;" not in text
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


def upstream_of(port: int, source: str) -> str:
    """Which backend nginx sends a request from the loopback address ``source`` to."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request("GET", "/api/info")
        response = connection.getresponse()
        response.read()
        assert response.status == 200
        return str(response.getheader("X-Test-Upstream"))
    finally:
        connection.close()


def test_addresses_of_one_network_are_spread_over_the_processes_and_stay_put(
    server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    """ip_hash hashes only the first three octets, so a whole office network (one /24)
    landed on one process; the full address is hashed now, each one sticking to its
    process."""
    backends = [server_factory() for _ in range(3)]
    port = free_port()
    conf = local_nginx_conf(tmp_path / "nginx", [f"127.0.0.1:{s.port}" for s in backends], port)
    # Test-only: let the answer say which backend served it.
    text = conf.read_text().replace(
        "location / {", "location / {\n            add_header X-Test-Upstream $upstream_addr;"
    )
    conf.write_text(text)
    process = subprocess.Popen(
        [NGINX, "-e", "stderr", "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(200):
            assert process.poll() is None, "nginx exited"
            with contextlib.suppress(OSError):
                upstream_of(port, "127.0.0.1")
                break
            time.sleep(0.05)  # polling is the only way to see another process listen
        sources = [f"127.0.0.{i}" for i in range(2, 42)]
        first = {source: upstream_of(port, source) for source in sources}
        assert len(set(first.values())) == 3, first
        assert {source: upstream_of(port, source) for source in sources} == first
        # A browser's Socket.IO handshake through nginx is accepted as same-origin: the
        # /socket.io/ location passes the browser's Host on too.
        origin = f"http://127.0.0.1:{port}"
        handshake = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        handshake.request("GET", "/socket.io/?EIO=4&transport=polling", headers={"Origin": origin})
        answer = handshake.getresponse()
        assert answer.status == 200, answer.read()
        assert answer.getheader("Access-Control-Allow-Origin") == origin
        handshake.close()
    finally:
        process.terminate()
        process.wait(10)


# -- the TLS site, the systemd unit, serve --help ---------------------------------------------


def site_conf(directory: Path, backend: str, http_port: int, https_port: int) -> Path:
    """deploy/nginx-site.conf inside a minimal nginx.conf, on free ports, with a throwaway
    self-signed certificate and ``backend`` as its only process."""
    directory.mkdir(parents=True, exist_ok=True)
    os.chmod(directory, 0o777)
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=leerklimaat.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site = (ROOT / "deploy" / "nginx-site.conf").read_text()
    site = re.sub(r"/etc/letsencrypt/live/\S+/fullchain\.pem", str(cert), site)
    site = re.sub(r"/etc/letsencrypt/live/\S+/privkey\.pem", str(key), site)
    site = re.sub(r"server 127\.0\.0\.1:808[23] .*\n", "", site)
    site = site.replace("server 127.0.0.1:8081", f"server {backend}")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = re.sub(r"listen \[::\]:\d+( ssl)?;\n", "", site)
    (directory / "site.conf").write_text(site)
    conf = directory / "nginx.conf"
    conf.write_text(
        f"pid {directory}/nginx.pid;\nerror_log stderr warn;\nevents {{}}\n"
        f"http {{\n    access_log off;\n    client_body_temp_path {directory}/body;\n"
        f"    proxy_temp_path {directory}/proxy;\n    fastcgi_temp_path {directory}/fcgi;\n"
        f"    uwsgi_temp_path {directory}/uwsgi;\n    scgi_temp_path {directory}/scgi;\n"
        f"    include {directory}/site.conf;\n}}\n"
    )
    return conf


def test_the_tls_site_redirects_to_https_and_proxies_with_the_scheme(
    server_factory: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    server = server_factory(extra_args=["--public-url", "https://leerklimaat.example.org/"])
    http_port, https_port = free_port(), free_port()
    conf = site_conf(tmp_path / "site", f"127.0.0.1:{server.port}", http_port, https_port)
    check = subprocess.run(
        [NGINX, "-t", "-q", "-e", "stderr", "-p", str(conf.parent), "-c", str(conf)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(
        [NGINX, "-e", "stderr", "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
        for _ in range(200):
            assert process.poll() is None, "nginx exited"
            try:
                plain.request("GET", "/join/KMP47X", headers={"Host": "leerklimaat.example.org"})
                break
            except OSError:
                plain.close()
                time.sleep(0.05)  # polling is the only way to see another process listen
        redirect = plain.getresponse()
        assert redirect.status == 301
        assert redirect.getheader("Location") == "https://leerklimaat.example.org/join/KMP47X"
        plain.close()

        context = ssl.create_default_context(cafile=str(conf.parent / "cert.pem"))
        context.check_hostname = False
        secure = http.client.HTTPSConnection("127.0.0.1", https_port, timeout=10, context=context)
        secure.request("GET", "/api/info", headers={"Host": "leerklimaat.example.org"})
        answer = secure.getresponse()
        assert answer.status == 200
        assert json.loads(answer.read()) == {"public_url": "https://leerklimaat.example.org/"}
        secure.close()
    finally:
        process.terminate()
        process.wait(10)


def serve_options() -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "game_server", "serve", "--help"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "COLUMNS": "200", "TERM": "dumb"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return set(re.findall(r"(--[a-z][a-z-]+)", result.stdout))


def test_the_systemd_unit_restarts_always_and_uses_real_options() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(ROOT / "deploy" / "leerklimaat@.service")
    service = unit["Service"]
    assert service["Restart"] == "always"
    assert service["KillSignal"] == "SIGTERM"
    command = service["ExecStart"].split()
    assert command[1:3] == ["serve", "--host"] and command[3] == "127.0.0.1"
    used = {word for word in command if word.startswith("--")}
    assert used <= serve_options(), used - serve_options()
    assert "LEERKLIMAAT_PUBLIC_URL" in (ROOT / "deploy" / "leerklimaat@.service").read_text()


def test_serve_help_names_both_stores() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "game_server", "serve", "--help"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "COLUMNS": "200", "TERM": "dumb"},
    )  # fmt: skip
    assert "on the embedded store" not in result.stdout
    assert "--redis-url" in result.stdout and "SQLite" in result.stdout
