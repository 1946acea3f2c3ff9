"""Seating a workshop: the three modes, tables made as people arrive, moves, removal."""

from __future__ import annotations

from game_server.rules import Actor

from .workshop_kit import FACILITATOR, GUEST, make_run


def _at(run, table_id: str) -> list[str]:
    return [p.name for p in run.workshop.seated_at(table_id)]


def test_spread_fills_the_least_filled_table_earliest_first() -> None:
    run = make_run(count=3, seating="spread")
    for name in ["A", "B", "C", "D", "E"]:
        run.join(name)
    assert _at(run, "t1") == ["A", "D"]
    assert _at(run, "t2") == ["B", "E"]
    assert _at(run, "t3") == ["C"]


def test_spread_in_size_mode_opens_a_table_once_every_table_reached_min() -> None:
    run = make_run(count=None, size=(2, 3), seating="spread")
    assert run.workshop.tables == {}
    for name in ["A", "B", "C", "D", "E"]:
        run.join(name)
    assert list(run.workshop.tables) == ["t1", "t2", "t3"]
    assert [t.name for t in run.workshop.tables.values()] == ["Tafel 1", "Tafel 2", "Tafel 3"]
    assert _at(run, "t1") == ["A", "B"] and _at(run, "t2") == ["C", "D"]
    assert _at(run, "t3") == ["E"]
    # Each new table is a room of its own, with a code and this workshop's name on it.
    room = run.table("t3")
    assert room.workshop == "WSHOP1" and room.table_name == "Tafel 3"
    assert room.code == run.workshop.tables["t3"].code


def test_choose_seats_at_the_chosen_table_and_refuses_a_full_one() -> None:
    run = make_run(count=None, size=(2, 2), seating="choose")
    first = run.join("A")  # no table yet: the first one opens
    assert run.workshop.participants[first].table_id == "t1"
    run.join("B", "t1")
    assert run.refuse(GUEST, {"type": "join_workshop", "name": "C", "table_id": "t1"}) == (
        "table_full"
    )
    assert run.refuse(GUEST, {"type": "join_workshop", "name": "C", "table_id": "t9"}) == (
        "unknown_table"
    )
    run.fac("add_table")
    assert run.join("C", "t2")


def test_choose_without_a_table_waits_and_then_picks_from_the_view() -> None:
    run = make_run(count=2, seating="choose")
    pid = run.join("Anna")
    assert run.workshop.participants[pid].table_id is None
    me = Actor("participant", pid)
    view = __import__("game_server.rules.workshop", fromlist=["view"]).view(run.workshop, me)
    assert set(view["tables"]) == {"t1", "t2"} and view["table"] is None
    assert run.play(me, {"type": "choose_table", "table_id": "t2"}) == {"table_id": "t2"}
    assert run.table("t2").players[pid].name == "Anna"
    # Moving on is the facilitator's: a participant cannot hop tables.
    assert run.refuse(me, {"type": "choose_table", "table_id": "t1"}) == "not_allowed"


def test_assign_leaves_everyone_unseated_until_the_facilitator_seats_them() -> None:
    run = make_run(count=2, seating="assign")
    pid = run.join("Anna")
    assert run.workshop.participants[pid].table_id is None
    assert all(not room.players for room in run.tables.values())
    run.fac("seat_participant", participant_id=pid, table_id="t2")
    assert run.table("t2").players[pid].active


def test_names_are_unique_per_workshop_not_per_table() -> None:
    run = make_run(count=2)
    run.join("Anna")
    assert run.refuse(GUEST, {"type": "join_workshop", "name": "ANNA"}) == "name_taken"
    assert run.refuse(GUEST, {"type": "join_workshop", "name": "ａｎｎａ"}) == "name_taken"


def test_choosing_a_table_is_refused_outside_choose_mode() -> None:
    run = make_run(count=2, seating="spread")
    code = run.refuse(GUEST, {"type": "join_workshop", "name": "A", "table_id": "t1"})
    assert code == "not_allowed"


def test_a_moved_participant_keeps_what_they_wrote_where_they_wrote_it() -> None:
    run = make_run(count=2, seating="spread", steering="facilitator")
    anna, bram, cor = run.join("Anna"), run.join("Bram"), run.join("Cor")
    run.fac("start_workshop")
    assert run.table("t1").phase == "read"
    run.at("t1", Actor("player", anna), {"type": "add_post_it", "colour": "pink", "text": "Hm"})
    run.fac("seat_participant", participant_id=anna, table_id="t2")
    old, new = run.table("t1"), run.table("t2")
    (post_it,) = old.post_its.values()
    assert post_it.author_id == anna and post_it.text == "Hm"
    assert old.players[anna].removed and old.players[anna].moved_to == "t2"
    assert new.players[anna].active and new.players[anna].name == "Anna"
    assert {bram, cor} <= set(old.players) | set(new.players)
    # Back again: the same seat at the first table, active again.
    run.fac("seat_participant", participant_id=anna, table_id="t1")
    assert run.table("t1").players[anna].active and run.table("t2").players[anna].removed


def test_removing_a_participant_unseats_them_and_ends_their_workshop_token() -> None:
    run = make_run(count=2)
    anna = run.join("Anna")
    run.fac("remove_participant", participant_id=anna)
    assert run.table("t1").players[anna].removed
    assert run.table("t1").players[anna].moved_to is None
    assert run.refuse(GUEST, {"type": "join_workshop", "name": "Bram", "table_id": "t1"})
    assert (
        run.refuse(FACILITATOR, {"type": "remove_participant", "participant_id": anna})
        == "unknown_participant"
    )
    run.join("Anna")  # the name is free again


def test_racing_for_the_last_chair_gives_it_once() -> None:
    """Two joins for the last chair are decided one after the other in the workshop's
    line: the second sees the first's seat and is refused, never an over-full table."""
    run = make_run(count=None, size=(2, 2), seating="choose")
    run.join("A")
    run.join("B", "t1")
    assert run.refuse(GUEST, {"type": "join_workshop", "name": "D", "table_id": "t1"}) == (
        "table_full"
    )
    assert len(run.workshop.seated_at("t1")) == 2
