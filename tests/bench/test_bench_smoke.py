"""The benchmark runs end to end: a tiny step against our server and the bare relay.

No timing is asserted (CI machines vary); only that the interleaved runs of both targets
complete the step (open loop: commands on a timetable) with every update delivered exactly
once and in order, and that the table, the medians, the JSON and the plot are produced.
Loopback only; bounded by the benchmark's own budget and by the subprocess timeout.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_tiny_step_against_ours_and_the_relay(tmp_path: Path) -> None:
    out = tmp_path / "bench"
    command = [sys.executable, "-m", "bench", "--steps", "20", "--duration", "6"]
    command += ["--runs", "2", "--budget", "200", "--out", str(out)]
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]

    document = json.loads((out / "results.json").read_text())
    # Interleaved: ours, relay, ours, relay.
    assert [(s["target"], s["run"]) for s in document["steps"]] == [
        ("ours", 1),
        ("relay", 1),
        ("ours", 2),
        ("relay", 2),
    ]
    for step in document["steps"]:
        target = step["target"]
        assert "error" not in step, (target, step)
        assert step["mode"] == "open", (target, step)
        assert step["players"] == 24 and step["rooms"] == 3, (target, step)
        assert step["connected"] == step["connections"] == 27, (target, step)
        assert step["offered"] > 0 and step["commands"] > 0, (target, step)
        assert step["commands"] + step["refused"] + step["unacked"] == step["offered"], step
        assert step["lost"] == 0, (target, step["lost"], step["errors"])
        assert step["duplicates"] == 0, (target, step["duplicates"], step["errors"])
        assert step["out_of_order"] == 0, (target, step["errors"])
        assert step["ack_ms"]["n"] == step["commands"], (target, step)
        # Every game command reaches the 8 other members of its room.
        assert step["fanout_ms"]["n"] == 8 * step["commands"], (target, step)
        assert step["fanout_p99_per_s"] and len(step["fanout_p99_per_s"]) <= 8, step
        assert step["generator_lag_ms"]["n"] > 0 and isinstance(step["valid"], bool), step
        assert step["server_tracebacks"] == 0, target
    combined = {r["target"]: r for r in document["combined"]}
    assert set(combined) == {"ours", "relay"}
    assert all(r["runs"] == 2 for r in combined.values())
    assert document["ratios_to_relay"][0]["target"] == "ours"
    assert document["ratios_to_relay"][0]["cpu_ms_per_command"]["n"] == 2
    assert document["machine"]["cores"] >= 1

    assert "fan-out p50/p95/p99/max ms" in completed.stdout
    assert "median (lowest-highest) of 2 interleaved run(s)" in completed.stdout
    assert "ours / relay at the same number of players" in completed.stdout
    assert (out / "fanout_p99.png").stat().st_size > 0
