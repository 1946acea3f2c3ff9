"""A room's (and a workshop's) title is one line of at most 80 characters: it heads every
screen and the title page of every report, where a title of many lines ran off the page."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from game_server.rules.commands import CreateRoom
from game_server.rules.workshop.create import CreateWorkshop


def _request(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "command_id": "c" * 16,
        "board_id": "schaal-5",
        "card_ids": ["basis/1"],
        "title": title,
        **extra,
    }


@pytest.mark.parametrize("model", [CreateRoom, CreateWorkshop])
def test_a_title_of_several_lines_is_refused_and_names_the_field(model: Any) -> None:
    extra = {"tables": {"count": 2}} if model is CreateWorkshop else {}
    for title in ("Teamdag\nregel twee", "Teamdag\tmet tab", "Teamdag\u2028regel twee"):
        with pytest.raises(ValidationError) as raised:
            model.model_validate(_request(title, **extra))
        (problem,) = raised.value.errors()
        assert problem["loc"] == ("title",) and problem["type"] == "text_lines"


@pytest.mark.parametrize("model", [CreateRoom, CreateWorkshop])
def test_a_one_line_title_up_to_80_characters_is_taken(model: Any) -> None:
    extra = {"tables": {"count": 2}} if model is CreateWorkshop else {}
    assert model.model_validate(_request("T" * 80, **extra)).title == "T" * 80
    with pytest.raises(ValidationError):
        model.model_validate(_request("T" * 81, **extra))
