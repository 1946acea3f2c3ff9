"""Logging what clients did wrong without letting a client fill the log.

A client that sends garbage is a client problem, not a server error: one line each,
without a traceback, and at most ``LINES`` lines a ``WINDOW`` in all; what is left out is
counted and reported in the next line that is written.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

LINES = 20
WINDOW = 60.0


class QuietLog:
    def __init__(
        self,
        logger: logging.Logger,
        lines: int = LINES,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.lines = lines
        self.window = window
        self._clock = clock
        self._start = clock()
        self._written = 0
        self.suppressed = 0

    def warning(self, message: str, *args: object) -> bool:
        """Log one line unless this window's lines are used up; True if it was written."""
        now = self._clock()
        if now - self._start >= self.window:
            self._start, self._written = now, 0
        if self._written >= self.lines:
            self.suppressed += 1
            return False
        self._written += 1
        if self.suppressed:
            message += " (%d similar lines left out)"
            args = (*args, self.suppressed)
            self.suppressed = 0
        self.logger.warning(message, *args)
        return True
