"""Fields over the real wire: numbers are numbers, a position off the board has one code,
a refusal names the documented field, and no text field takes a character that an
export (XML 1.0) could not carry."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.support.game import Table, open_table
from tests.support.player import GameClient, new_command_id
from tests.support.server import ServerProcess

SCALE_CARD = "leerklimaat/veiligheid"
QUADRANT_CARD = "leercultuur-elementen/zelfregie"
DOTTED = re.compile(r"^[a-z_]+(\.[a-z_0-9]+)*$")
"""A documented field path: command type, then field names (no model names)."""

NOT_TEXT = [
    "\ufffe",
    "\uffff",
    "\ufdd0",
    "\ufdef",
    "\U0001fffe",
    "\U0010ffff",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
]
"""Non-characters and control characters: refused in every text field."""


async def _placing(server: ServerProcess, board: str, card: str) -> Table:
    table = await open_table(server.url, board, [card], players=["Ann", "Bas"])
    await table.fac.do("start")
    await table.fac.do("next_step")
    await table.settle()
    return table


@pytest.fixture
async def quadrant(server: ServerProcess) -> AsyncIterator[Table]:
    table = await _placing(server, "llo-kwadrant", QUADRANT_CARD)
    yield table
    await table.close()


@pytest.fixture
async def scale(server: ServerProcess) -> AsyncIterator[Table]:
    table = await _placing(server, "schaal-5", SCALE_CARD)
    yield table
    await table.close()


def _fields(reply: dict[str, Any]) -> list[str]:
    assert reply["ok"] is False and reply["error"]["code"] == "bad_request", reply
    return [f["field"] for f in reply["error"]["fields"]]


@pytest.mark.parametrize(
    "position, field",
    [
        ({"x": "0.5", "y": 0}, "place_pawn.position.x"),
        ({"x": True, "y": 0}, "place_pawn.position.x"),
        ({"x": 0.5, "y": False}, "place_pawn.position.y"),
        ({"x": 0.5, "y": "-0.25"}, "place_pawn.position.y"),
    ],
)
async def test_quadrant_takes_only_numbers(
    quadrant: Table, position: dict[str, Any], field: str
) -> None:
    ann = quadrant.player("Ann")
    version = quadrant.fac.version
    reply = await ann.command("place_pawn", position=position)
    assert _fields(reply) == [field]
    assert (await quadrant.fac.fresh_enter())["version"] == version
    placed = await ann.command("place_pawn", position={"x": 1, "y": -0.5})  # an int is a number
    assert placed["ok"], placed
    await quadrant.settle()
    positions = (quadrant.fac.view or {})["placements"][QUADRANT_CARD]["first"]["positions"]
    assert positions[ann.player_id] == {"x": 1.0, "y": -0.5}


@pytest.mark.parametrize("position", [{"square": True}, {"square": "3"}, {"square": 3.0}])
async def test_scale_takes_only_integers(scale: Table, position: dict[str, Any]) -> None:
    reply = await scale.player("Ann").command("place_pawn", position=position)
    assert _fields(reply) == ["place_pawn.position.square"]


@pytest.mark.parametrize("square", [0, 6, 11, -3])
async def test_every_square_off_the_board_is_invalid_position(scale: Table, square: int) -> None:
    version = scale.fac.version
    reply = await scale.player("Ann").command("place_pawn", position={"square": square})
    assert reply["ok"] is False and reply["error"]["code"] == "invalid_position", reply
    assert (await scale.fac.fresh_enter())["version"] == version


@pytest.mark.parametrize("point", [{"x": 1.5, "y": 0.0}, {"x": 0, "y": -2}, {"x": -1.01, "y": 1}])
async def test_every_point_off_the_board_is_invalid_position(
    quadrant: Table, point: dict[str, Any]
) -> None:
    reply = await quadrant.player("Ann").command("place_pawn", position=point)
    assert reply["ok"] is False and reply["error"]["code"] == "invalid_position", reply
    wrong_kind = await quadrant.player("Ann").command("place_pawn", position={"square": 3})
    assert wrong_kind["error"]["code"] == "invalid_position"


async def test_fields_are_named_by_their_documented_path(scale: Table) -> None:
    ann = scale.player("Ann")
    for position in ({"square": "3"}, {"x": "a", "y": 0}, {}, {"square": 1, "x": 0, "y": 0}):
        reply = await ann.command("place_pawn", position=position)
        fields = _fields(reply)
        assert fields and all(DOTTED.match(f) for f in fields), fields
        assert all(f.startswith("place_pawn.position") for f in fields), fields
        assert "Position" not in reply["error"]["message"]
    # An unknown command type is named, not echoed: a 16 KiB type gives a short answer.
    reply = await ann.call("command", {"type": "x" * 16_000, "command_id": new_command_id()})
    assert _fields(reply) == ["type"]
    assert len(reply["error"]["message"]) < 400
    assert all(len(f["problem"]) <= 200 for f in reply["error"]["fields"])
    assert "xxxx" not in reply["error"]["message"]


def _bad(char: str) -> str:
    return f"Goed{char}bezig"


@pytest.mark.parametrize("char", NOT_TEXT, ids=lambda c: f"U+{ord(c):04X}")
async def test_text_that_exports_could_not_carry_is_refused(scale: Table, char: str) -> None:
    fac, ann = scale.fac, scale.player("Ann")
    version = fac.version
    await ann.do("add_post_it", colour="green", text="Een goed begin")
    post_it = next(iter((fac.view or {})["post_its"]))
    version = await scale.settle()
    cases: list[tuple[GameClient, str, dict[str, Any], str]] = [
        (ann, "add_post_it", {"colour": "green", "text": _bad(char)}, "add_post_it.text"),
        (ann, "edit_post_it", {"post_it_id": post_it, "text": _bad(char)}, "edit_post_it.text"),
        (ann, "add_case_card", {"text": _bad(char)}, "add_case_card.text"),
        (ann, "add_case_card", {"text": "Casus", "title": _bad(char)}, "add_case_card.title"),
    ]
    point = {"what": "Wat", "who": "Wie", "first_step": "Stap", "evaluate_when": "Mei"}
    for name in point:
        cases.append(
            (fac, "add_action_point", {**point, name: _bad(char)}, f"add_action_point.{name}")
        )
    for client, type_, fields, field in cases:
        reply = await client.command(type_, **fields)
        assert _fields(reply) == [field], (type_, reply)
    assert (await fac.fresh_enter())["version"] == version

    newcomer = GameClient(scale.fac.url)
    await newcomer.connect()
    try:
        reply = await newcomer.join(scale.code, _bad(char), check=False)
        assert _fields(reply) == ["name"]
        room = await newcomer.create_room("schaal-5", [SCALE_CARD], title=_bad(char), check=False)
        assert _fields(room) == ["title"]
    finally:
        await newcomer.close()
    assert (await fac.fresh_enter())["version"] == version
