"""``leerklimaat export`` / ``leerklimaat import`` read and write the store directly: after
the server has stopped they give the same files as the download, and a JSON export
imported as a new room exports again to the same record and can be played on."""

from __future__ import annotations

import asyncio
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from game_server.exports.importer import InvalidExport, parse_record
from tests.exports.conftest import FORMATS, Played, Room, export_url, get
from tests.support.cli import TIMEOUT as CLI_TIMEOUT
from tests.support.cli import leerklimaat
from tests.support.player import GameClient
from tests.support.server import REPO_ROOT, ServerProcess, free_port


def export(data_dir: Path, code: str, fmt: str, out: Path) -> bytes:
    leerklimaat("export", code, "--format", fmt, "--out", out, "--data-dir", data_dir)
    return out.read_bytes()


@pytest.fixture(scope="module")
def stopped(
    played: Played, server: ServerProcess, served: dict[tuple[str, str], bytes]
) -> Iterator[Path]:
    """The data dir of the played games, once the files were downloaded and the server
    has stopped."""
    server.stop(timeout=3.0)
    assert not server.running
    yield played.data_dir


def content(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "room"}


def xlsx_values(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_cli_exports_the_same_files_after_the_server_stopped(
    played: Played, served: dict[tuple[str, str], bytes], stopped: Path, tmp_path: Path
) -> None:
    room = played.scale
    for fmt in FORMATS:
        http = served[(room.code, fmt)]
        cli = export(stopped, room.code.lower(), fmt, tmp_path / f"export.{fmt}")
        if fmt in ("csv", "csv-semicolon", "md"):
            assert cli == http, fmt
        elif fmt == "json":
            a, b = json.loads(http), json.loads(cli)
            assert content(a) == content(b)
            assert (
                a["room"]["code"] == b["room"]["code"]
                and a["room"]["version"] == b["room"]["version"]
            )
        elif fmt == "xlsx":
            a_sheets, b_sheets = xlsx_values(http), xlsx_values(cli)
            assert a_sheets.keys() == b_sheets.keys()
            for title in a_sheets:
                rows_a, rows_b = a_sheets[title], b_sheets[title]
                if title == "Overzicht":  # the export time differs, nothing else
                    rows_a = [r for r in rows_a if r[0] != "Geëxporteerd"]
                    rows_b = [r for r in rows_b if r[0] != "Geëxporteerd"]
                assert rows_a == rows_b, title
        elif fmt == "pdf":
            pages_a = [p.extract_text() for p in PdfReader(io.BytesIO(http)).pages]
            pages_b = [p.extract_text() for p in PdfReader(io.BytesIO(cli)).pages]
            assert pages_a == pages_b
        else:
            texts_a = [p.text for p in docx.Document(io.BytesIO(http)).paragraphs]
            texts_b = [p.text for p in docx.Document(io.BytesIO(cli)).paragraphs]
            assert texts_a == texts_b
    # Without --out the file gets the download's name, in the current directory.
    here = tmp_path / "here"
    here.mkdir()
    result = leerklimaat("export", room.code, "-f", "md", "--data-dir", stopped.resolve(), cwd=here)
    assert re.search(rf"Wrote leerklimaat-{room.code}-\d{{4}}-\d{{2}}-\d{{2}}\.md", result.stderr)
    (written,) = here.glob(f"leerklimaat-{room.code}-*.md")
    assert written.read_bytes() == served[(room.code, "md")]
    # '-' writes to standard output.
    piped = subprocess.run(
        [
            sys.executable,
            "-m",
            "game_server",
            "export",
            room.code,
            "-f",
            "csv",
            "-o",
            "-",
            "--data-dir",
            str(stopped),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=CLI_TIMEOUT,
        check=True,
    )
    assert piped.stdout == served[(room.code, "csv")]


def parse_import(stdout: str) -> dict[str, Any]:
    code = re.search(r"as the new room ([A-Z0-9]{6})\.", stdout)
    facilitator = re.search(r"Facilitator token: (\S+)", stdout)
    projector = re.search(r"Projector token:\s+(\S+)", stdout)
    assert code and facilitator and projector, stdout
    players = dict(re.findall(r"^  (.+): (p\.\S+)$", stdout, flags=re.M))
    return {
        "code": code.group(1),
        "facilitator": facilitator.group(1),
        "projector": projector.group(1),
        "players": players,
    }


async def enter(url: str, code: str, token: str) -> dict[str, Any]:
    client = await GameClient.connected(url)
    try:
        reply = await client.enter(code, token)
        return reply
    finally:
        await client.close()


@pytest.mark.parametrize("which", ["scale", "quadrant"])
def test_import_creates_a_new_room_that_exports_the_same_record(
    played: Played, server: ServerProcess, stopped: Path, tmp_path: Path, which: str
) -> None:
    room: Room = getattr(played, which)
    original_path = tmp_path / "original.json"
    original = json.loads(export(stopped, room.code, "json", original_path))

    result = leerklimaat("import", original_path, "--data-dir", stopped)
    imported = parse_import(result.stdout)
    assert imported["code"] != room.code
    assert imported["facilitator"] != room.facilitator_token
    assert imported["projector"] != room.projector_token
    assert set(imported["players"]) == {p["name"] for p in original["players"]}

    again = json.loads(export(stopped, imported["code"], "json", tmp_path / "again.json"))
    assert content(again) == content(original)
    assert again["room"]["code"] == imported["code"]
    assert again["room"]["imported_from"]["code"] == room.code

    if which != "scale":
        return
    # The new room is a real room: the server loads it, the printed tokens work, the old do not.
    server.port = free_port()  # the old port may have been taken in the meantime
    server.start()
    try:
        reply = asyncio.run(enter(server.url, imported["code"], imported["facilitator"]))
        assert reply["ok"] and reply["role"] == "facilitator"
        view = reply["view"]
        assert sorted(p["text"] for p in view["post_its"].values()) == sorted(
            p["text"] for p in original["post_its"]
        )
        assert view["phase"] == original["phase"]
        name, token = next(iter(imported["players"].items()))
        player = asyncio.run(enter(server.url, imported["code"], token))
        assert player["ok"] and player["role"] == "player"
        assert player["view"]["players"][player["player_id"]]["name"] == name
        url = export_url(server, imported["code"], "pdf")
        assert get(url, imported["facilitator"]).status == 200
        assert get(url, room.facilitator_token).status == 403
        assert get(export_url(server, room.code, "json"), room.facilitator_token).status == 200
    finally:
        server.stop(timeout=3.0)


def test_cli_errors_are_clear(played: Played, stopped: Path, tmp_path: Path) -> None:
    missing = leerklimaat("export", "ACDEFH", "--data-dir", stopped, check=False)
    assert missing.returncode == 1
    assert "There is no room ACDEFH" in missing.stderr and played.scale.code in missing.stderr
    bad_format = leerklimaat(
        "export", played.scale.code, "-f", "exe", "--data-dir", stopped, check=False
    )
    assert bad_format.returncode == 1 and "csv-semicolon" in bad_format.stderr
    empty = leerklimaat(
        "export", played.scale.code, "--data-dir", tmp_path / "nothing", check=False
    )
    assert empty.returncode == 1 and "No rooms in" in empty.stderr
    assert not (tmp_path / "nothing").exists()

    broken = tmp_path / "broken.json"
    original = json.loads(export(stopped, played.scale.code, "json", tmp_path / "ok.json"))
    broken.write_text(json.dumps({**original, "format_version": 99}), encoding="utf-8")
    refused = leerklimaat("import", broken, "--data-dir", stopped, check=False)
    assert refused.returncode == 1
    assert "is not a valid export: format_version 99 is not supported" in refused.stderr
    for change, message in (
        (lambda r: r["post_its"][0].update(card_id="nope"), "not played"),
        (lambda r: r["post_its"][0].update(text="x" * 281), "post_its.0.text"),
        (lambda r: r["post_its"][0].update(text="a\x07b"), "control characters"),
        (lambda r: r["players"][0].update(name="Anna\nBram"), "single line"),
        (
            lambda r: r["cards"][0]["placements"]["first"][0].update(position={"square": 9}),
            "not on the board",
        ),
        (lambda r: r["players"].append(dict(r["players"][0])), "occurs twice"),
        (lambda r: r["board"]["spec"].update(kind="quadrant"), "board.spec"),
        (lambda r: r.update(phase="discuss", current_card_id=None), "do not fit together"),
    ):
        record = json.loads(json.dumps(original))
        change(record)
        with pytest.raises(InvalidExport, match=re.escape(message)):
            parse_record(record)
    broken.write_text("{not json", encoding="utf-8")
    refused = leerklimaat("import", broken, "--data-dir", stopped, check=False)
    assert refused.returncode == 1 and "Cannot read" in refused.stderr
