"""The aiohttp application: Socket.IO endpoint, health check, content list, web client."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import hdrs, web

from ..config import Settings
from ..content import Library, load_library
from ..room import Rooms
from ..stores.base import RoomStore
from .downloads import add_download_routes
from .fanout import Fanout, LocalFanout, RedisFanout
from .frames import MAX_FRAME_BYTES, guard
from .gateway import Gateway
from .origins import origin_check
from .server import GameSocketServer
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


@web.middleware
async def refuse_websocket_compression(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Open websockets without permessage-deflate, whatever the client offers.

    Every browser offers it, aiohttp accepts it by default and python-socketio has no
    option to refuse it. Each accepted connection then keeps a zlib compressor and
    decompressor for its whole life and every message is compressed on the event loop:
    ``python -m bench.connection_memory --browser`` (500 connections, 2 cards) measured
    282 KB of server RSS per connection with it and 61 KB without, and about a quarter
    more CPU during play. Our messages are small msgpack packets; compression gains
    little. A handshake without the offer is simply answered without the extension.
    """
    if hdrs.SEC_WEBSOCKET_EXTENSIONS in request.headers:
        headers = request.headers.copy()
        del headers[hdrs.SEC_WEBSOCKET_EXTENSIONS]
        request = request.clone(headers=headers)
    return await handler(request)


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
    }


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
    sio = GameSocketServer(
        async_mode="aiohttp",
        serializer=WirePacket,
        cors_allowed_origins=origin_check(settings.allowed_origins),
        max_http_buffer_size=MAX_FRAME_BYTES,
        ping_interval=20,
        ping_timeout=20,
        # Loggers of our own: python-engineio adds a handler to its default logger, which
        # printed every one of its errors twice (there and through the root logger).
        logger=quiet_logger("socketio.server"),
        engineio_logger=quiet_logger("engineio.server"),
    )
    app = web.Application(middlewares=[refuse_websocket_compression])
    sio.attach(app)
    rooms = Rooms(store, library)
    gateway = Gateway(sio, rooms, fanout)
    guard(sio, gateway.bad_frame)
    app[GATEWAY] = gateway
    app[STORE] = store

    async def open_store(app: web.Application) -> None:
        await store.open()
        await fanout.start(gateway.deliver)

    async def close_store(app: web.Application) -> None:
        await fanout.close()
        await store.close()

    app.on_startup.append(open_store)
    app.on_cleanup.append(close_store)

    async def health(request: web.Request) -> web.Response:
        return web.json_response(
            {
                "status": "ok",
                "rooms_in_memory": rooms.loaded(),
                "connections": len(gateway.connections.by_sid),
                "fanout": fanout.status(),
            }
        )

    async def content(request: web.Request) -> web.Response:
        return web.json_response(library_json(library))

    async def info(request: web.Request) -> web.Response:
        # The web client builds join links and QR codes from this, not from the address the
        # facilitator happened to open (often localhost, which nobody else can reach).
        return web.json_response({"public_url": settings.public_url})

    app.router.add_get("/healthz", health)
    app.router.add_get("/api/info", info)
    app.router.add_get("/api/content", content)
    add_download_routes(app, rooms)

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
