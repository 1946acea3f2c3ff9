"""Forgetting the authors of anonymous post-its in the stored history (room/anonymity.py):
what is rewritten, that doing it twice does nothing, and that a room whose rewrite was
interrupted is rewritten when it is next loaded."""

from __future__ import annotations

from pathlib import Path

from game_server.room.anonymity import forgotten
from game_server.room.authority import RoomAuthority
from game_server.stores import SqliteStore
from game_server.stores.base import Entry
from tests.unit.rules.conftest import Game, game_in


def _entries(game: Game, keys: list[str]) -> list[Entry]:
    events = [game.created, *game.events]
    # One entry per event is enough here; the key says who sent it.
    return [
        Entry(version=n, command_key=keys[n - 1] if n <= len(keys) else f"facilitator:c{n}",
              events=[event], at=n)
        for n, event in enumerate(events, start=1)
    ]  # fmt: skip


def _ended_game() -> tuple[list[Entry], str]:
    game, (anna, _bram) = game_in("discuss", anonymous=True)
    start = len(game.events) + 1  # version of the next event's entry, minus the created one
    pid = game.post_it(anna, "green", "Van Anna")
    game.play(anna, {"type": "edit_post_it", "post_it_id": pid, "text": "Anders"})
    game.walk_to("closed")
    keys = ["guest:c0"] * (start) + [f"{anna.player_id}:add", f"{anna.player_id}:edit"]
    return _entries(game, keys), str(anna.player_id)


def _names(entries: list[Entry], player_id: str) -> bool:
    text = repr([(e.command_key, e.events) for e in entries])
    return f"'author_id': '{player_id}'" in text or f"{player_id}:" in text


def test_forgotten_rewrites_what_names_an_author_and_nothing_else() -> None:
    entries, anna = _ended_game()
    assert _names(entries, anna)
    rewritten = forgotten(entries)
    assert {e.command_key.split(":")[0] for e in rewritten} == {"anonymous"}
    by_version = {e.version: e for e in entries}
    for entry in rewritten:
        assert entry.at == by_version[entry.version].at
    merged = [next((r for r in rewritten if r.version == e.version), e) for e in entries]
    assert not _names(merged, anna)
    assert forgotten(merged) == []  # nothing left to do


def test_no_forgetting_before_the_game_ends() -> None:
    game, (anna, _) = game_in("discuss", anonymous=True)
    game.post_it(anna)
    assert forgotten(_entries(game, [])) == []


async def test_an_interrupted_rewrite_is_done_when_the_room_is_loaded(tmp_path: Path) -> None:
    entries, anna = _ended_game()
    store = SqliteStore(tmp_path / "rooms.sqlite3")
    await store.open()
    try:
        await store.create("ABC123", entries[0])
        for entry in entries[1:]:  # as if the process died right after the closing entry
            await store.append("ABC123", entry)
        assert _names(await store.load("ABC123"), anna)
        authority = await RoomAuthority.load("ABC123", store)
        assert not _names(await store.load("ABC123"), anna)
        assert authority.version == len(entries)
        assert all(p.author_id is None for p in authority.room.post_its.values())
    finally:
        await store.close()
