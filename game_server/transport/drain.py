"""Leaving gracefully on SIGTERM (or Ctrl+C), for rolling upgrades.

aiohttp first stops listening (new connections go to the other processes through the
balancer), then runs the application's shutdown hooks; this is one of them:

1. the process says it is draining (``/readyz`` answers 503, for balancers that ask);
2. commands already being handled finish (stored and acknowledged), for up to ``grace``;
3. every connection is closed by the server with an Engine.IO close packet, which tells
   a client to reconnect at once: through the balancer it reaches another process and
   enters its room again with its token and last version (the web client does this, see
   ``web_client/src/state/session.ts``); nothing it had acknowledged is lost, since every
   acknowledgement follows the store;
4. commands that arrived meanwhile finish too, and only then is the store closed.
"""

from __future__ import annotations

import asyncio
import logging

import socketio

from .gateway import Gateway

log = logging.getLogger(__name__)


async def drain(sio: socketio.AsyncServer, gateway: Gateway, grace: float) -> None:
    gateway.draining = True
    if not await gateway.idle(grace):
        log.warning("draining: commands still running after %g s", grace)
    log.info("draining: asking %d connections to reconnect elsewhere", len(gateway.connected()))
    try:
        # Engine.IO's public "close every connection". A long-polling client receives the
        # close packet at its next poll; one that does not come back in time is cut when
        # the server stops.
        await asyncio.wait_for(sio.eio.disconnect(), grace)
    except ValueError:
        pass  # python-engineio waits on an empty set of closes when nobody is connected
    except TimeoutError:
        log.warning("draining: some connections did not take their close within %g s", grace)
    if not await gateway.idle(grace):
        log.warning("draining: commands still running after %g s; stopping anyway", grace)
