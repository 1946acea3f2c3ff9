"""What an outsider can send on the wire, packet by packet, and what it gets.

Raw Engine.IO/Socket.IO frames over a real server (``tests/support/raw.py``): reserved
event names, packets that decode but are not shaped like a request, binary packets,
broken Engine.IO frames and polling bodies, oversized packets. Each is answered with a
``protocol_error`` (or an ``unknown_event`` acknowledgement), the connection stays usable,
and the server logs no traceback (the ``server`` fixture fails the test if it does).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import msgpack
import pytest

from game_server.room.clock import CODE_ALPHABET
from tests.support.raw import RawPolling, RawWebSocket, event, sio_packet
from tests.support.server import ServerProcess

Raw = RawWebSocket | RawPolling


@pytest.fixture(params=["websocket", "polling"])
async def raw(request: pytest.FixtureRequest, server: ServerProcess) -> AsyncIterator[Raw]:
    client: Raw = (RawWebSocket if request.param == "websocket" else RawPolling)(server.url)
    await client.open()
    yield client
    await client.close()


async def still_answers(raw: Raw, packet_id: int) -> None:
    """The connection is still open and served: an unknown event gets its answer."""
    await raw.send(event("no_such_event", {}, packet_id=packet_id))
    reply = await raw.ack(packet_id)
    assert reply["error"]["code"] == "unknown_event"


@pytest.mark.parametrize("name", ["connect", "disconnect", "connect_error"])
async def test_reserved_event_names_are_unknown_events(
    server: ServerProcess, raw: Raw, name: str
) -> None:
    for number, data in enumerate(({"REMOTE_ADDR": "198.51.100.7"}, 5, None, "x")):
        packet_id = 10 + number
        await raw.send(event(name, data, packet_id=packet_id))
        reply = await raw.ack(packet_id)
        assert reply["ok"] is False and reply["error"]["code"] == "unknown_event", reply
    await still_answers(raw, 99)
    assert server.health()["connections"] == 0 or server.running


async def test_a_connect_event_cannot_set_the_rate_limit_address(server: ServerProcess) -> None:
    """Naming another address in a `connect` event does not move this connection's
    failures to it: guessing room codes is still limited for the real connection."""
    raw = await RawWebSocket(server.url).open()
    try:
        await raw.send(event("connect", {"REMOTE_ADDR": "198.51.100.7"}, packet_id=1))
        assert (await raw.ack(1))["error"]["code"] == "unknown_event"
        codes = []
        for number in range(12):
            code = "".join(CODE_ALPHABET[(number + i) % len(CODE_ALPHABET)] for i in range(6))
            data = {"code": code, "name": "Gast", "command_id": f"guess-{number:012d}"}
            await raw.send(event("join", data, packet_id=100 + number))
            codes.append((await raw.ack(100 + number))["error"]["code"])
        assert codes[:10] == ["room_not_found"] * 10
        assert codes[10:] == ["rate_limited"] * 2
    finally:
        await raw.close()


def packed(**fields: object) -> bytes:
    return msgpack.packb(fields)  # type: ignore[no-any-return]


MALFORMED = [
    pytest.param(sio_packet(2, {"not": "a list"}, 21), 21, id="data-a-map"),
    pytest.param(sio_packet(2, "join", 22), 22, id="data-a-string"),
    pytest.param(sio_packet(2, [], 23), 23, id="data-empty"),
    pytest.param(sio_packet(2, None, 24), 24, id="data-missing"),
    pytest.param(sio_packet(2, [5, {}], 25), 25, id="event-name-an-int"),
    pytest.param(sio_packet(2, [["join"], {}], 26), 26, id="event-name-a-list"),
    pytest.param(sio_packet(4, {"message": "x"}, 27), 27, id="type-4-connect-error"),
    pytest.param(sio_packet(5, ["join", {}], 28), 28, id="type-5-binary-event"),
    pytest.param(sio_packet(6, [{}], 29), 29, id="type-6-binary-ack"),
    pytest.param(sio_packet(99, ["join", {}], 30), 30, id="type-99"),
    pytest.param(sio_packet(3, [{}], 31), 31, id="type-3-ack"),
    pytest.param(packed(type=2, nsp="/", data=["join"], id=-1), None, id="negative-id"),
    pytest.param(packed(type=2, nsp="/", data=["join"], id="7"), None, id="string-id"),
    pytest.param(packed(type="2", nsp="/", data=["join"]), None, id="string-type"),
    pytest.param(packed(type=2, nsp=5, data=["join"]), None, id="int-namespace"),
    pytest.param(msgpack.packb(17), None, id="an-int"),
    pytest.param(b"\xc1", None, id="not-msgpack"),
    pytest.param(b"", None, id="empty-frame"),
]


@pytest.mark.parametrize(("frame", "packet_id"), MALFORMED)
async def test_malformed_packets_get_a_protocol_error(
    raw: Raw, frame: bytes, packet_id: int | None
) -> None:
    seen = raw.protocol_errors()
    await raw.send(frame)
    problem = await raw.protocol_error(after=seen)
    assert problem["code"] == "bad_request"
    assert problem["message"].startswith("Malformed packet: ") and len(problem["message"]) > 18
    if packet_id is not None:  # the ack id could be read: the request is answered too
        reply = await raw.ack(packet_id)
        assert reply["error"]["code"] == "bad_request"
    await still_answers(raw, 98)


async def test_a_binary_event_does_not_leave_the_connection_waiting(raw: Raw) -> None:
    await raw.send(sio_packet(5, ["join", {"_placeholder": True, "num": 0}], 40))
    assert (await raw.ack(40))["error"]["code"] == "bad_request"
    # Without the refusal the next frame would be taken as the missing attachment.
    await still_answers(raw, 41)
