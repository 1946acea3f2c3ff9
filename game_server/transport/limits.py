"""Rate limits on guessing: room codes and tokens cannot be tried at speed."""

from __future__ import annotations

import time
from collections import defaultdict, deque


class FailureLimit:
    """At most ``limit`` failures per key in ``window`` seconds."""

    def __init__(self, limit: int = 10, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _trim(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return deque()
        return failures

    def blocked(self, key: str) -> bool:
        return len(self._trim(key, time.monotonic())) >= self.limit

    def fail(self, key: str) -> None:
        now = time.monotonic()
        self._trim(key, now)
        self._failures[key].append(now)
