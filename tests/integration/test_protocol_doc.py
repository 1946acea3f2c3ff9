"""docs/protocol.md stays in step with the code.

Every client -> server event the Gateway registers, every server -> client event it emits,
every command type in RULES, every refusal and transport error code and every stored event
type must be named in the document (in backticks or as a heading). The who/phases table must
equal RULES, the tables of codes must list exactly the codes in the code, and the limits
quoted must be the limits in the code. The minimal Python client printed in the document is
run against a real server on loopback and must play a whole game.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import socketio
from aiohttp import web

from game_server.config import Settings
from game_server.content import load_library
from game_server.exports import FORMATS
from game_server.room import Rooms, applied, clock
from game_server.room import authority as authority_module
from game_server.rules import (
    REASONS,
    RULES,
    action_points,
    cards,
    model,
    post_its,
    steps,
    voting,
)
from game_server.rules import figures as figures_module
from game_server.rules.events import EVENTS
from game_server.stores import SqliteStore
from game_server.stores import base as stores_base
from game_server.transport import (
    connection_cap,
    creations,
    downloads,
    frames,
    limits,
    throttle,
    wire,
)
from game_server.transport import gateway as gateway_module
from game_server.transport.app import build_app
from game_server.transport.downloads import DOWNLOAD_ERRORS
from game_server.transport.gateway import Gateway
from game_server.transport.limits import FailureLimit
from game_server.transport.replies import TRANSPORT_ERRORS

ROOT = Path(__file__).resolve().parents[2]
DOC_PATH = ROOT / "docs" / "protocol.md"
DOC = DOC_PATH.read_text(encoding="utf-8")
PHASE_ORDER = ("lobby", "read", "place", "discuss", "revise", "sort", "summary", "closed")


def mentioned(name: str) -> bool:
    """``name`` appears in backticks, or as a heading of its own."""
    if f"`{name}`" in DOC:
        return True
    return re.search(rf"^#+ +`?{re.escape(name)}`?\s*$", DOC, re.MULTILINE) is not None


def table_rows(after: str) -> list[list[str]]:
    """The cells of the first Markdown table after the line containing ``after``."""
    lines = DOC[DOC.index(after) :].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2 :]:  # skip the header and the |---| line
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def unquote(cell: str) -> str:
    return cell.strip().strip("`")


def gateway_events(tmp_path: Path) -> set[str]:
    """The events a real Gateway registers on a real Socket.IO server."""
    sio = socketio.AsyncServer(async_mode="aiohttp")
    Gateway(sio, Rooms(SqliteStore(tmp_path / "rooms.sqlite3"), load_library()))
    return set(sio.handlers["/"]) - {"connect", "disconnect", "*"}


def emitted_events() -> set[str]:
    transport = Path(gateway_module.__file__).parent
    source = "".join(
        (transport / name).read_text(encoding="utf-8") for name in ("gateway.py", "presence.py")
    )
    return set(re.findall(r"(?:\.emit|send_to_group)\(\s*(?:self\.sio,\s*)?\"(\w+)\"", source))


# -- names ------------------------------------------------------------------------------------


def test_every_client_event_of_the_gateway_is_documented(tmp_path: Path) -> None:
    events = gateway_events(tmp_path)
    assert events == {"create_room", "join", "enter", "command"}
    missing = [e for e in sorted(events) if not mentioned(e)]
    assert not missing, f"client -> server events missing from docs/protocol.md: {missing}"
    for event in events:
        assert re.search(rf"^### `{event}`$", DOC, re.MULTILINE), f"no section for {event}"


def test_every_server_event_is_documented() -> None:
    events = emitted_events()
    assert {"update", "snapshot", "left_room", "protocol_error", "presence"} <= events
    missing = [e for e in sorted(events) if not re.search(rf"^### `{e}`$", DOC, re.MULTILINE)]
    assert not missing, f"server -> client events without a section: {missing}"


def test_left_room_reasons_are_documented() -> None:
    source = Path(gateway_module.__file__).read_text(encoding="utf-8")
    reasons = set(re.findall(r"reason = \"(\w+)\" if .* else \"(\w+)\"", source)[0])
    assert reasons == {"removed", "facilitation_handed_over"}
    assert all(mentioned(r) for r in reasons)


def test_every_command_type_has_a_section() -> None:
    missing = [t for t in RULES if not re.search(rf"^### `{t}`$", DOC, re.MULTILINE)]
    assert not missing, f"command types without a section in docs/protocol.md: {missing}"


def test_every_refusal_and_transport_code_is_documented() -> None:
    codes = [*REASONS, *TRANSPORT_ERRORS]
    missing = [c for c in codes if not mentioned(c)]
    assert not missing, f"error codes missing from docs/protocol.md: {missing}"


def test_every_stored_event_type_is_documented() -> None:
    types = ["room_created", *EVENTS]
    missing = [t for t in types if not mentioned(t)]
    assert not missing, f"stored event types missing from docs/protocol.md: {missing}"
    listed = {unquote(row[0]) for row in table_rows("The events, each a map with `type`")}
    assert listed == set(types)


def test_downloads_are_documented() -> None:
    rows = table_rows("### Downloads")
    assert {unquote(row[1]) for row in rows} >= set(DOWNLOAD_ERRORS)
    missing = [name for name in FORMATS if not mentioned(name)]
    assert not missing, f"download formats missing from docs/protocol.md: {missing}"


# -- tables -----------------------------------------------------------------------------------


def test_who_and_phases_table_equals_rules() -> None:
    rows = table_rows("<!-- The table below is checked against RULES")
    table = {unquote(command): (who, phases) for command, who, phases in rows}
    assert set(table) == set(RULES), "the summary table must list every command exactly once"
    for command, rule in RULES.items():
        who, phases = table[command]
        assert who == rule.who, f"{command}: who is {rule.who!r}, the table says {who!r}"
        listed = [p.strip() for p in phases.split(",")]
        expected = [p for p in PHASE_ORDER if p in rule.phases]
        assert listed == expected, f"{command}: phases are {expected}, the table says {listed}"


def test_workshop_who_and_phases_table_equals_its_rules() -> None:
    from game_server.rules import workshop

    order = ("lobby", "playing", "plenary", "closed")
    rows = table_rows("<!-- The table below is checked against the workshop's RULES")
    table = {unquote(command): (who, phases) for command, who, phases in rows}
    assert set(table) == set(workshop.RULES)
    for command, rule in workshop.RULES.items():
        who, phases = table[command]
        assert who == rule.who, command
        assert [p.strip() for p in phases.split(",")] == [p for p in order if p in rule.phases]


def test_every_workshop_event_is_documented() -> None:
    from game_server.rules.workshop.events import CREATED
    from game_server.rules.workshop.events import EVENTS as WORKSHOP_EVENTS

    listed = {unquote(row[0]) for row in table_rows("### Stored workshop events")}
    assert listed == {CREATED, *WORKSHOP_EVENTS}


def test_the_view_table_lists_exactly_the_fields_of_a_view() -> None:
    from game_server.rules import Viewer, view
    from game_server.rules.view_types import View
    from tests.unit.rules.conftest import game_in

    game, _ = game_in("discuss")
    listed = [unquote(row[0]) for row in table_rows("### Top level")]
    assert sorted(listed) == sorted(view(game.room, Viewer("facilitator"))), listed
    assert sorted(listed) == sorted(View.__annotations__), "view_types.View names the same"


def test_code_tables_list_exactly_the_codes() -> None:
    transport = {unquote(row[0]) for row in table_rows("### Transport codes")}
    refusals = {unquote(row[0]) for row in table_rows("### Refusal codes")}
    assert transport == set(TRANSPORT_ERRORS)
    assert refusals == set(REASONS)


def test_quoted_limits_are_the_limits_in_the_code() -> None:
    failure = FailureLimit()
    expected: dict[str, tuple[str, ...]] = {
        "MAX_PACKET_BYTES": (str(wire.MAX_PACKET_BYTES),),
        "MAX_STRING": (str(wire.MAX_STRING),),
        "MAX_ARRAY": (str(wire.MAX_ARRAY),),
        "MAX_MAP": (str(wire.MAX_MAP),),
        "MAX_POST_IT_LENGTH": (str(model.MAX_POST_IT_LENGTH),),
        "MAX_NAME_LENGTH": (str(model.MAX_NAME_LENGTH),),
        "MAX_PLAYERS": (str(model.MAX_PLAYERS),),
        "MAX_CARDS": (str(model.MAX_CARDS),),
        "CODE_LENGTH": (str(clock.CODE_LENGTH),),
        "FailureLimit": (str(failure.limit), f"{failure.window:g}"),
        "PER_CONNECTION": (str(limits.PER_CONNECTION), f"{failure.window:g}"),
        "PER_ADDRESS": (str(limits.PER_ADDRESS), f"{failure.window:g}"),
        "DOWNLOAD_FAILURES": (str(downloads.DOWNLOAD_FAILURES),),
        "MAX_KEYS": (str(limits.MAX_KEYS),),
        "DEFAULT_MAX_CONNECTIONS_PER_ADDRESS": (
            str(connection_cap.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
            str(Settings().max_connections_per_address),
        ),
        "DEFAULT_MAX_ROOMS_PER_ADDRESS": (
            str(creations.DEFAULT_MAX_ROOMS_PER_ADDRESS),
            str(Settings().max_rooms_per_address),
            f"{creations.DEFAULT_WINDOW:g}",
            f"{Settings().rooms_per_address_window:g}",
        ),
        "MAX_ADDRESSES": (str(creations.MAX_ADDRESSES),),
        "RECENT": (str(authority_module.RECENT),),
        "CREATION_MEMORY": (f"{stores_base.CREATION_MEMORY.total_seconds() / 3600:g}",),
        "PER_SENDER": (str(applied.PER_SENDER),),
        "PER_GUEST": (str(applied.PER_GUEST),),
        "CONSENSUS_AT_MOST": (str(figures_module.CONSENSUS_AT_MOST),),
        "DISCUSSION_FROM": (str(figures_module.DISCUSSION_FROM),),
        "QUADRANT_GREEN_SHIFT": (str(figures_module.QUADRANT_GREEN_SHIFT),),
        "DEFAULT_TIMER_SECONDS": (str(steps.DEFAULT_TIMER_SECONDS),),
        "MAX_EVENT_NAME": (str(wire.MAX_EVENT_NAME),),
        "MAX_FRAME_BYTES": (str(frames.MAX_FRAME_BYTES),),
        "MAX_POST_ITS_PER_PLAYER": (str(post_its.MAX_POST_ITS_PER_PLAYER),),
        "MAX_POST_ITS_PER_ROOM": (str(post_its.MAX_POST_ITS_PER_ROOM),),
        "MAX_CASE_CARDS_PER_WRITER": (str(cards.MAX_CASE_CARDS_PER_WRITER),),
        "MAX_AGENDA": (str(cards.MAX_AGENDA),),
        "MAX_ACTION_POINTS": (str(action_points.MAX_ACTION_POINTS),),
        "MAX_DOTS": (str(voting.MAX_DOTS), str(voting.DEFAULT_DOTS)),
        "TokenBucket": (str(throttle.BURST), f"{throttle.PER_SECOND:g}"),
    }
    rows = table_rows("### Message limits") + table_rows("### Game limits")
    quoted = {unquote(row[-1]): row[1] for row in rows}
    assert set(expected) <= set(quoted), f"limits missing: {set(expected) - set(quoted)}"
    for name, numbers in expected.items():
        values = re.findall(r"\d+(?:\.\d+)?", quoted[name])
        for number in numbers:
            assert number in values, f"{name}: the code says {number}, the doc {quoted[name]!r}"
    assert f"`{clock.CODE_ALPHABET}`" in DOC
    assert f"{model.MAX_POST_IT_LENGTH} characters" in DOC


# -- the minimal client, run for real ---------------------------------------------------------


def minimal_client_source() -> str:
    marker = DOC.index("<!-- minimal-client:")
    block = re.search(r"```python\n(.*?)```", DOC[marker:], re.DOTALL)
    assert block is not None, "no python block after the minimal-client marker"
    return block.group(1)


@pytest.fixture
async def server_url(tmp_path: Path) -> AsyncIterator[str]:
    settings = Settings(host="127.0.0.1", port=0, data_dir=tmp_path)
    app = build_app(settings, SqliteStore(tmp_path / "rooms.sqlite3"))
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def play_documented_game(url: str) -> list[tuple[Any, dict[str, Any]]]:
    """Run ``play`` from the document; each client with a fresh view of the room."""
    namespace: dict[str, Any] = {}
    exec(compile(minimal_client_source(), "docs/protocol.md", "exec"), namespace)
    clients = await asyncio.wait_for(namespace["play"](url), 60)
    fresh = []
    try:
        for client in clients:
            data = {"code": client.code, "token": client.token}
            reply = await client.sio.call("enter", data, timeout=10)
            assert reply["ok"], reply
            assert reply["version"] == client.version
            fresh.append((client, reply["view"]))
    finally:
        for client in clients:
            await client.sio.disconnect()
    return fresh


async def test_the_minimal_client_plays_a_whole_game(server_url: str) -> None:
    results = await play_documented_game(server_url)
    assert [client.view["me"]["role"] for client, _ in results] == [
        "facilitator",
        "player",
        "player",
    ]
    for client, fresh_view in results:
        assert client.view == fresh_view, "a folded view must equal a fresh view"
        assert fresh_view["phase"] == "closed"
        assert len(fresh_view["post_its"]) == 2
        assert len(fresh_view["action_points"]) == 1
        first = fresh_view["placements"]["leerklimaat/veiligheid"]["first"]
        assert first["hidden"] is False and len(first["positions"]) == 2


# -- the minimal JavaScript client, run for real with node and the official client ------------

WEB_CLIENT_MODULES = ROOT / "web_client" / "node_modules"


def minimal_js_client_source() -> str:
    marker = DOC.index("<!-- minimal-client-js:")
    block = re.search(r"```js\n(.*?)```", DOC[marker:], re.DOTALL)
    assert block is not None, "no js block after the minimal-client-js marker"
    return block.group(1)


async def test_the_minimal_javascript_client_plays_a_whole_game(
    server_url: str, tmp_path: Path
) -> None:
    """The doc's JavaScript client, run by node with the official socket.io-client and
    socket.io-msgpack-parser (the web client's node_modules), plays the documented game;
    each view it folded equals what a fresh ``enter`` gives."""
    for package in ("socket.io-client", "socket.io-msgpack-parser"):
        assert (WEB_CLIENT_MODULES / package).is_dir(), f"run npm ci in web_client ({package})"
    script = tmp_path / "client.mjs"
    script.write_text(minimal_js_client_source(), encoding="utf-8")
    (tmp_path / "node_modules").symlink_to(WEB_CLIENT_MODULES, target_is_directory=True)
    node = await asyncio.create_subprocess_exec(
        "node",
        str(script),
        server_url,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(node.communicate(), 120)
    assert node.returncode == 0, err.decode()
    shown = json.loads(out.decode().strip().splitlines()[-1])
    assert [c["view"]["me"]["role"] for c in shown] == ["facilitator", "player", "player"]
    check = socketio.AsyncClient(serializer="msgpack")
    await check.connect(server_url, socketio_path="/socket.io")
    try:
        for client in shown:
            data = {"code": client["code"], "token": client["token"], "version": None}
            reply = await check.call("enter", data, timeout=10)
            assert reply["ok"], reply
            assert reply["version"] == client["version"]
            assert client["view"] == reply["view"], "a folded view must equal a fresh view"
            assert reply["view"]["phase"] == "closed"
            assert len(reply["view"]["post_its"]) == 2
            assert len(reply["view"]["action_points"]) == 1
    finally:
        await check.disconnect()
