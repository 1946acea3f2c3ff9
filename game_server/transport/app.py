"""The aiohttp application: Socket.IO endpoint, health check, content list, web client."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import socketio
from aiohttp import web
from prometheus_client.core import Metric

from ..config import Settings
from ..content import Library, load_library
from ..room import Rooms
from ..stores.base import RoomStore
from . import bad_http, connection_cap, direct, engine_logs, send_queue
from .addresses import AddressResolver, parse_networks
from .connection_cap import ConnectionCounter
from .creations import CreationLimit
from .deck_routes import add_deck_routes
from .downloads import add_download_routes
from .drain import drain
from .edge import edge_middleware, hide_server_version, security_headers
from .fanout import Fanout, LocalFanout, RedisFanout
from .frames import MAX_FRAME_BYTES, guard
from .gateway import Gateway
from .metrics import MeasuredStore, Metrics, gauge, serve_metrics, single
from .origins import HostPolicy
from .presence import LocalBoard, Presence, RedisBoard
from .server import GameSocketServer
from .upkeep import Upkeep
from .wire import WirePacket

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
GATEWAY = web.AppKey("gateway", Gateway)
STORE = web.AppKey("store", RoomStore)


def static_dir(settings: Settings) -> Path | None:
    """The built web client: configured, packaged with the server, or built in the repo."""
    for candidate in (
        settings.static_dir,
        PACKAGE_DIR / "static",
        PACKAGE_DIR.parent / "web_client" / "dist",
    ):
        if candidate is not None and (candidate / "index.html").is_file():
            return candidate
    return None


def quiet_logger(name: str) -> logging.Logger:
    """A library's logger that writes through the root logger only, errors only (its
    warnings are one line per packet a client got wrong: we log those ourselves)."""
    logger = logging.getLogger(f"game_server.{name}")
    logger.setLevel(logging.ERROR)
    return logger


def library_json(library: Library) -> dict[str, Any]:
    return {
        "boards": [b.model_dump(mode="json") for b in library.boards.values()],
        "decks": [d.model_dump(mode="json") for d in library.decks.values()],
        "plans": [p.model_dump(mode="json") for p in library.plans.values()],
    }


def _gauges(
    sio: socketio.AsyncServer, gateway: Gateway, rooms: Rooms, upkeep: Upkeep, fanout: Fanout
) -> Iterator[Metric]:
    """The metrics read when Prometheus scrapes."""
    transports = {"websocket": 0.0, "polling": 0.0}
    for sid in gateway.connected():
        try:
            transports[sio.transport(sid)] += 1
        except (KeyError, ValueError):
            continue  # closed meanwhile
    yield gauge("leerklimaat_connections", "Open Socket.IO connections.", transports, "transport")
    yield single(
        "leerklimaat_rooms_in_memory", "Rooms this process holds in memory.", rooms.loaded()
    )
    yield single(
        "leerklimaat_rooms_evicted",
        "Rooms dropped from memory after a while without a connection.",
        upkeep.evicted,
        counter=True,
    )
    yield single("leerklimaat_events_in_flight", "Events being handled now.", gateway.in_flight)
    status = fanout.status()
    if status.get("kind") == "redis":
        yield single(
            "leerklimaat_fanout_connected",
            "1 while the Redis fan-out connection is up.",
            1.0 if status["connected"] else 0.0,
        )
        yield single(
            "leerklimaat_fanout_connects",
            "Times the Redis fan-out connection was (re)established.",
            status["reconnects"],
            counter=True,
        )


def build_app(
    settings: Settings, store: RoomStore, fanout: Fanout | None = None
) -> web.Application:
    """An application serving one store; the store is opened and closed with the app.

    With ``settings.redis_url`` the process also joins the Redis fan-out, so several
    processes can serve the same rooms (docs/scaling.md).
    """
    if fanout is None:
        fanout = RedisFanout(settings.redis_url) if settings.redis_url else LocalFanout()
    library = load_library(settings.content_dir)
    resolver = AddressResolver(parse_networks(settings.trusted_proxies))
    hosts = HostPolicy(
        resolver,
        names=[*settings.allowed_hosts, settings.host],
        urls=[settings.public_url],
        origins=settings.allowed_origins,
    )
    counter = ConnectionCounter(settings.max_connections_per_address)
    engine_logs.install()
    bad_http.install()
    hide_server_version()
    sio = GameSocketServer(
        async_mode="aiohttp",
        serializer=WirePacket,
        cors_allowed_origins=hosts.origin_check(),
        max_http_buffer_size=MAX_FRAME_BYTES,
        ping_interval=20,
        ping_timeout=20,
        # Loggers of our own: python-engineio adds a handler to its default logger, which
        # printed every one of its errors twice (there and through the root logger).
        logger=quiet_logger("socketio.server"),
        engineio_logger=quiet_logger("engineio.server"),
    )
    app = web.Application(
        # WebSockets are opened without compression: frames.GuardedWebSocket.
        middlewares=[edge_middleware(hosts, counter, resolver)]
    )
    app.on_response_prepare.append(security_headers(hosts))
    sio.attach(app)
    connection_cap.install(sio, counter, resolver)
    metrics = Metrics()
    rooms = Rooms(MeasuredStore(store, metrics), library)
    creations = CreationLimit(settings.max_rooms_per_address, settings.rooms_per_address_window)
    gateway = Gateway(sio, rooms, fanout, resolver, creations)
    gateway.metrics = metrics
    gateway.presence = Presence(
        sio,
        gateway.connections,
        RedisBoard(settings.redis_url) if settings.redis_url else LocalBoard(),
    )
    guard(sio, gateway.bad_frame)
    direct.install(sio)  # after the guard: it wraps the guarded WebSocket driver
    send_queue.install(sio)
    app[GATEWAY] = gateway
    app[STORE] = store
    several = not isinstance(fanout, LocalFanout)
    upkeep = Upkeep(
        rooms,
        gateway.connections,
        fanout,
        gateway.send,
        watch_every=settings.version_check_every if several else 0,
        evict_after=settings.evict_idle_after,
        kept=lambda: gateway.overview.kept(gateway.connections.by_room),
    )

    metrics.watch(lambda: _gauges(sio, gateway, rooms, upkeep, fanout))
    listeners: list[web.AppRunner] = []

    async def open_store(app: web.Application) -> None:
        await store.open()
        await fanout.start(gateway.deliver)
        upkeep.start()
        await gateway.presence.board.start()
        gateway.presence.start()
        if settings.metrics_port is not None:
            listeners.append(
                await serve_metrics(metrics, settings.metrics_host, settings.metrics_port)
            )

    async def close_store(app: web.Application) -> None:
        for listener in listeners:
            await listener.cleanup()
        await upkeep.close()
        await gateway.presence.close()
        await fanout.close()
        await store.close()

    async def leave(app: web.Application) -> None:
        await drain(sio, gateway, settings.drain_grace)

    app.on_startup.append(open_store)
    app.on_shutdown.append(leave)
    app.on_cleanup.append(close_store)

    async def health(request: web.Request) -> web.Response:
        return web.json_response(
            {
                "status": "ok",
                "rooms_in_memory": rooms.loaded(),
                "rooms_evicted": upkeep.evicted,
                "connections": len(gateway.connections.by_sid),
                "fanout": fanout.status(),
            }
        )

    async def ready(request: web.Request) -> web.Response:
        # Readiness, for the balancer and the orchestrator: this process can take players
        # now. /healthz stays liveness: a process waiting for Redis is alive and recovers
        # by itself, so it must not be restarted, only sent no one for a while.
        store_ok = await store.ping()
        draining = gateway.draining
        ok = store_ok and not draining
        return web.json_response(
            {"status": "ready" if ok else "unavailable", "store": store_ok, "draining": draining},
            status=200 if ok else 503,
        )

    async def content(request: web.Request) -> web.Response:
        return web.json_response(library_json(library))

    async def info(request: web.Request) -> web.Response:
        # The web client builds join links and QR codes from this, not from the address the
        # facilitator happened to open (often localhost, which nobody else can reach).
        return web.json_response({"public_url": settings.public_url})

    app.router.add_get("/healthz", health)
    app.router.add_get("/readyz", ready)
    app.router.add_get("/api/info", info)
    app.router.add_get("/api/content", content)
    add_download_routes(app, rooms, gateway.send, resolver, metrics)
    add_deck_routes(app, library)

    client = static_dir(settings)
    if client is not None:
        index = client / "index.html"

        async def index_page(request: web.Request) -> web.FileResponse:
            return web.FileResponse(index)

        app.router.add_get("/", index_page)
        app.router.add_static("/", client, show_index=False)
    else:

        async def no_client(request: web.Request) -> web.Response:
            return web.Response(
                text="Leerklimaat online server is running; the web client is not built.",
                content_type="text/plain",
            )

        app.router.add_get("/", no_client)
    return app
