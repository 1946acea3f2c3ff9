"""Socket.IO packets as msgpack, with explicit limits on what we decode.

A packet that is not valid msgpack, exceeds a limit or is not shaped like a Socket.IO
packet the server accepts does not raise inside python-socketio's dispatcher: it is turned
into a ``MALFORMED`` event (keeping its ack id when that could be read) so the sender gets
a clear ``protocol_error`` and everyone else is unaffected. An event named like one of
python-socketio's own (``connect``, ``*``, ...) becomes ``REFUSED``: python-socketio would
otherwise hand it to the server's connection handler.

Accepted from a client: CONNECT, DISCONNECT and EVENT. The server never asks a client for
an acknowledgement (so an ACK is a mistake), CONNECT_ERROR only travels the other way,
and a BINARY_EVENT/BINARY_ACK would make python-socketio wait for attachments that
msgpack never sends.
"""

from __future__ import annotations

from typing import Any

import msgpack
from socketio import packet
from socketio.msgpack_packet import MsgPackPacket

MAX_PACKET_BYTES = 64 * 1024
MAX_STRING = 16 * 1024
MAX_ARRAY = 512
MAX_MAP = 256
MAX_EVENT_NAME = 64
MALFORMED = "__malformed__"
REFUSED = "__refused__"
RESERVED_EVENTS = frozenset({"connect", "disconnect", "connect_error", "*", MALFORMED, REFUSED})
"""Event names a client may not send: python-socketio's own (``*`` names its catch-all
handler), and our markers."""

ACCEPTED_TYPES = {packet.CONNECT, packet.DISCONNECT, packet.EVENT}
_WHY_NOT = {
    packet.ACK: "the server asks for no acknowledgements",
    packet.CONNECT_ERROR: "CONNECT_ERROR packets only come from the server",
    packet.BINARY_EVENT: "binary packets are not accepted (msgpack needs no attachments)",
    packet.BINARY_ACK: "binary packets are not accepted (msgpack needs no attachments)",
}


class Malformed(ValueError):
    """A packet we refuse; ``packet_id`` is its ack id when that could be read."""

    def __init__(self, message: str, packet_id: int | None = None) -> None:
        super().__init__(message)
        self.packet_id = packet_id


def _no_ext(code: int, data: bytes) -> Any:
    # socket.io-msgpack-parser (notepack) encodes JavaScript's `undefined` as fixext 1,
    # type 0, data 0x00: read it as nil. Every other extension type is refused.
    if code == 0 and data == b"\x00":
        return None
    raise ValueError("msgpack extension types are not accepted")


def decode(data: bytes) -> Any:
    return msgpack.unpackb(
        data,
        raw=False,
        strict_map_key=True,
        max_str_len=MAX_STRING,
        max_bin_len=0,
        max_array_len=MAX_ARRAY,
        max_map_len=MAX_MAP,
        max_ext_len=1,
        ext_hook=_no_ext,
    )


def _checked(decoded: Any) -> tuple[int, str, int | None, Any]:
    """(type, namespace, ack id, data) of a decoded packet we accept; raises Malformed."""
    if not isinstance(decoded, dict) or type(decoded.get("type")) is not int:
        raise Malformed("not a Socket.IO packet")
    packet_id = decoded.get("id")
    if packet_id is not None and (type(packet_id) is not int or packet_id < 0):
        raise Malformed("ack id must be a non-negative integer")
    kind: int = decoded["type"]
    if kind not in ACCEPTED_TYPES:
        raise Malformed(_WHY_NOT.get(kind, f"unknown packet type {kind}"), packet_id)
    namespace = decoded.get("nsp", "/")
    if not isinstance(namespace, str):
        raise Malformed("namespace must be a string", packet_id)
    data = decoded.get("data")
    if kind == packet.EVENT:
        if not isinstance(data, list) or not data:
            raise Malformed("an event's data must be a list: [name, ...arguments]", packet_id)
        name = data[0]
        if not isinstance(name, str) or not 0 < len(name) <= MAX_EVENT_NAME:
            raise Malformed(f"an event name must be a string of 1 to {MAX_EVENT_NAME}", packet_id)
        if name in RESERVED_EVENTS:
            data = [REFUSED, name]
    return kind, namespace, packet_id, data


class WirePacket(MsgPackPacket):  # type: ignore[misc]
    def __init__(self, *args: Any, encoded_packet: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, encoded_packet=encoded_packet, **kwargs)
        if encoded_packet is not None and not encoded_packet:
            # python-socketio skips decoding an empty frame and would dispatch a packet
            # without data; an empty frame is malformed like any other.
            self.decode(encoded_packet)

    def encode(self) -> bytes:
        return msgpack.packb(self._to_dict(), use_bin_type=True)  # type: ignore[no-any-return]

    def decode(self, encoded_packet: bytes) -> None:
        packet_id = None
        try:
            problem = getattr(encoded_packet, "problem", None)
            if problem is not None:  # a frame the Engine.IO guard refused (frames.py)
                raise Malformed(str(problem))
            if not isinstance(encoded_packet, bytes | bytearray):
                raise Malformed("expected a binary msgpack frame")
            if not encoded_packet:
                raise Malformed("empty packet")
            if len(encoded_packet) > MAX_PACKET_BYTES:
                raise Malformed(f"packet larger than {MAX_PACKET_BYTES} bytes")
            kind, namespace, packet_id, data = _checked(decode(bytes(encoded_packet)))
            self.packet_type, self.namespace, self.id, self.data = kind, namespace, packet_id, data
        except Exception as error:  # every decoding failure becomes a reply, never a crash
            if isinstance(error, Malformed):
                packet_id = error.packet_id
            self.packet_type = packet.EVENT
            self.namespace = "/"
            self.id = packet_id
            detail = str(error) or type(error).__name__
            self.data = [MALFORMED, detail[:200]]
