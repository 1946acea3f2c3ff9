"""How fast one connection may send: a token bucket per connection.

Each request costs one token; a connection holds at most ``BURST`` tokens and gets
``PER_SECOND`` back every second. Normal play is far below the rate (a player sends a
command every few seconds, a facilitator a few a second while steering), and the burst is
sized for the web client's offline queue: after a reconnect it resends what it queued one
command at a time, as fast as the acknowledgements come back, and retries a
``rate_limited`` command three seconds later (``web_client/src/state/queue.ts``), when the
bucket holds ``3 * PER_SECOND`` tokens again. One client sending thousands of commands a
second gets ``rate_limited`` answers, cheaply, without reaching its room's line, so the
room stays playable for everyone else.
"""

from __future__ import annotations

import time
from collections.abc import Callable

BURST = 60
PER_SECOND = 5.0


class TokenBucket:
    """``BURST`` requests at once, then ``PER_SECOND`` a second."""

    __slots__ = ("_clock", "_stamp", "_tokens", "burst", "per_second")

    def __init__(
        self,
        burst: int = BURST,
        per_second: float = PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self._clock = clock
        self._tokens = float(burst)
        self._stamp = clock()

    def take(self) -> bool:
        """Spend one token if there is one; False means: refuse this request."""
        now = self._clock()
        elapsed = max(0.0, now - self._stamp)
        self._stamp = now
        self._tokens = min(float(self.burst), self._tokens + elapsed * self.per_second)
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True
