"""Forgetting the authors of anonymous post-its and the voters of every dot in the stored
history (room/anonymity.py): what is rewritten, that the rewritten history folds to the same
room (views, exports), that doing it twice does nothing, and that a room whose rewrite was
interrupted is rewritten when it is next loaded."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import ANY

import pytest

from game_server.exports.record import record_from_entries
from game_server.room.anonymity import forgotten
from game_server.room.authority import RoomAuthority
from game_server.rules import fold, view
from game_server.rules.access import Actor
from game_server.stores import SqliteStore
from game_server.stores.base import Entry
from tests.unit.rules.conftest import FACILITATOR, PROJECTOR, Game, game_in
from tests.unit.rules.plenary_game import plenary_game


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


# -- ballots: secret at rest in every room ---------------------------------------------------


def _voted_game(*, anonymous: bool, revealed: bool) -> tuple[Game, list[str]]:
    """Three voters over two rounds (the first revealed, then a fresh one with a dot taken
    back), the game then ended; the voters' player ids."""
    game, actors, ids = plenary_game(anonymous=anonymous)
    anna, bram, cas = actors
    tijd = {"item": "post_it", "id": ids["tijd2"]}
    card = {"item": "card", "id": "deck/c0"}
    game.fac("open_voting", dots=3)
    game.play(anna, {"type": "place_dot", **tijd})
    game.fac("reveal_votes")
    game.fac("open_voting", dots=3, several_per_item=True)
    for _ in range(2):
        game.play(anna, {"type": "place_dot", **tijd})
    game.play(anna, {"type": "remove_dot", **tijd})
    game.play(anna, {"type": "place_dot", **card})
    game.play(bram, {"type": "place_dot", **card})
    game.play(bram, {"type": "remove_dot", **card})  # an emptied ballot
    game.play(cas, {"type": "place_dot", **tijd})
    if revealed:
        game.fac("reveal_votes")
    game.fac("end_game")
    return game, [str(a.player_id) for a in actors]


def _keyed_entries(game: Game) -> list[Entry]:
    """One entry per event, keyed as the server keys it: a dot by its voter."""
    keys = ["guest:c0"]
    for n, event in enumerate(game.events, start=2):
        voter = event.get("player_id") if str(event["type"]).startswith("dot_") else None
        keys.append(f"{voter}:d{n}" if voter else f"facilitator:c{n}")
    return _entries(game, keys)


def _names_a_voter(entries: list[Entry], voters: list[str]) -> list[str]:
    """The voters a dot's entry names (the other entries may well name players)."""
    text = repr([(e.command_key, e.events) for e in entries if "dot_" in repr(e.events)])
    return [v for v in voters if v in text]


def _rewritten(entries: list[Entry]) -> list[Entry]:
    by_version = {e.version: e for e in forgotten(entries)}
    return [by_version.get(e.version, e) for e in entries]


@pytest.mark.parametrize("anonymous", [False, True])
@pytest.mark.parametrize("revealed", [False, True])
def test_forgotten_unlinks_every_dot_and_the_room_stays_the_same(
    anonymous: bool, revealed: bool
) -> None:
    game, voters = _voted_game(anonymous=anonymous, revealed=revealed)
    original = _keyed_entries(game)
    assert _names_a_voter(original, voters) == voters  # the check looks where the links are
    rewritten = _rewritten(original)
    assert _names_a_voter(rewritten, voters) == []
    assert forgotten(rewritten) == []  # nothing left to do
    assert [(e.version, e.at, e.result) for e in rewritten] == [
        (e.version, e.at, e.result) for e in original
    ]
    before = fold(ev for e in original for ev in e.events)
    after = fold(ev for e in rewritten for ev in e.events)
    assert after == before == game.room
    voting = after.voting
    assert voting is not None and voting.sealed and voting.revealed == revealed
    assert all(key.startswith("anonymous:") for key in voting.ballots)
    for viewer in (FACILITATOR, PROJECTOR, Actor("player", voters[0])):
        assert view(after, viewer) == view(before, viewer)
    assert view(after, FACILITATOR)["voting"]["voters"] == 2  # Bram's emptied ballot: none
    record = record_from_entries(rewritten, exported_at=1)
    assert record == record_from_entries(original, exported_at=1)
    assert record["voting"]["ballots"] == [
        [{"item": "card", "id": "deck/c0", "dots": 1}, {"item": "post_it", "id": ANY, "dots": 1}],
        [{"item": "post_it", "id": ANY, "dots": 1}],
    ]


def test_one_voter_gets_one_pseudonym_per_round() -> None:
    game, _voters = _voted_game(anonymous=False, revealed=True)
    rewritten = _rewritten(_keyed_entries(game))
    rounds: list[set[str]] = [set()]
    for entry in rewritten:
        for event in entry.events:
            if event["type"] == "voting_opened":
                rounds.append(set())
            elif event["type"] == "dot_placed" and entry.command_key.startswith("anonymous:"):
                rounds[-1].add(str(event["player_id"]))
    assert [len(r) for r in rounds] == [0, 1, 3]  # Anna alone, then Anna, Bram, Cas
    assert not rounds[1] & rounds[2]


def test_no_forgetting_of_voters_before_the_game_ends() -> None:
    game, actors, _ids = plenary_game()
    game.fac("open_voting")
    game.play(actors[0], {"type": "place_dot", "item": "card", "id": "deck/c0"})
    assert forgotten(_keyed_entries(game)) == []


async def test_an_interrupted_ballot_rewrite_is_done_when_the_room_is_loaded(
    tmp_path: Path,
) -> None:
    game, voters = _voted_game(anonymous=False, revealed=False)
    entries = _keyed_entries(game)
    store = SqliteStore(tmp_path / "rooms.sqlite3")
    await store.open()
    try:
        await store.create("ABC123", entries[0])
        for entry in entries[1:]:
            await store.append("ABC123", entry)
        authority = await RoomAuthority.load("ABC123", store)
        assert _names_a_voter(await store.load("ABC123"), voters) == []
        assert authority.room == game.room
    finally:
        await store.close()
