"""Every export format version this server has written is imported, through the event
table and ``evolve``, as the same room: export -> import -> export gives the same content."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game_server.exports.importer import import_events, parse_record
from game_server.exports.record import FORMAT_VERSION, content_of, record_of
from game_server.rules import fold
from game_server.rules.events import check

from .make_format_3 import rich_record

FILES = sorted(Path(__file__).parent.glob("format-*.json"))


def _load(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def test_there_is_a_file_for_every_format_version_up_to_the_current_one() -> None:
    versions = {_load(path)["format_version"] for path in FILES}
    assert versions == set(range(1, FORMAT_VERSION + 1))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_an_import_restores_the_same_room(path: Path) -> None:
    exported = _load(path)
    events = import_events(parse_record(exported), code="NEW123", secret="nieuw", now=3_000_000)
    for event in events[1:]:
        check(event)  # made by the event table's constructor, as the rules make theirs
    room = fold(events)
    again = json.loads(
        json.dumps(content_of(record_of(room, version=len(events), exported_at=4_000_000)))
    )
    assert as_written_by(exported["format_version"], again) == content_of(exported)


def as_written_by(version: int, content: dict[str, Any]) -> dict[str, Any]:
    """``content`` as an older format version wrote it: without what that version lacked
    (so an old file is checked for everything it holds)."""
    if version >= 3:
        return content
    gathered = ("table_id", "table_name", "author_name", "pile_card")
    old = {k: v for k, v in content.items() if k not in ("consensus", "plan")}
    old["format_version"] = version
    old["post_its"] = [
        {k: v for k, v in p.items() if k not in gathered} for p in content["post_its"]
    ]
    if version == 2:
        return old
    old = {k: v for k, v in old.items() if k not in ("clusters", "voting", "votes", "plenary")}
    old["action_points"] = [
        {k: v for k, v in a.items() if k not in ("item", "item_id")}
        for a in content["action_points"]
    ]
    return old


def test_the_checked_in_export_is_what_the_current_server_writes() -> None:
    """The format did not change under the same version number (else: a new version, a new
    file, and the importer still reading the old one)."""
    assert content_of(rich_record()) == content_of(_load(FILES[-1]))
