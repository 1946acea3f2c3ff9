"""What an outsider can send on the wire, packet by packet, and what it gets.

Raw Engine.IO/Socket.IO frames over a real server (``tests/support/raw.py``): reserved
event names, packets that decode but are not shaped like a request, binary packets,
broken Engine.IO frames and polling bodies, oversized packets. Each is answered with a
``protocol_error`` (or an ``unknown_event`` acknowledgement), the connection stays usable,
and the server logs no traceback (the ``server`` fixture fails the test if it does).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import aiohttp
import msgpack
import pytest

from game_server.room.clock import CODE_ALPHABET
from game_server.transport.frames import MAX_FRAME_BYTES
from game_server.transport.wire import MAX_PACKET_BYTES
from tests.support.raw import RawPolling, RawWebSocket, event, sio_packet
from tests.support.server import ServerProcess

Raw = RawWebSocket | RawPolling


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server for the many packets below that change nothing on it (a server each
    would take most of this module's time); it must log no traceback either."""
    where = tmp_path_factory.mktemp("wire")
    server = ServerProcess(where / "data", log_path=where / "server.log")
    server.start()
    yield server
    server.stop(timeout=3)
    assert not server.tracebacks(), server.log_text()[-5000:]


@pytest.fixture(params=["websocket", "polling"])
async def raw(request: pytest.FixtureRequest, shared: ServerProcess) -> AsyncIterator[Raw]:
    client: Raw = (RawWebSocket if request.param == "websocket" else RawPolling)(shared.url)
    await client.open()
    yield client
    await client.close()


async def still_answers(raw: Raw, packet_id: int) -> None:
    """The connection is still open and served: an unknown event gets its answer."""
    await raw.send(event("no_such_event", {}, packet_id=packet_id))
    reply = await raw.ack(packet_id)
    assert reply["error"]["code"] == "unknown_event"


@pytest.mark.parametrize("name", ["connect", "disconnect", "connect_error", "*"])
async def test_reserved_event_names_are_unknown_events(
    shared: ServerProcess, raw: Raw, name: str
) -> None:
    for number, data in enumerate(({"REMOTE_ADDR": "198.51.100.7"}, 5, None, "x")):
        packet_id = 10 + number
        await raw.send(event(name, data, packet_id=packet_id))
        reply = await raw.ack(packet_id)
        assert reply["ok"] is False and reply["error"]["code"] == "unknown_event", reply
    await still_answers(raw, 99)
    assert shared.running and shared.health()["status"] == "ok"


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


# -- Engine.IO frames and polling bodies --------------------------------------------------------


@pytest.mark.parametrize(
    "frame",
    ["", "x", "9", "0", "0{}", "2", "bZZZ!", "4", "4hello", "{}"],
    ids=[
        "empty",
        "letter",
        "type-9",
        "open",
        "open-data",
        "ping",
        "bad-base64",
        "empty-text",
        "text-message",
        "json",
    ],
)
async def test_broken_websocket_text_frames_get_a_protocol_error(
    shared: ServerProcess, frame: str
) -> None:
    raw = await RawWebSocket(shared.url).open()
    try:
        await raw.send(frame)
        problem = await raw.protocol_error()
        assert problem["code"] == "bad_request", problem
        await still_answers(raw, 50)
    finally:
        await raw.close()


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe\x00",
        b"x",
        b"9",
        b"0",
        b"2",
        b"2probe",
        b"6",
        b"",
        b"bZZZ!",
        b"\x1e".join([b"3"] * 17),
    ],
    ids=[
        "not-utf8",
        "letter",
        "type-9",
        "open",
        "ping",
        "probe",
        "noop",
        "empty",
        "bad-base64",
        "17-packets",
    ],
)
async def test_broken_polling_bodies_get_a_protocol_error(
    shared: ServerProcess, body: bytes
) -> None:
    raw = await RawPolling(shared.url).open()
    try:
        status = await raw.post(body)
        assert status == 200
        if body:
            problem = await raw.protocol_error()
            assert problem["code"] == "bad_request", problem
        await still_answers(raw, 51)
    finally:
        await raw.close()


def packet_of(size: int, packet_id: int) -> bytes:
    """A well-formed event packet of exactly ``size`` bytes (strings within MAX_STRING)."""
    chunks = ["x" * 16_000] * (size // 16_200)
    base = event("no_such_event", *chunks, "", packet_id=packet_id)
    rest = size - len(base)
    for extra in range(rest, rest - 8, -1):  # the string's header grows with its length
        candidate = event("no_such_event", *chunks, "y" * extra, packet_id=packet_id)
        if len(candidate) == size:
            return candidate
    raise AssertionError(f"cannot build a packet of {size} bytes")


async def test_a_packet_of_exactly_the_limit_is_read(raw: Raw) -> None:
    frame = packet_of(MAX_PACKET_BYTES, 60)
    assert len(frame) == MAX_PACKET_BYTES
    await raw.send(frame)
    assert (await raw.ack(60))["error"]["code"] == "unknown_event"


async def test_a_packet_over_the_limit_gets_a_protocol_error_and_the_connection_stays(
    raw: Raw,
) -> None:
    frame = packet_of(MAX_PACKET_BYTES + 1, 61)
    await raw.send(frame)
    problem = await raw.protocol_error()
    assert problem["message"] == f"Malformed packet: packet larger than {MAX_PACKET_BYTES} bytes"
    await still_answers(raw, 62)


async def test_a_websocket_frame_over_what_the_transport_reads_closes(
    shared: ServerProcess,
) -> None:
    raw = await RawWebSocket(shared.url).open()
    try:
        await raw.send(b"\x00" * (MAX_FRAME_BYTES + 1))
        with pytest.raises(ConnectionError):
            await raw.ack(63)
        assert raw.close_code == 1009
    finally:
        await raw.close()


async def test_a_polling_body_over_what_the_transport_reads_is_answered(
    server: ServerProcess,
) -> None:
    raw = await RawPolling(server.url).open()
    try:
        status = await asyncio.wait_for(raw.post(b"6" * (MAX_FRAME_BYTES + 1000)), 15)
        assert status == 200
        problem = await raw.protocol_error()
        assert f"larger than {MAX_FRAME_BYTES} bytes" in problem["message"]
        await still_answers(raw, 64)
    finally:
        await raw.close()
    # Nothing of that request holds the server up: it stops cleanly, without a kill.
    assert server.stop(timeout=10) == 0


# -- the log ---------------------------------------------------------------------------------


async def wait_for_log(server: ServerProcess, text: str, within: float = 15.0) -> str:
    """The server's log once it holds ``text`` (a file another process writes: polled)."""
    deadline = asyncio.get_running_loop().time() + within
    while asyncio.get_running_loop().time() < deadline:
        log = server.log_text()
        if text in log:
            return log
        await asyncio.sleep(0.05)
    raise AssertionError(f"{text!r} not in the log:\n{server.log_text()[-3000:]}")


async def test_engineio_errors_are_logged_once(server: ServerProcess) -> None:
    async with aiohttp.ClientSession() as session:
        url = f"{server.url}/socket.io/?EIO=4&transport=polling"
        async with session.get(url, headers={"Origin": "http://evil.example"}) as response:
            assert response.status == 400
    log = await wait_for_log(server, "http://evil.example is not an accepted origin")
    assert log.count("http://evil.example is not an accepted origin") == 1, log


async def test_bad_packets_are_logged_once_each_and_quietly(server: ServerProcess) -> None:
    from game_server.transport.quiet_log import LINES

    raw = await RawWebSocket(server.url).open()
    try:
        for number in range(LINES * 3):
            await raw.send(sio_packet(2, {"flood": number}))
        while raw.protocol_errors() < LINES * 3:
            await raw.protocol_error(after=raw.protocol_errors())
        await raw.send(b"\xc1")  # one more, after the window's lines are used up
        await raw.protocol_error(after=LINES * 3)
    finally:
        await raw.close()
    log = await wait_for_log(server, "bad packet from")
    assert log.count("bad packet from") == LINES
    assert "Traceback" not in log
