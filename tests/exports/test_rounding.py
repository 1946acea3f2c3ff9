"""One rounding rule: the number a screen shows (the view's figure, shown as sent) is the
number every report shows. Eight pawns with mean 17 / 8 = 2.125 used to read 2,13 on
screen (the browser rounded 2.125 half up) and 2,12 in PDF, Word and Markdown (Python's
"%.2f" rounds that exact binary half to even)."""

from __future__ import annotations

from typing import Any

from game_server.exports import render
from game_server.exports.figures_table import figures_table
from game_server.exports.labels import Labels
from game_server.exports.record import record_of
from game_server.rules import Viewer, view
from tests.unit.rules.conftest import make_game

NAMES = ("Anna", "Bram", "Cas", "Dirk", "Eva", "Fien", "Gijs", "Hans")
SQUARES = (1, 2, 2, 2, 2, 2, 3, 3)  # mean 2.125


def _played() -> tuple[Any, dict[str, Any]]:
    game, players = make_game(cards=1, players=NAMES, hidden=False)
    game.walk_to("place")
    for player, square in zip(players, SQUARES, strict=True):
        game.place(player, square)
    game.walk_to("sort")
    record = record_of(game.room, version=len(game.events), exported_at=2_000_000)
    return game, record


def test_the_view_carries_the_rounded_figure() -> None:
    game, _ = _played()
    for viewer in (Viewer("facilitator"), Viewer("projector"), Viewer("player", "x")):
        first = view(game.room, viewer)["figures"]["deck/c0"]["first"]
        assert first["mean"] == 2.13, viewer


def test_reports_show_the_number_the_screen_shows() -> None:
    game, record = _played()
    shown = view(game.room, Viewer("projector"))["figures"]["deck/c0"]["first"]
    on_screen = str(shown["mean"]).replace(".", ",")  # the client shows what it is sent
    assert on_screen == "2,13"
    labels = Labels("nl")
    _, rows = figures_table(record, record["cards"][0], labels)
    assert rows[1][1] == on_screen  # the mean of the first round, in PDF and Word
    markdown = render(record, "md").decode("utf-8")
    assert f"| Gemiddelde | {on_screen} |" in markdown
    assert "2,12" not in markdown
    assert Labels("en").number(shown["mean"]) == "2.13"
