"""A room remembers each sender's latest answers, and only those."""

from __future__ import annotations

from game_server.room.applied import PER_GUEST, PER_SENDER, Applied


def test_a_remembered_answer_is_found_by_sender_and_command_id() -> None:
    applied = Applied()
    applied.remember("p1:abc", 7, {"post_it_id": "x"})
    assert applied.get("p1:abc") == (7, {"post_it_id": "x"})
    assert applied.get("p2:abc") is None  # another sender's id space
    assert applied.get("p1:abd") is None


def test_command_ids_may_contain_colons() -> None:
    applied = Applied()
    applied.remember("facilitator:rejoin:1", 3, {})
    assert applied.get("facilitator:rejoin:1") == (3, {})
    assert applied.answers() == {"facilitator:rejoin:1": (3, {})}


def test_each_sender_keeps_only_its_latest_answers() -> None:
    applied = Applied()
    for i in range(PER_SENDER + 10):
        applied.remember(f"p1:c{i}", i, {})
    applied.remember("p2:only", 1, {})
    assert applied.get("p1:c0") is None
    assert applied.get("p1:c9") is None
    assert applied.get("p1:c10") == (10, {})
    assert applied.get(f"p1:c{PER_SENDER + 9}") == (PER_SENDER + 9, {})
    assert applied.get("p2:only") == (1, {})  # a busy sender does not push out another
    assert len(applied) == PER_SENDER + 1


def test_joins_are_remembered_for_a_whole_workshop() -> None:
    applied = Applied()
    for i in range(PER_GUEST + 1):
        applied.remember(f"guest:join-{i:04d}-xxxxxxxxxxxx", i, {"player_id": f"p{i}"})
    assert applied.get("guest:join-0000-xxxxxxxxxxxx") is None
    assert applied.get("guest:join-0001-xxxxxxxxxxxx") == (1, {"player_id": "p1"})
    assert len(applied) == PER_GUEST


def test_a_result_of_several_items_comes_back_whole() -> None:
    applied = Applied()
    result = {"player_id": "p1", "token": "t", "seat": 3, "removed": None, "list": [1, 2]}
    applied.remember("guest:join-1", 4, result)
    applied.remember("p1:empty", 5, {})
    assert applied.get("guest:join-1") == (4, result)
    assert applied.answers() == {"guest:join-1": (4, result), "p1:empty": (5, {})}
