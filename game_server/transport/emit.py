"""Sending one event to many connections: encoded once, queued without a task each.

python-socketio's group emit encodes a message once and hands the *same* Engine.IO packet
to every recipient, in a task per recipient. Engine.IO caches a packet's encoding for the
transport it is first sent on, so with msgpack (binary packets) a WebSocket client and a
long-polling client in one group break each other: a TypeError in the polling payload
encoder, or a base64 text frame on the WebSocket. Here the Socket.IO packet is encoded
once and every recipient gets a fresh Engine.IO packet around those bytes, queued on its
connection directly: an updated version reaches a room's members in one pass, with no
per-recipient task, no per-recipient encoding and no shared cache. Where ``direct.install``
was called for the server, idle WebSocket connections get the frame written at once
(``direct.py``); the others are queued.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import socketio
from engineio import packet as eio_packet
from socketio import packet as sio_packet

from . import direct

NAMESPACE = "/"


def encode(sio: socketio.AsyncServer, event: str, data: Any) -> bytes:
    """The Socket.IO packet for ``event`` as the bytes every recipient is sent."""
    pkt = sio.packet_class(sio_packet.EVENT, namespace=NAMESPACE, data=[event, data])
    encoded: bytes = pkt.encode()
    return encoded


async def send_to_group(
    sio: socketio.AsyncServer,
    event: str,
    data: Any,
    group: str,
    skip: Collection[str] = (),
) -> int:
    """Queue ``event`` for every connection in ``group`` except ``skip``; how many got it."""
    recipients = [
        eio_sid
        for sid, eio_sid in sio.manager.get_participants(NAMESPACE, group)
        if sid not in skip
    ]
    if not recipients:
        return 0
    encoded = encode(sio, event, data)
    writer = direct.installed(sio)
    if writer is not None:
        await writer.send(recipients, encoded)
        return len(recipients)
    for eio_sid in recipients:
        # Queued in order on each connection; a connection that closed meanwhile is
        # skipped by Engine.IO (it will resume from its last version when it returns).
        await sio.eio.send_packet(eio_sid, eio_packet.Packet(eio_packet.MESSAGE, encoded))
    return len(recipients)
