"""aiohttp's log of requests it could not parse, as one quiet line instead of a traceback.

aiohttp answers a request it cannot parse (a bad header, TLS spoken to the plain port, a
scanner's garbage) with 400 and logs "Error handling request" at ERROR with the parser's
traceback. That is the client's mistake, not the server's, and anyone can send it as
often as they like: so it becomes one warning line without a traceback, at most
``quiet_log.LINES`` a minute (``QuietLog``), and real errors in the same log stay visible.
"""

from __future__ import annotations

import logging

from aiohttp.http_exceptions import HttpProcessingError

from .quiet_log import QuietLog

AIOHTTP_SERVER_LOGGER = "aiohttp.server"


class BadRequestsQuietly(logging.Filter):
    def __init__(self, quiet: QuietLog) -> None:
        super().__init__()
        self.quiet = quiet

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, HttpProcessingError):
            return True
        peer = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
        reason = str(error.message).splitlines()[0] if error.message else type(error).__name__
        self.quiet.warning("unparseable HTTP request from %s (%s): %s", peer, error.code, reason)
        return False


def install() -> None:
    logger = logging.getLogger(AIOHTTP_SERVER_LOGGER)
    if not any(isinstance(f, BadRequestsQuietly) for f in logger.filters):
        logger.addFilter(BadRequestsQuietly(QuietLog(logging.getLogger(__name__))))
