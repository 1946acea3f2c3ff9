"""The ``leerklimaat`` command: serve, check-content."""

from __future__ import annotations

import logging
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer
from aiohttp import web

from .config import Settings
from .content import check_library, content_root
from .exports.cli import register as register_export_commands
from .runtime import event_loop, settle_memory
from .stores.choose import make_store
from .stores.redis import redact
from .transport.addresses import parse_networks
from .transport.app import build_app
from .transport.connection_cap import DEFAULT_MAX_CONNECTIONS_PER_ADDRESS
from .transport.creations import DEFAULT_MAX_ROOMS_PER_ADDRESS, DEFAULT_WINDOW

cli = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Leerklimaat online: the leerklimaat serious game for workshop groups.",
)


def _lan_address() -> str | None:
    """The address other laptops on this network can reach, if there is one."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent by a UDP connect
        address = str(probe.getsockname()[0])
        return None if address.startswith("127.") else address
    except OSError:
        return None
    finally:
        probe.close()


@cli.command()
def serve(
    host: Annotated[str, typer.Option(envvar="LEERKLIMAAT_HOST")] = "0.0.0.0",
    port: Annotated[int, typer.Option(envvar="LEERKLIMAAT_PORT")] = 8080,
    data_dir: Annotated[
        Path,
        typer.Option(envvar="LEERKLIMAAT_DATA_DIR", help="Where the embedded store keeps rooms."),
    ] = Path("data"),
    origin: Annotated[
        list[str] | None,
        typer.Option(
            envvar="LEERKLIMAAT_ALLOWED_ORIGINS",
            help="Extra browser origin allowed to connect (repeatable).",
        ),
    ] = None,
    content_dir: Annotated[Path | None, typer.Option(envvar="LEERKLIMAAT_CONTENT_DIR")] = None,
    redis_url: Annotated[
        str | None,
        typer.Option(
            envvar="LEERKLIMAAT_REDIS_URL",
            help="Keep rooms in Redis so several server processes can share them "
            "(redis://host:6379/0). See docs/scaling.md.",
        ),
    ] = None,
    public_url: Annotated[
        str | None,
        typer.Option(
            envvar="LEERKLIMAAT_PUBLIC_URL",
            help="Address players open, for join links and QR codes "
            "(default: this machine's address on the local network).",
        ),
    ] = None,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            envvar="LEERKLIMAAT_TRUSTED_PROXIES",
            help="Address or CIDR network of a reverse proxy in front of the server whose "
            "X-Forwarded-For/-Host/-Proto headers are believed (repeatable; the variable "
            "takes a comma-separated list). Without it those headers are ignored.",
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            envvar="LEERKLIMAAT_ALLOWED_HOSTS",
            help="Extra host name players may open the server by (repeatable). "
            "localhost, IP addresses and the host of --public-url always work.",
        ),
    ] = None,
    max_connections_per_address: Annotated[
        int,
        typer.Option(
            envvar="LEERKLIMAAT_MAX_CONNECTIONS_PER_ADDRESS",
            min=1,
            help="Open connections one client address may have (a classroom behind one "
            "NAT address counts as one address).",
        ),
    ] = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
    max_rooms_per_address: Annotated[
        int,
        typer.Option(
            envvar="LEERKLIMAAT_MAX_ROOMS_PER_ADDRESS",
            min=0,
            help="Rooms and workshops one client address may make per "
            "--rooms-per-address-window (a workshop counts once, whatever its tables; "
            "0: no limit). Counted per server process.",
        ),
    ] = DEFAULT_MAX_ROOMS_PER_ADDRESS,
    rooms_per_address_window: Annotated[
        float,
        typer.Option(
            envvar="LEERKLIMAAT_ROOMS_PER_ADDRESS_WINDOW",
            min=0.1,
            help="Seconds of the sliding window --max-rooms-per-address counts in.",
        ),
    ] = DEFAULT_WINDOW,
    retention_days: Annotated[
        int,
        typer.Option(
            envvar="LEERKLIMAAT_RETENTION_DAYS",
            min=1,
            help="With Redis: days a room is kept after its last change.",
        ),
    ] = 30,
    evict_idle_after: Annotated[
        float,
        typer.Option(
            envvar="LEERKLIMAAT_EVICT_IDLE_AFTER",
            min=0,
            help="Seconds a room nobody is connected to stays in this process's memory "
            "(0: until restart); it is reloaded from the store when someone enters again.",
        ),
    ] = 600,
    version_check_every: Annotated[
        float,
        typer.Option(
            envvar="LEERKLIMAAT_VERSION_CHECK_EVERY",
            min=0,
            help="With Redis: seconds between checks that the rooms with a connection here "
            "are at the stored version (0: never).",
        ),
    ] = 5,
    drain_grace: Annotated[
        float,
        typer.Option(
            envvar="LEERKLIMAAT_DRAIN_GRACE",
            min=0,
            help="On SIGTERM: seconds to let running commands finish, before and after "
            "telling every client to reconnect to another process.",
        ),
    ] = 10,
    metrics_port: Annotated[
        int | None,
        typer.Option(
            envvar="LEERKLIMAAT_METRICS_PORT",
            help="Serve Prometheus metrics (GET /metrics) on this port, on its own listener "
            "(default: no metrics). See docs/scaling.md.",
        ),
    ] = None,
    metrics_host: Annotated[
        str,
        typer.Option(
            envvar="LEERKLIMAAT_METRICS_HOST",
            help="Address of the metrics listener; keep it off the players' network.",
        ),
    ] = "127.0.0.1",
) -> None:
    """Start the game server and print the address to open.

    Rooms are kept in the embedded SQLite store in --data-dir, or with --redis-url in
    Redis, where several processes can share them (docs/scaling.md).
    """
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    try:
        parse_networks(trusted_proxy or ())
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--trusted-proxy") from None
    lan = _lan_address() if host in ("0.0.0.0", "::") else None
    if public_url is None and lan:
        public_url = f"http://{lan}:{port}/"
    settings = Settings(
        public_url=public_url,
        host=host,
        port=port,
        data_dir=data_dir,
        allowed_origins=tuple(origin or ()),
        content_dir=content_dir,
        redis_url=redis_url or None,
        trusted_proxies=tuple(trusted_proxy or ()),
        allowed_hosts=tuple(allowed_host or ()),
        max_connections_per_address=max_connections_per_address,
        max_rooms_per_address=max_rooms_per_address,
        rooms_per_address_window=rooms_per_address_window,
        evict_idle_after=evict_idle_after,
        version_check_every=version_check_every,
        drain_grace=drain_grace,
        metrics_port=metrics_port,
        metrics_host=metrics_host,
    )
    app = build_app(settings, make_store(settings, retention_days))
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    lines = [f"Leerklimaat online is running. Open http://{shown}:{port}/"]
    if public_url:
        lines.append(f"Players open {public_url}")
    kept_in = redact(redis_url) if redis_url else settings.data_dir.resolve()
    lines.append(f"Rooms are kept in {kept_in} (press Ctrl+C to stop).")

    async def announce(app: web.Application) -> None:
        settle_memory()
        print("\n".join(lines), flush=True)

    app.on_startup.append(announce)
    # A departed long-polling client leaves a request pending for up to 40 s; waiting for it
    # would make Ctrl+C slow. Nothing is lost by cutting it: every ack follows the store.
    web.run_app(app, host=host, port=port, print=None, shutdown_timeout=3, loop=event_loop())


@cli.command("check-content")
def check_content(
    content_dir: Annotated[Path | None, typer.Option(envvar="LEERKLIMAAT_CONTENT_DIR")] = None,
) -> None:
    """Validate every board and deck file; print each problem with its file and line."""
    root = content_dir or content_root()
    problems = check_library(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise typer.Exit(1)
    print(f"All content in {root} is valid.")


register_export_commands(cli)


def main() -> None:
    cli()
