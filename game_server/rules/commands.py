"""The parts every command schema is made of: field types with their limits, the
``Command`` base, and ``CreateRoom`` (which opens a room, so no room's rules apply to it).

Each command's own schema lives in its feature module beside its handler and rule record;
the limits here are the documented limits of the protocol (docs/protocol.md).
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ..content.models import Deck, DeckCard, LocalText, PlanStep
from .model import MAX_CARDS, MAX_NAME_LENGTH, MAX_POST_IT_LENGTH, Options
from .text import ONE_LINE, TYPED_TEXT

# Every text field: at most so many characters of ``plain_text``, trimmed, not empty.
Name = Annotated[str, Field(max_length=MAX_NAME_LENGTH), TYPED_TEXT, ONE_LINE]
PostItText = Annotated[str, Field(max_length=MAX_POST_IT_LENGTH), TYPED_TEXT]
ShortText = Annotated[str, Field(max_length=200), TYPED_TEXT]
CaseText = Annotated[str, Field(max_length=400), TYPED_TEXT]
CaseTitle = Annotated[str, Field(max_length=60), TYPED_TEXT, ONE_LINE]
RoomTitle = Annotated[str, Field(max_length=80), TYPED_TEXT, ONE_LINE]
"""A title is one line: it heads every screen and every report's title page."""
Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_./-]+$")]
CommandId = Annotated[str, Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
TokenCommandId = Annotated[str, Field(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
"""For commands whose reply carries a token (join, create_room): a resend returns the same
token, so the id must be a random secret of the sender, not a counter."""


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


Number = Annotated[float, AfterValidator(_finite)]
"""A coordinate: an int or a float (strict: never a string or a bool), finite. Whether it
is on the board is the rules' question (``invalid_position``), not the schema's."""


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Position(_Schema):
    """Where to put a pawn: ``{"square": n}`` on a scale, ``{"x": x, "y": y}`` on a quadrant.

    One model rather than a union of two, so a refusal names the documented field
    (``position.square``) and not a model. Only the shape is checked here; whether the
    position is on this room's board is ``invalid_position``, from the rules.
    """

    square: int | None = None
    x: Number | None = None
    y: Number | None = None

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The two shapes ``_one_kind`` lets through, for the generated client types."""
        integer = {"type": "integer"}
        number = {"type": "number"}
        return {
            "title": "Position",
            "oneOf": [
                {"type": "object", "properties": {"square": integer}, "required": ["square"]},
                {
                    "type": "object",
                    "properties": {"x": number, "y": number},
                    "required": ["x", "y"],
                },
            ],
        }

    @model_validator(mode="after")
    def _one_kind(self) -> Position:
        given = {k for k in ("square", "x", "y") if getattr(self, k) is not None}
        if given not in ({"square"}, {"x", "y"}):
            raise ValueError('give either "square", or both "x" and "y"')
        return self


Part = _Schema
"""The base of a nested part of a command (``clusters.MergeRef``): strict, no extra fields."""


class Command(_Schema):
    """What every command carries. Each command's own schema subclasses this, beside its
    handler and its rule record in a feature module (see ``rule.py``); ``decide.COMMAND``
    validates a payload into the one whose ``type`` it names."""

    command_id: CommandId
    type: str


class OwnDeck(Deck):
    """The facilitator's own cards, sent with ``create_room``: a deck as in ``cards/``
    (the same model, so the same limits and messages), with at most ``MAX_CARDS`` cards."""

    cards: list[DeckCard] = Field(min_length=1, max_length=MAX_CARDS)


class RoomPlan(_Schema):
    """The session plan a room is opened from (``create_room``'s ``plan``): its name and
    the steps before and after the cards. The room keeps it so the facilitator's planned
    against actual time is the same on every device; the cards and their minutes are the
    room's own (``card_ids``, ``options.minutes_per_card``)."""

    name: LocalText
    opening: list[PlanStep] = Field(default_factory=list, max_length=10)
    closing: list[PlanStep] = Field(default_factory=list, max_length=10)


class CreateRoom(_Schema):
    """Opens a room. Cards are named ``"<deck id>/<card id>"``, in playing order; the
    deck may be a library deck or ``own_deck``, the facilitator's own cards."""

    command_id: TokenCommandId
    title: RoomTitle | None = None
    board_id: Id
    card_ids: Annotated[list[Id], Field(min_length=1, max_length=MAX_CARDS)]
    options: Options = Options()
    own_deck: OwnDeck | None = None
    plan: RoomPlan | None = None
