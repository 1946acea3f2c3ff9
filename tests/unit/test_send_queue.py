"""The connections' Engine.IO send queue (``transport/send_queue.py``): an ``asyncio.Queue``
in behaviour, one deque instead of four while idle, and the stdlib internals it relies on."""

from __future__ import annotations

import asyncio
import inspect
from collections import deque
from pathlib import Path

import engineio
import pytest
from engineio import base_socket

from game_server.config import Settings
from game_server.stores import SqliteStore
from game_server.transport.app import GATEWAY, build_app
from game_server.transport.send_queue import SendQueue


def test_the_asyncio_internals_it_relies_on() -> None:
    plain: asyncio.Queue[int] = asyncio.Queue()
    assert {"_getters", "_putters", "_queue", "_finished"} <= set(vars(plain))
    assert type(plain._finished._waiters) is deque  # type: ignore[attr-defined]
    # The subclass hooks hold every item; an unbounded put never waits on the putters.
    init = inspect.getsource(asyncio.Queue.__init__)
    assert "self._init(maxsize)" in init
    assert "self._put(item)" in inspect.getsource(asyncio.Queue.put_nowait)
    assert "self._get()" in inspect.getsource(asyncio.Queue.get_nowait)
    assert "while self.full()" in inspect.getsource(asyncio.Queue.put)
    assert "while waiters" in inspect.getsource(asyncio.Queue._wakeup_next)  # type: ignore[attr-defined]
    # The event appends, removes and iterates its waiters: a list does all three.
    wait = inspect.getsource(asyncio.Event.wait)
    assert "self._waiters.append(fut)" in wait and "self._waiters.remove(fut)" in wait
    assert "for fut in self._waiters" in inspect.getsource(asyncio.Event.set)
    # python-engineio makes each connection's queue with its server's create_queue().
    assert "self.server.create_queue()" in inspect.getsource(base_socket.BaseSocket.__init__)
    assert inspect.isfunction(engineio.AsyncServer.create_queue)


async def test_it_is_a_fifo_queue_that_wakes_its_getter() -> None:
    queue = SendQueue()
    getter = asyncio.ensure_future(queue.get())
    await asyncio.sleep(0)  # the getter waits on the empty queue
    queue.put_nowait("a")
    await queue.put("b")
    queue.put_nowait(None)
    assert await getter == "a"
    assert queue.qsize() == 2 and not queue.empty()
    assert queue.get_nowait() == "b"
    assert await queue.get() is None
    assert queue.empty()
    with pytest.raises(asyncio.QueueEmpty):
        queue.get_nowait()


async def test_join_waits_for_every_task_done() -> None:
    queue = SendQueue()
    await queue.put(1)
    await queue.put(2)
    joined = asyncio.ensure_future(queue.join())
    for _ in range(2):
        await queue.get()
        await asyncio.sleep(0)
        assert not joined.done()
        queue.task_done()
    await asyncio.wait_for(joined, 1)
    await asyncio.wait_for(queue.join(), 1)  # nothing outstanding: at once


async def test_idle_it_holds_only_its_getters_deque() -> None:
    queue = SendQueue()
    assert queue._queue == () and queue._putters == ()
    assert queue._finished._waiters == []  # type: ignore[attr-defined]
    await queue.put("x")
    assert type(queue._queue) is deque
    await queue.get()
    assert queue._queue == ()  # the items' deque goes with the last item
    with pytest.raises(ValueError):
        SendQueue(maxsize=1)


def test_our_server_gives_every_connection_one(tmp_path: Path) -> None:
    app = build_app(Settings(data_dir=tmp_path), SqliteStore(tmp_path / "rooms.sqlite3"))
    assert isinstance(app[GATEWAY].sio.eio.create_queue(), SendQueue)
