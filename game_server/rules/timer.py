"""The timer everyone sees: per card by default, steered by the facilitator."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from . import events
from .commands import Command
from .context import Context
from .model import Room
from .refusals import Refusal
from .rule import PLAYING, HandlerResult, Rule
from .steps import timer_seconds


class StartTimer(Command):
    type: Literal["start_timer"]
    seconds: Annotated[int, Field(ge=10, le=3600)] | None = None
    """Defaults to the card's minutes, else the room's minutes per card, else 5 minutes."""


class ExtendTimer(Command):
    type: Literal["extend_timer"]
    seconds: Annotated[int, Field(ge=10, le=1800)] = 60


class StopTimer(Command):
    type: Literal["stop_timer"]


def start_timer(room: Room, cmd: StartTimer, ctx: Context) -> HandlerResult:
    seconds = cmd.seconds or timer_seconds(room)
    return [events.make("timer_started", started_at=ctx.now, seconds=seconds)], {}


def extend_timer(room: Room, cmd: ExtendTimer, ctx: Context) -> HandlerResult:
    if room.timer is None:
        raise Refusal("timer_not_running")
    if room.timer.ends_at() <= ctx.now:
        # An expired timer extended by a minute should give a minute from now.
        return [events.make("timer_started", started_at=ctx.now, seconds=cmd.seconds)], {}
    return [events.make("timer_extended", seconds=cmd.seconds)], {}


def stop_timer(room: Room, cmd: StopTimer, ctx: Context) -> HandlerResult:
    if room.timer is None:
        raise Refusal("timer_not_running")
    return [events.make("timer_stopped")], {}


RULES: tuple[Rule, ...] = (
    Rule(StartTimer, "facilitator", PLAYING, start_timer),
    Rule(ExtendTimer, "facilitator", PLAYING, extend_timer),
    Rule(StopTimer, "facilitator", PLAYING, stop_timer),
)
