"""The agenda: case cards written by players, and reordering the cards still to come."""

from __future__ import annotations

import pydantic
import pytest

from game_server.rules import Viewer, fold, view
from game_server.rules.model import Spot

from .conftest import blank_case_card, command, game_in, make_cards, make_game


def test_case_card_in_the_lobby_goes_last() -> None:
    game, (anna, _) = make_game(cards=2)
    result = game.play(
        anna, {"type": "add_case_card", "text": "Onze casus", "title": "Casus"}, new_id="n1"
    )
    assert result == {"card_id": "case-n1"}
    assert game.last.events == [
        {
            "type": "case_card_added",
            "card": {
                "id": "case-n1",
                "kind": "case",
                "text": {"nl": "Onze casus", "en": "Onze casus"},
                "title": {"nl": "Casus", "en": "Casus"},
                "minutes": None,
                "deck_id": None,
                "author_id": anna.player_id,
            },
            "after": "deck/c1",
        }
    ]
    assert game.room.agenda == ("deck/c0", "deck/c1", "case-n1")
    assert game.room.cards["case-n1"].author_id == anna.player_id


def test_case_card_during_a_card_is_played_next() -> None:
    game, (anna, _) = game_in("discuss")
    case = game.play(anna, {"type": "add_case_card", "text": "Bij ons..."})["card_id"]
    assert game.room.agenda == ("deck/c0", case, "deck/c1", "deck/c2")
    assert game.room.cards[case].title is None
    game.walk_to("read", 1)
    assert game.room.spot == Spot("read", case)


def test_two_case_cards_during_one_card() -> None:
    """Cases written during one card are played in the order they were written."""
    game, (anna, bram) = game_in("discuss")
    first = game.play(anna, {"type": "add_case_card", "text": "Eerste"})["card_id"]
    second = game.play(bram, {"type": "add_case_card", "text": "Tweede"})["card_id"]
    assert game.room.agenda[:4] == ("deck/c0", first, second, "deck/c1")
    game.walk_to("read", 1)
    assert game.room.spot == Spot("read", first)
    third = game.play(anna, {"type": "add_case_card", "text": "Derde"})["card_id"]
    assert game.room.agenda[:5] == ("deck/c0", first, second, third, "deck/c1")


def test_case_card_by_the_facilitator_has_no_author() -> None:
    game, _ = game_in("read")
    case = game.fac("add_case_card", text="Van de begeleider")["card_id"]
    assert game.room.cards[case].author_id is None


@pytest.mark.parametrize("phase", ["sort", "summary"])
def test_no_case_cards_after_the_cards(phase: str) -> None:
    game, (anna, _) = game_in(phase)
    assert game.refuse(anna, {"type": "add_case_card", "text": "x"}) == "wrong_phase"


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "add_case_card", "text": "x" * 401},
        {"type": "add_case_card", "text": "x", "title": "t" * 61},
        {"type": "add_case_card", "text": "x", "title": "twee\nregels"},
        {"type": "add_case_card", "text": "bel\x07"},
        {"type": "add_case_card", "text": " "},
    ],
)
def test_case_card_limits(payload: dict) -> None:
    with pytest.raises(pydantic.ValidationError):
        command(payload)


def test_reorder_in_the_lobby_takes_every_card() -> None:
    game, _ = make_game(cards=3)
    game.fac("reorder_cards", card_ids=["deck/c2", "deck/c0", "deck/c1"])
    assert game.last.events == [
        {"type": "cards_reordered", "agenda": ["deck/c2", "deck/c0", "deck/c1"]}
    ]
    assert game.room.agenda == ("deck/c2", "deck/c0", "deck/c1")
    game.fac("start")
    assert game.room.current_card_id == "deck/c2"


def test_reorder_during_a_card_only_the_cards_to_come() -> None:
    game, _ = make_game(cards=4)
    game.walk_to("place", 1)
    game.fac("reorder_cards", card_ids=["deck/c3", "deck/c2"])
    assert game.room.agenda == ("deck/c0", "deck/c1", "deck/c3", "deck/c2")
    game.walk_to("read", 2)
    assert game.room.current_card_id == "deck/c3"


@pytest.mark.parametrize(
    "card_ids",
    [
        ["deck/c2"],  # missing one
        ["deck/c2", "deck/c2", "deck/c3"],  # duplicate
        ["deck/c1", "deck/c2", "deck/c3"],  # includes the current card
        ["deck/c0", "deck/c2", "deck/c3"],  # includes a card already played
        ["deck/c2", "deck/c3", "deck/nope"],  # unknown card
        [],
    ],
)
def test_invalid_order(card_ids: list[str]) -> None:
    game, _ = make_game(cards=4)
    game.walk_to("discuss", 1)
    assert game.fac_refused("reorder_cards", card_ids=card_ids) == "invalid_order"


def test_reorder_on_the_last_card_accepts_only_the_empty_order() -> None:
    game, _ = make_game(cards=2)
    game.walk_to("read", 1)
    game.fac("reorder_cards", card_ids=[])
    assert game.room.agenda == ("deck/c0", "deck/c1")


def test_reorder_includes_case_cards_to_come() -> None:
    game, (anna, _) = game_in("discuss")
    case = game.play(anna, {"type": "add_case_card", "text": "Casus"})["card_id"]
    game.fac("reorder_cards", card_ids=["deck/c1", "deck/c2", case])
    assert game.room.agenda == ("deck/c0", "deck/c1", "deck/c2", case)


def test_players_cannot_reorder() -> None:
    game, (anna, _) = make_game()
    payload = {"type": "reorder_cards", "card_ids": ["deck/c2", "deck/c1", "deck/c0"]}
    assert game.refuse(anna, payload) == "not_allowed"


# -- a blank case card from a deck: its reader writes the case ---------------------------


def test_a_blank_case_card_leads_its_reader_into_writing_a_case() -> None:
    """Seed 003: a player writes a case from practice, the others respond. The deck's text
    is a prompt for that case, not a statement to place pawns on."""
    game, (anna, bram) = make_game(cards=[blank_case_card(), *make_cards(1)])
    game.walk_to("read")
    card = game.room.cards["casus/blanco"]
    assert card.to_write
    reader = game.room.readers["casus/blanco"]
    assert reader == anna.player_id
    for viewer in (Viewer("player", bram.player_id), Viewer("projector")):
        shown = view(game.room, viewer)["cards"]["casus/blanco"]
        assert shown["to_write"] is True and shown["prompt"] is None
    # Nobody places a pawn on a prompt: the card waits for its case.
    assert game.fac_refused("next_step") == "case_not_written"
    refused = game.refuse(bram, {"type": "write_case", "text": "Niet de mijne"})
    assert refused == "not_reader"
    game.play(
        anna, {"type": "write_case", "text": "Mijn team deelt fouten niet.", "title": "Fouten"}
    )
    assert game.last.events == [
        {
            "type": "case_written",
            "card_id": "casus/blanco",
            "text": "Mijn team deelt fouten niet.",
            "title": "Fouten",
            "author_id": anna.player_id,
        }
    ]
    written = game.room.cards["casus/blanco"]
    assert written.text == {
        "nl": "Mijn team deelt fouten niet.",
        "en": "Mijn team deelt fouten niet.",
    }
    assert written.title == {"nl": "Fouten", "en": "Fouten"}
    assert written.prompt == card.text and written.author_id == anna.player_id
    assert not written.to_write
    shown = view(game.room, Viewer("projector"))["cards"]["casus/blanco"]
    assert shown["to_write"] is False and shown["prompt"] == dict(card.text)
    # Then it is played like a statement.
    assert game.refuse(anna, {"type": "write_case", "text": "Nog een"}) == "nothing_to_write"
    game.next()
    game.place(anna, 2)
    game.place(bram, 4)
    assert game.room.placements_of("casus/blanco", "first")
    assert fold([game.created, *game.events]) == game.room


def test_the_facilitator_may_write_the_case_and_the_title_stays_without_one() -> None:
    game, _ = make_game(cards=[blank_case_card()])
    game.walk_to("read")
    game.fac("write_case", text="Wat de tafel vertelde.")
    written = game.room.cards["casus/blanco"]
    assert written.author_id is None and written.title == blank_case_card().title
    game.next()
    assert game.room.phase == "place"


def test_a_blank_case_card_can_be_skipped() -> None:
    game, _ = make_game(cards=[blank_case_card(), *make_cards(1)])
    game.walk_to("read")
    game.fac("skip_card")
    assert game.room.current_card_id == "deck/c0"
