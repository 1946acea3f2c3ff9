"""Builders for the rules tests: rooms on both boards, actors, and ``play``.

``play(room, actor, payload)`` validates ``payload`` through ``COMMAND`` (as the transport
does) and calls ``decide`` with a fresh ``Context``. ``Game`` wraps a room with its event
history, so a test can play a scenario step by step and still fold the history.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from game_server.content import load_library
from game_server.rules import (
    COMMAND,
    GUEST,
    HOST,
    RULES,
    Accepted,
    Actor,
    Board,
    Card,
    Context,
    Event,
    Options,
    Refusal,
    Room,
    decide,
    open_room,
)
from game_server.rules.model import Phase
from game_server.rules.rule import CARD

_ids = itertools.count(1)


def fresh_id(prefix: str = "id") -> str:
    """A new unique id (the rules get their ids from the Context, the server makes them)."""
    return f"{prefix}{next(_ids):06d}"


def _board(board_id: str) -> Board:
    """A board from its real file in ``boards/``, built the way the server builds it."""
    spec = _LIBRARY.boards[board_id]
    size = len(spec.squares) if spec.kind == "scale" else 0
    return Board(id=spec.id, kind=spec.kind, size=size, spec=spec.model_dump(mode="json"))


_LIBRARY = load_library()
SCALE_BOARD = _board("schaal-5")
QUADRANT_BOARD = _board("llo-kwadrant")
BOARDS = {"scale": SCALE_BOARD, "quadrant": QUADRANT_BOARD}

FACILITATOR = Actor("facilitator")
PROJECTOR = Actor("projector")
WORKSHOP = Actor("workshop")
"""The workshop acting at its table (no token maps to it)."""
NOBODY = Actor("player", "p-nobody")
"""A player token for a seat this room does not have."""

PHASES: tuple[Phase, ...] = (
    "lobby",
    "read",
    "place",
    "discuss",
    "revise",
    "sort",
    "summary",
    "closed",
)


def make_cards(n: int = 3, *, minutes: Iterable[int | None] | None = None) -> list[Card]:
    mins = list(minutes) if minutes is not None else [None] * n
    return [
        Card(
            id=f"deck/c{i}",
            kind="statement",
            text={"nl": f"Stelling {i}", "en": f"Statement {i}"},
            title={"nl": f"Titel {i}", "en": f"Title {i}"},
            minutes=mins[i],
            deck_id="deck",
        )
        for i in range(n)
    ]


def blank_case_card(card_id: str = "casus/blanco") -> Card:
    """A case card from a deck: its text is a prompt for the reader's own case."""
    return Card(
        id=card_id,
        kind="case",
        text={"nl": "Beschrijf een situatie uit je werk.", "en": "Describe a situation at work."},
        title={"nl": "Een leermoment", "en": "A learning moment"},
        deck_id="casus",
    )


def position(board: str | Board, value: int = 3) -> dict[str, Any]:
    """A valid position on ``board``: a square on a scale, a point on a quadrant."""
    kind = board if isinstance(board, str) else board.kind
    if kind == "scale":
        return {"square": value}
    return {"x": round((value - 3) / 2, 3), "y": round((3 - value) / 4, 3)}


def command(payload: dict[str, Any]) -> Any:
    """``payload`` validated into a Command, with a fresh command id."""
    return COMMAND.validate_python({"command_id": fresh_id("command-"), **payload})


def play(
    room: Room,
    actor: Actor,
    payload: dict[str, Any],
    *,
    now: int = 1_000_000,
    new_id: str | None = None,
) -> Accepted:
    """Validate ``payload`` through COMMAND and decide it for ``actor``."""
    return decide(room, command(payload), Context(actor, now, new_id or fresh_id("new-")))


def refusal(room: Room, actor: Actor, payload: dict[str, Any], *, now: int = 1_000_000) -> str:
    """The refusal code for ``payload``; fails if the command is accepted."""
    with pytest.raises(Refusal) as info:
        play(room, actor, payload, now=now)
    return info.value.code


@dataclass
class Game:
    """A room and its history, played step by step."""

    created: Event
    room: Room
    events: list[Event] = field(default_factory=list)
    now: int = 1_000_000
    last: Accepted | None = None
    facilitator: Actor = FACILITATOR

    def play(
        self,
        actor: Actor,
        payload: dict[str, Any],
        *,
        now: int | None = None,
        new_id: str | None = None,
    ) -> dict[str, Any]:
        accepted = play(
            self.room, actor, payload, now=self.now if now is None else now, new_id=new_id
        )
        self.room = accepted.room
        self.events.extend(accepted.events)
        self.last = accepted
        return accepted.result

    def refuse(self, actor: Actor, payload: dict[str, Any], *, now: int | None = None) -> str:
        """The refusal code; also checks that the refusal left the room as it was."""
        before = self.room
        code = refusal(self.room, actor, payload, now=self.now if now is None else now)
        assert self.room is before
        return code

    def fac(self, type_: str, **fields: Any) -> dict[str, Any]:
        """A command from whoever steers now."""
        return self.play(self.facilitator, {"type": type_, **fields})

    def fac_refused(self, type_: str, **fields: Any) -> str:
        return self.refuse(self.facilitator, {"type": type_, **fields})

    def join(self, name: str) -> Actor:
        player_id = f"p-{name.lower()}-{next(_ids)}"
        result = self.play(GUEST, {"type": "join", "name": name}, new_id=player_id)
        assert result == {"player_id": player_id}
        return Actor("player", player_id)

    def next(self, times: int = 1) -> None:
        for _ in range(times):
            self.fac("next_step")

    def place(self, actor: Actor, value: int = 3) -> None:
        self.play(actor, {"type": "place_pawn", "position": position(self.room.board, value)})

    def post_it(self, actor: Actor, colour: str = "green", text: str = "Tekst", **more: Any) -> str:
        payload = {"type": "add_post_it", "colour": colour, "text": text, **more}
        return str(self.play(actor, payload)["post_it_id"])

    def walk_to(self, phase: Phase, card_index: int = 0) -> None:
        """Move forward with next_step (and end_game) until ``phase`` (on that card)."""
        if phase == "closed":
            self.walk_to("summary")
            self.fac("end_game")
            return
        for _ in range(200):
            card = self.room.current_card_id
            on_card = card is not None and self.room.agenda.index(card) == card_index
            if self.room.phase == phase and (phase not in CARD_PHASES or on_card):
                return
            self.next()
        raise AssertionError(f"never reached {phase} of card {card_index}")


CARD_PHASES: frozenset[str] = CARD
"""The card steps, as the rules list them (``model.CARD_STEPS``)."""


def make_game(
    board: str = "scale",
    *,
    players: Iterable[str] = ("Anna", "Bram"),
    cards: int | list[Card] = 3,
    hidden: bool = True,
    anonymous: bool = False,
    minutes: int | None = None,
    language: str = "nl",
) -> tuple[Game, list[Actor]]:
    """A game in the lobby with ``players`` joined, and their actors (in seat order)."""
    deck = make_cards(cards) if isinstance(cards, int) else cards
    created, room = open_room(
        code="ABC123",
        title="Teamdag",
        secret="geheim-sleutel",
        options=Options(
            hidden_placements=hidden,
            anonymous_post_its=anonymous,
            minutes_per_card=minutes,
            language=language,  # type: ignore[arg-type]
        ),
        board=BOARDS[board],
        cards=deck,
        now=500_000,
    )
    game = Game(created, room)
    actors = [game.join(name) for name in players]
    return game, actors


def game_in(phase: Phase, board: str = "scale", **kwargs: Any) -> tuple[Game, list[Actor]]:
    """A game with two players (unless told otherwise) in ``phase`` of its first card."""
    game, actors = make_game(board, **kwargs)
    game.walk_to(phase)
    return game, actors


SAMPLE_PAYLOADS: dict[str, dict[str, Any]] = {
    "join": {"type": "join", "name": "Nieuwe speler"},
    "rejoin": {"type": "rejoin"},
    "leave": {"type": "leave"},
    "remove_player": {"type": "remove_player", "player_id": "p-nobody"},
    "hand_over": {"type": "hand_over", "player_id": "p-nobody"},
    "take_back": {"type": "take_back"},
    "start": {"type": "start"},
    "next_step": {"type": "next_step"},
    "back_step": {"type": "back_step"},
    "skip_card": {"type": "skip_card"},
    "end_game": {"type": "end_game"},
    "add_case_card": {"type": "add_case_card", "text": "Bij ons team..."},
    "write_case": {"type": "write_case", "text": "Bij ons team...", "title": "Onze casus"},
    "reorder_cards": {"type": "reorder_cards", "card_ids": []},
    "add_card": {
        "type": "add_card",
        "kind": "statement",
        "text": {"nl": "Bij ons leren we samen.", "en": "We learn together."},
    },
    "remove_card": {"type": "remove_card", "card_id": "deck/c2"},
    "place_pawn": {"type": "place_pawn", "position": {"square": 2}},
    "reveal_placements": {"type": "reveal_placements"},
    "add_post_it": {"type": "add_post_it", "colour": "green", "text": "Goed idee"},
    "edit_post_it": {"type": "edit_post_it", "post_it_id": "ghost", "text": "Nieuw"},
    "delete_post_it": {"type": "delete_post_it", "post_it_id": "ghost"},
    "lock_post_its": {"type": "lock_post_its"},
    "unlock_post_its": {"type": "unlock_post_its"},
    "resolve_post_it": {"type": "resolve_post_it", "post_it_id": "ghost"},
    "start_timer": {"type": "start_timer"},
    "extend_timer": {"type": "extend_timer"},
    "stop_timer": {"type": "stop_timer"},
    "set_pile": {"type": "set_pile", "item": "card", "id": "deck/c0", "pile": "red"},
    "add_action_point": {
        "type": "add_action_point",
        "what": "Intervisie",
        "who": "Teamleider",
        "first_step": "Agenda maken",
        "evaluate_when": "Q3",
    },
    "edit_action_point": {"type": "edit_action_point", "action_point_id": "ghost", "who": "HR"},
    "delete_action_point": {"type": "delete_action_point", "action_point_id": "ghost"},
    "merge_items": {
        "type": "merge_items",
        "items": [{"item": "post_it", "id": "ghost"}, {"item": "post_it", "id": "ghost2"}],
    },
    "rename_cluster": {"type": "rename_cluster", "cluster_id": "ghost", "name": "Tijd om te leren"},
    "split_cluster": {"type": "split_cluster", "cluster_id": "ghost"},
    "open_voting": {"type": "open_voting"},
    "place_dot": {"type": "place_dot", "item": "card", "id": "deck/c0"},
    "remove_dot": {"type": "remove_dot", "item": "card", "id": "deck/c0"},
    "reveal_votes": {"type": "reveal_votes"},
    "cancel_voting": {"type": "cancel_voting"},
    "go_to_sort": {"type": "go_to_sort"},
    "seat": {"type": "seat", "player_id": "p-new", "name": "Nieuwe deelnemer"},
    "unseat": {"type": "unseat", "player_id": "p-nobody", "moved_to": "t2"},
    "show_message": {"type": "show_message", "message_id": "m1", "text": "Nog 5 minuten"},
    "ask_help": {"type": "ask_help"},
    "clear_help": {"type": "clear_help"},
}
"""A schema-valid payload for every command (its effect may still be refused)."""


def allowed_actor(who: str, players: list[Actor]) -> Actor:
    """An actor the RULES table lets give a command of this ``who``."""
    return {
        "facilitator": FACILITATOR,
        "member": players[0],
        "player": players[0],
        "host": HOST,
        "workshop": WORKSHOP,
    }.get(who, GUEST)


assert set(SAMPLE_PAYLOADS) <= set(RULES)


@pytest.fixture
def scale_game() -> tuple[Game, list[Actor]]:
    return make_game("scale")


@pytest.fixture
def quadrant_game() -> tuple[Game, list[Actor]]:
    return make_game("quadrant")


@pytest.fixture(params=["scale", "quadrant"])
def any_game(request: pytest.FixtureRequest) -> tuple[Game, list[Actor]]:
    return make_game(request.param)
