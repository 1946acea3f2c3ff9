"""Rooms opened with the same cards and board hold one copy of them, not one each."""

from __future__ import annotations

import gc

from game_server.rules import shared
from game_server.rules.events import card_data
from game_server.rules.model import Card, Options
from game_server.rules.opening import open_room

from .conftest import QUADRANT_BOARD, SCALE_BOARD, make_cards


def _open(code: str, cards: list[Card], board=SCALE_BOARD):  # type: ignore[no-untyped-def]
    _, room = open_room(
        code=code, title=code, secret="s", options=Options(), board=board, cards=cards, now=1
    )
    return room


def test_two_rooms_with_the_same_cards_hold_the_same_card_objects() -> None:
    one, two = _open("AAAAAA", make_cards(3)), _open("CCCCCC", make_cards(3))
    for card_id in one.agenda:
        assert one.cards[card_id] is two.cards[card_id]
        assert one.cards[card_id] == make_cards(3)[one.agenda.index(card_id)]
    assert one.board is two.board
    assert one.board.spec == SCALE_BOARD.spec


def test_a_card_that_differs_in_anything_is_its_own() -> None:
    base = make_cards(1)[0]
    other_text = Card(**{**card_data(base), "text": {"nl": "Anders", "en": "Other"}})
    other_minutes = Card(**{**card_data(base), "minutes": 7})
    rooms = [
        _open("AAAAAA", [base]),
        _open("CCCCCC", [other_text]),
        _open("DDDDDD", [other_minutes]),
    ]
    held = [room.cards[base.id] for room in rooms]
    assert held[0] is not held[1] and held[0] is not held[2] and held[1] is not held[2]
    assert held[1].text == {"nl": "Anders", "en": "Other"} and held[2].minutes == 7
    assert _open("EEEEEE", [base], QUADRANT_BOARD).board is not rooms[0].board


def test_a_card_goes_when_its_last_room_goes() -> None:
    card = Card(id="own/x", kind="statement", text={"nl": "Eigen", "en": "Own"}, deck_id="own")
    room = _open("AAAAAA", [card])
    assert shared.card(Card(**card_data(card))) is room.cards["own/x"]
    del room
    gc.collect()
    fresh = Card(**card_data(card))
    assert shared.card(fresh) is fresh


def test_pawns_on_one_square_share_their_position_and_other_positions_are_copied() -> None:
    a = shared.position({"square": 3})
    assert a is shared.position({"square": 3}) and a == {"square": 3}
    point = {"x": 0.25, "y": -0.5}
    kept = shared.position(point)
    assert kept == point and kept is not point
    assert shared.position({"square": True}) is not shared.position({"square": 1})
    assert shared.position({"square": 10_000}) is not shared.position({"square": 10_000})
