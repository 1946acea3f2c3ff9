"""``GET /api/rooms/{code}/export/{format}``: the facilitator downloads the game's files.

Only the facilitator may download: the token goes in ``Authorization: Bearer <token>`` or,
so a plain link or ``<a download>`` works in the browser, in ``?token=``. A player token, the
projector token, the host's token while a player steers (role ``host``) or no token gets
403; an unknown room 404. Neither answer says anything about the room. Failed guesses (an unknown
room, a token that is nobody's) count against the address, as for ``join``/``enter``:
after 30 in a minute further guesses get 429, so room codes cannot be probed at speed.
The limit is checked before the room is looked up, so requests over it cost no store
query and leave nothing in memory. A valid facilitator token for a room this process
holds in memory is still served, so a guesser on the same network (a workshop behind one
NAT address) cannot lock the facilitator out of a game in progress.

The file is built from the store (``exports.load_record``) after the room has caught up, so
it holds every accepted command, and rendered off the event loop (``exports.workers``: a
thread for the light formats, a small process pool for reports and workbooks), so a big PDF
never stalls the game, and a small CSV never waits behind another room's report. A render
that fails is logged with the room and format and answered with ``export_failed`` (500).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from ..exports import FORMATS, file_name, load_record
from ..exports.workers import Renderers
from ..exports.workshop import load_workshop_record
from ..room import RoomAuthority, Rooms
from ..room.clock import normalise_code, now_ms
from ..rules.line import identify
from ..rules.workshop import Workshop
from ..stores.base import RoomNotFound, StoreError
from .addresses import AddressResolver
from .limits import FailureLimit
from .metrics import Metrics
from .replies import error

MAX_CODE_LENGTH = 12
DOWNLOAD_FAILURES = 30
MAX_TOKEN_LENGTH = 128

NO_STORE = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

log = logging.getLogger(__name__)

DOWNLOAD_ERRORS = {
    "not_found": "There is no such room or format.",
    "forbidden": "Only the facilitator of this room can download its files.",
    "export_failed": "The file could not be made; the game itself is not affected. "
    "Try another format, or report this with the time it happened.",
}


def _refusal(status: int, code: str) -> web.Response:
    message = DOWNLOAD_ERRORS.get(code)
    return web.json_response(error(code, message), status=status, headers=NO_STORE)


def _token(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.query.get("token") or None


def add_download_routes(
    app: web.Application,
    rooms: Rooms,
    send: Callable[[RoomAuthority], Awaitable[None]],
    addresses: AddressResolver | None = None,
    metrics: Metrics | None = None,
) -> None:
    """Serve the exports of ``rooms`` under ``/api/rooms/{code}/export/{format}``; with
    ``metrics``, each successful download's time is recorded by format. ``send`` sends
    what the catch-up before an export adopted (``Gateway.send``)."""
    resolver = addresses or AddressResolver()
    failures = FailureLimit(limit=DOWNLOAD_FAILURES, window=60.0)
    renderers = Renderers()

    async def stop_renderers(app: web.Application) -> None:
        await renderers.close()

    app.on_cleanup.append(stop_renderers)

    async def download(request: web.Request) -> web.StreamResponse:
        address = resolver.of(request)

        def refuse(status: int, code: str) -> web.Response:
            """A failed guess: counted, and once too many, answered with 429 instead."""
            if failures.blocked(address):
                response = _refusal(429, "rate_limited")
                response.headers["Retry-After"] = str(int(failures.window))
                return response
            failures.fail(address)
            return _refusal(status, code)

        fmt = FORMATS.get(request.match_info["format"])
        code = request.match_info["code"]
        token = _token(request)
        if fmt is None or len(code) > MAX_CODE_LENGTH:
            return _refusal(404, "not_found")
        try:
            if failures.blocked(address):
                # Over the limit nothing reaches the store; only a room already in
                # memory can still be opened by its facilitator's valid token.
                cached = rooms.cached(normalise_code(code))
                if cached is None:
                    return refuse(404, "not_found")
                authority = cached
            else:
                authority = await rooms.get(code)
            try:
                await authority.catch_up()
            finally:
                await send(authority)
        except RoomNotFound:
            return refuse(404, "not_found")
        except StoreError:
            return _refusal(503, "store_unavailable")
        valid = token is not None and len(token) <= MAX_TOKEN_LENGTH
        actor = identify(authority.room, token) if token is not None and valid else None
        if actor is None:
            return refuse(403, "forbidden")
        if actor.role != "facilitator":
            return _refusal(403, "forbidden")  # a real token of another role: not a guess
        try:
            if isinstance(authority.room, Workshop):
                record = await load_workshop_record(
                    rooms.store,
                    authority.room,
                    version=authority.version,
                    exported_at=now_ms(),
                    library=rooms.library,
                )
            else:
                record = await load_record(
                    rooms.store, authority.code, exported_at=now_ms(), library=rooms.library
                )
            log.info("export: rendering %s of room %s", fmt.name, authority.code)
            body = await renderers.render(record, fmt.name)
        except StoreError:
            return _refusal(503, "store_unavailable")
        except Exception:
            # Whatever the cause (a stored room an older server wrote, a bug in a format),
            # the facilitator gets an answer in the documented shape, and the log says
            # which room and format, with the traceback.
            log.exception("export: %s of room %s failed", fmt.name, authority.code)
            return _refusal(500, "export_failed")
        return web.Response(
            body=body,
            headers={
                **NO_STORE,
                "Content-Type": fmt.media_type,
                "Content-Disposition": f'attachment; filename="{file_name(record, fmt)}"',
            },
        )

    route = metrics.timed_route(download) if metrics is not None else download
    app.router.add_get("/api/rooms/{code}/export/{format}", route)
