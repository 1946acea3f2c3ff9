"""What every HTTP request meets before the application: the host-name check, the
security headers, and, on the Socket.IO endpoint, the refusals that need no session.

- A request to a host name the server does not answer to (DNS rebinding, see
  ``origins.py``) gets 421 with an explanation; ``/healthz`` is exempt, so a load balancer
  or container health check may use any name.
- JSONP polling (``?j=``) is refused: it lets a cross-site ``<script>`` open sessions
  without an ``Origin`` header, and no client of ours uses it.
- A new connection from an address that already has the maximum open gets 429 with the
  reason (``connection_cap.py`` counts and, as a backstop, refuses in python-engineio).
- Every answer carries a Content-Security-Policy (the web client is one bundled script
  and one stylesheet: no inline code, no other origins), ``nosniff``, no referrer, may not
  be framed, and a ``Server`` header without versions.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from functools import lru_cache

from aiohttp import hdrs, web
from aiohttp import web_response as aiohttp_web_response
from aiohttp.typedefs import Middleware

from .addresses import AddressResolver
from .connection_cap import REASON, ConnectionCounter, refusal
from .origins import HostPolicy
from .replies import error

SOCKET_IO_PATH = "/socket.io/"
SERVER_HEADER = "leerklimaat"
_PLAIN_HOST = re.compile(r"^[A-Za-z0-9.\-:\[\]]+$")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@lru_cache(maxsize=64)
def content_security_policy(host: str | None) -> str:
    """The page may load and connect only to its own origin. ``'self'`` covers the
    websocket in current browsers; the explicit ``ws:``/``wss:`` sources of the same host
    are for browsers that predate that rule (locked-down laptops update late).

    One string per host, shared: a WebSocket's handshake response, and with it this
    header, is kept for the connection's whole life."""
    sockets = f" ws://{host} wss://{host}" if host and _PLAIN_HOST.match(host) else ""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src 'self'{sockets}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def hide_server_version() -> None:
    """aiohttp answers requests it cannot parse (a bad request line, bad headers) before
    any application code runs, with ``Server: Python/3.x aiohttp/3.x``. That value is a
    module constant of ``aiohttp.web_response``; set it for the whole process (aiohttp is
    pinned below 4, and tests/integration/test_edge.py sends such a request)."""
    aiohttp_web_response.SERVER_SOFTWARE = SERVER_HEADER  # type: ignore[attr-defined]


def _json_refusal(status: int, code: str, message: str) -> web.Response:
    return web.json_response(error(code, message), status=status)


def edge_middleware(
    hosts: HostPolicy, counter: ConnectionCounter, resolver: AddressResolver
) -> Middleware:
    @web.middleware
    async def edge(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path != "/healthz" and not hosts.allows(request):
            host = hosts.host(request) or ""
            return web.Response(
                status=421,
                text=f"This server does not answer to the host name {host[:100]!r}. "
                "Open it by its IP address or the address it printed, or start it with "
                "--allowed-host for this name.\n",
            )
        if request.path.startswith(SOCKET_IO_PATH):
            if "j" in request.query:
                return _json_refusal(400, "bad_request", "JSONP polling is not supported.")
            handshake = "sid" not in request.query and request.method == hdrs.METH_GET
            address = resolver.of(request) if handshake else ""
            if handshake and counter.full(address):
                counter.refuse(address)
                reason = refusal(counter.limit)
                return _json_refusal(429, REASON, reason["message"])
        return await handler(request)

    return edge


def security_headers(
    hosts: HostPolicy,
) -> Callable[[web.Request, web.StreamResponse], Awaitable[None]]:
    async def add(request: web.Request, response: web.StreamResponse) -> None:
        # aiohttp fills in "Python/3.x aiohttp/3.x" only when no Server header is set.
        response.headers[hdrs.SERVER] = SERVER_HEADER
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault(
            "Content-Security-Policy", content_security_policy(hosts.host(request))
        )

    return add
