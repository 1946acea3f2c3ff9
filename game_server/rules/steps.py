"""The flow of the game: lobby, then per card read -> place -> discuss -> revise, then
sort -> summary -> closed. Every move forward can be undone with ``back_step``."""

from __future__ import annotations

from typing import Literal

from . import events
from .commands import Command
from .context import Context
from .events import Event, evolve
from .figures import suggested_pile, suggested_post_it_pile
from .model import CARD_STEPS, Phase, Room
from .refusals import Refusal
from .rule import CARD, LOBBY, OPEN, PLAYING, HandlerResult, Rule
from .voting import forget_voters


class Start(Command):
    type: Literal["start"]


class NextStep(Command):
    type: Literal["next_step"]


class BackStep(Command):
    type: Literal["back_step"]


class SkipCard(Command):
    type: Literal["skip_card"]


class EndGame(Command):
    type: Literal["end_game"]


DEFAULT_TIMER_SECONDS = 300


def _moved(phase: Phase, card_id: str | None, at: int, direction: str = "forward") -> Event:
    """``at``: when the new spot began (the overview's "how long on this card")."""
    return events.make("moved", phase=phase, card_id=card_id, direction=direction, at=at)


def next_card(room: Room) -> str | None:
    """The first card after the current one (the first, from the lobby) that is not skipped."""
    for card_id in remaining_cards(room):
        if card_id not in room.skipped:
            return card_id
    return None


def remaining_cards(room: Room) -> tuple[str, ...]:
    """The agenda after the current card: the cards that can still be reordered."""
    current = room.current_card_id
    if current is None:
        return room.agenda if room.phase == "lobby" else ()
    return room.agenda[room.agenda.index(current) + 1 :]


def choose_reader(room: Room, card_id: str) -> str | None:
    """A case card is read by its author; other cards rotate over the players by seat."""
    active = room.active_players()
    if not active:
        return None
    author = room.cards[card_id].author_id
    if author is not None and any(p.id == author for p in active):
        return author
    rotation = [pid for cid, pid in room.readers.items() if room.cards[cid].author_id != pid]
    if not rotation or rotation[-1] not in room.players:
        return active[0].id
    last_seat = room.players[rotation[-1]].seat
    later = [p for p in active if p.seat > last_seat]
    return (later or active)[0].id


def card_minutes(room: Room, card_id: str) -> int | None:
    return room.cards[card_id].minutes or room.options.minutes_per_card


def timer_seconds(room: Room) -> int:
    card_id = room.current_card_id
    minutes = card_minutes(room, card_id) if card_id is not None else None
    return minutes * 60 if minutes else DEFAULT_TIMER_SECONDS


def _enter_card(room: Room, card_id: str, ctx: Context) -> list[Event]:
    made = [_moved("read", card_id, ctx.now)]
    if card_id not in room.readers:
        reader = choose_reader(room, card_id)
        if reader is not None:
            made.append(events.make("reader_chosen", card_id=card_id, player_id=reader))
    if room.timer is not None:
        made.append(events.make("timer_stopped"))
    minutes = card_minutes(room, card_id)
    if minutes:
        made.append(events.make("timer_started", started_at=ctx.now, seconds=minutes * 60))
    return made


def _enter_sort(room: Room, now: int) -> list[Event]:
    made: list[Event] = [_moved("sort", None, now)]
    if room.timer is not None:
        made.append(events.make("timer_stopped"))
    # Every round of every played card, also one nobody placed in: a round left hidden
    # would keep the figures (second, shift, suggested pile) from players and projector.
    for card_id in room.played_cards():
        for round_ in ("first", "second"):
            if room.is_hidden(card_id, round_):
                made.append(events.make("placements_revealed", card_id=card_id, round=round_))
    cards = {}
    for card_id in room.played_cards():
        pile = suggested_pile(room, card_id)
        if card_id not in room.card_piles and pile is not None:
            cards[card_id] = pile
    post_its = {
        p.id: suggested_post_it_pile(p.colour)
        for p in sorted(room.post_its.values(), key=lambda p: (p.created_at, p.id))
        if p.pile is None
    }
    if cards or post_its:
        made.append(events.make("piles_suggested", cards=cards, post_its=post_its))
    return made


def _leave_card(room: Room, ctx: Context, before: list[Event] | None = None) -> list[Event]:
    """Move on from the current card (or the lobby) to the next card, or to sorting."""
    made = list(before or [])
    after = room
    for event in made:
        after = evolve(after, event)
    following = next_card(after)
    if following is None:
        return made + _enter_sort(after, ctx.now)
    return made + _enter_card(after, following, ctx)


def start(room: Room, cmd: Start | NextStep, ctx: Context) -> HandlerResult:
    if not room.active_players():
        raise Refusal("no_players")
    return _leave_card(room, ctx), {}


def next_step(room: Room, cmd: NextStep, ctx: Context) -> HandlerResult:
    phase = room.phase
    if phase == "lobby":
        return start(room, cmd, ctx)
    if phase == "read" and room.cards[str(room.current_card_id)].to_write:
        raise Refusal("case_not_written")  # a prompt is not a statement to place pawns on
    if phase in ("read", "place", "discuss"):
        following = CARD_STEPS[CARD_STEPS.index(phase) + 1]
        return [_moved(following, room.current_card_id, ctx.now)], {}
    if phase == "revise":
        return _leave_card(room, ctx), {}
    if phase == "sort":
        return [_moved("summary", None, ctx.now)], {}
    raise Refusal("no_next_step")


def back_step(room: Room, cmd: BackStep, ctx: Context) -> HandlerResult:
    if not room.trail:
        raise Refusal("no_previous_step")
    to = room.trail[-1]
    made = [_moved(to.phase, to.card_id, ctx.now, "back")]
    if to.card_id is not None and to.card_id in room.skipped:
        made.append(events.make("card_unskipped", card_id=to.card_id))
    return made, {}


def skip_card(room: Room, cmd: SkipCard, ctx: Context) -> HandlerResult:
    skipped = events.make("card_skipped", card_id=room.current_card_id)
    return _leave_card(room, ctx, [skipped]), {}


def end_game(room: Room, cmd: EndGame, ctx: Context) -> HandlerResult:
    made: list[Event] = [_moved("closed", None, ctx.now)]
    if room.timer is not None:
        made.append(events.make("timer_stopped"))
    if room.options.anonymous_post_its:
        # Anonymous means nobody can tell who wrote what once the game is over, not even
        # whoever holds the data: the authors (kept so far only so that each could edit
        # their own) are forgotten, and the store rewrites the history that named them
        # (room/anonymity.py). Reopened, these post-its have no author left.
        known = sorted(p.id for p in room.post_its.values() if p.author_id is not None)
        if known:
            made.append(events.make("authors_forgotten", post_it_ids=known))
    # Dot votes are secret, anonymous room or not: the voters are forgotten likewise.
    made.extend(forget_voters(room))
    return made, {}


class GoToSort(Command):
    """A workshop's "all tables to sort now": the table leaves its card for sorting."""

    type: Literal["go_to_sort"]


def go_to_sort(room: Room, cmd: GoToSort, ctx: Context) -> HandlerResult:
    return _enter_sort(room, ctx.now), {}


RULES: tuple[Rule, ...] = (
    Rule(GoToSort, "workshop", CARD, go_to_sort),
    Rule(Start, "facilitator", LOBBY, start),
    Rule(NextStep, "facilitator", OPEN, next_step),
    Rule(BackStep, "facilitator", PLAYING | {"closed"}, back_step),
    Rule(SkipCard, "facilitator", CARD, skip_card),
    Rule(EndGame, "facilitator", PLAYING, end_game),
)
