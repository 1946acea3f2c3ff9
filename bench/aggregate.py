"""Several interleaved runs of a step as one result: the median and the range.

Latencies on a shared machine move ±50 % between runs, so a step runs at least three times,
the targets interleaved (ours, relay, ours, relay, ...), and a figure is the median of its
runs with their lowest and highest beside it. A ratio to the relay is taken per pair of
runs made one after the other (run i of ours against run i of the relay), then the median
of those: what else ran on the machine then weighed on both alike.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from .report import RELAY
from .stats import ratio

Getter = Callable[[dict[str, Any]], float | None]

FIGURES: dict[str, Getter] = {
    "fanout_p99_ms": lambda s: s["fanout_ms"]["p99"],
    "fanout_p50_ms": lambda s: s["fanout_ms"]["p50"],
    "ack_p99_ms": lambda s: s["ack_ms"]["p99"],
    "cpu_ms_per_command": lambda s: s.get("server_cpu_ms_per_command"),
    "loop_ms_per_command": lambda s: s.get("server_main_thread_ms_per_command"),
    "server_cpu_percent": lambda s: s["server_cpu_percent"],
    "rss_per_player_kb": lambda s: s["rss_per_player_kb"],
    "offered_per_s": lambda s: s.get("offered_per_s"),
    "commands_per_s": lambda s: s["commands_per_s"],
    "generator_lag_p99_ms": lambda s: s["generator_lag_ms"]["p99"],
    "send_lag_p99_ms": lambda s: s.get("send_lag_ms", {}).get("p99"),
}
RATIOS = (
    "fanout_p99_ms",
    "fanout_p50_ms",
    "ack_p99_ms",
    "cpu_ms_per_command",
    "loop_ms_per_command",
    "rss_per_player_kb",
)
COUNTS = ("lost", "duplicates", "out_of_order", "refused", "unacked", "disconnects")


def spread(values: list[float | None]) -> dict[str, Any]:
    """Median, lowest and highest of the values that exist."""
    present = [v for v in values if v is not None]
    if not present:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {
        "median": statistics.median(present),
        "min": min(present),
        "max": max(present),
        "n": len(present),
    }


def measured(step: dict[str, Any]) -> bool:
    return "ack_ms" in step and not step.get("skipped")


def combine(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per (target, players): medians and ranges over its runs."""
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for step in steps:
        if measured(step):
            groups.setdefault((step["target"], step["players"]), []).append(step)
    out = []
    for (target, players), runs in groups.items():
        record: dict[str, Any] = {"target": target, "players": players, "runs": len(runs)}
        record["valid_runs"] = sum(1 for r in runs if r.get("valid", True))
        for name, get in FIGURES.items():
            record[name] = spread([get(r) for r in runs])
        for name in COUNTS:
            record[name] = sum(int(r.get(name) or 0) for r in runs)
        out.append(record)
    return out


def ratios(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each non-relay target against the relay run made right after it, per figure."""
    runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for step in steps:
        if measured(step):
            runs.setdefault((step["target"], step["players"]), []).append(step)
    out = []
    for (target, players), mine in runs.items():
        floor = runs.get((RELAY, players))
        if target == RELAY or not floor:
            continue
        record: dict[str, Any] = {"target": target, "players": players}
        for name in RATIOS:
            get = FIGURES[name]
            pairs = [ratio(get(a), get(b)) for a, b in zip(mine, floor, strict=False)]
            record[name] = spread(pairs)
        out.append(record)
    return out


def _cell(s: dict[str, Any], unit: str = "") -> str:
    if s["median"] is None:
        return "-"

    def f(x: float) -> str:
        return f"{x:.2f}" if abs(x) < 10 else f"{x:.0f}"

    return f"{f(s['median'])}{unit} ({f(s['min'])}-{f(s['max'])})"


def combined_table(records: list[dict[str, Any]]) -> str:
    head = (
        "target        players  runs  valid  offered/s  done/s  fan-out p99 ms (range)   "
        "ack p99 ms (range)       CPU ms/cmd (range)   loop ms/cmd (range)  KB/player (range)  "
        "lost dup order"
    )
    lines = [head]
    for r in records:
        lines.append(
            f"{r['target']:<12}  {r['players']:>7}  {r['runs']:>4}  {r['valid_runs']:>5}  "
            f"{_cell(r['offered_per_s']):>9}  {_cell(r['commands_per_s']):>6}  "
            f"{_cell(r['fanout_p99_ms']):>23}  {_cell(r['ack_p99_ms']):>23}  "
            f"{_cell(r['cpu_ms_per_command']):>19}  {_cell(r['loop_ms_per_command']):>19}  "
            f"{_cell(r['rss_per_player_kb']):>17}  "
            f"{r['lost']:>4} {r['duplicates']:>3} {r['out_of_order']:>5}"
        )
    return "\n".join(lines)


def ratio_table(records: list[dict[str, Any]]) -> str:
    lines = [
        "target        players  fan-out p99     fan-out p50     ack p99         CPU/cmd"
        "         loop CPU/cmd"
    ]
    for r in records:
        lines.append(
            f"{r['target']:<12}  {r['players']:>7}  "
            + "  ".join(
                f"{_cell(r[k], 'x'):>14}"
                for k in (
                    "fanout_p99_ms",
                    "fanout_p50_ms",
                    "ack_p99_ms",
                    "cpu_ms_per_command",
                    "loop_ms_per_command",
                )
            )
        )
    return "\n".join(lines)
