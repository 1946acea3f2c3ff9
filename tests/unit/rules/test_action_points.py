"""Action points: what, who, first step, when it is evaluated."""

from __future__ import annotations

import pydantic
import pytest

from game_server.rules.model import ActionPoint

from .conftest import FACILITATOR, command, game_in

POINT = {
    "what": "Intervisie invoeren",
    "who": "Teamleider",
    "first_step": "Datum prikken",
    "evaluate_when": "Na drie maanden",
}


def test_add_action_point() -> None:
    game, _ = game_in("summary")
    result = game.play(FACILITATOR, {"type": "add_action_point", **POINT}, new_id="ap-1", now=9)
    assert result == {"action_point_id": "ap-1"}
    assert game.last.events == [
        {
            "type": "action_point_added",
            "action_point_id": "ap-1",
            "card_id": None,
            "item": None,
            "item_id": None,
            "at": 9,
            **POINT,
        }
    ]
    assert game.room.action_points["ap-1"] == ActionPoint(id="ap-1", created_at=9, **POINT)


def test_add_action_point_for_a_card() -> None:
    game, _ = game_in("discuss")
    result = game.fac("add_action_point", card_id="deck/c0", **POINT)
    assert game.room.action_points[result["action_point_id"]].card_id == "deck/c0"


def test_add_action_point_for_an_unknown_card() -> None:
    game, _ = game_in("summary")
    assert game.fac_refused("add_action_point", card_id="deck/nope", **POINT) == "unknown_card"


def test_edit_action_point_changes_only_what_is_given() -> None:
    game, _ = game_in("summary")
    point = game.fac("add_action_point", **POINT)["action_point_id"]
    game.play(
        FACILITATOR,
        {"type": "edit_action_point", "action_point_id": point, "who": "HR-adviseur"},
        now=50,
    )
    assert game.last.events == [
        {
            "type": "action_point_edited",
            "action_point_id": point,
            "at": 50,
            **POINT,
            "who": "HR-adviseur",
        }
    ]
    edited = game.room.action_points[point]
    assert (edited.who, edited.what, edited.edited_at) == ("HR-adviseur", POINT["what"], 50)


def test_edit_action_point_without_changes() -> None:
    game, _ = game_in("summary")
    point = game.fac("add_action_point", **POINT)["action_point_id"]
    assert game.fac_refused("edit_action_point", action_point_id=point) == "unchanged"


@pytest.mark.parametrize("kind", ["edit_action_point", "delete_action_point"])
def test_unknown_action_point(kind: str) -> None:
    game, _ = game_in("summary")
    more = {"what": "x"} if kind == "edit_action_point" else {}
    assert game.fac_refused(kind, action_point_id="ap-missing", **more) == "unknown_action_point"


def test_delete_action_point() -> None:
    game, _ = game_in("summary")
    point = game.fac("add_action_point", **POINT)["action_point_id"]
    game.fac("delete_action_point", action_point_id=point)
    assert game.last.events == [{"type": "action_point_deleted", "action_point_id": point}]
    assert game.room.action_points == {}


@pytest.mark.parametrize("field", ["what", "who", "first_step", "evaluate_when"])
def test_action_point_fields_are_required_and_limited(field: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        command({"type": "add_action_point", **{**POINT, field: ""}})
    with pytest.raises(pydantic.ValidationError):
        command({"type": "add_action_point", **{**POINT, field: "x" * 201}})
    with pytest.raises(pydantic.ValidationError):
        command({"type": "add_action_point", **{k: v for k, v in POINT.items() if k != field}})
