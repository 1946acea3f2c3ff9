"""Requests the HTTP parser cannot read (a bad header, TLS on the plain port, garbage)
get 400 and one quiet log line each, never a traceback, and no more than the quiet log's
lines a minute however many are sent; the server keeps serving."""

from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path

from game_server.transport.quiet_log import LINES
from tests.support.server import ServerProcess, running

GARBAGE = (
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"A" * 40,
    b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
)
DEADLINE = 60.0


def _send(server: ServerProcess, payload: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=DEADLINE) as sock:
        sock.sendall(payload)
        answer = b""
        while chunk := sock.recv(4096):  # the server closes after its 400
            answer += chunk
        return answer


def _lines(server: ServerProcess) -> list[str]:
    return [line for line in server.log_text().splitlines() if "unparseable HTTP" in line]


def test_unparseable_requests_are_one_quiet_line_each(tmp_path: Path) -> None:
    with running(tmp_path / "data", log_path=tmp_path / "server.log") as server:
        for payload in GARBAGE:
            assert _send(server, payload).startswith(b"HTTP/1.0 400")
        deadline = time.monotonic() + DEADLINE
        # aiohttp logs the bad headers (a TLS hello it answers without a word); the log is
        # written after the answer.
        while len(_lines(server)) < 2:
            assert time.monotonic() < deadline, server.log_text()[-2000:]
            time.sleep(0.05)
        for _ in range(3 * LINES):
            _send(server, GARBAGE[0])
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=DEADLINE) as answer:
            assert answer.status == 200
        assert server.tracebacks() == []
        assert "Error handling request" not in server.log_text()
        assert len(_lines(server)) <= LINES
