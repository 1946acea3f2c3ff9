"""The msgpack wire format: what we decode, and what becomes a protocol_error."""

from __future__ import annotations

import msgpack
import pytest
from socketio import packet

from game_server.transport.wire import MALFORMED, MAX_PACKET_BYTES, WirePacket, decode


def test_javascript_undefined_from_notepack_reads_as_nil() -> None:
    # Bytes produced by socket.io-msgpack-parser for {a: undefined} and [undefined].
    assert decode(bytes.fromhex("81a161d40000")) == {"a": None}
    assert decode(bytes.fromhex("91d40000")) == [None]


@pytest.mark.parametrize(
    "raw",
    [
        bytes.fromhex("91d40100"),  # fixext 1 of another type
        bytes.fromhex("91d50000ff"),  # fixext 2
        b"\xc1",  # never-used byte
        b"\x92\x01",  # truncated array
    ],
)
def test_other_extensions_and_garbage_become_a_malformed_event(raw: bytes) -> None:
    pkt = WirePacket(encoded_packet=raw)
    assert pkt.packet_type == packet.EVENT
    assert pkt.data[0] == MALFORMED


def test_limits_are_enforced() -> None:
    too_long = msgpack.packb({"type": 2, "nsp": "/", "data": ["x" * 20000]})
    assert WirePacket(encoded_packet=too_long).data[0] == MALFORMED
    too_many = msgpack.packb({"type": 2, "nsp": "/", "data": list(range(600))})
    assert WirePacket(encoded_packet=too_many).data[0] == MALFORMED
    too_big = b"\x00" * (MAX_PACKET_BYTES + 1)
    assert WirePacket(encoded_packet=too_big).data[0] == MALFORMED


def test_a_normal_event_round_trips() -> None:
    sent = WirePacket(packet.EVENT, data=["command", {"type": "next_step"}], namespace="/", id=3)
    received = WirePacket(encoded_packet=sent.encode())
    assert (received.packet_type, received.data, received.id) == (
        packet.EVENT,
        ["command", {"type": "next_step"}],
        3,
    )
