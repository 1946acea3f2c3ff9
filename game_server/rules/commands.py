"""Every command a client can send, as a validated schema.

This is the single definition of a command's shape: the transport validates incoming
payloads against ``Command`` and the rules receive these objects. Limits here are the
documented limits of the protocol (docs/protocol.md).
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from .model import MAX_NAME_LENGTH, MAX_POST_IT_LENGTH
from .text import ONE_LINE, TYPED_TEXT

# Every text field: at most so many characters of ``plain_text``, trimmed, not empty.
Name = Annotated[str, Field(max_length=MAX_NAME_LENGTH), TYPED_TEXT, ONE_LINE]
PostItText = Annotated[str, Field(max_length=MAX_POST_IT_LENGTH), TYPED_TEXT]
ShortText = Annotated[str, Field(max_length=200), TYPED_TEXT]
CaseText = Annotated[str, Field(max_length=400), TYPED_TEXT]
CaseTitle = Annotated[str, Field(max_length=60), TYPED_TEXT, ONE_LINE]
RoomTitle = Annotated[str, Field(max_length=80), TYPED_TEXT]
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

    @model_validator(mode="after")
    def _one_kind(self) -> Position:
        given = {k for k in ("square", "x", "y") if getattr(self, k) is not None}
        if given not in ({"square"}, {"x", "y"}):
            raise ValueError('give either "square", or both "x" and "y"')
        return self


class _Command(_Schema):
    command_id: CommandId


class Join(_Command):
    type: Literal["join"]
    name: Name


class Rejoin(_Command):
    """Sent by the server when a player who had left enters again with their token."""

    type: Literal["rejoin"]


class Leave(_Command):
    type: Literal["leave"]


class RemovePlayer(_Command):
    type: Literal["remove_player"]
    player_id: Id


class HandOver(_Command):
    type: Literal["hand_over"]
    player_id: Id


class TakeBack(_Command):
    type: Literal["take_back"]


class Start(_Command):
    type: Literal["start"]


class NextStep(_Command):
    type: Literal["next_step"]


class BackStep(_Command):
    type: Literal["back_step"]


class SkipCard(_Command):
    type: Literal["skip_card"]


class EndGame(_Command):
    type: Literal["end_game"]


class AddCaseCard(_Command):
    type: Literal["add_case_card"]
    title: CaseTitle | None = None
    text: CaseText


class WriteCase(_Command):
    """The reader of a blank case card from a deck writes the case it asks for."""

    type: Literal["write_case"]
    title: CaseTitle | None = None
    text: CaseText


class ReorderCards(_Command):
    type: Literal["reorder_cards"]
    card_ids: Annotated[list[Id], Field(max_length=100)]


class PlacePawn(_Command):
    type: Literal["place_pawn"]
    position: Position


class RevealPlacements(_Command):
    type: Literal["reveal_placements"]


class AddPostIt(_Command):
    type: Literal["add_post_it"]
    colour: Literal["green", "pink"]
    text: PostItText
    card_id: Id | None = None
    """Defaults to the current card; an earlier card may be named (a draft finished late)."""


class EditPostIt(_Command):
    type: Literal["edit_post_it"]
    post_it_id: Id
    text: PostItText | None = None
    colour: Literal["green", "pink"] | None = None


class DeletePostIt(_Command):
    type: Literal["delete_post_it"]
    post_it_id: Id


class LockPostIts(_Command):
    type: Literal["lock_post_its"]


class UnlockPostIts(_Command):
    type: Literal["unlock_post_its"]


class ResolvePostIt(_Command):
    type: Literal["resolve_post_it"]
    post_it_id: Id
    resolved: bool = True


class StartTimer(_Command):
    type: Literal["start_timer"]
    seconds: Annotated[int, Field(ge=10, le=3600)] | None = None
    """Defaults to the card's minutes, else the room's minutes per card, else 5 minutes."""


class ExtendTimer(_Command):
    type: Literal["extend_timer"]
    seconds: Annotated[int, Field(ge=10, le=1800)] = 60


class StopTimer(_Command):
    type: Literal["stop_timer"]


class SetPile(_Command):
    type: Literal["set_pile"]
    item: Literal["card", "post_it"]
    id: Id
    pile: Literal["red", "green"] | None
    """None takes the item off both piles."""


class AddActionPoint(_Command):
    type: Literal["add_action_point"]
    what: ShortText
    who: ShortText
    first_step: ShortText
    evaluate_when: ShortText
    card_id: Id | None = None


class EditActionPoint(_Command):
    type: Literal["edit_action_point"]
    action_point_id: Id
    what: ShortText | None = None
    who: ShortText | None = None
    first_step: ShortText | None = None
    evaluate_when: ShortText | None = None


class DeleteActionPoint(_Command):
    type: Literal["delete_action_point"]
    action_point_id: Id


Command = Annotated[
    Join
    | Rejoin
    | Leave
    | RemovePlayer
    | HandOver
    | TakeBack
    | Start
    | NextStep
    | BackStep
    | SkipCard
    | EndGame
    | AddCaseCard
    | WriteCase
    | ReorderCards
    | PlacePawn
    | RevealPlacements
    | AddPostIt
    | EditPostIt
    | DeletePostIt
    | LockPostIts
    | UnlockPostIts
    | ResolvePostIt
    | StartTimer
    | ExtendTimer
    | StopTimer
    | SetPile
    | AddActionPoint
    | EditActionPoint
    | DeleteActionPoint,
    Field(discriminator="type"),
]

COMMAND = TypeAdapter[Command](Command)
"""Validates a payload dict into a Command (raises pydantic.ValidationError)."""


class RoomOptions(_Schema):
    hidden_placements: bool = True
    anonymous_post_its: bool = False
    minutes_per_card: Annotated[int, Field(ge=1, le=60)] | None = None
    language: Literal["nl", "en"] = "nl"


class CreateRoom(_Schema):
    """Opens a room. Cards are named ``"<deck id>/<card id>"``, in playing order."""

    command_id: TokenCommandId
    title: RoomTitle | None = None
    board_id: Id
    card_ids: Annotated[list[Id], Field(min_length=1, max_length=60)]
    options: RoomOptions = RoomOptions()
