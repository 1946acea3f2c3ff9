"""Run the ``leerklimaat`` command line (``python -m game_server``) as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .server import REPO_ROOT

TIMEOUT = 120
"""Seconds; an export renders a PDF, which takes a few on a busy machine."""


def leerklimaat(
    *args: str | Path, check: bool = True, cwd: Path = REPO_ROOT
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m game_server ARGS``; with ``check``, it must succeed."""
    result = subprocess.run(
        [sys.executable, "-m", "game_server", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result
