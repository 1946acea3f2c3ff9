"""Which browser origins may open a Socket.IO connection.

The server's own origin always may (so the web client it serves works behind any host name
or a proxy that sets X-Forwarded-*); configured extra origins may too. Clients that send no
Origin (python-socketio, curl) are not browsers and are not subject to this check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def _own_origins(environ: dict[str, Any]) -> set[str]:
    scheme = str(environ.get("wsgi.url_scheme", "http"))
    host = environ.get("HTTP_HOST")
    origins = {f"{scheme}://{host}"} if host else set()
    forwarded_host = environ.get("HTTP_X_FORWARDED_HOST", host)
    forwarded_proto = environ.get("HTTP_X_FORWARDED_PROTO", scheme)
    if forwarded_host:
        proto = str(forwarded_proto).split(",")[0].strip()
        origins.add(f"{proto}://{str(forwarded_host).split(',')[0].strip()}")
    return origins


def origin_check(extra: Iterable[str]) -> Callable[[str | None, dict[str, Any]], bool]:
    allowed_extra = {o.rstrip("/") for o in extra}

    def allowed(origin: str | None, environ: dict[str, Any]) -> bool:
        if origin is None:
            return True
        return origin in allowed_extra or origin in _own_origins(environ)

    return allowed
