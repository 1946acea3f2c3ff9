"""deploy/nginx.conf run for real on loopback, in front of local server processes."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.support.server import REPO_ROOT

NGINX = "/usr/sbin/nginx"


def local_nginx_conf(directory: Path, backends: list[str], port: int) -> Path:
    """deploy/nginx.conf with the compose host names replaced by loopback processes."""
    text = (REPO_ROOT / "deploy" / "nginx.conf").read_text()
    for index, backend in enumerate(backends, start=1):
        text, count = re.subn(rf"server server{index}:8080", f"server {backend}", text)
        assert count == 1, f"no upstream server{index} in deploy/nginx.conf"
    text, count = re.subn(r"listen 8080;", f"listen 127.0.0.1:{port};", text)
    assert count == 1
    directory.mkdir(parents=True, exist_ok=True)
    os.chmod(directory, 0o777)  # nginx's workers (nobody when started as root) write here
    text = text.replace("/tmp/", f"{directory}/")
    path = directory / "nginx.conf"
    path.write_text(text)
    return path


def start_nginx(conf: Path, port: int) -> subprocess.Popen[bytes]:
    """nginx on ``conf`` (listening on ``port``), once it answers /healthz; the caller
    terminates it."""
    process = subprocess.Popen(
        [NGINX, "-e", "stderr", "-p", str(conf.parent), "-c", str(conf), "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        if process.poll() is not None:
            raise RuntimeError("nginx exited")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return process
        time.sleep(0.05)  # polling is the only way to see another process listen
    process.terminate()
    process.wait(10)
    raise TimeoutError("nginx did not answer")
