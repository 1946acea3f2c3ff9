"""The per-connection token bucket and the quiet log, on a clock the test moves."""

from __future__ import annotations

import logging

import pytest

from game_server.transport.quiet_log import QuietLog
from game_server.transport.throttle import BURST, PER_SECOND, TokenBucket


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_then_the_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(clock=clock)
    assert all(bucket.take() for _ in range(BURST))
    assert not bucket.take()
    clock.now += 1.0
    assert sum(bucket.take() for _ in range(100)) == int(PER_SECOND)
    clock.now += 3600
    assert sum(bucket.take() for _ in range(1000)) == BURST  # never more than the burst


def test_a_clock_going_back_gives_nothing() -> None:
    clock = Clock()
    bucket = TokenBucket(burst=1, per_second=1, clock=clock)
    assert bucket.take()
    clock.now -= 50
    assert not bucket.take()


def test_the_quiet_log_writes_a_few_lines_a_window(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    log = QuietLog(logging.getLogger("test.quiet"), lines=3, window=60, clock=clock)
    with caplog.at_level(logging.WARNING, logger="test.quiet"):
        written = [log.warning("bad %d", n) for n in range(10)]
        clock.now += 60
        log.warning("bad again")
    assert written == [True] * 3 + [False] * 7
    assert [r.getMessage() for r in caplog.records] == [
        "bad 0",
        "bad 1",
        "bad 2",
        "bad again (7 similar lines left out)",
    ]
    assert all(r.exc_info is None for r in caplog.records)
