"""At most so many open connections per client address.

Counted on Engine.IO sessions (a session is what holds memory: its queues, its environ,
for a websocket its buffers), from the moment the handshake is accepted until the session
closes, whatever the client does in between. A workshop behind one NAT address needs a
few hundred; the default (``--max-connections-per-address``, 500) leaves room for that.

Python-engineio calls its ``connect`` handler before it answers the handshake and lets
the handler refuse; python-socketio registers its own handlers there, so ours wrap them
(``install``), the way python-socketio's own admin instrumentation does.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import socketio

from .addresses import AddressResolver
from .environ import session

log = logging.getLogger(__name__)

DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 500
LOG_EVERY = 10.0
"""Seconds between two log lines about refused connections (a flood writes one line)."""

REASON = "too_many_connections"


def refusal(limit: int) -> dict[str, str]:
    return {
        "code": REASON,
        "message": f"Too many open connections from this address (at most {limit}); "
        "close another tab or laptop, or try again in a minute.",
    }


class ConnectionCounter:
    """Open Engine.IO sessions per address. An address's entry exists only while it has
    an open session, so the map never holds more entries than there are connections."""

    def __init__(self, limit: int = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS) -> None:
        self.limit = limit
        self.open_by_address: dict[str, int] = {}
        self.address_of: dict[str, str] = {}
        self.refused = 0
        self._logged_at = 0.0
        self._unlogged = 0

    def full(self, address: str) -> bool:
        return self.open_by_address.get(address, 0) >= self.limit

    def open(self, eio_sid: str, address: str) -> bool:
        if self.full(address):
            self.refuse(address)
            return False
        self.open_by_address[address] = self.open_by_address.get(address, 0) + 1
        self.address_of[eio_sid] = address
        return True

    def close(self, eio_sid: str) -> None:
        address = self.address_of.pop(eio_sid, None)
        if address is None:
            return
        left = self.open_by_address.get(address, 0) - 1
        if left > 0:
            self.open_by_address[address] = left
        else:
            self.open_by_address.pop(address, None)

    def refuse(self, address: str) -> None:
        """Count (and now and then log) a refused connection."""
        self.refused += 1
        self._unlogged += 1
        now = time.monotonic()
        if now - self._logged_at >= LOG_EVERY:
            log.warning(
                "refused %d connection(s), latest from %s: %d open from that address "
                "(--max-connections-per-address %d)",
                self._unlogged,
                address,
                self.open_by_address.get(address, 0),
                self.limit,
            )
            self._logged_at = now
            self._unlogged = 0


Handler = Callable[..., Awaitable[Any]]


def install(
    sio: socketio.AsyncServer, counter: ConnectionCounter, resolver: AddressResolver
) -> None:
    """Count every Engine.IO session of ``sio`` and refuse those over the limit."""
    eio = sio.eio
    socketio_connect: Handler = eio.handlers["connect"]
    socketio_disconnect: Handler = eio.handlers["disconnect"]

    async def connect(eio_sid: str, environ: dict[str, Any]) -> Any:
        address = resolver.of_environ(environ)
        if not counter.open(eio_sid, address):
            # python-engineio answers a refusal with HTTP 401 and this as its JSON body.
            return refusal(counter.limit)
        try:
            # python-socketio keeps what it is given for the session's life: only what
            # is read later, not the handshake's request (environ.py).
            return await socketio_connect(eio_sid, session(environ, address))
        except BaseException:
            counter.close(eio_sid)  # python-engineio rejects it and never reports a close
            raise

    async def disconnect(eio_sid: str, reason: Any = None) -> Any:
        counter.close(eio_sid)
        return await socketio_disconnect(eio_sid, reason)

    eio.on("connect", connect)
    eio.on("disconnect", disconnect)
