"""``python -m bench``: how many players one server carries, against the bare relay.

For each step (number of players) and each target (our server on the embedded store, the
bare relay, and with ``--redis-url`` our server on Redis in one and two processes) it runs
the same load, prints a row, and keeps going until a target's fan-out p99 passes 1 s or an
update is lost; that target then skips the larger steps. Writes ``results.json`` and
``fanout_p99.png`` to ``--out``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .aggregate import combine, combined_table, ratio_table, ratios
from .limits import raise_open_files_limit
from .report import OURS, RELAY, machine, plot, row, table, write_json
from .run import StepPlan, run_step
from .servers import Target

P99_LIMIT_MS = 1000.0
DEFAULT_STEPS = "100,500,1000,2000,4000"
BOARD_ID = "schaal-5"


def card_ids() -> list[str]:
    """Every statement card in the library, in deck order (at most 60)."""
    from game_server.content import load_library

    library = load_library(None)
    ids = [
        f"{deck.id}/{card.id}"
        for deck in library.decks.values()
        for card in deck.cards
        if card.kind != "case"
    ]
    return ids[:60]


TARGETS = (
    OURS,
    RELAY,
    "ours-redis",
    "ours-redis-x2",
    "ours-redis-x2-pinned",
    "ours-queued",
    "relay-queued",
    "ours-echo",
    "relay-echo",
    "ours-inline",
    "relay-inline",
)
INLINE = (("LEERKLIMAAT_HANDLERS", "inline"),)
"""``*-inline``: each event handled in its connection's reader, no task per event
(python-socketio's ``async_handlers=False``), for A/B runs of lever 2."""
QUEUED = (("LEERKLIMAAT_SEND_PATH", "queued"),)
"""``*-queued``: every packet through python-engineio's queue (the send path before issue
16's direct writes), for A/B runs of that change."""


def targets(args: argparse.Namespace) -> list[Target]:
    """ours and relay by default; with --redis-url also ours on Redis (x2: two processes)."""
    if args.targets is None:
        names = [OURS, RELAY]
        if args.redis_url:
            names += ["ours-redis"]
            if args.processes == 2:
                names += ["ours-redis-x2", "ours-redis-x2-pinned"]
    else:
        names = [t.strip() for t in args.targets.split(",") if t.strip()]
    if args.baseline:
        names.append("ours-base")
    out: list[Target] = []
    for name in names:
        if name == "ours-base":
            out.append(Target(name, "ours", cwd=str(args.baseline)))
            continue
        if name not in TARGETS:
            raise SystemExit(f"unknown target {name!r} (use {', '.join(TARGETS)})")
        if name.startswith("ours-redis") and not args.redis_url:
            raise SystemExit(f"{name} needs --redis-url")
        if name == OURS:
            out.append(Target(OURS, "ours"))
        elif name == RELAY:
            out.append(Target(RELAY, "relay"))
        elif name.endswith("-inline"):
            out.append(Target(name, name.split("-")[0], env=INLINE))
        elif name.endswith("-echo"):
            out.append(Target(name, name.split("-")[0], own_in_ack=False))
        elif name.endswith("-queued"):
            out.append(Target(name, name.split("-")[0], env=QUEUED))
        else:
            two = "-x2" in name
            pinned = name.endswith("-pinned")
            out.append(Target(name, "ours", 2 if two else 1, args.redis_url, pinned=pinned))
    return out


def stop_reason(record: dict[str, Any]) -> str | None:
    """Why a target skips the larger steps, from its runs of one step (None: it goes on)."""
    if record["lost"] or record["duplicates"] or record["out_of_order"]:
        return (
            f"{record['lost']} lost / {record['duplicates']} duplicated / "
            f"{record['out_of_order']} out-of-order updates"
        )
    for name, label in (("fanout_p99_ms", "fan-out"), ("ack_p99_ms", "ack")):
        p99 = record[name]["median"]
        if p99 is not None and p99 > P99_LIMIT_MS:
            return f"{label} p99 {p99:.0f} ms > {P99_LIMIT_MS:.0f} ms (median of runs)"
    return None


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--steps", default=DEFAULT_STEPS, help="players per step, e.g. 100,500")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of play per step")
    parser.add_argument("--redis-url", default=None, help="also measure our server on Redis")
    parser.add_argument(
        "--processes",
        type=int,
        choices=(1, 2),
        default=None,
        help="with --redis-url: 2 (default) adds two server processes sharing each room",
    )
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    parser.add_argument(
        "--targets",
        default=None,
        help=f"comma-separated, of {', '.join(TARGETS)} (default: ours,relay and, with "
        "--redis-url, ours-redis, ours-redis-x2 and ours-redis-x2-pinned)",
    )
    parser.add_argument(
        "--generators", type=int, default=None, help="generator processes (default: auto)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=1800.0,
        help="seconds; steps that would start after this are skipped",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="a checkout of an earlier commit (git worktree add DIR COMMIT): its server runs "
        "as target ours-base, interleaved with the others, for A/B runs of a change",
    )
    parser.add_argument(
        "--workshops",
        default="10x30",
        help="the workshop step: WORKSHOPSxPARTICIPANTS on one process (0: skip); see "
        "bench/workshop_bench.py",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs of each step per target, interleaved (ours, relay, ours, ...); figures "
        "are their median and range",
    )
    parser.add_argument(
        "--closed-loop",
        action="store_true",
        help="each command waits for the ack or step it answers (as a browser does) instead "
        "of the default open loop (commands on a fixed timetable, latency from the planned "
        "moment, offered and completed commands reported)",
    )
    parser.add_argument(
        "--max-generator-lag",
        type=float,
        default=25.0,
        help="ms; a run whose generators were later than this (p99, from their schedule) "
        "is marked not valid",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="record py-spy profiles of the (first) server process of each step (into --out)",
    )
    parser.add_argument(
        "--profile-native",
        action="store_true",
        help="with --profile: C frames too (uvloop, GIL waits); pauses the server per sample",
    )
    args = parser.parse_args(argv)
    if args.processes is None:
        args.processes = 2 if args.redis_url else 1
    if args.processes == 2 and not args.redis_url:
        parser.error("--processes 2 needs --redis-url (processes share rooms through Redis)")
    if args.runs < 1 or args.runs > 9:
        parser.error("--runs must be in 1..9")
    if args.duration <= 0 or args.duration > 600:
        parser.error("--duration must be in (0, 600] seconds")
    return args


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally blocks that stop servers


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    signal.signal(signal.SIGTERM, _terminate)
    limit = raise_open_files_limit()
    steps = sorted({int(s) for s in args.steps.split(",") if s.strip()})
    if not steps or steps[0] <= 0:
        raise SystemExit("--steps needs positive numbers of players")
    chosen = targets(args)
    cards = card_ids()
    started = time.monotonic()
    document: dict[str, Any] = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "open_files_limit": limit,
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "arguments": {
            "steps": steps,
            "duration_s": args.duration,
            "targets": [t.name for t in chosen],
            "redis_url": bool(args.redis_url),
            "processes": args.processes,
            "board_id": BOARD_ID,
            "runs": args.runs,
            "mode": "closed" if args.closed_loop else "open",
            "max_generator_lag_ms": args.max_generator_lag,
            "cards": len(cards),
        },
        "steps": [],
    }
    out_json = args.out / "results.json"
    print(f"machine: {document['machine']}", flush=True)
    print(f"load average at start: {document['loadavg_at_start']}", flush=True)
    print(table([]), flush=True)
    stopped: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="leerklimaat-bench-") as tmp:
        for players in steps:
            plan = StepPlan(
                players,
                args.duration,
                BOARD_ID,
                cards,
                args.seed,
                args.generators,
                open_loop=not args.closed_loop,
                max_generator_lag_ms=args.max_generator_lag,
                profile_native=args.profile_native,
            )
            this_step: list[dict[str, Any]] = []
            for run in range(args.runs):
                for target in chosen:
                    base = {
                        "target": target.name,
                        "players": plan.rooms * 8,
                        "rooms": plan.rooms,
                        "run": run + 1,
                    }
                    if target.name in stopped:
                        step = {**base, "skipped": f"earlier step: {stopped[target.name]}"}
                    elif time.monotonic() - started > args.budget:
                        step = {**base, "skipped": f"time budget of {args.budget:.0f} s used"}
                    else:
                        profile = args.out if args.profile and run == 0 else None
                        step = {**run_step(target, plan, Path(tmp), profile), "run": run + 1}
                    document["steps"].append(step)
                    this_step.append(step)
                    print(row(step), flush=True)
                    write_json(out_json, document)
            for record in combine(this_step):
                reason = stop_reason(record)
                if reason:
                    stopped.setdefault(record["target"], reason)
    if args.workshops != "0":
        from . import workshop_bench

        count, _, players = args.workshops.partition("x")
        figures = workshop_bench.run(int(count), int(players or 30), 5, runs=3)
        document["workshop_step"] = {
            "workshops": int(count),
            "players": int(players or 30),
            **figures,
        }
        write_json(out_json, document)
        print(workshop_bench.report(int(count), int(players or 30), 5, figures), flush=True)
    document["elapsed_s"] = round(time.monotonic() - started, 1)
    document["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    document["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    final = [s for s in document["steps"] if "ack_ms" in s]
    document["combined"] = combine(final)
    document["ratios_to_relay"] = ratios(final)
    write_json(out_json, document)
    png = args.out / "fanout_p99.png"
    drew = plot(
        png,
        [
            {
                "target": r["target"],
                "players": r["players"],
                "fanout_ms": {"p99": r["fanout_p99_ms"]["median"]},
            }
            for r in document["combined"]
        ],
    )
    print()
    print(table(document["steps"]))
    print()
    print(f"median (lowest-highest) of {args.runs} interleaved run(s) per step:")
    print(combined_table(document["combined"]))
    print()
    print("ours / relay at the same number of players (per interleaved pair of runs):")
    print(ratio_table(document["ratios_to_relay"]))
    print()
    print(
        f"cpu% = server process(es), gen% = generator processes, oth% = everything else on "
        f"the machine, in % of one core; the generators share the {os.cpu_count()} cores "
        "with the server(s); glag99 = p99 of the generators' own event-loop lag (ms), "
        "which is part of every latency measured"
    )
    print(f"wrote {out_json}" + (f" and {png}" if drew else " (no PNG: matplotlib missing)"))
    print(f"elapsed {document['elapsed_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
