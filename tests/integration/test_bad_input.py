"""Bad input is answered, never obeyed: each case is followed by a check that the server
still serves another client and that nothing changed in the room."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import msgpack
import pytest
import socketio

from game_server.room.clock import CODE_ALPHABET
from tests.support.game import Table, open_table
from tests.support.player import GameClient, new_command_id
from tests.support.server import ServerProcess

CARD = "leerklimaat/veiligheid"
TRANSPORTS = [pytest.param(["websocket"], id="websocket"), pytest.param(["polling"], id="polling")]


@pytest.fixture
async def table(server: ServerProcess) -> AsyncIterator[Table]:
    """A room in the place step: a facilitator and two players, Ann and Bas."""
    table = await open_table(server.url, "schaal-5", [CARD], players=["Ann", "Bas"])
    await table.fac.do("start")
    await table.fac.do("next_step")
    await table.player("Ann").do("place_pawn", position={"square": 2})
    await table.settle()
    yield table
    await table.close()


async def still_serving(server: ServerProcess, table: Table, version: int | None = None) -> None:
    """Another, new client is served, and the room is still at ``version``."""
    expected = table.fac.version if version is None else version
    assert server.running and server.health()["status"] == "ok"
    fresh = await table.fac.fresh_enter()
    assert fresh["version"] == expected, "the room changed"
    assert fresh["view"] == table.fac.view
    for player in table.players:
        if player.connected_now and player.role is not None:
            refused = await player.command("reveal_placements")  # answered, and refused
            assert refused["error"]["code"] == "not_allowed"
            assert player.version == expected


async def probe(server: ServerProcess, **kwargs: Any) -> GameClient:
    client = GameClient(server.url, reconnection=False, **kwargs)
    await client.connect()
    return client


def unused_code(*taken: str) -> str:
    code = CODE_ALPHABET[:6]
    while code in taken:
        code = code[1:] + code[0]
    return code


# -- the wire -------------------------------------------------------------------------------


@pytest.mark.parametrize("transports", TRANSPORTS)
async def test_malformed_packets_get_a_protocol_error(
    server: ServerProcess, table: Table, transports: list[str]
) -> None:
    version = table.fac.version
    client = await probe(server, transports=transports)
    try:
        await client.enter(table.code, token_of(table, "Bas"))
        for raw in (
            b"\xc1garbage",  # not msgpack at all
            msgpack.packb([2, "command"]),  # msgpack, but not a Socket.IO packet
            msgpack.packb({"type": 2, "nsp": "/", "data": ["command", {"t": "x" * 20_000}]}),
            msgpack.packb({"type": 2, "nsp": "/", "data": ["command", {1: 2}]}),  # int map key
        ):
            seen = len(client.events)
            await client.sio.eio.send(raw)
            problem = await client.wait_event("protocol_error", after=seen)
            assert problem["code"] == "bad_request"
            assert problem["message"].startswith("Malformed packet")
            # The sender's connection stays usable.
            assert (await client.command("reveal_placements"))["error"]["code"] == "not_allowed"
        await still_serving(server, table, version)
    finally:
        await client.close()


async def test_unknown_event(server: ServerProcess, table: Table) -> None:
    reply = await table.player("Ann").call("steal_the_room", {"code": table.code})
    assert reply["ok"] is False and reply["error"]["code"] == "unknown_event"
    await still_serving(server, table)


@pytest.mark.parametrize("transports", TRANSPORTS)
async def test_packet_over_64_kb_gets_a_protocol_error_and_the_connection_stays(
    server: ServerProcess, table: Table, transports: list[str]
) -> None:
    version = table.fac.version
    client = await probe(server, transports=transports)
    try:
        await client.enter(table.code, token_of(table, "Bas"))
        payload = {
            "type": "add_post_it",
            "command_id": new_command_id(),
            "colour": "green",
            "text": "x" * 70_000,
        }
        seen = len(client.events)
        await client.sio.emit("command", payload)
        problem = await client.wait_event("protocol_error", after=seen)
        assert problem["message"] == "Malformed packet: packet larger than 65536 bytes"
        assert client.connected_now and client.disconnects == 0
        assert (await client.command("reveal_placements"))["error"]["code"] == "not_allowed"
        await still_serving(server, table, version)
    finally:
        await client.close()


# -- shapes -----------------------------------------------------------------------------------


def _cmd(type_: str, **fields: Any) -> dict[str, Any]:
    return {"type": type_, "command_id": new_command_id(), **fields}


BAD_COMMANDS: list[tuple[str, dict[str, Any], str]] = [
    ("wrong type", _cmd("place_pawn", position={"square": "3"}), "place_pawn.position"),
    ("wrong type", _cmd("add_post_it", colour="green", text=42), "add_post_it.text"),
    ("not a choice", _cmd("add_post_it", colour="blue", text="Hoi"), "add_post_it.colour"),
    ("missing", _cmd("add_post_it", colour="green"), "add_post_it.text"),
    ("missing", {"type": "next_step"}, "next_step.command_id"),
    ("extra", _cmd("next_step", as_facilitator=True), "next_step.as_facilitator"),
    ("too long", _cmd("add_post_it", colour="pink", text="x" * 281), "add_post_it.text"),
    ("control", _cmd("add_post_it", colour="pink", text="a\x00b"), "add_post_it.text"),
    ("empty", _cmd("add_post_it", colour="pink", text="   "), "add_post_it.text"),
    ("bad id", {"type": "next_step", "command_id": "x"}, "next_step.command_id"),
    ("not finite", _cmd("place_pawn", position={"x": float("nan"), "y": 0}), "place_pawn"),
]


async def test_bad_commands_name_the_field(server: ServerProcess, table: Table) -> None:
    ann = table.player("Ann")
    version = table.fac.version
    for why, payload, field in BAD_COMMANDS:
        reply = await ann.call("command", payload)
        assert reply["ok"] is False and reply["error"]["code"] == "bad_request", (why, reply)
        fields = [f["field"] for f in reply["error"]["fields"]]
        assert any(f.startswith(field) for f in fields), (why, field, fields)
        assert field in reply["error"]["message"]
    # Not one map as the event's data.
    for args in ([1, 2], "next_step", None, (_cmd("next_step"), _cmd("next_step"))):
        reply = await ann.call("command", args)
        assert reply["ok"] is False and reply["error"]["code"] == "bad_request", (args, reply)
    await still_serving(server, table, version)

    # At the limit, 280 characters, a post-it is fine (and stays text).
    text = "<script>x</script>" + "é" * 262
    assert len(text) == 280
    written = await ann.do("add_post_it", colour="pink", text=text)
    assert (table.fac.view or {})["post_its"][written["result"]["post_it_id"]]["text"] == text


async def test_bad_join_and_enter_requests(server: ServerProcess, table: Table) -> None:
    version = table.fac.version
    client = await probe(server)
    try:
        cases: list[tuple[str, dict[str, Any], str]] = [
            ("join", {"code": table.code, "name": 42, "command_id": new_command_id()}, "name"),
            ("join", {"code": table.code, "name": "Eve"}, "command_id"),
            ("join", {"code": table.code, "name": "Eve", "command_id": "abc"}, "command_id"),
            (
                "join",
                {"code": table.code, "name": "x" * 41, "command_id": new_command_id()},
                "name",
            ),
            ("join", {"code": table.code, "name": "Eve", "command_id": "c" * 8, "x": 1}, "x"),
            (
                "enter",
                {"code": table.code, "token": token_of(table, "Ann"), "version": "3"},
                "version",
            ),
            ("enter", {"code": table.code, "token": "short"}, "token"),
            ("enter", {"code": "AB", "token": token_of(table, "Ann")}, "code"),
        ]
        for event, payload, field in cases:
            reply = await client.call(event, payload)
            assert reply["ok"] is False and reply["error"]["code"] == "bad_request", reply
            fields = [f["field"] for f in reply["error"]["fields"]]
            if field:
                assert field in fields, (payload, fields)
            else:
                assert fields, reply
        await still_serving(server, table, version)
    finally:
        await client.close()


# -- who may do what ---------------------------------------------------------------------------


def token_of(table: Table, name: str) -> str:
    token = table.player(name).token
    assert token is not None
    return token


async def test_command_before_entering_a_room(server: ServerProcess, table: Table) -> None:
    client = await probe(server)
    try:
        reply = await client.command("next_step")
        assert reply["error"]["code"] == "not_in_room"
        reply = await client.command("place_pawn", position={"square": 3})
        assert reply["error"]["code"] == "not_in_room"
        await still_serving(server, table)
    finally:
        await client.close()


async def test_bad_tokens_and_unknown_rooms(server: ServerProcess, table: Table) -> None:
    fac, bas = table.fac, table.player("Bas")
    other = await open_table(server.url, "schaal-5", [CARD], players=["Zoë"], projector=True)
    client = await probe(server)
    try:
        assert other.code != table.code
        bas_id = str(bas.player_id)
        forged = [
            f"p.{bas_id}.{'0' * 36}",  # Bas's id with a made-up signature
            token_of(table, "Bas")[:-1] + ("0" if token_of(table, "Bas")[-1] != "0" else "1"),
        ]
        assert other.fac.created is not None
        foreign = [
            other.fac.created["facilitator_token"],
            other.fac.created["projector_token"],
            token_of(other, "Zoë"),
        ]
        for token in [*forged, *foreign]:
            reply = await client.enter(table.code, token, check=False)
            assert reply["ok"] is False and reply["error"]["code"] == "bad_token", token
        await still_serving(server, table)

        # A removed player's token no longer opens the room.
        removed = await fac.do("remove_player", player_id=bas_id)
        left = await bas.wait_event("left_room")
        assert left == {"code": table.code, "reason": "removed"}
        assert (await bas.command("add_post_it", colour="green", text="x"))["error"][
            "code"
        ] == "not_in_room"
        reply = await client.enter(table.code, token_of(table, "Bas"), check=False)
        assert reply["error"]["code"] == "bad_token"
        table.players.remove(bas)
        await bas.close()
        await still_serving(server, table, removed["version"])

        # A code that names no room.
        code = unused_code(table.code, other.code)
        reply = await client.enter(code, token_of(table, "Ann"), check=False)
        assert reply["error"]["code"] == "room_not_found"
        reply = await client.join(code, "Eve", check=False)
        assert reply["error"]["code"] == "room_not_found"
        await still_serving(server, table, removed["version"])
    finally:
        await client.close()
        await other.close()


async def test_repeated_bad_tokens_are_rate_limited(server: ServerProcess, table: Table) -> None:
    """Tokens and room codes cannot be guessed at speed: after 10 failures a minute on one
    connection, or 100 from one address, ``join`` and ``enter`` are answered
    ``rate_limited`` (even with a valid token), while players already in a room play on."""
    guesses = iter(range(1000))

    async def fail(client: GameClient) -> str:
        token = f"p.guess{next(guesses)}.{'a' * 36}"
        reply = await client.enter(table.code, token, check=False)
        return str(reply["error"]["code"])

    version = table.fac.version
    opened: list[GameClient] = []
    try:
        # One connection: ten failures, then even a valid token is refused.
        first = await probe(server)
        opened.append(first)
        assert [await fail(first) for _ in range(10)] == ["bad_token"] * 10
        assert await fail(first) == "rate_limited"
        valid = await first.enter(table.code, token_of(table, "Ann"), check=False)
        assert valid["error"]["code"] == "rate_limited"
        # Another connection from the same address is not locked out by that one ...
        second = await probe(server)
        opened.append(second)
        assert (await second.enter(table.code, token_of(table, "Ann")))["ok"] is True
        # ... until the address as a whole reaches a hundred failures.
        while True:
            client = await probe(server)
            opened.append(client)
            codes = [await fail(client) for _ in range(10)]
            if "rate_limited" in codes:
                break
            assert len(opened) <= 12, "the per-address limit never applied"
        assert len(opened) == 12  # 11 connections x 10 failures + the one that got in
        late = await probe(server)
        opened.append(late)
        reply = await late.join(table.code, "Eve", check=False)
        assert reply["error"]["code"] == "rate_limited"
        reply = await late.enter(table.code, token_of(table, "Bas"), check=False)
        assert reply["error"]["code"] == "rate_limited"
        # Another laptop (another address) is not locked out by this one's guessing.
        elsewhere = await probe(server, local_address="127.0.0.2")
        opened.append(elsewhere)
        assert (await elsewhere.enter(table.code, token_of(table, "Bas")))["ok"] is True

        # Nothing changed, and those already in the room play on.
        assert server.health()["status"] == "ok"
        assert table.fac.version == version
        placed = await table.player("Bas").do("place_pawn", position={"square": 4})
        assert placed["version"] == version + 1
        await table.settle()
    finally:
        for client in opened:
            await client.close()


@pytest.mark.parametrize("transports", TRANSPORTS)
async def test_foreign_origin_is_refused(
    server: ServerProcess, table: Table, transports: list[str]
) -> None:
    evil = GameClient(
        server.url,
        transports=transports,
        headers={"Origin": "http://evil.example"},
        reconnection=False,
    )
    with pytest.raises(socketio.exceptions.ConnectionError):
        await evil.connect()
    await evil.close()
    same = GameClient(
        server.url, transports=transports, headers={"Origin": server.origin}, reconnection=False
    )
    try:
        await same.connect()
        entered = await same.enter(table.code, token_of(table, "Ann"))
        assert entered["player_id"] == table.player("Ann").player_id
        assert same.transport == transports[0]
    finally:
        await same.close()
    await still_serving(server, table)
