"""Our python-socketio server: python-socketio's, with one gap closed and our send path.

python-socketio runs each Engine.IO message in a task of its own. When a session closes
while one of its messages still waits for its task (a polling body that ends with a
close packet, say), the message is handled after python-socketio has already forgotten
the session, and a CONNECT packet then fails inside it (``KeyError`` on the session's
environ, a traceback in the log). A message of a closed session has nobody to answer, so
it is dropped. ``tests/unit/test_frames.py`` fails if the method overridden here changes.
"""

from __future__ import annotations

import os
from typing import Any

import socketio

from . import direct

SWITCH = "LEERKLIMAAT_HANDLERS"
"""``task`` (python-socketio's default: a task per event) or ``inline``."""


class GameSocketServer(socketio.AsyncServer):  # type: ignore[misc]
    def __init__(self, **options: Any) -> None:
        options.setdefault("async_handlers", os.environ.get(SWITCH, "task") != "inline")
        super().__init__(**options)

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
        if eio_sid not in self.environ:
            return  # the session closed while this message waited for its turn
        await super()._handle_eio_message(eio_sid, data)

    async def _send_packet(self, eio_sid: str, pkt: Any) -> None:
        writer = direct.installed(self)
        encoded = pkt.encode()
        if writer is None or not isinstance(encoded, bytes):
            await super()._send_packet(eio_sid, pkt)  # text or with attachments: as ever
            return
        await writer.send([eio_sid], encoded)
