"""A JSON record edited by hand is held to the rules of the wire: the text rule of every
text field (rules/text.py) and strict numbers."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from game_server.content import load_library
from game_server.exports.importer import InvalidExport, parse_record
from game_server.exports.record import record_of
from tests.unit.rules.conftest import make_game

Change = Callable[[dict[str, Any]], None]


def _record() -> dict[str, Any]:
    game, (anna, bram) = make_game(cards=2, hidden=False)
    game.walk_to("place")
    game.place(anna, 2)
    game.next()
    game.post_it(bram, "pink", "Wie betaalt?")
    game.walk_to("summary")
    game.fac("add_action_point", what="Wat", who="Wie", first_step="Stap", evaluate_when="Mei")
    record = record_of(game.room, version=len(game.events), exported_at=2_000_000)
    record["board"]["spec"] = load_library().boards["schaal-5"].model_dump(mode="json")
    return dict(json.loads(json.dumps(record)))


def test_the_unchanged_record_is_valid() -> None:
    parse_record(_record())


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0010fffe", "\ud800", "\x85"])
@pytest.mark.parametrize(
    "change, field",
    [
        (lambda r, c: r["post_its"][0].update(text=f"a{c}b"), "post_its.0.text"),
        (lambda r, c: r["players"][1].update(name=f"Bram{c}"), "players.1.name"),
        (lambda r, c: r.update(title=f"Team{c}"), "title"),
        (lambda r, c: r["cards"][0]["text"].update(nl=f"Stelling{c}"), "cards.0.text.nl"),
        (lambda r, c: r["action_points"][0].update(who=f"Wie{c}"), "action_points.0.who"),
    ],
)
def test_characters_no_export_can_carry_are_refused(
    char: str, change: Callable[[dict[str, Any], str], None], field: str
) -> None:
    record = _record()
    change(record, char)
    with pytest.raises(InvalidExport, match=rf"^{re.escape(field)}: .*(U\+|control|unicode)"):
        parse_record(record)


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda r: r["players"][0].update(seat="0"), "players.0.seat"),
        (lambda r: r["players"][0].update(seat=True), "players.0.seat"),
        (lambda r: r["post_its"][0].update(created_at="1000000"), "post_its.0.created_at"),
        (lambda r: r["options"].update(minutes_per_card=True), "options.minutes_per_card"),
    ],
)
def test_numbers_are_numbers(change: Change, field: str) -> None:
    record = _record()
    change(record)
    with pytest.raises(InvalidExport, match=rf"^{re.escape(field)}: "):
        parse_record(record)


@pytest.mark.parametrize("position", [{"square": "2"}, {"square": True}, {"square": 2.0}])
def test_positions_are_numbers(position: dict[str, Any]) -> None:
    record = _record()
    record["cards"][0]["placements"]["first"][0]["position"] = position
    with pytest.raises(InvalidExport, match="not on the board"):
        parse_record(record)
