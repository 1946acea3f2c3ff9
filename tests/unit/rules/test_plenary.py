"""The plenary's headings, clusters and dot votes (rules/plenary, clusters, voting)."""

from __future__ import annotations

from game_server.rules import fold, view
from game_server.rules.access import Actor
from game_server.rules.plenary import Item, arrange
from game_server.rules.similar import likely_duplicates, normalised, similarity

from .conftest import FACILITATOR, PROJECTOR
from .plenary_game import plenary_game, ref


def test_three_headings_hold_each_item_once() -> None:
    game, _, ids = plenary_game()
    p = view(game.room, FACILITATOR)["plenary"]
    assert p["present"] == [
        ref("card", "deck/c1"),
        ref("post_it", ids["intervisie"]),
        ref("post_it", ids["feedback"]),
    ]
    assert [(d["item"], d["id"]) for d in p["develop"]] == [
        ("card", "deck/c0"),
        ("post_it", ids["tijd"]),
        ("post_it", ids["tijd2"]),
    ]
    assert p["questions"] == [ref("post_it", ids["budget"])]
    everything = [*p["present"], *p["develop"], *p["questions"]]
    assert len({(r["item"], r["id"]) for r in everything}) == len(everything)


def test_duplicates_are_suggested_never_merged() -> None:
    game, _, ids = plenary_game()
    p = view(game.room, FACILITATOR)["plenary"]
    pair = {(d["a"]["id"], d["b"]["id"]) for d in p["duplicates"]}
    assert (ids["tijd"], ids["tijd2"]) in pair
    assert game.room.clusters == {}


def test_similarity_normalises_case_accents_and_punctuation() -> None:
    assert normalised("Één  Cursus, ÓF twee!") == "een cursus of twee"
    assert similarity("Feedback geven!", "feedback   geven") == 1.0
    assert similarity("Budget voor opleiding", "Koffie in de kantine") < 0.6
    assert likely_duplicates({"a": "Geen tijd om te leren", "b": "Koffie"}) == []


def test_merge_rename_split() -> None:
    game, _, ids = plenary_game()
    result = game.fac(
        "merge_items", items=[ref("post_it", ids["tijd"]), ref("post_it", ids["tijd2"])]
    )
    cluster_id = result["cluster_id"]
    cluster = game.room.clusters[cluster_id]
    assert cluster.name == "Geen tijd om te leren naast het werk"
    assert cluster.post_it_ids == (ids["tijd"], ids["tijd2"])
    develop = view(game.room, FACILITATOR)["plenary"]["develop"]
    assert [(d["item"], d["id"]) for d in develop] == [("card", "deck/c0"), ("cluster", cluster_id)]
    assert view(game.room, PROJECTOR)["clusters"][cluster_id]["post_its"] == 2
    game.fac("rename_cluster", cluster_id=cluster_id, name="Tijd om te leren")
    assert game.room.clusters[cluster_id].name == "Tijd om te leren"
    game.fac("split_cluster", cluster_id=cluster_id, post_it_id=ids["tijd"])
    assert game.room.clusters == {}  # one post-it left: no cluster of one
    assert fold([game.created, *game.events]) == game.room


def test_drag_onto_a_cluster_joins_it_and_absorbs_clusters() -> None:
    game, _, ids = plenary_game()
    a = game.fac(
        "merge_items", items=[ref("post_it", ids["intervisie"]), ref("post_it", ids["feedback"])]
    )
    game.fac("set_pile", item="post_it", id=ids["tijd"], pile="green")
    game.fac("set_pile", item="post_it", id=ids["tijd2"], pile="green")
    b = game.fac("merge_items", items=[ref("post_it", ids["tijd"]), ref("post_it", ids["tijd2"])])
    game.fac(
        "merge_items", items=[ref("cluster", a["cluster_id"]), ref("cluster", b["cluster_id"])]
    )
    assert list(game.room.clusters) == [a["cluster_id"]]
    assert len(game.room.clusters[a["cluster_id"]].post_it_ids) == 4


def test_merge_refusals() -> None:
    game, _, ids = plenary_game()
    one = ref("post_it", ids["tijd"])
    assert game.fac_refused("merge_items", items=[one, one]) == "too_few_items"
    assert (
        game.fac_refused("merge_items", items=[one, ref("post_it", ids["feedback"])])
        == "other_heading"
    )
    assert game.fac_refused("merge_items", items=[one, ref("cluster", "nope")]) == "unknown_cluster"


def test_deleting_a_member_dissolves_a_pair() -> None:
    game, _actors, ids = plenary_game()
    game.fac("merge_items", items=[ref("post_it", ids["tijd"]), ref("post_it", ids["tijd2"])])
    game.fac("delete_post_it", post_it_id=ids["tijd2"])
    assert game.room.clusters == {}


def test_dot_voting_hidden_until_revealed_then_ordered() -> None:
    game, (anna, bram, cas), ids = plenary_game()
    game.fac("open_voting", dots=3, several_per_item=True)
    tijd = {"item": "post_it", "id": ids["tijd2"]}
    for _ in range(3):
        game.play(anna, {"type": "place_dot", **tijd})
    game.play(bram, {"type": "place_dot", "item": "card", "id": "deck/c0"})
    game.play(cas, {"type": "place_dot", **tijd})
    for who in (FACILITATOR, PROJECTOR, anna, bram):
        v = view(game.room, who)
        assert all(d["dots"] is None for d in v["plenary"]["develop"])
        assert v["voting"]["dots_placed"] == 5 and v["voting"]["voters"] == 3
        assert v["voting"]["sealed"] is False
    assert view(game.room, anna)["my_dots"] == [{**tijd, "dots": 3}]
    assert view(game.room, bram)["my_dots"] == [{"item": "card", "id": "deck/c0", "dots": 1}]
    assert view(game.room, FACILITATOR)["my_dots"] == []
    game.fac("reveal_votes")
    develop = view(game.room, PROJECTOR)["plenary"]["develop"]
    assert [(d["id"], d["dots"]) for d in develop] == [
        (ids["tijd2"], 4),
        ("deck/c0", 1),
        (ids["tijd"], 0),
    ]
    assert game.refuse(bram, {"type": "place_dot", **tijd}) == "voting_closed"


def test_dot_limits() -> None:
    game, (anna, bram, _), ids = plenary_game()
    game.fac("open_voting", dots=2, several_per_item=False)
    card = {"type": "place_dot", "item": "card", "id": "deck/c0"}
    game.play(anna, card)
    assert game.refuse(anna, card) == "one_dot_per_item"
    game.play(anna, {"type": "place_dot", "item": "post_it", "id": ids["tijd"]})
    assert (
        game.refuse(anna, {"type": "place_dot", "item": "post_it", "id": ids["tijd2"]})
        == "no_dots_left"
    )
    game.play(anna, {**card, "type": "remove_dot"})
    assert game.refuse(anna, {**card, "type": "remove_dot"}) == "no_dot_here"
    green = {"type": "place_dot", "item": "post_it", "id": ids["feedback"]}
    assert game.refuse(bram, green) == "not_votable"
    assert game.refuse(FACILITATOR, card) == "not_joined"
    assert (
        game.fac_refused(
            "merge_items", items=[ref("post_it", ids["tijd"]), ref("post_it", ids["tijd2"])]
        )
        == "voting_open"
    )
    assert game.fac_refused("open_voting") == "voting_open"


def test_reopening_clears_the_dots_and_cancel_ends_the_round() -> None:
    game, (anna, _, _), _ids = plenary_game()
    game.fac("open_voting")
    game.play(anna, {"type": "place_dot", "item": "card", "id": "deck/c0"})
    game.fac("reveal_votes")
    game.fac("open_voting", dots=1)
    assert game.room.voting is not None and game.room.voting.ballots == {}
    game.fac("cancel_voting")
    assert game.room.voting is None


def test_votes_are_anonymous_in_every_view() -> None:
    game, (anna, bram, _), _ids = plenary_game(anonymous=True)
    game.fac("open_voting")
    game.play(anna, {"type": "place_dot", "item": "card", "id": "deck/c0"})
    game.fac("reveal_votes")
    for who in (FACILITATOR, PROJECTOR, bram):
        text = repr(view(game.room, who)["plenary"]) + repr(view(game.room, who)["voting"])
        assert str(anna.player_id) not in text
        assert view(game.room, who)["my_dots"] == []


def test_action_point_from_a_cluster() -> None:
    game, _, ids = plenary_game()
    cluster = game.fac(
        "merge_items", items=[ref("post_it", ids["tijd"]), ref("post_it", ids["tijd2"])]
    )
    fields = {"what": "Leertijd", "who": "MT", "first_step": "Uur per week", "evaluate_when": "Q3"}
    point = game.fac("add_action_point", item="cluster", item_id=cluster["cluster_id"], **fields)
    seen = view(game.room, Actor("player", "x"))["action_points"][point["action_point_id"]]
    assert (seen["item"], seen["item_id"]) == ("cluster", cluster["cluster_id"])
    assert (
        game.fac_refused("add_action_point", item="cluster", item_id="nope", **fields)
        == "unknown_item"
    )


def test_arrange_is_generic_over_items() -> None:
    items = [
        Item(("post_it", "a"), "develop", (1, 1)),
        Item(("cluster", "t2:c"), "develop", (1, 2)),
    ]
    assert [i.key for i in arrange(items, {("cluster", "t2:c"): 2})["develop"]] == [
        ("cluster", "t2:c"),
        ("post_it", "a"),
    ]


def test_ending_the_game_forgets_the_voters_and_a_reopened_round_takes_no_more_dots() -> None:
    game, (anna, bram, _), _ids = plenary_game()  # not an anonymous room: votes are secret
    card = {"item": "card", "id": "deck/c0"}
    game.fac("open_voting", dots=2)
    game.play(anna, {"type": "place_dot", **card})
    game.play(bram, {"type": "place_dot", **card})
    game.fac("end_game")
    assert game.events[-1] == {"type": "ballots_forgotten"}
    voting = game.room.voting
    assert voting is not None and voting.sealed
    one = {("card", "deck/c0"): 1}
    assert dict(voting.ballots) == {"anonymous:1": one, "anonymous:2": one}
    game.fac("back_step")  # reopened: whose dot is whose is no longer known
    assert game.room.phase == "summary"
    assert view(game.room, anna)["my_dots"] == []
    assert view(game.room, anna)["voting"]["sealed"] is True  # the client says why
    assert game.refuse(anna, {"type": "place_dot", **card}) == "voting_closed"
    assert game.refuse(anna, {"type": "remove_dot", **card}) == "voting_closed"
    game.fac("reveal_votes")
    develop = view(game.room, PROJECTOR)["plenary"]["develop"]
    assert (develop[0]["id"], develop[0]["dots"]) == ("deck/c0", 2)
    game.fac("end_game")  # nothing left to forget
    assert all(e["type"] != "ballots_forgotten" for e in game.last.events)  # type: ignore[union-attr]
