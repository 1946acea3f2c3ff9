"""Who sees what of a workshop, and tokens that never reach another table."""

from __future__ import annotations

import json

from game_server.rules import Actor, Viewer, apply_ops, identify, player_token
from game_server.rules import workshop as ws
from game_server.rules.access import facilitator_token as room_facilitator_token
from game_server.rules.access import projector_token as room_projector_token

from .workshop_kit import FACILITATOR, GUEST, make_run


def _run():
    run = make_run(count=3, seating="spread", steering="tables")
    people = [run.join(name) for name in ["Anna", "Bram", "Cor", "Dirk"]]
    return run, people


def test_three_kinds_of_workshop_token() -> None:
    run, (anna, *_rest) = _run()
    w = run.workshop
    assert ws.identify(w, ws.facilitator_token(w)) == Actor("facilitator")
    assert ws.identify(w, ws.projector_token(w)) == Actor("projector")
    assert ws.identify(w, ws.participant_token(w, anna)) == Actor("participant", anna)
    assert ws.participant_token(w, anna).startswith(f"w.{anna}.")
    forged = ws.participant_token(w, anna)[:-2] + "00"
    assert ws.identify(w, forged) is None
    run.fac("remove_participant", participant_id=anna)
    assert ws.identify(run.workshop, ws.participant_token(w, anna)) is None


def test_a_participants_table_token_opens_their_table_and_no_other() -> None:
    run, (anna, _bram, *_rest) = _run()
    w = run.workshop
    t1, t2 = run.table("t1"), run.table("t2")
    token = ws.table_player_token(w, "t1", anna)
    assert token == player_token(t1, anna)
    assert identify(t1, token) is not None
    assert identify(t2, token) is None  # another table's secret
    # Nor does a workshop token open any table, nor a table token the workshop.
    assert identify(t1, ws.participant_token(w, anna)) is None
    assert ws.identify(w, token) is None
    # The table's facilitator and projector tokens come from the derived secret.
    view = ws.view(w, Viewer("facilitator"))
    assert view["tables"]["t2"]["facilitator_token"] == room_facilitator_token(t2)
    assert view["tables"]["t2"]["projector_token"] == room_projector_token(t2)


def test_a_moved_participants_old_table_token_stops_working() -> None:
    run, (anna, *_rest) = _run()
    old = ws.table_player_token(run.workshop, "t1", anna)
    run.fac("seat_participant", participant_id=anna, table_id="t3")
    assert identify(run.table("t1"), old) is None
    new = ws.view(run.workshop, Viewer("participant", anna))["table"]
    assert new["id"] == "t3" and identify(run.table("t3"), new["token"]) is not None


def test_the_participant_view_shows_only_their_own_table_and_token() -> None:
    run, (anna, bram, *_rest) = _run()
    view = ws.view(run.workshop, Viewer("participant", anna))
    text = json.dumps(view)
    assert view["table"]["id"] == "t1" and view["name"] == "Anna"
    assert ws.table_player_token(run.workshop, "t2", bram) not in text
    assert "facilitator_token" not in text and "projector_token" not in text
    assert view["tables"] == {}  # spread: nothing to choose


def test_the_projector_sees_no_tokens_unless_a_table_is_shown() -> None:
    run, _ = _run()
    view = ws.view(run.workshop, Viewer("projector"))
    assert "token" not in json.dumps(view)
    run.fac("show_table", table_id="t2")
    shown = ws.view(run.workshop, Viewer("projector"))["shown_table"]
    assert shown["projector_token"] == room_projector_token(run.table("t2"))
    assert "facilitator_token" not in json.dumps(ws.view(run.workshop, Viewer("projector")))


def test_folding_updates_equals_a_fresh_view_for_every_viewer() -> None:
    run = make_run(count=2, seating="choose")
    anna = run.join("Anna")
    viewers = [Viewer("facilitator"), Viewer("projector"), Viewer("participant", anna)]
    views = {v: ws.view(run.workshop, v) for v in viewers}
    steps = [
        lambda: run.play(Actor("participant", anna), {"type": "choose_table", "table_id": "t2"}),
        lambda: run.join("Bram", "t1"),
        lambda: run.fac("rename_table", table_id="t1", name="Boom"),
        lambda: run.fac("broadcast", text="<b>Nog</b> 5 minuten"),
        lambda: run.fac("seat_participant", participant_id=anna, table_id="t1"),
        lambda: run.fac("show_table", table_id="t1"),
        lambda: run.fac("set_seating", seating="assign"),
    ]
    for step in steps:
        before = run.workshop
        step()
        for v in viewers:
            ops = ws.updates(before, run.workshop, v)
            views[v] = apply_ops(json.loads(json.dumps(views[v])), ops)
            assert views[v] == json.loads(json.dumps(ws.view(run.workshop, v)))


def test_table_summary_shows_progress_without_post_it_text() -> None:
    run, (anna, _bram, _cor, dirk) = _run()
    run.fac("start_workshop")
    run.at("t1", Actor("facilitator", anna), {"type": "next_step"})
    run.at("t1", Actor("player", dirk), {"type": "place_pawn", "position": {"square": 2}})
    run.at("t1", Actor("player", dirk), {"type": "add_post_it", "colour": "pink", "text": "Geheim"})
    run.at("t1", Actor("facilitator", anna), {"type": "ask_help"})
    summary = ws.table_summary(run.table("t1"))
    assert summary["phase"] == "place" and summary["card_index"] == 1
    assert summary["cards_total"] == 3 and summary["card"]["text"] == "Stelling 0"
    assert summary["still_to_place"] == ["Anna"]
    assert summary["post_its"] == {"green": 0, "pink": 1}
    assert summary["lead"] == "Anna" and summary["steered_by"] == "lead"
    assert summary["help_asked_at"] == run.now
    assert "Geheim" not in json.dumps(summary)


def test_bad_workshop_input_is_refused_and_changes_nothing() -> None:
    run, (anna, *_rest) = _run()
    assert (
        run.refuse(
            FACILITATOR, {"type": "seat_participant", "participant_id": "x", "table_id": "t1"}
        )
        == "unknown_participant"
    )
    assert (
        run.refuse(
            FACILITATOR, {"type": "seat_participant", "participant_id": anna, "table_id": "t7"}
        )
        == "unknown_table"
    )
    assert (
        run.refuse(Actor("participant", anna), {"type": "broadcast", "text": "Hoi"})
        == "not_allowed"
    )
    assert (
        run.refuse(GUEST, {"type": "seat_participant", "participant_id": anna, "table_id": "t2"})
        == "not_allowed"
    )
