"""A connection's Engine.IO send queue without the three deques it never uses while idle.

python-engineio gives every connection an ``asyncio.Queue`` (``AsyncServer.create_queue``)
that its writer task waits on. An ``asyncio.Queue`` holds four deques from the start, 760
bytes each even when empty: its items, the tasks waiting to get, the tasks waiting to put,
and its ``join`` event's waiters. With direct writes
(``direct.py``) the queue is empty nearly all of a connection's life, and of the four
only the getters' deque is used while it is: the writer waits there.

``SendQueue`` is the same queue holding less while idle:

- its items live in a deque only while there are any (``_init``/``_put``/``_get``, the
  hooks ``asyncio.Queue`` offers subclasses, as ``LifoQueue`` uses them); when empty it
  holds the shared empty tuple;
- the putters are the shared empty tuple: python-engineio's queue is unbounded, so a put
  never waits and nothing is ever added there (an add would raise, not pass unnoticed);
- its ``join`` event keeps its waiters in a list (an empty one is 56 bytes): the event
  only appends, removes and iterates them.

The getters' deque stays (``direct.py`` reads it). ``install`` makes it the queue of
every connection of our Engine.IO server; ``tests/unit/test_send_queue.py`` fails if the
``asyncio.Queue`` or ``asyncio.Event`` internals used here change.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

import socketio

_EMPTY: tuple[()] = ()


class SendQueue(asyncio.Queue[Any]):
    """An unbounded ``asyncio.Queue`` that holds one deque, not four, while empty."""

    def __init__(self, maxsize: int = 0) -> None:
        if maxsize > 0:
            raise ValueError("a SendQueue is unbounded (putters are never kept)")
        super().__init__()
        self._putters = _EMPTY
        self._finished._waiters = []  # type: ignore[attr-defined]

    def _init(self, maxsize: int) -> None:
        self._queue: Any = _EMPTY  # the items, while there are any: a deque

    def _put(self, item: Any) -> None:
        if not self._queue:
            self._queue = deque()
        self._queue.append(item)

    def _get(self) -> Any:
        item = self._queue.popleft()
        if not self._queue:
            self._queue = _EMPTY
        return item


def install(sio: socketio.AsyncServer) -> None:
    """Give every connection of ``sio`` a ``SendQueue``: python-engineio makes each one with
    its server's ``create_queue()`` (for asyncio, a plain ``asyncio.Queue``)."""
    sio.eio.create_queue = SendQueue
