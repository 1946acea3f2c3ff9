"""The workshop's RULES table, as the rooms' (test_rules_table.py): who may send each
command, in which phases, a sample payload for each and the events it causes."""

from __future__ import annotations

from typing import Any

import pytest

from game_server.rules import Actor
from game_server.rules import workshop as ws

from .workshop_kit import FACILITATOR, GUEST, WORKSHOP, Run, make_run

SAMPLES: dict[str, dict[str, Any]] = {
    "join_workshop": {"type": "join_workshop", "name": "Nieuw"},
    "choose_table": {"type": "choose_table", "table_id": "t2"},
    "seat_participant": {"type": "seat_participant", "participant_id": "P", "table_id": "t2"},
    "remove_participant": {"type": "remove_participant", "participant_id": "P"},
    "rename_table": {"type": "rename_table", "table_id": "t1", "name": "De Boomgaard"},
    "add_table": {"type": "add_table"},
    "set_seating": {"type": "set_seating", "seating": "assign"},
    "set_steering": {"type": "set_steering", "steering": "facilitator"},
    "start_workshop": {"type": "start_workshop"},
    "step_all": {"type": "step_all"},
    "broadcast": {"type": "broadcast", "text": "Nog 5 minuten"},
    "broadcast_timer": {"type": "broadcast_timer", "seconds": 300},
    "all_to_sort": {"type": "all_to_sort"},
    "show_table": {"type": "show_table", "table_id": "t2"},
    "take_over_table": {"type": "take_over_table", "table_id": "t1"},
    "give_back_table": {"type": "give_back_table", "table_id": "t1"},
    "clear_table_help": {"type": "clear_table_help", "table_id": "t1"},
    "end_workshop": {"type": "end_workshop"},
    "open_plenary": {"type": "open_plenary"},
}

EXPECTED_EVENTS = {
    "join_workshop": ["participant_joined"],
    "choose_table": ["participant_seated"],
    "seat_participant": ["participant_seated"],
    "remove_participant": ["participant_removed"],
    "rename_table": ["table_renamed"],
    "add_table": ["table_added"],
    "set_seating": ["seating_set"],
    "set_steering": ["steering_set"],
    "start_workshop": ["workshop_started"],
    "step_all": ["order_given"],
    "broadcast": ["message_broadcast"],
    "broadcast_timer": ["order_given"],
    "all_to_sort": ["order_given"],
    "show_table": ["table_shown"],
    "take_over_table": ["table_taken_over"],
    "give_back_table": ["table_given_back"],
    "clear_table_help": ["order_given"],
    "end_workshop": ["workshop_ended"],
    "open_plenary": ["plenary_opened"],
}


def test_every_workshop_command_has_a_sample_and_an_effect() -> None:
    assert set(SAMPLES) == set(ws.RULES) == set(EXPECTED_EVENTS)


def _prepared(name: str) -> tuple[Run, Actor, dict[str, Any]]:
    seating = "choose" if name == "choose_table" else "spread"
    steering = "facilitator" if name == "step_all" else "tables"
    run = make_run(count=2, seating=seating, steering=steering)
    anna = run.join("Anna", "t1" if seating == "choose" else None)
    payload = dict(SAMPLES[name])
    actor: Actor = FACILITATOR
    if "participant_id" in payload:
        payload["participant_id"] = anna
    if name == "join_workshop":
        actor = GUEST
    if name == "choose_table":
        actor = Actor("participant", run.join("Bram"))
    if name in ("step_all", "broadcast_timer", "all_to_sort", "open_plenary"):
        run.fac("start_workshop")
    if name == "give_back_table":
        run.fac("take_over_table", table_id="t1")
    return run, actor, payload


@pytest.mark.parametrize("name", sorted(ws.RULES))
def test_every_workshop_command_is_accepted_somewhere(name: str) -> None:
    run, actor, payload = _prepared(name)
    before = len(run.events)
    run.play(actor, payload)
    assert [e["type"] for e in run.events[before:]] == EXPECTED_EVENTS[name]


@pytest.mark.parametrize("name", sorted(n for n, r in ws.RULES.items() if r.who == "facilitator"))
def test_facilitator_commands_are_refused_to_everyone_else(name: str) -> None:
    run, _, payload = _prepared(name)
    someone = next(iter(run.workshop.participants))
    for actor in (GUEST, Actor("projector"), Actor("participant", someone), WORKSHOP):
        assert run.refuse(actor, payload) == "not_allowed", actor


def test_documented_table() -> None:
    table = {name: (rule.who, set(rule.phases)) for name, rule in ws.RULES.items()}
    open_ = {"lobby", "playing", "plenary"}
    assert table == {
        "join_workshop": ("guest", open_),
        "choose_table": ("participant", open_),
        "seat_participant": ("facilitator", open_),
        "remove_participant": ("facilitator", open_ | {"closed"}),
        "rename_table": ("facilitator", open_ | {"closed"}),
        "add_table": ("facilitator", open_),
        "set_seating": ("facilitator", open_),
        "set_steering": ("facilitator", open_),
        "start_workshop": ("facilitator", {"lobby"}),
        "step_all": ("facilitator", {"playing"}),
        "broadcast": ("facilitator", open_),
        "broadcast_timer": ("facilitator", {"playing"}),
        "all_to_sort": ("facilitator", {"playing"}),
        "show_table": ("facilitator", open_ | {"closed"}),
        "take_over_table": ("facilitator", open_),
        "give_back_table": ("facilitator", open_),
        "clear_table_help": ("facilitator", open_ | {"closed"}),
        "end_workshop": ("facilitator", open_),
        "open_plenary": ("facilitator", {"playing"}),
    }
