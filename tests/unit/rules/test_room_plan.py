"""The session plan a room is opened with (``create_room``'s ``plan``) is part of its
``room_created`` event and shown in the facilitator's (and the host's) view only; a room
stored before plans were kept has none."""

from __future__ import annotations

from typing import Any

from game_server.rules import CreateRoom, Viewer, open_room, view
from game_server.rules.events import room_from_created
from game_server.rules.view_types import view_adapter

from .conftest import game_in


def _plan() -> dict[str, Any]:
    request = CreateRoom.model_validate(
        {
            "command_id": "c" * 16,
            "board_id": "schaal-5",
            "card_ids": ["deck/c0"],
            "plan": {
                "name": {"nl": "Quickscan", "en": "Quick scan"},
                "opening": [{"title": {"nl": "Inleiding", "en": "Intro"}, "minutes": 3}],
                "closing": [
                    {
                        "title": {"nl": "Actiepunten", "en": "Action points"},
                        "minutes": 7,
                        "text": {"nl": "Wie?", "en": "Who?"},
                    }
                ],
            },
        }
    )
    assert request.plan is not None
    return request.plan.model_dump(mode="json")


def test_the_plan_is_in_the_opening_event_and_the_facilitators_view() -> None:
    game, (anna, _) = game_in("lobby")
    room = game.room
    event, opened = open_room(
        code=room.code,
        title=room.title,
        secret=room.secret,
        options=room.options,
        board=room.board,
        cards=list(room.cards.values()),
        now=1,
        plan=_plan(),
    )
    assert event["plan"] == _plan()
    for viewer in (Viewer("facilitator"), Viewer("host")):
        shown = view(opened, viewer)
        view_adapter.validate_python(shown)
        assert shown["plan"] == {
            "name": {"nl": "Quickscan", "en": "Quick scan"},
            "opening": [{"title": {"nl": "Inleiding", "en": "Intro"}, "minutes": 3, "text": None}],
            "closing": [
                {
                    "title": {"nl": "Actiepunten", "en": "Action points"},
                    "minutes": 7,
                    "text": {"nl": "Wie?", "en": "Who?"},
                }
            ],
        }
    for viewer in (Viewer("projector"), Viewer("player", anna.player_id)):
        assert view(opened, viewer)["plan"] is None


def test_a_room_stored_before_plans_has_none() -> None:
    game, _ = game_in("lobby")
    event, _ = open_room(
        code="ABCDEF",
        title="t",
        secret="s" * 32,
        options=game.room.options,
        board=game.room.board,
        cards=list(game.room.cards.values()),
        now=1,
    )
    assert "plan" not in event
    assert room_from_created(event).plan is None
    assert view(room_from_created(event), Viewer("facilitator"))["plan"] is None
