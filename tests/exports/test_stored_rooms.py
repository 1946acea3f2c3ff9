"""Rooms stored by an older server still export, and a room that cannot be rendered gets a
clear answer instead of a crash.

A game is played over a real server; with the server stopped, its stored entries are
copied (in the real SQLite store) into rooms an older server could have written: one
whose texts and names hold characters XML cannot carry (U+FFFE, U+FFFF), which today's
server refuses when they are typed; one whose board file is of a shape this version
cannot draw. The server is started again on that store, and the files are downloaded
over HTTP and made with ``leerklimaat export``.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from game_server.cli import make_store
from game_server.config import Settings
from game_server.room.clock import new_room_code
from game_server.rules import facilitator_token, fold
from game_server.stores.base import Entry
from tests.exports.conftest import FORMATS, export_url, get
from tests.support.cli import leerklimaat
from tests.support.game import open_table
from tests.support.server import ServerProcess, running

BAD = "\ufffe"
NAME = "Anna"
TEXT = "Wij leren van fouten"
POINT = "Maandelijks leeruur"


@dataclass
class Stored:
    server: ServerProcess
    odd_text: tuple[str, str]
    """(code, facilitator token) of the room whose texts hold U+FFFE / U+FFFF."""
    odd_board: tuple[str, str]
    """(code, facilitator token) of the room whose board this version cannot draw."""


async def play(url: str) -> str:
    table = await open_table(url, "schaal-5", ["leerklimaat/veiligheid"], players=[NAME, "Bram"])
    try:
        await table.fac.do("start")
        await table.fac.do("next_step")  # place
        for n, player in enumerate(table.players):
            await player.do("place_pawn", position={"square": n + 2})
        await table.settle()
        await table.fac.do("next_step")  # discuss
        await table.player(NAME).do("add_post_it", colour="green", text=TEXT)
        await table.fac.do(
            "add_action_point", what=POINT, who="HR", first_step="x", evaluate_when="y"
        )
        await table.settle()
        return str(table.fac.code)
    finally:
        await table.close()


def rewrite(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: rewrite(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [rewrite(v, change) for v in value]
    return value


async def copy_room(
    data_dir: Path, code: str, change_event: Callable[[dict[str, Any]], dict[str, Any]]
) -> tuple[str, str]:
    """A new room in the store with the entries of ``code``, each event changed."""
    store = make_store(Settings(data_dir=data_dir))
    await store.open()
    try:
        entries = await store.load(code)
        new_code = new_room_code()
        copied = []
        for entry in entries:
            events = [change_event(dict(e)) for e in entry.events]
            if events[0].get("type") == "room_created":
                events[0]["code"] = new_code
            copied.append(
                Entry(entry.version, entry.command_key, events, entry.at, dict(entry.result))
            )
        await store.create(new_code, copied[0])
        for entry in copied[1:]:
            await store.append(new_code, entry)
        room = fold(e for entry in copied for e in entry.events)
        return new_code, facilitator_token(room)
    finally:
        await store.close()


def with_bad_characters(event: dict[str, Any]) -> dict[str, Any]:
    return rewrite(
        event,
        lambda s: (
            s.replace(TEXT, f"Wij{BAD} leren van fouten\uffff")
            .replace(POINT, f"Maandelijks{BAD} leeruur")
            .replace(NAME, f"An{BAD}na")
        ),
    )


def with_undrawable_board(event: dict[str, Any]) -> dict[str, Any]:
    if event.get("type") == "room_created":
        board = json.loads(json.dumps(event["board"]))
        board["spec"]["squares"] = [1, 2, 3, 4, 5]  # labels of a shape this version never had
        event["board"] = board
    return event


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stored]:
    base = tmp_path_factory.mktemp("stored")
    with running(base / "data", log_path=base / "server.log") as server:
        code = asyncio.run(play(server.url))
        server.stop(timeout=3.0)
        odd_text = asyncio.run(copy_room(server.data_dir, code, with_bad_characters))
        odd_board = asyncio.run(copy_room(server.data_dir, code, with_undrawable_board))
        server.allow_tracebacks = True  # the failed render is logged with its traceback
        server.start()
        yield Stored(server, odd_text, odd_board)


def test_a_room_with_characters_xml_cannot_carry_still_exports(
    stored: Stored, tmp_path: Path
) -> None:
    code, token = stored.odd_text
    files = {}
    for fmt in FORMATS:
        reply = get(export_url(stored.server, code, fmt), token)
        assert reply.status == 200, (fmt, reply.status, reply.body[:300])
        files[fmt] = reply.body
    wb = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    cells = {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    assert {"Wij leren van fouten", "Maandelijks leeruur", "Anna"} <= cells
    document = docx.Document(io.BytesIO(files["docx"]))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any(t.endswith("\nWij leren van fouten") for t in texts), texts
    assert "Maandelijks leeruur" in texts
    for fmt, data in files.items():
        if fmt not in ("xlsx", "docx", "pdf"):
            text = data.decode("utf-8-sig")
            assert BAD not in text and "\uffff" not in text, fmt
            assert "Wij leren van fouten" in text, fmt
    # The JSON export is a file the import accepts again.
    exported = tmp_path / "room.json"
    exported.write_bytes(files["json"])
    leerklimaat("import", exported, "--data-dir", tmp_path / "imported")


def test_a_failed_render_answers_in_the_documented_shape_and_names_room_and_format(
    stored: Stored, tmp_path: Path
) -> None:
    code, token = stored.odd_board
    assert get(export_url(stored.server, code, "csv"), token).status == 200
    reply = get(export_url(stored.server, code, "pdf"), token)
    assert reply.status == 500
    assert reply.headers["Content-Type"].startswith("application/json")
    assert "Content-Disposition" not in reply.headers
    body = json.loads(reply.body)
    assert body["ok"] is False and body["error"]["code"] == "export_failed"
    assert body["error"]["message"]
    failures = [
        line for line in stored.server.log_text().splitlines() if "failed" in line and code in line
    ]
    assert any("pdf" in line for line in failures), stored.server.log_text()[-3000:]
    # The server goes on serving: the next download of another room works.
    other, other_token = stored.odd_text
    assert get(export_url(stored.server, other, "pdf"), other_token).status == 200
    # The command line says so in one line, without a traceback.
    result = leerklimaat(
        "export", code, "-f", "pdf", "-o", tmp_path / "x.pdf", "--data-dir",
        stored.server.data_dir, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert code in lines[0] and "pdf" in lines[0]
    assert not (tmp_path / "x.pdf").exists()
