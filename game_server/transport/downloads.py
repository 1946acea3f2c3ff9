"""``GET /api/rooms/{code}/export/{format}``: the facilitator downloads the game's files.

Only the facilitator may download: the token goes in ``Authorization: Bearer <token>`` or,
so a plain link or ``<a download>`` works in the browser, in ``?token=``. A player token, the
projector token, a stale facilitator token (after a hand-over) or no token gets 403; an
unknown room 404. Neither answer says anything about the room. Failed guesses (an unknown
room, a token that is nobody's) count against the address, as for ``join``/``enter``:
after 30 in a minute further guesses get 429, so room codes cannot be probed at speed. A
valid facilitator token is always served, so a guesser on the same network (a workshop
behind one NAT address) cannot lock the facilitator out.

The file is built from the store (``exports.load_record``) after the room has caught up, so
it holds every accepted command, and rendered in a worker thread, one at a time, so a big
PDF never stalls the game for everybody else.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from ..exports import FORMATS, file_name, load_record
from ..room import Rooms
from ..room.clock import now_ms
from ..rules import identify
from ..stores.base import RoomNotFound, StoreError
from .limits import FailureLimit
from .metrics import Metrics
from .replies import error

MAX_CODE_LENGTH = 12
MAX_TOKEN_LENGTH = 128

NO_STORE = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}

DOWNLOAD_ERRORS = {
    "not_found": "There is no such room or format.",
    "forbidden": "Only the facilitator of this room can download its files.",
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


def add_download_routes(app: web.Application, rooms: Rooms, metrics: Metrics | None = None) -> None:
    """Serve the exports of ``rooms`` under ``/api/rooms/{code}/export/{format}``; with
    ``metrics``, each successful download's time is recorded by format."""
    failures = FailureLimit(limit=30, window=60.0)
    rendering = asyncio.Semaphore(1)

    async def download(request: web.Request) -> web.StreamResponse:
        address = request.remote or "unknown"

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
            authority = await rooms.get(code)
            await authority.catch_up()
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
            record = await load_record(
                rooms.store, authority.code, exported_at=now_ms(), library=rooms.library
            )
        except StoreError:
            return _refusal(503, "store_unavailable")
        async with rendering:
            body = await asyncio.to_thread(fmt.render, record)
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
