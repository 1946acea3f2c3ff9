"""Property tests: random games of random commands from random actors, on both boards and
with every combination of room options.

After every command:
1. a refused command raises Refusal and leaves the room equal to before (an accepted one
   leaves the *old* room untouched too: states are shared, never mutated);
2. the room's invariants hold;
3. folding ``room_created`` and every event so far (also after a JSON round trip, as the
   store keeps them) gives the live room;
4. for every viewer, the view has exactly the declared shape (``rules/view_types.py``),
   folding the updates into the view before gives the view after (after
   a JSON round trip: this is what the browser does), and a player not named by
   ``concerned`` gets the same updates as the generic player.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game_server.rules import (
    COMMAND,
    GUEST,
    REASONS,
    RULES,
    Actor,
    Context,
    Event,
    Options,
    Refusal,
    Room,
    Viewer,
    apply_ops,
    audience_updates,
    concerned,
    current_role,
    decide,
    fold,
    open_room,
    updates,
    view,
)
from game_server.rules.model import MAX_POST_IT_LENGTH, ROUNDS, Card, Spot
from game_server.rules.steps import remaining_cards
from game_server.rules.view_types import view_adapter

from .conftest import BOARDS, CARD_PHASES, FACILITATOR, NOBODY, PHASES, PROJECTOR

NAMES = ["Anna", "Bram", "Cas", "Dewi"]
TEXTS = ["Goed idee", "Wie betaalt?", "<b>vet</b> & 'quotes'", "Regel 1\nRegel 2", "x" * 280]

# Steering commands come more often, so random games get through to sorting and closing.
WEIGHTED_TYPES = [
    *["next_step"] * 8,
    *["place_pawn"] * 8,
    *["add_post_it"] * 4,
    *["edit_post_it", "back_step", "skip_card", "set_pile", "reveal_placements"] * 2,
    *["merge_items", "place_dot", "open_voting"] * 2,
    "join",
    "leave",
    "rejoin",
    *sorted(RULES),
]

# --- strategies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    board: str
    options: Options
    card_minutes: tuple[int | None, ...]
    players: tuple[str, ...]


setups = st.builds(
    Setup,
    board=st.sampled_from(["scale", "quadrant"]),
    options=st.builds(
        Options,
        hidden_placements=st.booleans(),
        anonymous_post_its=st.booleans(),
        minutes_per_card=st.sampled_from([None, 6]),
        language=st.sampled_from(["nl", "en"]),
    ),
    card_minutes=st.lists(st.sampled_from([None, None, 7]), min_size=1, max_size=4).map(tuple),
    players=st.integers(2, 4).map(lambda n: tuple(NAMES[:n])),
)

coordinates = st.floats(-1.0, 1.0, allow_nan=False, allow_infinity=False)
squares = st.builds(lambda s: {"square": s}, st.integers(1, 7))
points = st.builds(lambda x, y: {"x": x, "y": y}, coordinates, coordinates)
POSITIONS = {
    # Mostly positions of the room's board, sometimes of the other one (invalid_position).
    "scale": st.one_of(squares, squares, squares, points),
    "quadrant": st.one_of(points, points, points, squares),
}
piles = st.sampled_from(["red", "green", None])
colours = st.sampled_from(["green", "pink"])
texts = st.sampled_from(TEXTS)
short = st.sampled_from(["Intervisie", "Teamleider", "Agenda", "Q3"])


def payload_for(draw: Any, room: Room, type_: str) -> dict[str, Any]:
    """A schema-valid payload for ``type_``, with ids that mostly exist in ``room``."""
    cards = st.sampled_from([*room.agenda, "deck/nope"])
    post_its = st.sampled_from([*sorted(room.post_its), "ghost"])
    players = st.sampled_from([*sorted(room.players), "p-ghost"])
    action_points = st.sampled_from([*sorted(room.action_points), "ghost"])
    maybe = st.none
    if type_ == "join":
        return {"name": draw(st.sampled_from([*NAMES, "anna", "Eva"]))}
    if type_ in ("remove_player", "hand_over"):
        return {"player_id": draw(players)}
    if type_ == "seat":
        return {"player_id": draw(players | st.just("p-new")), "name": draw(short)}
    if type_ == "unseat":
        return {"player_id": draw(players), "moved_to": draw(maybe() | st.just("t2"))}
    if type_ == "show_message":
        return {"message_id": draw(st.sampled_from(["m1", "m2"])), "text": draw(texts)}
    if type_ in ("add_case_card", "write_case"):
        return {"text": draw(texts)[:400], "title": draw(st.one_of(maybe(), short))}
    if type_ == "add_card":
        text = draw(texts)[:600]
        return {
            "kind": draw(st.sampled_from(["statement", "scenario", "case"])),
            "text": {"nl": text, "en": text},
            "title": draw(st.one_of(maybe(), short.map(lambda t: {"nl": t, "en": t}))),
        }
    if type_ == "remove_card":
        return {"card_id": draw(cards)}
    if type_ == "reorder_cards":
        order = st.permutations(list(remaining_cards(room)))
        return {"card_ids": draw(st.one_of(order, order, st.lists(cards, max_size=4)))}
    if type_ == "place_pawn":
        return {"position": draw(POSITIONS[room.board.kind])}
    if type_ == "add_post_it":
        return {"colour": draw(colours), "text": draw(texts), "card_id": draw(maybe() | cards)}
    if type_ == "edit_post_it":
        return {
            "post_it_id": draw(post_its),
            "text": draw(maybe() | texts),
            "colour": draw(maybe() | colours),
        }
    if type_ in ("delete_post_it",):
        return {"post_it_id": draw(post_its)}
    if type_ == "resolve_post_it":
        return {"post_it_id": draw(post_its), "resolved": draw(st.booleans())}
    if type_ == "start_timer":
        return {"seconds": draw(maybe() | st.integers(10, 3600))}
    if type_ == "extend_timer":
        return {"seconds": draw(st.integers(10, 1800))}
    if type_ == "set_pile":
        item = draw(st.sampled_from(["card", "post_it"]))
        return {
            "item": item,
            "id": draw(cards if item == "card" else post_its),
            "pile": draw(piles),
        }
    if type_ == "add_action_point":
        return {
            "what": draw(short),
            "who": draw(short),
            "first_step": draw(short),
            "evaluate_when": draw(short),
            "card_id": draw(maybe() | cards),
        }
    if type_ == "edit_action_point":
        return {
            "action_point_id": draw(action_points),
            **{k: draw(maybe() | short) for k in ("what", "who", "first_step", "evaluate_when")},
        }
    if type_ == "delete_action_point":
        return {"action_point_id": draw(action_points)}
    clusters = st.sampled_from([*sorted(room.clusters), "ghost"])
    refs = st.one_of(
        st.builds(lambda i: {"item": "post_it", "id": i}, post_its),
        st.builds(lambda i: {"item": "cluster", "id": i}, clusters),
    )
    if type_ == "merge_items":
        return {
            "items": draw(st.lists(refs, min_size=2, max_size=3)),
            "name": draw(maybe() | short),
        }
    if type_ == "rename_cluster":
        return {"cluster_id": draw(clusters), "name": draw(short)}
    if type_ == "split_cluster":
        return {"cluster_id": draw(clusters), "post_it_id": draw(maybe() | post_its)}
    if type_ == "open_voting":
        return {"dots": draw(st.integers(1, 3)), "several_per_item": draw(st.booleans())}
    if type_ in ("place_dot", "remove_dot"):
        item = draw(st.sampled_from(["card", "post_it", "cluster"]))
        ids = {"card": cards, "post_it": post_its, "cluster": clusters}[item]
        return {"item": item, "id": draw(ids)}
    return {}


# --- the game driver ----------------------------------------------------------------------


@dataclass
class Run:
    created: Event
    room: Room
    events: list[Event] = field(default_factory=list)
    people: list[Actor] = field(default_factory=list)
    """Every seat that ever joined, as the player token's actor."""
    now: int = 1_000_000
    ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    shadow: Room | None = None
    views: dict[Viewer, Any] = field(default_factory=dict)
    """Each viewer's view after the last accepted command (JSON round-tripped)."""
    """The room rebuilt from the JSON of its history: equal to, but shares nothing with, it."""

    def actors(self) -> list[Actor]:
        """Everyone who could send a command, with the role their token grants now."""
        base = [FACILITATOR, PROJECTOR, GUEST, NOBODY, *self.people]
        return [current_role(self.room, a) for a in base]

    def steering(self) -> Actor:
        fid = self.room.facilitator_player_id
        return FACILITATOR if fid is None else Actor("facilitator", fid)


def _plenary_snapshot(cards: list[Card]) -> dict[str, Any]:
    """What a workshop's plenary room opens with (``workshop/plenary.py``): items from two
    tables on every heading, a card on a pile among them, an author only where named."""
    first = cards[0].id
    rows = [
        ("t1", "green", "green", False, "Anna", False, "Goed idee"),
        ("t1", "pink", "red", False, None, False, "Wie betaalt?"),
        ("t1", "green", "red", True, None, True, "Stelling 0"),
        ("t2", "green", "green", False, "Bram", False, "Een goed idee"),
        ("t2", "pink", "red", True, "Cas", False, "Tijd om te leren"),
        ("t2", "green", "green", True, None, True, "Stelling 0"),
    ]
    items = [
        {
            "id": f"{table}-i{n}",
            "card_id": first,
            "colour": colour,
            "text": text,
            "created_at": n,
            "pile": pile,
            "resolved": resolved,
            "table_id": table,
            "table_name": f"Tafel {table[1]}",
            "author_name": author,
            "pile_card": pile_card,
        }
        for n, (table, colour, pile, resolved, author, pile_card, text) in enumerate(rows)
    ]
    tables = [{"id": "t1", "name": "Tafel 1"}, {"id": "t2", "name": "Tafel 2"}]
    return {"items": items, "consensus": {"tables": tables, "cards": []}}


def start(setup: Setup, plenary: bool = False) -> Run:
    cards = [
        Card(
            f"deck/c{i}",
            "statement",
            {"nl": f"Stelling {i}", "en": f"Statement {i}"},
            minutes=m,
            deck_id="deck",
        )
        for i, m in enumerate(setup.card_minutes)
    ]
    created, room = open_room(
        code="PROP01",
        title="Eigenschappen",
        secret="s3cret-key",
        options=setup.options,
        board=BOARDS[setup.board],
        cards=cards,
        now=0,
        workshop="WSHOP1" if plenary else None,
        table_name="Plenair" if plenary else None,
        plenary=_plenary_snapshot(cards) if plenary else None,
    )
    run = Run(created, room)
    for name in setup.players:
        join = {"command_id": f"join-{name}", "type": "join", "name": name}
        context = Context(GUEST, run.now, f"p-{name.lower()}")
        accepted = decide(room, COMMAND.validate_python(join), context)
        room = accepted.room
        run.events.extend(accepted.events)
        run.people.append(Actor("player", f"p-{name.lower()}"))
    run.room = room
    run.shadow = fold(plain([created, *run.events]))
    return run


def choose_actor(draw: Any, run: Run, type_: str) -> Actor:
    who = RULES[type_].who
    seated = [a for a in run.actors() if a.player_id is not None and a.role != "guest"]
    fitting = {
        "facilitator": [run.steering()],
        "player": seated,
        "member": [run.steering(), *seated],
        "guest": [GUEST],
        "host": [current_role(run.room, FACILITATOR)],
        "workshop": [Actor("workshop")],
    }[who]
    if fitting and draw(st.integers(0, 3)) > 0:
        return draw(st.sampled_from(fitting))
    return draw(st.sampled_from(run.actors()))


def viewers(room: Room) -> list[Viewer]:
    return [
        Viewer("facilitator"),
        Viewer("projector"),
        Viewer("player", None),
        *(Viewer("player", pid) for pid in sorted(room.players) if not room.players[pid].removed),
    ]


def plain(value: Any) -> Any:
    return json.loads(json.dumps(value))


# --- the checks ---------------------------------------------------------------------------


def check_invariants(room: Room) -> None:
    assert room.phase in PHASES
    assert len(set(room.agenda)) == len(room.agenda)
    assert set(room.agenda) == set(room.cards)
    card = room.current_card_id
    if room.phase in CARD_PHASES:
        assert card in room.cards and card in room.started and card not in room.skipped
    else:
        assert card is None
    # The trail: the way back, from the lobby, never through the closed state.
    if room.consensus is not None:
        # A workshop's plenary room opens on its summary step: no way back beyond it.
        assert room.phase in ("summary", "closed")
        assert room.trail == () or room.trail[0] == Spot("summary")
    elif room.phase == "lobby":
        assert room.trail == ()
    else:
        assert room.trail and room.trail[0] == Spot("lobby")
    for spot in room.trail:
        assert spot.phase in PHASES and spot.phase != "closed"
        if spot.phase in CARD_PHASES:
            assert spot.card_id in room.started
        else:
            assert spot.card_id is None
    assert room.skipped <= room.started <= set(room.cards)
    # Placements only by known players, inside the board, on started cards.
    for (card_id, round_), placed in room.placements.items():
        assert card_id in room.started and round_ in ROUNDS
        for player_id, pos in placed.items():
            assert player_id in room.players
            if room.board.kind == "scale":
                assert set(pos) == {"square"} and 1 <= pos["square"] <= room.board.size
            else:
                assert set(pos) == {"x", "y"}
                assert -1 <= pos["x"] <= 1 and -1 <= pos["y"] <= 1
    for card_id, round_ in room.revealed:
        assert card_id in room.cards and round_ in ROUNDS
    for post_it in room.post_its.values():
        gathered = post_it.table_id is not None  # from a table, into a plenary room
        assert post_it.card_id in room.cards and (gathered or post_it.card_id in room.started)
        # An anonymous room forgets its authors when the game ends (authors_forgotten);
        # a plenary room's gathered post-its never had one here.
        assert post_it.author_id in room.players or (
            post_it.author_id is None and (room.options.anonymous_post_its or gathered)
        )
        assert post_it.colour in ("green", "pink")
        assert post_it.pile in ("red", "green", None)
        assert 0 < len(post_it.text) <= MAX_POST_IT_LENGTH
    for card_id, pile in room.card_piles.items():
        assert card_id in room.cards and pile in ("red", "green")
    for card_id, reader in room.readers.items():
        assert card_id in room.started and reader in room.players
    seats = sorted(p.seat for p in room.players.values())
    assert seats == list(range(len(room.players)))
    assert all(not p.active for p in room.players.values() if p.removed)
    fid = room.facilitator_player_id
    assert fid is None or (fid in room.players and not room.players[fid].removed)
    assert room.timer is None or room.timer.seconds > 0
    for point in room.action_points.values():
        assert point.card_id is None or point.card_id in room.cards
    clustered = [p for c in room.clusters.values() for p in c.post_it_ids]
    assert len(clustered) == len(set(clustered)), "a post-it is in one cluster at most"
    assert all(p in room.post_its for p in clustered)
    assert all(len(c.post_it_ids) >= 2 for c in room.clusters.values())
    if room.voting is not None:
        for ballot in room.voting.ballots.values():
            assert sum(ballot.values()) <= room.voting.dots
            assert all(n > 0 for n in ballot.values())
            if not room.voting.several_per_item:
                assert all(n == 1 for n in ballot.values())


def check_visibility(room: Room, viewer: Viewer, snapshot: dict[str, Any]) -> None:
    """Hidden placements and anonymous authors never show in a view."""
    for card_id in room.agenda:
        for round_ in ROUNDS:
            section = snapshot["placements"][card_id][round_]
            if room.is_hidden(card_id, round_) and not viewer.sees_all:
                for pid, pos in section["positions"].items():
                    assert pos is None or pid == viewer.player_id
                figures = snapshot["figures"][card_id]
                assert figures is None or figures[round_] is None
    # Dots: hidden from everyone until revealed, and never whose they are.
    voting = snapshot["voting"]
    if voting is None or not voting["revealed"]:
        assert all(item["dots"] is None for item in snapshot["plenary"]["develop"])
    own = room.voting.ballots.get(viewer.player_id or "", {}) if room.voting else {}
    assert {(d["item"], d["id"]): d["dots"] for d in snapshot["my_dots"]} == dict(own)
    for post_it in snapshot["post_its"].values():
        if room.options.anonymous_post_its:
            assert post_it["author_id"] is None
        assert post_it["mine"] == (
            viewer.player_id is not None
            and room.post_its[post_it["id"]].author_id == viewer.player_id
        )


def check_step(run: Run, before: Room, after: Room, events: list[Event]) -> None:
    check_invariants(after)
    history = [run.created, *run.events]
    assert fold(history) == after
    run.shadow = fold(plain(history))
    assert run.shadow == after
    fresh_views = {}
    for viewer in viewers(after):
        old = run.views.get(viewer) or plain(view(before, viewer))
        ops = plain(updates(after, events, viewer))
        built = view(after, viewer)
        view_adapter.validate_python(built)  # the declared shape, no undeclared keys
        fresh = fresh_views[viewer] = plain(built)
        assert apply_ops(old, ops) == fresh, (viewer, events)
        check_visibility(after, viewer, fresh)
    run.views = fresh_views
    generic = plain(updates(after, events, Viewer("player", None)))
    named = concerned(events, after)
    for player_id in sorted(after.players):
        if player_id not in named:
            own = plain(updates(after, events, Viewer("player", player_id)))
            assert own == generic, (player_id, events)
    # The operations computed once per audience are each viewer's own.
    audience = audience_updates(after, events)
    steering = after.facilitator_player_id
    assert plain(audience.facilitator) == plain(
        updates(after, events, Viewer("facilitator", steering))
    )
    for viewer in viewers(after)[1:]:
        if viewer.player_id is None or viewer.player_id != steering:
            expected = plain(updates(after, events, viewer))
            assert plain(audience.for_viewer(viewer)) == expected, (viewer, events)


def play_random_game(
    data: st.DataObject,
    setup: Setup,
    steps: int,
    types: list[str] = WEIGHTED_TYPES,
    plenary: bool = False,
) -> Run:
    run = start(setup, plenary)
    check_invariants(run.room)
    for _ in range(steps):
        # Half the time a command of the current step, else any command at all.
        fitting = [t for t in types if run.room.phase in RULES[t].phases] or types
        any_type = data.draw(st.booleans(), label="any type")
        type_ = data.draw(st.sampled_from(types if any_type else fitting), label="type")
        actor = choose_actor(data.draw, run, type_)
        payload = {"type": type_, **payload_for(data.draw, run.room, type_)}
        cmd = COMMAND.validate_python({"command_id": f"command-{next(run.ids):04d}", **payload})
        run.now += data.draw(st.sampled_from([0, 1_000, 30_000, 400_000]), label="elapsed")
        ctx = Context(actor, run.now, f"n{next(run.ids)}")
        before = run.room
        try:
            accepted = decide(before, cmd, ctx)
        except Refusal as refusal:
            assert refusal.code in REASONS
            assert before == run.shadow, "a refused command changed the room"
            continue
        assert before == run.shadow, "an accepted command changed the old room"
        json.dumps(accepted.result)
        if not accepted.events:
            assert accepted.room == before
            continue
        run.room = accepted.room
        run.events.extend(accepted.events)
        if type_ == "join":
            run.people.append(Actor("player", accepted.result["player_id"]))
        check_step(run, before, run.room, accepted.events)
    return run


PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(data=st.data(), setup=setups, steps=st.integers(1, 60))
def test_random_games_keep_every_property(data: st.DataObject, setup: Setup, steps: int) -> None:
    play_random_game(data, setup, steps)


@settings(PROPERTY, max_examples=20)
@given(data=st.data(), setup=setups)
def test_long_games_reach_the_end(data: st.DataObject, setup: Setup) -> None:
    """Longer games, to reach sorting, the summary, closing and reopening."""
    run = play_random_game(data, setup, 100)
    check_invariants(run.room)


CARD_PLAY = [
    *["place_pawn"] * 6,
    *["next_step"] * 3,
    "back_step",
    "reveal_placements",
    "skip_card",
    "leave",
    "rejoin",
    "add_post_it",
    "edit_post_it",
    "resolve_post_it",
    "hand_over",
    "take_back",
]


@settings(PROPERTY, max_examples=40)
@given(data=st.data(), setup=setups)
def test_card_play_keeps_every_property(data: st.DataObject, setup: Setup) -> None:
    """Mostly pawns and post-its, where hidden placements and authorship matter most."""
    play_random_game(data, setup, 50, CARD_PLAY)


PLENARY_PLAY = [
    *["merge_items", "split_cluster", "rename_cluster"] * 2,
    *["open_voting", "place_dot", "place_dot", "place_dot", "remove_dot", "reveal_votes"] * 2,
    "cancel_voting",
    "set_pile",
    "resolve_post_it",
    "edit_post_it",
    "delete_post_it",
    "add_action_point",
    "seat",
    "unseat",
    "join",
    "leave",
    "hand_over",
    "take_back",
    "end_game",
    "back_step",
    *sorted(RULES),
]


@settings(PROPERTY, max_examples=40)
@given(data=st.data(), setup=setups)
def test_plenary_rooms_keep_every_property(data: st.DataObject, setup: Setup) -> None:
    """A workshop's plenary room (opened on its summary step with every table's items):
    clusters, votes and the rest keep every property of any room."""
    play_random_game(data, setup, 50, PLENARY_PLAY, plenary=True)
