"""The nesting limit docs/protocol.md states for JavaScript clients: a packet nests at
most 1024 levels in all; deeper (an array 2,000 deep) is a malformed packet whose detail
is ``StackError``, never a crash."""

from __future__ import annotations

import pytest

from game_server.transport.wire import MALFORMED, WirePacket

# {"type": 2, "nsp": "/", "data": ["command", {"x": <value>}]}: three levels around it.
_HEAD = b"\x83\xa4type\x02\xa3nsp\xa1/\xa4data\x92\xa7command\x81\xa1x"


def _nested(depth: int) -> bytes:
    return _HEAD + b"\x91" * depth + b"\x01"


@pytest.mark.parametrize("depth", [6, 1000, 1021])
def test_nesting_up_to_the_limit_is_decoded(depth: int) -> None:
    pkt = WirePacket(encoded_packet=_nested(depth))
    assert pkt.data[0] == "command"


@pytest.mark.parametrize("depth", [1022, 2000])
def test_deeper_nesting_is_a_malformed_packet(depth: int) -> None:
    pkt = WirePacket(encoded_packet=_nested(depth))
    assert pkt.data == [MALFORMED, "StackError"]
