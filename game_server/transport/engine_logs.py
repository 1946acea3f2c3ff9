"""python-engineio's log, with what is expected in normal operation not called an error.

When a server process is killed and comes back (or a long-polling client returns after
the session timed out), the client's next poll names a session this process does not
know. python-engineio answers HTTP 400 "Invalid session" (the client then opens a new
session and enters its room again: nothing is lost) and logs the first one at ERROR.
That is the normal path of a restart, so it is logged at INFO.
"""

from __future__ import annotations

import logging

ENGINEIO_LOGGER = "game_server.engineio.server"  # app.quiet_logger("engineio.server")
EXPECTED = ("Invalid session",)


class ExpectedAtInfo(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and str(record.msg).startswith(EXPECTED):
            record.levelno = logging.INFO
            record.levelname = logging.getLevelName(logging.INFO)
        return True


def install() -> None:
    logger = logging.getLogger(ENGINEIO_LOGGER)
    if not any(isinstance(f, ExpectedAtInfo) for f in logger.filters):
        logger.addFilter(ExpectedAtInfo())
