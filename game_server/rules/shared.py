"""One copy of the values many rooms hold alike: cards, boards and pawn positions.

A room's state is immutable (``model.py``), so two rooms that opened with the same card
can hold the same ``Card`` object: the fold takes it from here instead of making its own.
A room of 60 cards held ~15 KB of card texts and its board's whole content file, each a
copy of what every other room on the same deck held; and every pawn placed on a scale
held its own ``{"square": n}``.

Cards and boards are kept weakly (a deck's cards stay while some room holds them, an own
deck's cards go with its last room); the scale's squares are few and kept for good.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Mapping
from typing import Any

from .model import Board, Card, Position

_cards: weakref.WeakValueDictionary[tuple[Any, ...], Card] = weakref.WeakValueDictionary()
_boards: weakref.WeakValueDictionary[tuple[Any, ...], Board] = weakref.WeakValueDictionary()
_squares: dict[int, Position] = {}
MAX_SQUARE = 100
"""Squares kept for good: far more than any scale has (an imported room's odd value is
copied, not kept)."""


def _items(text: Mapping[str, str] | None) -> tuple[tuple[str, str], ...] | None:
    return tuple(sorted(text.items())) if text else None


def card(made: Card) -> Card:
    """The card with the same content that another room already holds, or ``made``."""
    key = (
        made.id,
        made.kind,
        _items(made.text),
        _items(made.title),
        made.minutes,
        made.deck_id,
        made.author_id,
        _items(made.prompt),
    )
    found = _cards.get(key)
    if found is None:
        _cards[key] = found = made
    return found


def board(made: Board) -> Board:
    """The board with the same content that another room already holds, or ``made``."""
    key = (made.id, made.kind, made.size, json.dumps(made.spec, sort_keys=True, default=str))
    found = _boards.get(key)
    if found is None:
        _boards[key] = found = made
    return found


def position(data: Mapping[str, Any]) -> Position:
    """A pawn's position: a scale's square shared, any other position its own copy."""
    square = data.get("square")
    if len(data) == 1 and type(square) is int and 0 <= square <= MAX_SQUARE:
        found = _squares.get(square)
        if found is None:
            found = _squares.setdefault(square, {"square": square})
        return found
    return dict(data)
