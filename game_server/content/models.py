"""The game's content as validated, immutable data: boards and card decks.

These models describe exactly what a board file (``boards/*.yaml``) or a deck file
(``cards/*.yaml``) may contain; ``loader.py`` reads the files and turns validation errors
into messages that name the file and the line. Every model forbids unknown keys, so a typo
in a key (``titel:`` instead of ``title:``) is reported instead of silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ..rules.text import plain_text

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"
"""Ids of boards, decks and cards: lowercase letters, digits and '-', at most 40 characters."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=600),
    AfterValidator(plain_text),
]
"""A text of a board or deck file: the characters every text field may hold (rules/text.py)."""
Minutes = Annotated[int, Field(ge=1, le=60, strict=True)]
"""Whole minutes: a YAML number, never `true` or `"5"` (as every number field of the protocol)."""

DUPLICATE_CARD_ID = "duplicate_card_id"
"""Error type raised for a repeated card id; its ctx carries ``index`` (of the repeat),
``first`` (index of the first card with that id) and ``id``."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalText(_Model):
    """A text in Dutch (the default language) and English."""

    nl: Text
    en: Text

    def get(self, lang: str) -> str:
        """The text in ``lang`` ("nl" or "en"); any other language gets the Dutch text."""
        return self.en if lang == "en" else self.nl


class PlacementLabels(_Model):
    """What the first and the second (revised) placement of a pawn mean on this board."""

    first: LocalText
    second: LocalText


class ScaleBoard(_Model):
    """A row of squares, numbered 1..len(squares) from left to right."""

    id: Id
    kind: Literal["scale"]
    name: LocalText
    squares: list[LocalText] = Field(min_length=2, max_length=10)
    placements: PlacementLabels


class AxisLabels(_Model):
    """The labels at the two ends of an axis."""

    low: LocalText
    high: LocalText


class QuadrantBoard(_Model):
    """A 2x2 field; a placement is a point (x, y) with x and y in [-1, 1].

    x: low = left, high = right. y: low = bottom, high = top.
    """

    id: Id
    kind: Literal["quadrant"]
    name: LocalText
    x_axis: AxisLabels
    y_axis: AxisLabels
    placements: PlacementLabels


Board = Annotated[ScaleBoard | QuadrantBoard, Field(discriminator="kind")]

CardKind = Literal["statement", "scenario", "case"]


class DeckCard(_Model):
    """One card of a deck file: a statement (stelling), a scenario, or a blank case card
    (casus). Named apart from the rules' ``Card`` (a card as played in a room, with its
    author and prompt): this is content as written, validated from YAML.

    For a case card, ``text`` is the prompt that helps a player write a case from practice.
    """

    id: Id
    kind: CardKind
    title: LocalText | None = None
    text: LocalText
    minutes: Minutes | None = None


class Deck(_Model):
    """A deck of cards with the board it is meant to be played on."""

    id: Id
    name: LocalText
    description: LocalText
    source: Text
    board: Id | None = None
    minutes: Minutes | None = None
    cards: list[DeckCard] = Field(min_length=1)

    @field_validator("cards")
    @classmethod
    def _card_ids_unique(cls, cards: list[DeckCard]) -> list[DeckCard]:
        first_index: dict[str, int] = {}
        for index, card in enumerate(cards):
            if card.id in first_index:
                raise PydanticCustomError(
                    DUPLICATE_CARD_ID,
                    "card id '{id}' is used twice in this deck (first at cards[{first}])",
                    {"id": card.id, "index": index, "first": first_index[card.id]},
                )
            first_index[card.id] = index
        return cards

    def card(self, card_id: str) -> DeckCard:
        """The card with ``card_id``; raises KeyError if the deck has no such card."""
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def minutes_for(self, card: DeckCard) -> int | None:
        """Suggested discussion time for ``card``: its own, else the deck's default."""
        return card.minutes if card.minutes is not None else self.minutes


class PlanStep(_Model):
    """A part of a session plan before or after the cards (an introduction, action
    points, a closing round): what the facilitator does, and for how long."""

    title: LocalText
    minutes: Minutes
    text: LocalText | None = None


class SessionPlan(_Model):
    """A session plan (werkvorm): a deck on a board, with timings and the closing
    structure. ``cards`` picks and orders cards of ``deck`` (default: all of them);
    ``minutes`` is the time per card for cards that have none of their own."""

    id: Id
    name: LocalText
    summary: LocalText
    """One line for the home page: what the group does and gets out of it."""
    source: Text
    board: Id
    deck: Id
    cards: list[Id] | None = Field(default=None, min_length=1, max_length=60)
    minutes: Minutes | None = None
    opening: list[PlanStep] = Field(default_factory=list, max_length=10)
    closing: list[PlanStep] = Field(min_length=1, max_length=10)
