"""A workshop's plenary room after three tables, played through the rules.

Three tables each play the same two statements (pawns in both rounds, green and pink
post-its, piles). The workshop opens its plenary: the plenary room is made from the
tables' rooms by the rules (``workshop.plenary.open_plenary_room``: every item labelled
with its table, the consensus across the tables), and the plenary is played through the
rules: a cluster across tables, a revealed dot vote, action points. ``PLAYED`` says what
was played, so a test checks each report against it rather than a copy of its output.
"""

from __future__ import annotations

import itertools
from typing import Any

from game_server.exports.record import Record, record_of
from game_server.exports.workshop import workshop_record
from game_server.rules import workshop as ws
from game_server.rules.model import Room
from game_server.rules.workshop.events import make
from game_server.rules.workshop.model import PLENARY_NAME
from game_server.rules.workshop.plenary import open_plenary_room
from tests.unit.rules import conftest
from tests.unit.rules.conftest import Game, make_game

CARDS = 2
TABLES = (
    # id, name, anonymous, players, squares (first, second) per card per player, post-its
    (
        "t1",
        "Tafel 1",
        False,
        ("Anna", "Bram"),
        {0: ((2, 2), (2, 1)), 1: ((4, 5), (5, 4))},
        [
            (0, "Anna", "pink", "Wie betaalt de <b>opleiding</b>?"),
            (0, "Bram", "green", "Geen tijd om te leren"),
            (1, "Anna", "green", "Intervisie elke maand"),
        ],
    ),
    (
        "t2",
        "De Boomgaard",
        False,
        ("Cas", "Dirk"),
        {0: ((1, 1), (2, 1)), 1: ((5, 5), (4, 5))},
        [
            (0, "Cas", "green", "Er is geen tijd om te leren"),
            (0, "Dirk", "pink", "# Mag leren in werktijd?"),
            (1, "Cas", "green", "*Intervisie* werkt goed"),
        ],
    ),
    (
        "t3",
        "Tafel 3",
        True,
        ("Eva", "Fleur"),
        {0: ((5, 5), (5, 4)), 1: ((4, 5), (5, 5))},
        [
            (0, "Eva", "pink", '=HYPERLINK("x") budget per team?'),
            (1, "Fleur", "green", "Leren van fouten mag"),
        ],
    ),
)
"""Card 0 ends on red at every table, card 1 on green. Tables 1 and 2 rate card 0 low and
table 3 high (they differ); every table rates card 1 high (they agree)."""
TABLE_ACTION = "Tafel 1 plant elke week een leermoment"
"""An action point table 1 made itself before the plenary: the report keeps it there."""


def _table(table: tuple[Any, ...], board: str, language: str) -> Game:
    _id, _name, anonymous, players, squares, post_its = table
    game, actors = make_game(
        board,
        cards=CARDS,
        players=players,
        hidden=True,
        anonymous=anonymous,
        language=language,
    )
    by_name = dict(zip(players, actors, strict=True))
    for card in range(CARDS):
        game.walk_to("place", card)
        for actor, (first, _second) in zip(actors, squares[card], strict=True):
            game.place(actor, first)  # the last pawn reveals them all
        game.next()
        for on_card, author, colour, text in post_its:
            if on_card == card:
                game.post_it(by_name[author], colour, text)
        game.next()
        for actor, (_first, second) in zip(actors, squares[card], strict=True):
            game.place(actor, second)
    game.walk_to("sort")
    game.fac("set_pile", item="card", id="deck/c0", pile="red")
    game.fac("set_pile", item="card", id="deck/c1", pile="green")
    for p in list(game.room.post_its.values()):
        if "tijd om te leren" in p.text:  # green post-its of what is still missing
            game.fac("set_pile", item="post_it", id=p.id, pile="red")
    game.next()
    if _id == "t1":  # an action point of the table's own, before the plenary
        game.fac(
            "add_action_point",
            what=TABLE_ACTION,
            who="Bram",
            first_step="Rooster maken",
            evaluate_when="Over een maand",
        )
    return game


PLAYED: dict[str, Any] = {}
"""Filled by ``plenary_game``: what the reports must show."""


def plenary_game(board: str = "scale", language: str = "nl") -> Game:
    """The plenary, on a scale board in Dutch unless told otherwise (squares 1..5 are
    points on a quadrant: ``conftest.position``)."""
    conftest._ids = itertools.count(1)
    tables = [(t[0], t[1], _table(t, board, language).room) for t in TABLES]
    w = _workshop(tables, board, language)
    rooms = {table_id: room for table_id, _name, room in tables}
    created, room = open_plenary_room(w, rooms, now=2_000_000)
    game = Game(created, room)
    people = [game.join(name) for name in ("Anna", "Cas", "Eva")]
    cluster = game.fac(
        "merge_items",
        items=[
            {"item": "post_it", "id": "t1-" + _id_of(tables[0][2], "Geen tijd om te leren")},
            {"item": "post_it", "id": "t2-" + _id_of(tables[1][2], "Er is geen tijd om te leren")},
        ],
        name="Tijd om te leren",
    )["cluster_id"]
    game.fac("open_voting", dots=3, several_per_item=True)
    anna, cas, eva = people
    for voter, item, item_id in (
        (anna, "cluster", cluster),
        (cas, "cluster", cluster),
        (eva, "cluster", cluster),
        (eva, "post_it", "t3-card-deck/c0"),
        (anna, "post_it", "t1-card-deck/c0"),
        (cas, "post_it", "t3-card-deck/c0"),
    ):
        game.play(voter, {"type": "place_dot", "item": item, "id": item_id})
    game.fac("reveal_votes")
    first = game.fac(
        "add_action_point",
        what="Een leeruur per week",
        who="Teamleider",
        first_step="Agenda vrijmaken",
        evaluate_when="Na de zomer",
        item="cluster",
        item_id=cluster,
    )["action_point_id"]
    second = game.fac(
        "add_action_point",
        what="Budget per team <i>vastleggen</i>",
        who="HR",
        first_step="Begroting bekijken",
        evaluate_when="1 maart",
    )["action_point_id"]
    pinks = [p for p in game.room.post_its.values() if p.colour == "pink"]
    PLAYED.clear()
    PLAYED.update(
        {
            "tables": [(t, n) for t, n, _ in tables],
            "table_rooms": [r for _, _, r in tables],
            "workshop": w,
            "pinks": [p.text for p in pinks],
            "actions": ["Een leeruur per week", "Budget per team <i>vastleggen</i>"],
            "action_ids": [first, second],
            "develop_by_votes": ["Tijd om te leren", "t3-card-deck/c0", "t1-card-deck/c0"],
            "cluster": cluster,
            "anonymous_table": "Tafel 3",
            "authors": {"Anna", "Bram", "Cas", "Dirk"},
        }
    )
    return game


def _id_of(room: Room, text: str) -> str:
    return next(p.id for p in room.post_its.values() if p.text == text)


def plenary_record(board: str = "scale", language: str = "nl") -> Record:
    game = plenary_game(board, language)
    return record_of(game.room, version=len(game.events) + 1, exported_at=3_000_000)


def _workshop(tables: list[tuple[str, str, Room]], board: str, language: str) -> ws.Workshop:
    """The workshop the tables belong to, its plenary opened (as ``open_plenary`` does)."""
    base = make_game(board, cards=CARDS, players=(), language=language)[0].room
    created = ws.created_event(
        code="WS1234",
        title="Teamdag",
        secret="workshop-geheim",
        options=base.options,
        board=base.board,
        cards=list(base.cards.values()),
        tables_mode=ws.TablesMode(count=3),
        seating="assign",
        steering="facilitator",
        tables=[ws.Table(t, n, f"TBL00{i}") for i, (t, n, _r) in enumerate(tables, 1)],
        now=400_000,
        board_spec=dict(base.board.spec),
    )
    events = [created]
    for table_id, _name, room in tables:
        for player in room.players.values():
            joined = {"participant_id": player.id, "name": player.name, "at": 450_000}
            events.append(make("participant_joined", **joined, table_id=table_id))
    events.append(make("workshop_started", at=500_000))
    name = PLENARY_NAME[language]
    opened = {"table_id": "plenary", "name": name, "code": "PLN123", "at": 2_000_000}
    events.append(make("plenary_opened", **opened))
    return ws.fold(events)


def workshop_with_plenary(board: str = "scale", language: str = "nl") -> Record:
    """The workshop's record: the three tables and the plenary room, as the download and
    the CLI read it (``workshop.workshop_record``)."""
    game = plenary_game(board, language)
    plenary = record_of(game.room, version=len(game.events) + 1, exported_at=3_000_000)
    w: ws.Workshop = PLAYED["workshop"]
    records = [
        (table, record_of(r, version=1, exported_at=3_000_000))
        for table, r in zip(w.tables.values(), PLAYED["table_rooms"], strict=True)
    ]
    assert w.plenary is not None
    return workshop_record(
        w, records, version=5, exported_at=3_000_000, plenary=(w.plenary, plenary)
    )
