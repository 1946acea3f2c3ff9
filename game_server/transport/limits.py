"""Rate limits on guessing: room codes and tokens cannot be tried at speed.

Every key (a connection, an address) has an entry only while it has failures younger than
the window, and at most ``max_keys`` keys are kept: a flood of distinct keys (an attacker
with many addresses, many connections) cannot grow the server's memory. When the map is
full, expired entries go first, then the keys whose last failure is oldest.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque

MAX_KEYS = 10_000
"""Keys one limit keeps at most (connections or addresses with recent failures)."""
PER_CONNECTION = 10
"""Failed ``join``/``enter`` per connection in a window."""
PER_ADDRESS = 100
"""Failed ``join``/``enter`` per client address in a window: a whole workshop may share
one address (NAT, proxy), and a few typos there must not lock everyone out."""


class FailureLimit:
    """At most ``limit`` failures per key in ``window`` seconds."""

    def __init__(self, limit: int = 10, window: float = 60.0, max_keys: int = MAX_KEYS) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        # Ordered by last failure, oldest first: expiry and eviction look at the front only.
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._failures)

    def _expire(self, now: float) -> None:
        while self._failures:
            key, failures = next(iter(self._failures.items()))
            if failures[-1] > now - self.window and len(self._failures) <= self.max_keys:
                return
            del self._failures[key]

    def _recent(self, key: str, now: float) -> int:
        failures = self._failures.get(key)
        if failures is None:
            return 0
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]
        return len(failures)

    def blocked(self, key: str) -> bool:
        now = time.monotonic()
        self._expire(now)
        return self._recent(key, now) >= self.limit

    def fail(self, key: str) -> None:
        now = time.monotonic()
        self._recent(key, now)
        failures = self._failures.pop(key, None) or deque(maxlen=self.limit)
        failures.append(now)
        self._failures[key] = failures  # now the newest
        self._expire(now)

    def forget(self, key: str) -> None:
        """Drop a key that can never be used again (a closed connection)."""
        self._failures.pop(key, None)
