"""A small download never waits behind another room's large report.

Two rooms are built in a real SQLite store through the real room authority (a session of
30 players and 10 cards, as ``bench/export_bench.py`` measures, and a small one); a
server is started on that store. While the large room's PDF is being rendered, the small
room's CSV is asked for: its answer must arrive first. Order, not time, is what is checked.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.export_bench import build_room
from game_server.config import Settings
from game_server.stores.choose import make_store
from tests.exports.conftest import Response, export_url, get
from tests.support.server import ServerProcess, running

DEADLINE = 120.0


@dataclass
class Rooms:
    server: ServerProcess
    large: tuple[str, str]
    small: tuple[str, str]


async def build(data_dir: Path) -> tuple[tuple[str, str], tuple[str, str]]:
    store = make_store(Settings(data_dir=data_dir))
    await store.open()
    try:
        return await build_room(store, 30, 10), await build_room(store, 3, 1)
    finally:
        await store.close()


@pytest.fixture(scope="module")
def rooms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rooms]:
    base = tmp_path_factory.mktemp("concurrency")
    (base / "data").mkdir()
    large, small = asyncio.run(build(base / "data"))
    with running(base / "data", log_path=base / "server.log") as server:
        yield Rooms(server, large, small)


def wait_for_log(server: ServerProcess, text: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while text not in server.log_text():
        assert time.monotonic() < deadline, server.log_text()[-3000:]
        time.sleep(0.05)


def test_a_small_csv_is_answered_while_a_large_pdf_is_rendering(rooms: Rooms) -> None:
    server = rooms.server
    (large, large_token), (small, small_token) = rooms.large, rooms.small
    answers: list[str] = []
    pdf: list[Response] = []

    def download_pdf() -> None:
        pdf.append(get(export_url(server, large, "pdf"), large_token))
        answers.append("pdf")

    thread = threading.Thread(target=download_pdf)
    thread.start()
    try:
        wait_for_log(server, f"rendering pdf of room {large}")
        csv = get(export_url(server, small, "csv"), small_token)
        answers.append("csv")
        assert csv.status == 200 and csv.body.decode("utf-8-sig").count("\r\n") >= 1
    finally:
        thread.join(DEADLINE)
    assert answers == ["csv", "pdf"]
    assert pdf[0].status == 200 and pdf[0].body.startswith(b"%PDF-")


def test_nginx_gives_the_export_route_a_generous_timeout() -> None:
    """nginx's default 60 s would cut a large report made while others are rendering."""
    conf = (Path(__file__).parents[2] / "deploy" / "nginx.conf").read_text()
    block = re.search(r"location ~ \^/api/rooms/\[\^/\]\+/export/ \{(.*?)\}", conf, re.S)
    assert block is not None, "no location for /api/rooms/{code}/export/ in deploy/nginx.conf"
    timeout = re.search(r"proxy_read_timeout (\d+)s;", block.group(1))
    assert timeout is not None and int(timeout.group(1)) >= 180
    assert "timeout" not in block.group(1).split("proxy_next_upstream", 1)[1].split(";")[0]
