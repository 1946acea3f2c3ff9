"""A view has exactly the shape ``rules/view_types.py`` declares (the property tests check
every view of their random games too; the TypeScript view types are generated from it)."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from game_server.rules import Viewer, view
from game_server.rules.view_types import view_adapter

from .conftest import game_in

VIEWERS = [Viewer("facilitator"), Viewer("projector"), Viewer("player", None)]


@pytest.mark.parametrize("board", ["scale", "quadrant"])
def test_a_played_game_has_the_declared_shape(board: str) -> None:
    game, (anna, bram) = game_in("revise", board, anonymous=True)
    game.post_it(anna)
    game.place(bram)
    for viewer in [*VIEWERS, Viewer("player", anna.player_id)]:
        view_adapter.validate_python(view(game.room, viewer))


def test_an_undeclared_key_is_refused() -> None:
    game, _ = game_in("place")
    snapshot = view(game.room, VIEWERS[0])
    snapshot["cards"]["deck/c0"]["secret_note"] = "x"  # type: ignore[typeddict-unknown-key]
    with pytest.raises(ValidationError, match="secret_note"):
        view_adapter.validate_python(snapshot)


def test_a_missing_key_or_a_wrong_type_is_refused() -> None:
    game, _ = game_in("place")
    snapshot = view(game.room, VIEWERS[0])
    missing = copy.deepcopy(snapshot)
    del missing["summary"]["open_questions"]  # type: ignore[misc]
    with pytest.raises(ValidationError, match="open_questions"):
        view_adapter.validate_python(missing)
    wrong = copy.deepcopy(snapshot)
    wrong["players"] = {p: {**v, "seat": "1"} for p, v in wrong["players"].items()}
    with pytest.raises(ValidationError, match="seat"):
        view_adapter.validate_python(wrong)
