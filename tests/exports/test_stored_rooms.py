"""Rooms stored by an older server still export, and a room that cannot be rendered gets a
clear answer instead of a crash.

A game is folded through the rules; its entries are copied into rooms an older server
could have written, in the real SQLite store: one whose texts and names hold characters
XML cannot carry (U+FFFE, U+FFFF), which today's server refuses when they are typed; one
whose board file is of a shape this version cannot draw. A server is started on that
store, and the files are downloaded over HTTP and made with ``leerklimaat export``.
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

from game_server.room.clock import new_room_code
from game_server.rules import facilitator_token, fold
from game_server.stores.base import Entry
from tests.exports.conftest import FORMATS, export_url, get
from tests.support.cli import leerklimaat
from tests.support.folded import FoldedTable, open_folded_table, store_rooms
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


def play() -> FoldedTable:
    table = open_folded_table("schaal-5", ["leerklimaat/veiligheid"], players=[NAME, "Bram"])
    table.fac.do("start")
    table.fac.do("next_step")  # place
    for n, player in enumerate(table.players):
        player.do("place_pawn", position={"square": n + 2})
    table.fac.do("next_step")  # discuss
    table.player(NAME).do("add_post_it", colour="green", text=TEXT)
    table.fac.do("add_action_point", what=POINT, who="HR", first_step="x", evaluate_when="y")
    return table


def rewrite(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: rewrite(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [rewrite(v, change) for v in value]
    return value


def copy_room(
    entries: list[Entry], change_event: Callable[[dict[str, Any]], dict[str, Any]]
) -> tuple[str, list[Entry]]:
    """A new room code and the ``entries`` for it, each event changed."""
    new_code = new_room_code()
    copied = []
    for entry in entries:
        events = [change_event(dict(e)) for e in entry.events]
        key = entry.command_key
        if events[0].get("type") == "room_created":
            events[0]["code"] = new_code
            # Creating is idempotent per command key: a copy is a creation of its own.
            key = f"{key}-{new_code}"
        copied.append(Entry(entry.version, key, events, entry.at, dict(entry.result)))
    return new_code, copied


def token_of(entries: list[Entry]) -> str:
    return facilitator_token(fold(e for entry in entries for e in entry.events))


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
    played = play()
    odd_text = copy_room(played.entries, with_bad_characters)
    odd_board = copy_room(played.entries, with_undrawable_board)
    asyncio.run(store_rooms(base / "data", dict([odd_text, odd_board])))
    with running(base / "data", log_path=base / "server.log") as server:
        server.allow_tracebacks = True  # the failed render is logged with its traceback
        yield Stored(
            server,
            (odd_text[0], token_of(odd_text[1])),
            (odd_board[0], token_of(odd_board[1])),
        )


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
        if fmt not in ("xlsx", "docx", "pdf", "policy"):
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
