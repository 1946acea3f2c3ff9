"""Steering a workshop's tables: table leads, lockstep, take-over, broadcasts, orders."""

from __future__ import annotations

from game_server.rules import Actor

from .workshop_kit import FACILITATOR, WORKSHOP, make_run


def _three_tables(steering: str):
    run = make_run(count=3, seating="spread", steering=steering)
    people = [run.join(name) for name in ["A", "B", "C", "D", "E", "F"]]
    return run, people


def test_in_self_steering_the_first_seated_participant_leads_the_table() -> None:
    run, (a, b, _c, _d, _, _) = _three_tables("tables")
    assert run.table("t1").facilitator_player_id == a
    assert run.table("t2").facilitator_player_id == b
    run.fac("start_workshop")
    assert {room.phase for room in run.tables.values()} == {"read"}
    # The lead steers their own table only.
    run.at("t1", Actor("facilitator", a), {"type": "next_step"})
    assert run.table("t1").phase == "place" and run.table("t2").phase == "read"


def test_lockstep_moves_every_table_with_one_step() -> None:
    run, _ = _three_tables("facilitator")
    assert all(room.facilitator_player_id is None for room in run.tables.values())
    run.fac("start_workshop")
    run.fac("step_all")
    assert {room.phase for room in run.tables.values()} == {"place"}
    assert all(room.spot_since == run.now for room in run.tables.values())


def test_step_all_is_refused_while_tables_steer_themselves() -> None:
    run, _ = _three_tables("tables")
    run.fac("start_workshop")
    assert run.refuse(FACILITATOR, {"type": "step_all"}) == "not_lockstep"


def test_switching_steering_takes_back_and_hands_out_leads() -> None:
    run, (a, b, c, *_rest) = _three_tables("tables")
    run.fac("start_workshop")
    run.fac("set_steering", steering="facilitator")
    assert all(room.facilitator_player_id is None for room in run.tables.values())
    run.fac("step_all")
    run.fac("set_steering", steering="tables")
    assert [run.table(t).facilitator_player_id for t in ("t1", "t2", "t3")] == [a, b, c]


def test_take_over_and_give_back_one_table() -> None:
    run, (a, b, *_rest) = _three_tables("tables")
    run.fac("take_over_table", table_id="t1")
    assert run.table("t1").facilitator_player_id is None
    assert run.table("t2").facilitator_player_id == b
    run.fac("give_back_table", table_id="t1")
    assert run.table("t1").facilitator_player_id == a


def test_a_lead_who_moves_leaves_the_lead_to_the_next_at_their_table() -> None:
    run, (a, b, _c, d, _e, _f) = _three_tables("tables")
    run.fac("seat_participant", participant_id=a, table_id="t2")
    assert run.table("t1").facilitator_player_id == d
    assert run.table("t2").facilitator_player_id == b  # the lead there stays


def test_a_lead_may_hand_steering_to_another_player_and_the_workshop_keeps_it() -> None:
    run, (a, _b, _c, d, *_rest) = _three_tables("tables")
    run.at("t1", Actor("facilitator", a), {"type": "hand_over", "player_id": d})
    run.fac("broadcast", text="Nog 5 minuten")  # any workshop version reconciles
    assert run.table("t1").facilitator_player_id == d


def test_broadcast_timer_and_all_to_sort_reach_every_table() -> None:
    run, _ = _three_tables("tables")
    run.fac("start_workshop")
    result = run.fac("broadcast", text="Nog 5 minuten, rond deze kaart af")
    for room in run.tables.values():
        assert room.message is not None and room.message.text.startswith("Nog 5")
        assert room.message.id == result["message_id"]
    run.fac("broadcast_timer", seconds=300)
    assert all(room.timer and room.timer.seconds == 300 for room in run.tables.values())
    run.fac("all_to_sort")
    assert {room.phase for room in run.tables.values()} == {"sort"}


def test_an_order_carried_again_is_not_done_twice() -> None:
    """Orders go to tables under command ids made from the order's id: a table's line
    answers a repeat from its memory (the room authority), and the carry makes the same
    ids every time it is asked."""
    from game_server.rules import workshop as ws

    run, _ = _three_tables("facilitator")
    run.fac("start_workshop")
    run.fac("step_all")
    (order,) = run.workshop.orders
    first = ws.order_command(order, "t1")
    assert first == ws.order_command(order, "t1")
    assert first is not None and first["command_id"].endswith("-t1")
    again = ws.reconcile(run.workshop, "t1", run.table("t1"), run.version)
    assert again == []  # every table already is as the workshop wants it


def test_help_is_asked_at_a_table_and_cleared_by_the_workshop() -> None:
    run, (a, *_rest) = _three_tables("tables")
    run.at("t1", Actor("player", run.workshop.participants[a].id), {"type": "ask_help"})
    assert run.table("t1").help_asked_at == run.now
    run.fac("clear_table_help", table_id="t1")
    assert run.table("t1").help_asked_at is None


def test_show_table_and_unknown_tables() -> None:
    run, _ = _three_tables("tables")
    run.fac("show_table", table_id="t2")
    assert run.workshop.shown_table == "t2"
    assert run.refuse(FACILITATOR, {"type": "show_table", "table_id": "t9"}) == "unknown_table"
    assert run.refuse(FACILITATOR, {"type": "rename_table", "table_id": "t9", "name": "X"}) == (
        "unknown_table"
    )
    run.fac("rename_table", table_id="t2", name="De Boomgaard")
    assert run.workshop.tables["t2"].name == "De Boomgaard"


def test_only_the_facilitator_steers_the_workshop() -> None:
    run, (a, *_rest) = _three_tables("facilitator")
    for actor in (Actor("participant", a), Actor("projector"), Actor("guest"), WORKSHOP):
        assert run.refuse(actor, {"type": "start_workshop"}) == "not_allowed"
    run.fac("start_workshop")
    assert run.refuse(FACILITATOR, {"type": "start_workshop"}) == "wrong_phase"
    run.fac("end_workshop")
    assert run.refuse(FACILITATOR, {"type": "step_all"}) == "room_closed"


def test_ending_the_workshop_ends_every_table_that_is_playing() -> None:
    run, _ = _three_tables("tables")
    run.fac("start_workshop")
    run.fac("all_to_sort")
    run.at("t2", Actor("facilitator", run.table("t2").facilitator_player_id), {"type": "next_step"})
    run.fac("end_workshop")
    assert {room.phase for room in run.tables.values()} == {"closed"}
    assert all(room.facilitator_player_id is None for room in run.tables.values())


def test_ending_the_workshop_leaves_a_table_nobody_started_in_its_lobby() -> None:
    run = make_run(count=2, seating="spread", steering="facilitator")
    run.join("A")
    run.fac("start_workshop")
    run.fac("end_workshop")
    assert run.table("t1").phase == "closed"
    assert run.table("t2").phase == "lobby"
