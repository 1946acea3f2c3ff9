"""A room opened from a session plan keeps its plan through an export and an import, so
the imported room's facilitator sees the same planned-against-actual time."""

from __future__ import annotations

import json
from typing import Any

import pytest

from game_server.exports.importer import InvalidExport, import_events, parse_record
from game_server.exports.record import record_of
from game_server.rules import Options, fold, open_room
from game_server.rules.commands import RoomPlan

from ..rules.conftest import SCALE_BOARD, make_cards

PLAN: dict[str, Any] = {
    "name": {"nl": "Quickscan leervoorwaarden", "en": "Quick scan of learning conditions"},
    "opening": [{"title": {"nl": "Inleiding", "en": "Introduction"}, "minutes": 3}],
    "closing": [
        {
            "title": {"nl": "Actiepunten", "en": "Action points"},
            "minutes": 7,
            "text": {"nl": "Wie pakt wat op?", "en": "Who takes on what?"},
        },
    ],
}


def _exported(plan: dict[str, Any] | None) -> dict[str, Any]:
    checked = RoomPlan.model_validate(plan).model_dump(mode="json") if plan else None
    _, room = open_room(
        code="PLAN01",
        title="Teamdag",
        secret="s" * 32,
        options=Options(),
        board=SCALE_BOARD,
        cards=make_cards(2),
        now=1_000,
        plan=checked,
    )
    return dict(json.loads(json.dumps(record_of(room, version=1, exported_at=2_000))))


def test_the_plan_goes_out_and_comes_back() -> None:
    exported = _exported(PLAN)
    assert exported["plan"]["name"] == PLAN["name"]
    room = fold(import_events(parse_record(exported), code="NEW123", secret="n", now=3_000))
    assert room.plan == RoomPlan.model_validate(PLAN).model_dump(mode="json")


def test_a_room_without_a_plan_exports_null_and_imports_none() -> None:
    exported = _exported(None)
    assert exported["plan"] is None
    room = fold(import_events(parse_record(exported), code="NEW123", secret="n", now=3_000))
    assert room.plan is None


def test_a_bad_plan_in_a_file_is_refused() -> None:
    exported = _exported(PLAN)
    exported["plan"]["opening"][0]["minutes"] = "drie"
    with pytest.raises(InvalidExport):
        parse_record(exported)
