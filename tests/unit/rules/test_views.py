"""Views: what each role sees, and the update operations that keep a client's view fresh."""

from __future__ import annotations

import json

import pytest

from game_server.rules import Viewer, apply_ops, concerned, updates, view

from .conftest import Game, game_in, make_game

FACILITATOR_VIEW = Viewer("facilitator")
PROJECTOR_VIEW = Viewer("projector")
ANY_PLAYER = Viewer("player", None)


def plain(value):
    return json.loads(json.dumps(value))


def folds(game: Game, viewers: list[Viewer], play) -> None:
    """Play something; for every viewer, folding its updates gives a fresh view."""
    before = {v: plain(view(game.room, v)) for v in viewers}
    play()
    for v in viewers:
        ops = plain(updates(game.room, game.last.events, v))
        assert apply_ops(before[v], ops) == plain(view(game.room, v)), v


def test_snapshot_shape() -> None:
    game, (anna, bram) = game_in("read", minutes=6, anonymous=True, language="en")
    snapshot = view(game.room, Viewer("player", anna.player_id))
    assert set(snapshot) == {
        "code", "title", "created_at", "me", "options", "board", "phase", "current_card_id",
        "can_go_back", "agenda", "post_its_locked", "timer", "facilitator_player_id",
        "cards", "players", "post_its", "action_points", "placements", "figures",
        "remaining_cards", "next_card_id", "still_to_place", "played_cards", "summary",
        "plenary", "voting", "my_dots", "clusters",
        "workshop", "table_name", "spot_since", "started_at", "message", "help_asked_at",
        "consensus", "plan",
    }  # fmt: skip
    assert snapshot["code"] == "ABC123" and snapshot["title"] == "Teamdag"
    assert snapshot["me"] == {"role": "player", "player_id": anna.player_id}
    assert snapshot["options"] == {
        "hidden_placements": True,
        "anonymous_post_its": True,
        "minutes_per_card": 6,
        "language": "en",
    }
    assert snapshot["board"]["kind"] == "scale" and snapshot["board"]["size"] == 5
    assert snapshot["phase"] == "read" and snapshot["current_card_id"] == "deck/c0"
    assert snapshot["can_go_back"] is True
    assert snapshot["agenda"] == ["deck/c0", "deck/c1", "deck/c2"]
    timer = game.room.timer
    assert timer is not None
    assert snapshot["timer"] == {
        "started_at": timer.started_at,
        "seconds": 360,
        "ends_at": timer.started_at + 360_000,
    }
    assert snapshot["cards"]["deck/c0"] == {
        "id": "deck/c0",
        "kind": "statement",
        "text": {"nl": "Stelling 0", "en": "Statement 0"},
        "title": {"nl": "Titel 0", "en": "Title 0"},
        "minutes": None,
        "deck_id": "deck",
        "author_id": None,
        "prompt": None,
        "to_write": False,
        "started": True,
        "skipped": False,
        "reader_id": anna.player_id,
        "pile": None,
    }
    assert snapshot["players"][bram.player_id] == {
        "id": bram.player_id,
        "name": "Bram",
        "seat": 1,
        "colour": game.room.players[str(bram.player_id)].colour,
        "active": True,
        "removed": False,
        "moved_to": None,
    }
    assert snapshot["placements"]["deck/c1"] == {
        "first": {"hidden": True, "positions": {}},
        "second": {"hidden": True, "positions": {}},
    }
    assert snapshot["figures"]["deck/c1"] is None
    assert json.dumps(snapshot)  # plain JSON


@pytest.mark.parametrize("viewer", [FACILITATOR_VIEW, PROJECTOR_VIEW, ANY_PLAYER, Viewer("guest")])
def test_the_secret_is_never_in_a_view(viewer: Viewer) -> None:
    game, _ = game_in("sort")
    assert game.room.secret not in json.dumps(view(game.room, viewer))


def test_board_spec_is_a_copy() -> None:
    game, _ = make_game()
    snapshot = view(game.room, ANY_PLAYER)
    snapshot["board"]["spec"]["squares"][0]["nl"] = "gewijzigd"
    assert view(game.room, ANY_PLAYER)["board"]["spec"]["squares"][0]["nl"] == "Niet aanwezig"


def test_open_placements_show_figures_to_everyone() -> None:
    game, (anna, bram) = game_in("place", hidden=False)
    game.place(anna, 2)
    for viewer in (PROJECTOR_VIEW, ANY_PLAYER, Viewer("player", bram.player_id)):
        seen = view(game.room, viewer)
        assert seen["placements"]["deck/c0"]["first"] == {
            "hidden": False,
            "positions": {anna.player_id: {"square": 2}},
        }
        assert seen["figures"]["deck/c0"]["first"]["count"] == 1
        assert seen["figures"]["deck/c0"]["second"]["count"] == 0


def test_action_point_view() -> None:
    game, _ = game_in("summary")
    point = game.fac(
        "add_action_point", what="w", who="h", first_step="f", evaluate_when="e", card_id="deck/c0"
    )["action_point_id"]
    assert view(game.room, PROJECTOR_VIEW)["action_points"][point] == {
        "id": point,
        "what": "w",
        "who": "h",
        "first_step": "f",
        "evaluate_when": "e",
        "card_id": "deck/c0",
        "item": None,
        "item_id": None,
        "created_at": game.now,
        "edited_at": None,
    }


def test_updates_are_set_and_del_operations() -> None:
    game, (anna, _) = game_in("discuss")
    pid = game.post_it(anna)
    ops = updates(game.room, game.last.events, ANY_PLAYER)
    fresh = view(game.room, ANY_PLAYER)
    assert ops == [
        ["set", ["post_its", pid], fresh["post_its"][pid]],
        ["set", ["summary"], fresh["summary"]],
        ["set", ["plenary"], fresh["plenary"]],
    ]
    game.fac("delete_post_it", post_it_id=pid)
    assert updates(game.room, game.last.events, ANY_PLAYER)[0] == ["del", ["post_its", pid]]


def test_updates_of_a_move() -> None:
    game, _ = game_in("revise")
    game.next()
    ops = updates(game.room, game.last.events, ANY_PLAYER)
    paths = [op[1] for op in ops]
    assert ["phase"] in paths and ["current_card_id"] in paths and ["can_go_back"] in paths
    assert ["cards", "deck/c1"] in paths


def test_a_section_replaces_its_own_sub_paths() -> None:
    game, (anna, bram) = game_in("place")
    game.place(anna, 2)
    game.place(bram, 3)  # auto-reveal in the same command
    paths = [op[1] for op in updates(game.room, game.last.events, ANY_PLAYER)]
    assert not any(p[:1] == ["placements"] and len(p) > 3 for p in paths), paths


def test_apply_ops() -> None:
    snapshot = {"a": {"b": 1}, "c": 2}
    apply_ops(snapshot, [["set", ["a", "d"], 3], ["del", ["c"]], ["set", ["e", "f"], 4]])
    assert snapshot == {"a": {"b": 1, "d": 3}, "e": {"f": 4}}
    apply_ops(snapshot, [["del", ["missing"]], ["del", ["a", "b"]]])
    assert snapshot == {"a": {"d": 3}, "e": {"f": 4}}


def viewers(players) -> list[Viewer]:
    return [FACILITATOR_VIEW, PROJECTOR_VIEW, ANY_PLAYER] + [
        Viewer("player", p.player_id) for p in players
    ]


def test_updates_fold_through_a_scenario() -> None:
    game, players = make_game("quadrant", players=("Anna", "Bram", "Cas"), anonymous=True)
    anna, bram, cas = players
    vs = viewers(players)
    folds(game, vs, lambda: game.next())
    folds(game, vs, lambda: game.next())
    folds(game, vs, lambda: game.place(anna, 1))
    folds(game, vs, lambda: game.place(bram, 2))
    folds(game, vs, lambda: game.place(cas, 4))
    folds(game, vs, lambda: game.next())
    pid = game.post_it(bram, "pink", "Vraag")
    folds(game, vs, lambda: game.play(cas, {"type": "add_case_card", "text": "Casus"}))
    folds(
        game,
        vs,
        lambda: game.play(bram, {"type": "edit_post_it", "post_it_id": pid, "colour": "green"}),
    )
    folds(game, vs, lambda: game.next())
    folds(game, vs, lambda: game.place(anna, 5))
    folds(game, vs, lambda: game.fac("reveal_placements"))
    folds(game, vs, lambda: game.fac("skip_card"))
    folds(game, vs, lambda: game.fac("back_step"))
    folds(game, vs, lambda: game.play(cas, {"type": "leave"}))
    folds(game, vs, lambda: game.fac("remove_player", player_id=cas.player_id))
    while game.room.phase != "sort":
        folds(game, vs, lambda: game.next())
    folds(game, vs, lambda: game.fac("set_pile", item="post_it", id=pid, pile="red"))
    folds(game, vs, lambda: game.fac("hand_over", player_id=anna.player_id))


# -- concerned: whose updates differ from the generic player's ------------------------------


def differs_from_generic(game: Game, players) -> set[str]:
    generic = plain(updates(game.room, game.last.events, ANY_PLAYER))
    return {
        str(p.player_id)
        for p in players
        if plain(updates(game.room, game.last.events, Viewer("player", p.player_id))) != generic
    }


def test_concerned_names_the_player_who_placed() -> None:
    game, (anna, bram) = game_in("place")
    game.place(anna, 2)
    assert concerned(game.last.events) == {anna.player_id}
    assert differs_from_generic(game, [anna, bram]) <= {anna.player_id}


def test_concerned_names_the_author_of_a_new_post_it() -> None:
    game, (anna, bram) = game_in("discuss", anonymous=True)
    game.post_it(anna)
    assert concerned(game.last.events) == {anna.player_id}
    assert differs_from_generic(game, [anna, bram]) == {anna.player_id}


def test_concerned_is_empty_for_shared_events() -> None:
    game, _ = game_in("revise")
    game.next()
    assert concerned(game.last.events) == set()


def test_revealing_one_round_keeps_own_hidden_pawn_of_the_other_round() -> None:
    """Bram never placed first, so round one stays hidden when round two is revealed.

    Anna's own first pawn is visible only to her; the updates of revealing round two must
    not differ for her unless she is in ``concerned`` (else a client that gets the generic
    player's updates would lose her own pawn).
    """
    game, (anna, bram) = game_in("place")
    game.place(anna, 1)
    game.walk_to("revise")
    game.place(anna, 3)
    game.place(bram, 4)  # every player revised: round two revealed
    assert game.room.is_hidden("deck/c0", "first")
    assert differs_from_generic(game, [anna, bram]) <= concerned(game.last.events, game.room)
    # The same when the facilitator reveals round two by hand.
    game, (anna, bram) = game_in("place")
    game.place(anna, 1)
    game.walk_to("revise")
    game.place(anna, 3)
    game.fac("reveal_placements")
    assert differs_from_generic(game, [anna, bram]) <= concerned(game.last.events, game.room)


@pytest.mark.parametrize("how", ["edit", "resolve", "pile", "suggest"])
def test_concerned_names_the_author_of_a_changed_post_it(how: str) -> None:
    """Updates re-send the whole post-it, whose ``mine`` is true only for its author."""
    game, (anna, bram) = game_in("discuss")
    pid = game.post_it(anna, "pink", "Vraag")
    if how == "edit":
        game.play(anna, {"type": "edit_post_it", "post_it_id": pid, "text": "Nieuwe vraag"})
    elif how == "resolve":
        game.fac("resolve_post_it", post_it_id=pid)
    elif how == "suggest":
        game.walk_to("sort")
    else:
        game.walk_to("sort")
        game.fac("set_pile", item="post_it", id=pid, pile="green")
    assert differs_from_generic(game, [anna, bram]) <= concerned(game.last.events, game.room)


def test_concerned_without_the_room_cannot_know_the_author() -> None:
    game, (anna, _) = game_in("discuss")
    pid = game.post_it(anna)
    game.play(anna, {"type": "edit_post_it", "post_it_id": pid, "text": "Nieuw"})
    assert concerned(game.last.events) == set()
    assert concerned(game.last.events, game.room) == {anna.player_id}


def test_concerned_after_a_deleted_post_it_is_nobody() -> None:
    game, (anna, _) = game_in("discuss")
    pid = game.post_it(anna)
    game.play(anna, {"type": "delete_post_it", "post_it_id": pid})
    assert concerned(game.last.events, game.room) == set()


def test_the_view_says_what_screens_used_to_work_out() -> None:
    """Remaining cards, the next card, who still has to place and the summary."""
    game, (anna, bram) = game_in("place")
    seen = view(game.room, PROJECTOR_VIEW)
    assert seen["remaining_cards"] == ["deck/c1", "deck/c2"]
    assert seen["next_card_id"] == "deck/c1"
    assert seen["still_to_place"] == [anna.player_id, bram.player_id]
    folds(game, [PROJECTOR_VIEW, ANY_PLAYER], lambda: game.place(bram))
    assert view(game.room, ANY_PLAYER)["still_to_place"] == [anna.player_id]
    game.next()
    assert view(game.room, ANY_PLAYER)["still_to_place"] == []
    game.fac("reorder_cards", card_ids=["deck/c2", "deck/c1"])
    game.fac("skip_card")  # skips the current card, moves on to deck/c2
    seen = view(game.room, ANY_PLAYER)
    assert seen["remaining_cards"] == ["deck/c1"] and seen["next_card_id"] == "deck/c1"
    assert seen["played_cards"] == ["deck/c2"]  # deck/c0 was skipped
    pink = game.post_it(anna, colour="pink")
    assert view(game.room, ANY_PLAYER)["summary"]["open_questions"] == [pink]
    folds(
        game,
        [FACILITATOR_VIEW, ANY_PLAYER],
        lambda: game.fac("resolve_post_it", post_it_id=pink, resolved=True),
    )
    assert view(game.room, ANY_PLAYER)["summary"]["open_questions"] == []


def test_a_post_it_says_who_may_edit_it_and_its_suggested_pile() -> None:
    game, (anna, bram) = game_in("discuss")
    green = game.post_it(anna)
    pink = game.post_it(anna, colour="pink")
    anna_view, bram_view = Viewer("player", anna.player_id), Viewer("player", bram.player_id)
    assert view(game.room, anna_view)["post_its"][green]["can_edit"] is True
    assert view(game.room, bram_view)["post_its"][green]["can_edit"] is False
    assert view(game.room, FACILITATOR_VIEW)["post_its"][green]["can_edit"] is True
    assert view(game.room, ANY_PLAYER)["post_its"][green]["suggested_pile"] == "green"
    assert view(game.room, ANY_PLAYER)["post_its"][pink]["suggested_pile"] == "red"
    viewers = [anna_view, bram_view, FACILITATOR_VIEW, PROJECTOR_VIEW]
    folds(game, viewers, lambda: game.fac("lock_post_its"))
    assert view(game.room, anna_view)["post_its"][green]["can_edit"] is False
    assert view(game.room, FACILITATOR_VIEW)["post_its"][green]["can_edit"] is True
    assert anna.player_id in concerned(game.last.events, game.room)
    folds(game, viewers, lambda: game.fac("unlock_post_its"))
    assert view(game.room, anna_view)["post_its"][pink]["can_edit"] is True


def test_derived_parts_name_real_events_and_parts() -> None:
    from game_server.rules import views
    from game_server.rules.events import EVENTS

    derived = {name for kind in EVENTS.values() for name in kind.derived}
    assert derived and derived <= set(views._SCALARS)
