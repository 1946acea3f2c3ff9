"""The agenda: case cards written by players, the facilitator's own cards added or taken out
in the lobby, and the order of the cards still to come."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..content.models import LocalText, Minutes
from . import events
from .commands import CaseText, CaseTitle, Command, Id
from .context import Context
from .events import card_data
from .model import Card, CardKind, Room
from .refusals import Refusal
from .rule import CARD, LOBBY, HandlerResult, Rule
from .steps import remaining_cards


class AddCaseCard(Command):
    type: Literal["add_case_card"]
    title: CaseTitle | None = None
    text: CaseText


MAX_AGENDA = 100
"""Cards in a room, the deck's and the cases written during the game together (as many as
``reorder_cards`` takes)."""
MAX_CASE_CARDS_PER_WRITER = 10
"""Case cards one player (or the host facilitator) writes."""


class WriteCase(Command):
    """The reader of a blank case card from a deck writes the case it asks for."""

    type: Literal["write_case"]
    title: CaseTitle | None = None
    text: CaseText


class ReorderCards(Command):
    type: Literal["reorder_cards"]
    card_ids: Annotated[list[Id], Field(max_length=100)]


def add_case_card(room: Room, cmd: AddCaseCard, ctx: Context) -> HandlerResult:
    """A case is played like a statement, right after the current card."""
    if len(room.agenda) >= MAX_AGENDA:
        raise Refusal("limit_reached", f"A room holds at most {MAX_AGENDA} cards.")
    written = sum(
        1
        for card in room.cards.values()
        if card.kind == "case" and card.deck_id is None and card.author_id == ctx.actor.player_id
    )
    if written >= MAX_CASE_CARDS_PER_WRITER:
        raise Refusal(
            "limit_reached", f"One person writes at most {MAX_CASE_CARDS_PER_WRITER} case cards."
        )
    card = Card(
        id=f"case-{ctx.new_id}",
        kind="case",
        text={"nl": cmd.text, "en": cmd.text},
        title={"nl": cmd.title, "en": cmd.title} if cmd.title else None,
        author_id=ctx.actor.player_id,
    )
    event = events.make("case_card_added", card=card_data(card), after=_insert_after(room))
    return [event], {"card_id": card.id}


class AddCard(Command):
    """The facilitator writes a card of their own in the lobby: a statement, a scenario or
    a case prompt, in Dutch and English (the content models' limits, as in a deck file)."""

    type: Literal["add_card"]
    kind: CardKind
    title: LocalText | None = None
    text: LocalText
    minutes: Minutes | None = None


class RemoveCard(Command):
    """The facilitator takes a card out of the room before the game starts."""

    type: Literal["remove_card"]
    card_id: Id


OWN_DECK_ID = "own"
"""The deck id of cards written in the lobby: a deck's card, so an own case prompt is a
blank case card its reader writes (``Card.to_write``), like a deck's."""


def add_card(room: Room, cmd: AddCard, ctx: Context) -> HandlerResult:
    if len(room.agenda) >= MAX_AGENDA:
        raise Refusal("limit_reached", f"A room holds at most {MAX_AGENDA} cards.")
    card = Card(
        id=f"{OWN_DECK_ID}/{ctx.new_id}",
        kind=cmd.kind,
        text=cmd.text.model_dump(),
        title=cmd.title.model_dump() if cmd.title else None,
        minutes=cmd.minutes,
        deck_id=OWN_DECK_ID,
    )
    event = events.make("card_added", card=card_data(card), after=_insert_after(room))
    return [event], {"card_id": card.id}


def remove_card(room: Room, cmd: RemoveCard, ctx: Context) -> HandlerResult:
    if cmd.card_id not in room.cards:
        raise Refusal("unknown_card")
    if cmd.card_id in room.started:  # back in the lobby after playing it: it has a history
        raise Refusal("card_started")
    if len(room.agenda) <= 1:
        raise Refusal("limit_reached", "A room keeps at least one card.")
    return [events.make("card_removed", card_id=cmd.card_id)], {}


def write_case(room: Room, cmd: WriteCase, ctx: Context) -> HandlerResult:
    """A blank case card from a deck leads its reader into writing a case from their own
    practice (seed 003: a player writes a case, the others respond). Once written, the
    case is the card's text and the card is played like a statement; the prompt is kept."""
    card_id = str(room.current_card_id)
    if not room.cards[card_id].to_write:
        raise Refusal("nothing_to_write")
    reader = room.readers.get(card_id)
    if ctx.actor.role != "facilitator" and ctx.actor.player_id != reader:
        raise Refusal("not_reader")
    event = events.make(
        "case_written",
        card_id=card_id,
        text=cmd.text,
        title=cmd.title,
        author_id=ctx.actor.player_id,
    )
    return [event], {}


def _insert_after(room: Room) -> str | None:
    """Cases are played in the order they were written: after the current card and after
    the cases already waiting right behind it (in the lobby: at the end of the agenda)."""
    if room.current_card_id is None:
        return room.agenda[-1] if room.agenda else None
    after = room.current_card_id
    for card_id in remaining_cards(room):
        card = room.cards[card_id]
        written_here = card.kind == "case" and card.deck_id is None
        if not written_here or card_id in room.started:
            break
        after = card_id
    return after


def reorder_cards(room: Room, cmd: ReorderCards, ctx: Context) -> HandlerResult:
    remaining = remaining_cards(room)
    if sorted(cmd.card_ids) != sorted(remaining) or len(set(cmd.card_ids)) != len(cmd.card_ids):
        raise Refusal("invalid_order")
    played = room.agenda[: len(room.agenda) - len(remaining)]
    return [events.make("cards_reordered", agenda=[*played, *cmd.card_ids])], {}


RULES: tuple[Rule, ...] = (
    Rule(AddCaseCard, "member", LOBBY | CARD, add_case_card),
    Rule(WriteCase, "member", frozenset({"read"}), write_case),
    Rule(ReorderCards, "facilitator", LOBBY | CARD, reorder_cards),
    Rule(AddCard, "facilitator", LOBBY, add_card),
    Rule(RemoveCard, "facilitator", LOBBY, remove_card),
)
