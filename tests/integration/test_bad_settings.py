"""The server refuses to start on a bad setting, with a message that says which one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.server import REPO_ROOT

SERVE = [sys.executable, "-m", "game_server", "serve", "--port", "0"]


def test_a_bad_trusted_proxy_stops_the_server_with_a_clear_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [*SERVE, "--data-dir", str(tmp_path), "--trusted-proxy", "10.0.0.0/8,not-an-address"],
        capture_output=True,
        env={**os.environ, "COLUMNS": "300"},
        text=True,
        timeout=60,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 2
    assert "'not-an-address' is not an IP address or network" in result.stderr
