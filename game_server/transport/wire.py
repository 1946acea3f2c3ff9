"""Socket.IO packets as msgpack, with explicit limits on what we decode.

A packet that is not valid msgpack, exceeds a limit or is not shaped like a Socket.IO
packet does not raise inside python-socketio's dispatcher: it is turned into a
``MALFORMED`` event so the sender gets a clear ``protocol_error`` and everyone else is
unaffected.
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
MALFORMED = "__malformed__"


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


class WirePacket(MsgPackPacket):  # type: ignore[misc]
    def encode(self) -> bytes:
        return msgpack.packb(self._to_dict(), use_bin_type=True)  # type: ignore[no-any-return]

    def decode(self, encoded_packet: bytes) -> None:
        try:
            if not isinstance(encoded_packet, bytes | bytearray):
                raise ValueError("expected a binary msgpack frame")
            if len(encoded_packet) > MAX_PACKET_BYTES:
                raise ValueError(f"packet larger than {MAX_PACKET_BYTES} bytes")
            decoded = decode(bytes(encoded_packet))
            if not isinstance(decoded, dict) or not isinstance(decoded.get("type"), int):
                raise ValueError("not a Socket.IO packet")
            namespace = decoded.get("nsp", "/")
            if not isinstance(namespace, str):
                raise ValueError("namespace must be a string")
            packet_id = decoded.get("id")
            if packet_id is not None and not isinstance(packet_id, int):
                raise ValueError("ack id must be an integer")
            self.packet_type = decoded["type"]
            self.data = decoded.get("data")
            self.id = packet_id
            self.namespace = namespace
        except Exception as error:  # every decoding failure becomes a reply, never a crash
            self.packet_type = packet.EVENT
            self.namespace = "/"
            self.id = None
            self.data = [MALFORMED, (str(error) or type(error).__name__)[:200]]
