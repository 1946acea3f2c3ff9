"""A request's environ with only the keys something reads.

python-engineio turns every request into a WSGI-style environ (its aiohttp driver's
``translate_request``): about 15 fixed keys plus an ``HTTP_*`` key, made anew, for every
header. For a connection's handshake the dict lives as long as the connection does
(python-socketio keeps it per session for ``get_environ``, and for a WebSocket the
request handling's frames hold it), though after the handshake only the aiohttp request
and the query string are read from it (``gateway.py``, ``addresses.py``). Most of its
keys are read by nobody: ``wsgi.errors``, ``SERVER_SOFTWARE``, ``RAW_URI``, the user
agent, cookies, ...

``slim`` keeps the keys python-engineio or python-socketio read anywhere, and ours; the
key strings are this module's, shared by every environ. Every header is still on the
request (``environ["aiohttp.request"].headers``). ``tests/unit/test_environ.py`` fails
if either library reads a key that is not kept.
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


def slim(environ: dict[str, Any]) -> dict[str, Any]:
    """``environ`` with only the ``KEPT`` keys it has."""
    return {key: environ[key] for key in KEPT if key in environ}
