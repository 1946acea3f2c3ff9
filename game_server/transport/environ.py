"""A request's environ with only the keys something reads.

python-engineio turns every request into a WSGI-style environ (its aiohttp driver's
``translate_request``): about 15 fixed keys plus an ``HTTP_*`` key, made anew, for every
header. A WebSocket's handshake environ lives as long as its connection does (the
request handling's frames hold it while the WebSocket's handler runs). Most of its keys
are read by nobody: ``wsgi.errors``, ``SERVER_SOFTWARE``, ``RAW_URI``, the user agent,
cookies, ...

``slim`` keeps the keys python-engineio or python-socketio read anywhere, and ours; the
key strings are this module's, shared by every environ. Every header is still on the
request (``environ["aiohttp.request"].headers``). ``tests/unit/test_environ.py`` fails
if either library reads a key that is not kept.

``session`` is what python-socketio is given to keep per session (``connection_cap.py``
hands it over): the query string and the client's address as worked out at the
handshake, which is all that is read later (``gateway.py``). Not the handshake's request:
a browser connects by long-polling first, and that finished polling request, with its
headers and parser state, stayed referenced from the kept environ for the connection's
whole life (a WebSocket's own request is held by its handler while it runs anyway).
"""

from __future__ import annotations

from typing import Any

KEPT = (
    # python-engineio's server: its handshake, CORS check, upgrade, polling POST, compression
    "REQUEST_METHOD",
    "QUERY_STRING",
    "PATH_INFO",
    "SCRIPT_NAME",
    "REMOTE_ADDR",
    "CONTENT_LENGTH",
    "CONTENT_TYPE",
    "wsgi.input",
    "wsgi.url_scheme",
    "HTTP_HOST",
    "HTTP_ORIGIN",
    "HTTP_CONNECTION",
    "HTTP_UPGRADE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_ACCESS_CONTROL_REQUEST_HEADERS",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    # ours (origins.py, addresses.py, gateway.py) and the aiohttp driver's WebSocket
    "aiohttp.request",
)


SESSION_ADDRESS = "leerklimaat.address"
"""The client's address (``addresses.py``) in a session's environ."""


def slim(environ: dict[str, Any]) -> dict[str, Any]:
    """``environ`` with only the ``KEPT`` keys it has."""
    return {key: environ[key] for key in KEPT if key in environ}


def session(environ: dict[str, Any], address: str) -> dict[str, Any]:
    """What is kept of a handshake's environ for its session's whole life."""
    return {"QUERY_STRING": environ.get("QUERY_STRING", ""), SESSION_ADDRESS: address}
