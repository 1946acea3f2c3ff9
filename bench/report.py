"""The benchmark's outputs: a table on stdout, ``results.json`` and ``fanout_p99.png``."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

from .stats import ratio

RELAY = "relay"
OURS = "ours"


def machine() -> dict[str, Any]:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu_model": model,
        "ram_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


COLUMNS = (
    ("target", 12),
    ("players", 7),
    ("rooms", 5),
    ("gen", 3),
    ("cmd/s", 6),
    ("ack p50/p95/p99/max ms", 24),
    ("fan-out p50/p95/p99/max ms", 26),
    ("lost", 4),
    ("dup", 3),
    ("cpu%", 5),
    ("gen%", 5),
    ("oth%", 5),
    ("glag99", 6),
    ("rss MB", 6),
    ("KB/pl", 5),
)


def row(step: dict[str, Any]) -> str:
    if "ack_ms" not in step:
        cells = [step["target"], str(step["players"]), str(step["rooms"])]
        reason = step.get("error") or step.get("skipped") or "; ".join(step.get("errors", []))
        return (
            "  ".join(c.ljust(w) for c, (_, w) in zip(cells, COLUMNS, strict=False))
            + f"  {reason[:120]}"
        )

    def quad(s: dict[str, Any]) -> str:
        return "/".join(_ms(s[k]) for k in ("p50", "p95", "p99", "max"))

    cells = [
        step["target"],
        str(step["players"]),
        str(step["rooms"]),
        str(step["generator_processes"]),
        f"{step['commands_per_s']:.0f}",
        quad(step["ack_ms"]),
        quad(step["fanout_ms"]),
        str(step["lost"]),
        str(step["duplicates"]),
        f"{step['server_cpu_percent']:.0f}",
        f"{step['generator_cpu_percent']:.0f}",
        f"{step.get('others_cpu_percent', 0):.0f}",
        _ms(step.get("generator_lag_ms", {}).get("p99")),
        f"{step['server_rss_peak_mb']:.0f}",
        f"{step['rss_per_player_kb']:.0f}",
    ]
    text = "  ".join(
        c.rjust(w) if i else c.ljust(w)
        for i, (c, (_, w)) in enumerate(zip(cells, COLUMNS, strict=True))
    )
    notes = []
    if step.get("run"):
        notes.append(f"run {step['run']}")
    if step.get("mode") == "open":
        notes.append(f"offered {step['offered_per_s']:.0f}/s")
    for key in (
        "out_of_order",
        "refused",
        "unacked",
        "disconnects",
        "connect_failures",
        "server_tracebacks",
    ):
        if step.get(key):
            notes.append(f"{key}={step[key]}")
    if step.get("valid") is False:
        notes.append("NOT VALID: " + "; ".join(step.get("invalid_because", [])))
    if step.get("stopped"):
        notes.append(f"stop: {step['stopped']}")
    return text + ("  " + ", ".join(notes) if notes else "")


def header() -> str:
    return "  ".join(name.rjust(w) if i else name.ljust(w) for i, (name, w) in enumerate(COLUMNS))


def table(steps: list[dict[str, Any]]) -> str:
    return "\n".join([header(), *(row(s) for s in steps)])


def ratios(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ours (each configuration) against the relay at the same number of players."""
    relay = {s["players"]: s for s in steps if s["target"] == RELAY and "ack_ms" in s}
    out = []
    for step in steps:
        floor = relay.get(step["players"])
        if step["target"] == RELAY or floor is None or "ack_ms" not in step:
            continue
        out.append(
            {
                "target": step["target"],
                "players": step["players"],
                "fanout_p99": ratio(step["fanout_ms"]["p99"], floor["fanout_ms"]["p99"]),
                "fanout_p50": ratio(step["fanout_ms"]["p50"], floor["fanout_ms"]["p50"]),
                "ack_p99": ratio(step["ack_ms"]["p99"], floor["ack_ms"]["p99"]),
                "server_cpu": ratio(step["server_cpu_percent"], floor["server_cpu_percent"]),
                "rss_per_player": ratio(step["rss_per_player_kb"], floor["rss_per_player_kb"]),
                "commands_per_s": ratio(step["commands_per_s"], floor["commands_per_s"]),
            }
        )
    return out


def ratio_table(rows: list[dict[str, Any]]) -> str:
    def f(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}x"

    lines = ["target        players  fan-out p99  fan-out p50  ack p99  server CPU  RSS/player"]
    for r in rows:
        lines.append(
            f"{r['target']:<12}  {r['players']:>7}  {f(r['fanout_p99']):>11}  "
            f"{f(r['fanout_p50']):>11}  {f(r['ack_p99']):>7}  {f(r['server_cpu']):>10}  "
            f"{f(r['rss_per_player']):>10}"
        )
    return "\n".join(lines)


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(document, indent=2))
    tmp.replace(path)


def plot(path: Path, steps: list[dict[str, Any]]) -> bool:
    """p99 fan-out against players, one line per target. False if matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    figure, axes = plt.subplots(figsize=(8, 5), dpi=110)
    targets = sorted({s["target"] for s in steps}, key=lambda t: (t == RELAY, t))
    for target in targets:
        points = sorted(
            (s["players"], s["fanout_ms"]["p99"])
            for s in steps
            if s["target"] == target and "fanout_ms" in s and s["fanout_ms"]["p99"] is not None
        )
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        style = "--" if target == RELAY else "-"
        label = "bare relay (python-socketio floor)" if target == RELAY else target
        axes.plot(xs, ys, style, marker="o", label=label)
    axes.axhline(100, color="grey", linewidth=0.8, linestyle=":", label="target: 100 ms")
    axes.set_xlabel("concurrent players (8 per room + 1 facilitator connection)")
    axes.set_ylabel("fan-out latency p99 (ms)")
    axes.set_yscale("log")
    axes.set_title("Fan-out p99 during bursts: emit -> update at every other member")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)
    return True


def markdown(document: dict[str, Any]) -> str:
    """The steps of a results.json as a Markdown table (for docs/performance.md)."""

    def ms(s: dict[str, Any] | None) -> str:
        if not s:
            return "-"
        return " / ".join(_ms(s[k]) for k in ("p50", "p95", "p99", "max"))

    lines = [
        "| target | players (rooms) | cmd/s | ack p50 / p95 / p99 / max ms | fan-out p50 / p95 / "
        "p99 / max ms | lost | dup | server CPU % | CPU ms/cmd | others' CPU % | gen. lag p99 ms "
        "| RSS MB | KB/player | note |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in document["steps"]:
        if "ack_ms" not in s:
            note = s.get("skipped") or s.get("error") or ""
            lines.append(
                f"| {s['target']} | {s['players']} ({s['rooms']}) | | | | | | | | | | | | {note} |"
            )
            continue
        note = "; ".join(
            x
            for x in (
                "first try, repeated" if s.get("repeated") else "",
                f"stop: {s['stopped']}" if s.get("stopped") else "",
            )
            if x
        )
        lag = s.get("generator_lag_ms", {}).get("p99")
        lines.append(
            f"| {s['target']} | {s['players']} ({s['rooms']}) | {s['commands_per_s']:.0f} "
            f"| {ms(s['ack_ms'])} | {ms(s['fanout_ms'])} | {s['lost']} | {s['duplicates']} "
            f"| {s['server_cpu_percent']:.0f} | {s.get('server_cpu_ms_per_command') or '-'} "
            f"| {s.get('others_cpu_percent', 0):.0f} | {_ms(lag)} "
            f"| {s['server_rss_peak_mb']:.0f} | {s['rss_per_player_kb']:.0f} | {note} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(json.loads(Path(sys.argv[1]).read_text())))
