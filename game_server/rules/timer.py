"""The timer everyone sees: per card by default, steered by the facilitator."""

from __future__ import annotations

from .commands import ExtendTimer, StartTimer, StopTimer
from .context import Context
from .events import Event
from .model import Room
from .refusals import Refusal
from .steps import timer_seconds

Outcome = tuple[list[Event], dict[str, object]]


def start_timer(room: Room, cmd: StartTimer, ctx: Context) -> Outcome:
    seconds = cmd.seconds or timer_seconds(room)
    return [{"type": "timer_started", "started_at": ctx.now, "seconds": seconds}], {}


def extend_timer(room: Room, cmd: ExtendTimer, ctx: Context) -> Outcome:
    if room.timer is None:
        raise Refusal("timer_not_running")
    if room.timer.ends_at() <= ctx.now:
        # An expired timer extended by a minute should give a minute from now.
        return [{"type": "timer_started", "started_at": ctx.now, "seconds": cmd.seconds}], {}
    return [{"type": "timer_extended", "seconds": cmd.seconds}], {}


def stop_timer(room: Room, cmd: StopTimer, ctx: Context) -> Outcome:
    if room.timer is None:
        raise Refusal("timer_not_running")
    return [{"type": "timer_stopped"}], {}
