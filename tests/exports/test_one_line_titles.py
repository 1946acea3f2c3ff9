"""A title is one line by every way in: the command schema refuses a title of several
lines (``tests/unit/test_room_title.py``), and so do the back doors, with the same rule
(``rules/text.py``): a room's JSON import, a workshop's JSON import (its title, its
tables' and its plenary's names), each by function and by the ``leerklimaat import``
command line. A title stored before the rule existed is exported on one line, so its
JSON export imports again."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest

from game_server.config import Settings
from game_server.exports import load_record, render
from game_server.exports.importer import InvalidExport, parse_record
from game_server.exports.workshop_import import import_workshop
from game_server.room.clock import new_secret
from game_server.rules import open_room
from game_server.rules.model import Board, Card, Options
from game_server.rules.text import as_one_line
from game_server.stores import Entry, SqliteStore
from game_server.stores.choose import make_store
from tests.support.cli import leerklimaat
from tests.unit.exports.plenary_room import workshop_with_plenary

ROOM_RECORD = Path(__file__).parents[1] / "unit" / "exports" / "format-3.json"
BAD = {
    "Teamdag\nWonen": "single line",
    "Teamdag\r\nWonen": "control characters",
    "Teamdag\tWonen": "single line",
    "Teamdag\u2028Wonen": "single line",
    "Teamdag\x07": "control characters",
    "Teamdag\x1b[31m": "control characters",
}


def room_record() -> dict[str, Any]:
    return dict(json.loads(ROOM_RECORD.read_text(encoding="utf-8")))


def workshop_record() -> dict[str, Any]:
    return dict(json.loads(json.dumps(workshop_with_plenary())))


def _import_workshop(record: dict[str, Any], at: Path) -> Any:
    async def run() -> Any:
        store = SqliteStore(at)
        await store.open()
        codes = iter(f"NEW{n:03d}" for n in range(100))
        ids = iter(range(100))
        try:
            return await import_workshop(
                store,
                record,
                now=lambda: 1_700_000_000_000,
                new_code=lambda: next(codes),
                new_secret=lambda: "geheim",
                new_id=lambda: f"imp{next(ids)}",
            )
        finally:
            await store.close()

    return asyncio.run(run())


def _stored_codes(at: Path) -> set[str]:
    async def run() -> set[str]:
        store = SqliteStore(at)
        await store.open()
        try:
            return set(await store.room_codes())
        finally:
            await store.close()

    return asyncio.run(run())


@pytest.mark.parametrize("title", BAD)
def test_a_room_import_refuses_a_title_of_several_lines(title: str) -> None:
    record = room_record()
    record["title"] = title
    with pytest.raises(InvalidExport, match=f"^title: .*{BAD[title]}"):
        parse_record(record)


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("workshop.title", lambda r, v: r["workshop"].update(title=v)),
        ("tables.name", lambda r, v: r["tables"][1].update(name=v)),
        ("plenary.name", lambda r, v: r["plenary"].update(name=v)),
        ("title", lambda r, v: r["tables"][0]["record"].update(title=v)),
    ],
    ids=["title", "table", "plenary", "table record"],
)
def test_a_workshop_import_refuses_a_title_or_name_of_several_lines(
    tmp_path: Path, where: str, change: Any
) -> None:
    for n, (text, message) in enumerate(BAD.items()):
        record = workshop_record()
        change(record, text)
        at = tmp_path / f"{n}.sqlite3"
        with pytest.raises(InvalidExport, match=re.escape(where) + f": .*{message}"):
            _import_workshop(record, at)
        assert _stored_codes(at) == set()  # nothing stored
    assert _import_workshop(workshop_record(), tmp_path / "ok.sqlite3").title == "Teamdag"


def test_the_command_line_import_refuses_titles_of_several_lines(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    room = room_record()
    room["title"] = "Teamdag\nWonen"
    workshop = workshop_record()
    workshop["workshop"]["title"] = "Teamdag\x07Wonen"
    for name, record, message in (
        ("room.json", room, "is not a valid export: title: must be a single line"),
        (
            "workshop.json",
            workshop,
            "is not a valid workshop export: workshop.title: contains control characters",
        ),
    ):
        file = tmp_path / name
        file.write_text(json.dumps(record), encoding="utf-8")
        refused = leerklimaat("import", file, "--data-dir", data_dir, check=False)
        assert refused.returncode == 1 and message in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
    assert (
        not (data_dir / "rooms.sqlite3").exists()
        or _stored_codes(data_dir / "rooms.sqlite3") == set()
    )


def test_a_title_stored_before_the_rule_is_exported_on_one_line(tmp_path: Path) -> None:
    """A room whose stored title has line breaks (written before the rule): the command
    line exports it on one line, and that export imports again."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    template = room_record()
    spec = template["board"]["spec"]
    board = Board(id="schaal-5", kind="scale", size=5, spec=spec)
    card = template["cards"][0]
    cards = [Card(id=card["id"], kind=card["kind"], text=dict(card["text"]))]
    title = "Teamdag\nafdeling\t Wonen\u2028"
    event, room = open_room(
        code="OLDTTL",
        title=title,
        secret=new_secret(),
        options=Options(language="nl"),
        board=board,
        cards=cards,
        now=1_700_000_000_000,
    )

    async def store_it() -> dict[str, Any]:
        store = make_store(Settings(data_dir=data_dir))
        await store.open()
        try:
            entry = Entry(1, "guest:old", [event], room.created_at, {"code": "OLDTTL"})
            await store.create("OLDTTL", entry)
            return await load_record(store, "OLDTTL", exported_at=1_700_000_000_000)
        finally:
            await store.close()

    record = asyncio.run(store_it())
    assert record["title"] == as_one_line(title) == "Teamdag afdeling Wonen"
    assert render(record, "md").decode().startswith("# Teamdag afdeling Wonen\n")
    out = tmp_path / "old.json"
    leerklimaat("export", "OLDTTL", "-f", "json", "-o", out, "--data-dir", data_dir)
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Teamdag afdeling Wonen"
    imported = leerklimaat("import", out, "--data-dir", tmp_path / "new")
    assert "Imported 'Teamdag afdeling Wonen'" in imported.stdout
