"""The plenary across a workshop's tables: what the plenary room opens with (``gather``,
``consensus``), and what the workshop carries to it (``reconcile_plenary``), through
``workshop_kit.Run`` as the server does."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from game_server.rules import Actor, Options, Room, Viewer, view
from game_server.rules import workshop as ws
from game_server.rules.model import MAX_PLAYERS
from game_server.rules.view_types import view_adapter
from game_server.rules.workshop.consensus import (
    AGREE_AT_MOST,
    between,
    card_consensus,
    verdict,
)

from .conftest import QUADRANT_BOARD, SCALE_BOARD, make_game
from .workshop_kit import FACILITATOR, WORKSHOP, Run, make_run

NAMES = ["Ann", "Bas", "Cor", "Dee", "Eva", "Fos"]


def _player(pid: str) -> Actor:
    return Actor("player", pid)


def _play_card(
    run: Run, table_id: str, squares: list[int], post_its: list[tuple[str, str]]
) -> None:
    """One card at a table: everyone places (first and second round on ``squares``), the
    first two players write ``post_its`` (colour, text) in turn, then the table sorts."""
    people = [p.id for p in run.workshop.seated_at(table_id)]
    run.at(table_id, WORKSHOP, {"type": "next_step"})  # read -> place
    for pid, square in zip(people, squares, strict=True):
        run.at(table_id, _player(pid), {"type": "place_pawn", "position": {"square": square}})
    run.at(table_id, WORKSHOP, {"type": "next_step"})  # discuss
    for n, (colour, text) in enumerate(post_its):
        payload = {"type": "add_post_it", "colour": colour, "text": text}
        run.at(table_id, _player(people[n % len(people)]), payload)
    run.at(table_id, WORKSHOP, {"type": "next_step"})  # revise
    for pid, square in zip(people, squares, strict=True):
        run.at(table_id, _player(pid), {"type": "place_pawn", "position": {"square": square}})
    run.at(table_id, WORKSHOP, {"type": "go_to_sort"})


def _workshop(anonymous_at: str | None = None) -> tuple[Run, list[str]]:
    """Three tables of two, started; ``anonymous_at``: that table's post-its anonymous."""
    run = make_run(count=3, steering="facilitator")
    if anonymous_at is not None:
        room = run.tables[anonymous_at]
        anonymous = Options(anonymous_post_its=True, language=room.options.language)
        run.tables[anonymous_at] = replace(room, options=anonymous)
    people = [run.join(name) for name in NAMES]
    run.fac("start_workshop")
    return run, people


def _played(anonymous_at: str | None = None) -> tuple[Run, list[str]]:
    run, people = _workshop(anonymous_at)
    _play_card(run, "t1", [4, 5], [("green", "Veel vertrouwen"), ("pink", "Wie beslist?")])
    _play_card(run, "t2", [4, 4], [("green", "Veel  vertrouwen!"), ("green", "Ruimte")])
    _play_card(run, "t3", [1, 2], [("pink", "Tijd?")])
    return run, people


def _tables(run: Run) -> dict[str, Any]:
    return {t: run.tables[t] for t in run.workshop.tables}


def test_gather_labels_every_item_with_its_table_in_table_order() -> None:
    run, _ = _played()
    snapshot = ws.gather(run.workshop, _tables(run))
    items = snapshot["items"]
    assert [i["table_id"] for i in items] == sorted(i["table_id"] for i in items)
    texts = {(i["table_name"], i["text"]) for i in items if not i["pile_card"]}
    assert texts == {
        ("Tafel 1", "Veel vertrouwen"),
        ("Tafel 1", "Wie beslist?"),
        ("Tafel 2", "Veel  vertrouwen!"),
        ("Tafel 2", "Ruimte"),
        ("Tafel 3", "Tijd?"),
    }
    for item in items:
        assert item["id"].startswith(item["table_id"] + "-")
        table = run.tables[item["table_id"]]
        if not item["pile_card"]:
            original = table.post_its[item["id"].split("-", 1)[1]]
            assert (item["colour"], item["pile"], item["resolved"]) == (
                original.colour,
                original.pile,
                original.resolved,
            )


def test_cards_on_a_tables_pile_come_along_as_items_marked_pile_card() -> None:
    run, _ = _played()
    card_id = run.workshop.agenda[0]
    items = ws.gather(run.workshop, _tables(run))["items"]
    cards = [i for i in items if i["pile_card"]]
    assert [(c["id"], c["card_id"]) for c in cards] == [
        (f"{t}-card-{card_id}", card_id) for t in ("t1", "t2", "t3")
    ]
    text = run.workshop.cards[card_id].text["nl"]
    for c in cards:
        assert c["text"] == text and c["author_name"] is None and c["resolved"]
        assert c["pile"] == run.tables[c["table_id"]].card_piles[card_id]
    # t1 and t2 placed high (green: present), t3 low (red: to develop).
    assert [c["pile"] for c in cards] == ["green", "green", "red"]


def test_authors_go_along_by_each_tables_own_anonymity() -> None:
    run, people = _played(anonymous_at="t2")
    items = ws.gather(run.workshop, _tables(run))["items"]
    names = {run.workshop.participants[p].name for p in people}
    by_table = {
        t: {i["author_name"] for i in items if i["table_id"] == t and not i["pile_card"]}
        for t in ("t1", "t2", "t3")
    }
    assert by_table["t2"] == {None}
    assert by_table["t1"] <= names and None not in by_table["t1"]
    assert by_table["t3"] <= names and None not in by_table["t3"]


def test_a_tables_cluster_gives_each_of_its_post_its() -> None:
    run, _ = _played()
    t2 = run.tables["t2"]
    ids = sorted(p.id for p in t2.post_its.values() if p.colour == "green")
    merge = {"type": "merge_items", "items": [{"item": "post_it", "id": i} for i in ids]}
    run.at("t2", WORKSHOP, merge)
    assert run.tables["t2"].clusters
    items = ws.gather(run.workshop, _tables(run))["items"]
    assert {i["id"] for i in items if i["table_id"] == "t2" and not i["pile_card"]} == {
        f"t2-{i}" for i in ids
    }


def test_nothing_individual_is_copied() -> None:
    run, people = _played()
    snapshot = ws.gather(run.workshop, _tables(run))
    text = repr(snapshot)
    for pid in people:
        assert pid not in text  # no author id, no pawn's player id
    assert all("author_id" not in i for i in snapshot["items"])
    for card in snapshot["consensus"]["cards"]:
        assert "positions" not in repr(card) and "shifts" not in repr(card)


def test_consensus_per_table_together_and_between() -> None:
    run, _ = _played()
    consensus = ws.gather(run.workshop, _tables(run))["consensus"]
    assert consensus["tables"] == [
        {"id": "t1", "name": "Tafel 1"},
        {"id": "t2", "name": "Tafel 2"},
        {"id": "t3", "name": "Tafel 3"},
    ]
    (card,) = consensus["cards"]  # the only card played
    assert card["card_id"] == run.workshop.agenda[0]
    assert card["tables"]["t1"]["first"]["mean"] == 4.5
    assert card["tables"]["t2"]["second"]["mean"] == 4.0
    assert card["tables"]["t3"]["second"]["mean"] == 1.5
    assert card["together"]["second"]["count"] == 6
    assert card["together"]["second"]["mean"] == round((4 + 5 + 4 + 4 + 1 + 2) / 6, 2)
    assert card["together"]["second"]["distribution"] == {"1": 1, "2": 1, "3": 0, "4": 3, "5": 1}
    # Means 4.5, 4 and 1.5: far apart on a board of five.
    assert card["between"] is not None and card["between"] > AGREE_AT_MOST
    assert card["verdict"] == "differ"


def test_verdicts_agree_differ_single() -> None:
    run, _ = _workshop()
    _play_card(run, "t1", [4, 4], [])
    _play_card(run, "t2", [4, 5], [])
    consensus = ws.gather(run.workshop, _tables(run))["consensus"]
    (card,) = consensus["cards"]
    assert set(card["tables"]) == {"t1", "t2"}  # t3 did not play it
    # Means 4 and 4.5: sd 0.25 over half the width (2) is 0.125, shown 0.13.
    assert card["between"] == 0.13 and card["verdict"] == "agree"
    assert verdict(1, None) == "single"
    assert between(SCALE_BOARD, [3.0]) is None
    assert between(SCALE_BOARD, [1.0, 5.0]) == 1.0


def test_a_card_one_table_played_is_single() -> None:
    run, _ = _workshop()
    _play_card(run, "t3", [2, 3], [])
    (card,) = ws.gather(run.workshop, _tables(run))["consensus"]["cards"]
    assert card["verdict"] == "single" and card["between"] is None
    assert list(card["tables"]) == ["t3"]


def test_a_round_a_table_never_revealed_is_left_out() -> None:
    run, _ = _workshop()
    at_t1 = [p.id for p in run.workshop.seated_at("t1")]
    run.at("t1", WORKSHOP, {"type": "next_step"})
    run.at("t1", _player(at_t1[0]), {"type": "place_pawn", "position": {"square": 2}})
    # One pawn, still hidden (sorting would reveal it): the table is still placing.
    assert run.tables["t1"].is_hidden(run.workshop.agenda[0], "first")
    assert ws.gather(run.workshop, _tables(run))["consensus"]["cards"] == []


def test_open_plenary_opens_a_room_on_its_summary_step_with_every_table() -> None:
    run, people = _played()
    result = run.fac("open_plenary")
    w = run.workshop
    assert w.phase == "plenary" and w.plenary is not None
    assert w.plenary == ws.Table("plenary", "Plenair", result["code"])
    room = run.tables["plenary"]
    assert room.code == w.plenary.code and room.workshop == w.code
    assert room.table_name == "Plenair" and room.phase == "summary"
    assert room.started_at == run.now
    assert room.secret == ws.table_secret(w, "plenary")
    assert len(room.post_its) == len(ws.gather(w, _tables(run))["items"])
    assert room.consensus is not None and room.consensus["cards"]
    # Every participant present sits there; the workshop's facilitator steers.
    assert {p for p, pl in room.players.items() if pl.active} == set(people)
    assert room.facilitator_player_id is None
    snapshot = view(room, Viewer("player", people[0]))
    view_adapter.validate_python(snapshot)
    assert snapshot["consensus"] == room.consensus
    labelled = [p for p in snapshot["post_its"].values() if p["table_name"] == "Tafel 3"]
    assert labelled and all(p["table_id"] == "t3" for p in labelled)


def test_the_plenary_rooms_post_its_are_under_the_headings() -> None:
    run, _ = _played()
    run.fac("open_plenary")
    snapshot = view(run.tables["plenary"], Viewer("facilitator"))
    plenary = snapshot["plenary"]
    questions = {snapshot["post_its"][r["id"]]["text"] for r in plenary["questions"]}
    assert questions == {"Wie beslist?", "Tijd?"}
    develop = {r["id"] for r in plenary["develop"]}
    assert develop == {f"t3-card-{run.workshop.agenda[0]}"}
    # The same thing in other words at two tables is suggested, never merged.
    pairs = {frozenset((d["a"]["id"], d["b"]["id"])) for d in plenary["duplicates"]}
    t1 = next(k for k, p in run.tables["plenary"].post_its.items() if p.text == "Veel vertrouwen")
    t2 = next(k for k, p in run.tables["plenary"].post_its.items() if p.text.startswith("Veel  "))
    assert frozenset((t1, t2)) in pairs
    assert not run.tables["plenary"].clusters


def test_clusters_in_the_plenary_count_their_tables() -> None:
    run, _ = _played()
    run.fac("open_plenary")
    room = run.tables["plenary"]
    green = sorted(k for k, p in room.post_its.items() if p.colour == "green" and not p.pile_card)
    merge = {"type": "merge_items", "items": [{"item": "post_it", "id": k} for k in green]}
    run.at("plenary", FACILITATOR, merge)
    (cluster,) = view(run.tables["plenary"], Viewer("facilitator"))["clusters"].values()
    assert cluster["post_its"] == 3 and cluster["tables"] == 2


def test_a_cluster_of_a_card_from_several_tables_is_named_after_the_cards_title() -> None:
    run, _ = _played()
    run.fac("open_plenary")
    room = run.tables["plenary"]
    piled = sorted(k for k, p in room.post_its.items() if p.pile_card)
    card = room.cards[room.post_its[piled[0]].card_id]
    assert card.title is not None and len(piled) >= 2
    merge = {"type": "merge_items", "items": [{"item": "post_it", "id": k} for k in piled[:2]]}
    run.at("plenary", FACILITATOR, merge)
    (cluster,) = run.tables["plenary"].clusters.values()
    assert cluster.name == card.title[room.options.language]


def test_a_lead_in_the_plenary_is_taken_back_and_participants_return() -> None:
    run, people = _played()
    run.fac("open_plenary")
    run.at("plenary", FACILITATOR, {"type": "hand_over", "player_id": people[0]})
    run.at("plenary", _player(people[1]), {"type": "leave"})
    run.fac("broadcast", text="Stem nu met je stippen")
    room = run.tables["plenary"]
    assert room.facilitator_player_id is None
    assert room.message is not None and room.message.text == "Stem nu met je stippen"
    assert not room.players[people[1]].active  # who left is not pulled back in
    # A participant who joins during the plenary sits there too; a removed one is unseated.
    late = run.join("Gijs")
    run.fac("remove_participant", participant_id=people[2])
    room = run.tables["plenary"]
    assert room.players[late].active and room.players[people[2]].removed


def test_orders_are_refused_in_the_plenary_and_tables_are_left_alone() -> None:
    run, _ = _played()
    run.fac("open_plenary")
    tables = dict(run.tables)
    for payload in (
        {"type": "step_all"},
        {"type": "all_to_sort"},
        {"type": "broadcast_timer", "seconds": 60},
        {"type": "open_plenary"},
    ):
        assert run.refuse(FACILITATOR, payload) == "wrong_phase", payload
    assert run.tables == tables


def test_open_plenary_in_the_lobby_or_after_the_end_is_refused() -> None:
    run = make_run(count=2)
    assert run.refuse(FACILITATOR, {"type": "open_plenary"}) == "wrong_phase"
    run.join("Ann")
    run.fac("end_workshop")
    assert run.refuse(FACILITATOR, {"type": "open_plenary"}) == "room_closed"
    assert run.workshop.plenary is None and "plenary" not in run.tables


def test_end_workshop_ends_the_plenary_game_and_forgets_the_voters() -> None:
    run, people = _played()
    run.fac("open_plenary")
    develop = view(run.tables["plenary"], Viewer("facilitator"))["plenary"]["develop"]
    item = develop[0]
    run.at("plenary", FACILITATOR, {"type": "open_voting", "dots": 3})
    place = {"type": "place_dot", "item": item["item"], "id": item["id"]}
    run.at("plenary", _player(people[0]), place)
    run.at("plenary", _player(people[3]), place)
    run.fac("end_workshop")
    room = run.tables["plenary"]
    assert room.phase == "closed"
    assert room.voting is not None and room.voting.sealed
    assert not set(room.voting.ballots) & set(people)
    assert {e["type"] for e in run.table_events["plenary"]} >= {"ballots_forgotten"}


def test_the_workshop_views_hand_out_the_plenary() -> None:
    run, people = _played()
    w = run.workshop
    assert ws.view(w, Viewer("facilitator"))["plenary"] is None
    run.fac("open_plenary")
    w = run.workshop
    room = run.tables["plenary"]
    fac = ws.view(w, Viewer("facilitator"))["plenary"]
    assert fac["code"] == room.code and fac["id"] == "plenary" and fac["name"] == "Plenair"
    assert fac["facilitator_token"] == ws.tokens.table_facilitator_token(w, "plenary")
    mine = ws.view(w, Viewer("participant", people[0]))["plenary"]
    assert mine["token"] == ws.table_player_token(w, "plenary", people[0])
    projector = ws.view(w, Viewer("projector"))["plenary"]
    assert set(projector) == {"id", "name", "code", "projector_token"}
    # The tokens open the plenary room as they say.
    from game_server.rules.access import identify

    assert identify(room, mine["token"]) == Actor("player", people[0])
    assert identify(room, fac["facilitator_token"]) == Actor("facilitator")
    assert identify(room, projector["projector_token"]) == Actor("projector")


def test_english_workshop_names_it_plenary() -> None:
    run = make_run(count=2, language="en")
    run.join("Ann")
    run.fac("start_workshop")
    run.fac("open_plenary")
    assert run.workshop.plenary is not None and run.workshop.plenary.name == "Plenary"
    assert run.tables["plenary"].table_name == "Plenary"


def test_the_plenary_seats_up_to_a_rooms_most_players_in_joining_order() -> None:
    run = make_run(count=2)
    people = [run.join(f"Deelnemer {n}") for n in range(MAX_PLAYERS + 1)]
    run.fac("start_workshop")
    run.fac("open_plenary")
    room = run.tables["plenary"]
    seated = {p for p, pl in room.players.items() if not pl.removed}
    assert seated == set(people[:MAX_PLAYERS])
    last = people[-1]
    assert ws.view(run.workshop, Viewer("participant", last))["plenary"] is None
    assert ws.reconcile_plenary(run.workshop, room, run.version) == []  # nothing refused
    # A chair comes free: the next in joining order takes it.
    run.fac("remove_participant", participant_id=people[0])
    assert run.tables["plenary"].players[last].active
    assert ws.view(run.workshop, Viewer("participant", last))["plenary"] is not None


def _quadrant_table(points: list[tuple[float, float]]) -> Room:
    game, players = make_game("quadrant", players=[f"P{n}" for n in range(len(points))])
    game.walk_to("place")
    for actor, (x, y) in zip(players, points, strict=True):
        game.play(actor, {"type": "place_pawn", "position": {"x": x, "y": y}})
    return game.room


def test_consensus_on_a_quadrant_board() -> None:
    near = _quadrant_table([(0.5, 0.5), (0.5, 0.5)])
    same = _quadrant_table([(0.5, 0.5), (0.5, 0.5)])
    far = _quadrant_table([(-0.5, -0.5), (-0.5, -0.5)])
    card_id = near.agenda[0]
    agreeing = card_consensus(QUADRANT_BOARD, {"a": near, "b": same}, card_id)
    assert agreeing is not None
    assert agreeing["between"] == 0.0 and agreeing["verdict"] == "agree"
    assert agreeing["tables"]["a"]["first"]["mean"] == {"x": 0.5, "y": 0.5}
    assert agreeing["tables"]["a"]["second"] is None  # not placed yet
    assert agreeing["together"]["first"]["count"] == 4
    differing = card_consensus(QUADRANT_BOARD, {"a": near, "c": far}, card_id)
    assert differing is not None
    # Means (0.5, 0.5) and (-0.5, -0.5): each sqrt(0.5) from their centre, over sqrt 2.
    assert differing["between"] == 0.5 and differing["verdict"] == "differ"
    assert "shifts" not in repr(differing)  # nobody's own move leaves a table
