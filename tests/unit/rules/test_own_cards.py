"""The facilitator's own cards in the lobby (``add_card``, ``remove_card``): the limits of a
deck file, both languages, an own case prompt played as a blank case card, and what may not
be removed."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from game_server.rules import views

from .conftest import FACILITATOR, command, make_game

TEXT = {"nl": "Bij ons leren we samen.", "en": "We learn together."}


def test_an_own_card_joins_the_end_of_the_agenda_in_both_languages() -> None:
    game, _ = make_game()
    title = {"nl": "Samen", "en": "Together"}
    result = game.fac("add_card", kind="scenario", text=TEXT, title=title, minutes=8)
    card_id = result["card_id"]
    assert card_id.startswith("own/")
    assert game.room.agenda[-1] == card_id
    card = game.room.cards[card_id]
    assert (card.kind, dict(card.text), card.minutes) == ("scenario", TEXT, 8)
    seen = views.view(game.room, FACILITATOR)
    assert seen["cards"][card_id]["text"] == TEXT
    assert seen["remaining_cards"][-1] == card_id


def test_an_own_case_prompt_is_written_by_its_reader_first() -> None:
    game, _ = make_game(cards=1)
    card_id = game.fac("add_card", kind="case", text=TEXT)["card_id"]
    assert game.room.cards[card_id].to_write


def test_own_cards_keep_the_deck_file_limits() -> None:
    bad: list[dict[str, Any]] = [
        {"kind": "stelling", "text": TEXT},
        {"kind": "statement", "text": {"nl": "x" * 601, "en": "x"}},
        {"kind": "statement", "text": {"nl": "   ", "en": "x"}},
        {"kind": "statement", "text": {"nl": "Alleen Nederlands"}},
        {"kind": "statement", "text": TEXT, "minutes": 61},
        {"kind": "statement", "text": TEXT, "extra": 1},
    ]
    for fields in bad:
        with pytest.raises(ValidationError):
            command({"type": "add_card", **fields})


def test_cards_are_removed_only_in_the_lobby_and_never_the_last() -> None:
    game, _ = make_game(cards=2)
    assert game.fac_refused("remove_card", card_id="deck/nope") == "unknown_card"
    game.fac("remove_card", card_id="deck/c0")
    assert game.room.agenda == ("deck/c1",) and "deck/c0" not in game.room.cards
    assert game.fac_refused("remove_card", card_id="deck/c1") == "limit_reached"
    game.fac("start")
    assert game.refuse(FACILITATOR, {"type": "add_card", "kind": "statement", "text": TEXT}) == (
        "wrong_phase"
    )


def test_a_card_played_before_going_back_to_the_lobby_stays() -> None:
    game, _ = make_game(cards=2)
    game.fac("start")
    game.fac("back_step")
    assert game.room.phase == "lobby"
    assert game.fac_refused("remove_card", card_id="deck/c0") == "card_started"
    game.fac("remove_card", card_id="deck/c1")
