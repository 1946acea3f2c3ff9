"""Which host names the server answers to, and which browser origins may connect.

DNS rebinding: a page on ``http://rebind.evil.example`` whose name is later pointed at
this server's address is, for the browser, on the same origin as the server. It could
then open a game connection from the victim's network. Such a request carries
``Host: rebind.evil.example``, so the server refuses host names it was not told about
(``HostPolicy``). An IP literal cannot be rebound (the page's origin *is* that address), so
every IP address is accepted; names are accepted when they are ``localhost``, the host of
``--public-url`` or of an ``--origin``, the ``--host`` the server listens on, or given with
``--allowed-host``.

Browsers send an ``Origin`` header; it must be the server's own origin (scheme and the
host the request was sent to) or one of the ``--origin`` extras. Clients that send no
Origin (python-socketio, curl) are not browsers and are not subject to that check.

``X-Forwarded-Host`` and ``X-Forwarded-Proto`` are read only from a trusted proxy
(``--trusted-proxy``), like ``X-Forwarded-For``.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from .addresses import AddressResolver


def host_name(host: str) -> str:
    """``Example.org:8080`` -> ``example.org``; ``[::1]:80`` -> ``::1``."""
    host = host.strip()
    if host.startswith("["):
        return host[1 : host.find("]")].lower() if "]" in host else host.lower()
    if host.count(":") == 1:
        host = host.partition(":")[0]
    return host.rstrip(".").lower()


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostPolicy:
    def __init__(
        self,
        resolver: AddressResolver,
        *,
        names: Iterable[str] = (),
        urls: Iterable[str | None] = (),
        origins: Iterable[str] = (),
    ) -> None:
        self.resolver = resolver
        self.origins = frozenset(o.rstrip("/") for o in origins)
        allowed = {"localhost"}
        allowed.update(host_name(n) for n in names if n)
        for url in [*urls, *self.origins]:
            if url:
                allowed.add(host_name(urlsplit(url).netloc))
        self.names = frozenset(n for n in allowed if n and n not in ("0.0.0.0", "::"))

    def allows_name(self, host: str) -> bool:
        name = host_name(host)
        return _is_ip(name) or name in self.names

    def host(self, request: web.BaseRequest) -> str | None:
        """The host the browser sent the request to (``Host``, or from a trusted proxy
        the first ``X-Forwarded-Host``)."""
        if self.resolver.peer_is_trusted(request):
            forwarded = request.headers.get("X-Forwarded-Host")
            if forwarded:
                return forwarded.split(",")[0].strip()
        return request.headers.get("Host")

    def scheme(self, request: web.BaseRequest) -> str:
        if self.resolver.peer_is_trusted(request):
            forwarded = request.headers.get("X-Forwarded-Proto")
            if forwarded:
                return forwarded.split(",")[0].strip().lower()
        return request.scheme

    def allows(self, request: web.BaseRequest) -> bool:
        """Whether the request was sent to a host name this server answers to."""
        names = [request.headers.get("Host"), self.host(request)]
        return all(self.allows_name(n) for n in names if n)

    def own_origin(self, request: web.BaseRequest) -> str | None:
        host = self.host(request)
        return f"{self.scheme(request)}://{host}" if host else None

    def origin_allowed(self, origin: str | None, request: web.BaseRequest | None) -> bool:
        if origin is None:
            return True
        if origin in self.origins:
            return True
        if request is None or not self.allows(request):
            return False
        return origin == self.own_origin(request)

    def origin_check(self) -> Callable[[str | None, dict[str, Any]], bool]:
        """For python-engineio's ``cors_allowed_origins``: called with the request's
        environ, which holds the aiohttp request."""

        def allowed(origin: str | None, environ: dict[str, Any]) -> bool:
            request = environ.get("aiohttp.request")
            return self.origin_allowed(
                origin, request if isinstance(request, web.BaseRequest) else None
            )

        return allowed
