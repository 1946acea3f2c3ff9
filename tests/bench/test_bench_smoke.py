"""The benchmark runs end to end: a tiny step against our server and the bare relay.

No timing is asserted (CI machines vary); only that both targets complete the step with
every update delivered exactly once, and that the table, JSON and plot are produced.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_tiny_step_against_ours_and_the_relay(tmp_path: Path) -> None:
    out = tmp_path / "bench"
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--steps", "20", "--duration", "10", "--out", str(out)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]

    document = json.loads((out / "results.json").read_text())
    steps = {step["target"]: step for step in document["steps"]}
    assert set(steps) == {"ours", "relay"}
    for target, step in steps.items():
        assert "error" not in step, (target, step)
        assert step["players"] == 24 and step["rooms"] == 3, (target, step)
        assert step["connected"] == step["connections"] == 27, (target, step)
        assert step["commands"] > 0 and step["versions"] > 0, (target, step)
        assert step["lost"] == 0, (target, step["lost"], step["errors"])
        assert step["duplicates"] == 0, (target, step["duplicates"], step["errors"])
        assert step["ack_ms"]["n"] == step["commands"], (target, step)
        # Every game command reaches the 8 other members of its room.
        assert step["fanout_ms"]["n"] == 8 * step["commands"], (target, step)
        assert step["server_tracebacks"] == 0, target
    assert document["ratios_to_relay"][0]["target"] == "ours"
    assert document["machine"]["cores"] >= 1

    assert "fan-out p50/p95/p99/max ms" in completed.stdout
    assert "ours / relay at the same number of players" in completed.stdout
    assert (out / "fanout_p99.png").stat().st_size > 0
