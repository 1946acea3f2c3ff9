"""The timer everyone sees: started, extended and stopped by the facilitator."""

from __future__ import annotations

import pydantic
import pytest

from game_server.rules.model import Timer
from game_server.rules.steps import DEFAULT_TIMER_SECONDS

from .conftest import FACILITATOR, command, game_in, make_cards, make_game


def test_start_timer_with_seconds() -> None:
    game, _ = game_in("discuss")
    game.play(FACILITATOR, {"type": "start_timer", "seconds": 90}, now=5_000)
    assert game.last.events == [{"type": "timer_started", "started_at": 5_000, "seconds": 90}]
    assert game.room.timer == Timer(5_000, 90)
    assert game.room.timer.ends_at() == 95_000


def test_start_timer_defaults_to_five_minutes() -> None:
    game, _ = game_in("discuss")
    game.fac("start_timer")
    assert game.room.timer is not None
    assert game.room.timer.seconds == DEFAULT_TIMER_SECONDS == 300


def test_start_timer_defaults_to_the_card_minutes_then_the_room_minutes() -> None:
    game, _ = make_game(cards=make_cards(2, minutes=[7, None]), minutes=4)
    game.walk_to("discuss", 0)
    game.fac("stop_timer")
    game.fac("start_timer")
    assert game.room.timer is not None and game.room.timer.seconds == 420
    game.walk_to("discuss", 1)
    game.fac("start_timer")
    assert game.room.timer is not None and game.room.timer.seconds == 240


def test_start_timer_in_sort_uses_the_default() -> None:
    game, _ = game_in("sort", minutes=4)
    game.fac("start_timer")
    assert game.room.timer is not None and game.room.timer.seconds == DEFAULT_TIMER_SECONDS


def test_start_timer_restarts_a_running_timer() -> None:
    game, _ = game_in("discuss")
    game.play(FACILITATOR, {"type": "start_timer", "seconds": 60}, now=1_000)
    game.play(FACILITATOR, {"type": "start_timer", "seconds": 120}, now=2_000)
    assert game.room.timer == Timer(2_000, 120)


def test_extend_running_timer() -> None:
    game, _ = game_in("discuss")
    game.play(FACILITATOR, {"type": "start_timer", "seconds": 60}, now=1_000)
    game.play(FACILITATOR, {"type": "extend_timer"}, now=30_000)
    assert game.last.events == [{"type": "timer_extended", "seconds": 60}]
    assert game.room.timer == Timer(1_000, 120)
    game.play(FACILITATOR, {"type": "extend_timer", "seconds": 30}, now=30_000)
    assert game.room.timer == Timer(1_000, 150)


def test_extend_expired_timer_counts_from_now() -> None:
    game, _ = game_in("discuss")
    game.play(FACILITATOR, {"type": "start_timer", "seconds": 60}, now=1_000)
    game.play(FACILITATOR, {"type": "extend_timer", "seconds": 45}, now=61_000)  # just expired
    assert game.last.events == [{"type": "timer_started", "started_at": 61_000, "seconds": 45}]
    assert game.room.timer == Timer(61_000, 45)


def test_stop_timer() -> None:
    game, _ = game_in("discuss")
    game.fac("start_timer")
    game.fac("stop_timer")
    assert game.last.events == [{"type": "timer_stopped"}]
    assert game.room.timer is None


@pytest.mark.parametrize("kind", ["extend_timer", "stop_timer"])
def test_timer_not_running(kind: str) -> None:
    game, _ = game_in("discuss")
    assert game.room.timer is None
    assert game.fac_refused(kind) == "timer_not_running"


@pytest.mark.parametrize("phase", ["summary", "sort"])
def test_timer_in_plenary_steps(phase: str) -> None:
    game, _ = game_in(phase)
    game.fac("start_timer", seconds=600)
    game.fac("extend_timer")
    assert game.room.timer is not None and game.room.timer.seconds == 660


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "start_timer", "seconds": 9},
        {"type": "start_timer", "seconds": 3601},
        {"type": "start_timer", "seconds": 60.5},
        {"type": "extend_timer", "seconds": 9},
        {"type": "extend_timer", "seconds": 1801},
    ],
)
def test_timer_limits(payload: dict) -> None:
    with pytest.raises(pydantic.ValidationError):
        command(payload)


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "start_timer", "seconds": 10},
        {"type": "start_timer", "seconds": 3600},
        {"type": "extend_timer", "seconds": 1800},
    ],
)
def test_timer_limits_inclusive(payload: dict) -> None:
    command(payload)
